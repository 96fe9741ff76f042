package cnode.colony.client;

import cnode.crypto.Signature;
import cnode.crypto.VaultPayload;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The registry's endpoints for money at rest, typed, over a {@link ColonyClient}: moving coins
 * between a user's wallet and vault (signed by the owner), and what a user holds (coins, one
 * page at a time) and has (balances), read with the user's session. Stateless; thread-safe as
 * the client is.
 */
public final class ColonyVault {
    /** Most coins in one page of holdings. */
    public static final int COINS_PAGE_MAX = 10_000;

    private final ColonyClient client;

    public ColonyVault(ColonyClient client) {
        this.client = client;
    }

    /** {@code POST /v1/vault/moves}: coins go to the vault or back; the owner is unchanged. */
    public Outcome<VaultMoveReply> move(VaultMoveRequest request)
        throws IOException, InterruptedException {
        return client.post("/v1/vault/moves", request, VaultMoveReply.class);
    }

    /**
     * {@code GET /v1/users/{user}/holdings?after=ID&limit=N}: one page of the user's coins in id
     * order, after {@code after} (empty: from the first).
     */
    public Outcome<HoldingsReply> holdings(SessionToken session, String user, String after,
                                           int limit) throws IOException, InterruptedException {
        if (limit < 1 || limit > COINS_PAGE_MAX) {
            throw new IllegalArgumentException("a page has 1 to " + COINS_PAGE_MAX + " coins");
        }
        String query = "?limit=" + limit + (after.isEmpty() ? ""
            : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        return client.call("GET", "/v1/users/" + ColonyUsers.segment(user) + "/holdings"
            + query, null, HoldingsReply.class, session);
    }

    /**
     * {@code GET /v1/users/{user}/holdings/changes?since=VERSION&limit=N}: what changed in the
     * user's coins since {@code since} (the {@code version} of the first page of a full read,
     * or of the last answer), at most {@code limit} changes. Refused {@code 410 CHANGES_GONE}
     * when the colony cannot answer for that version (it restarted, or forgot that far back):
     * read every page again.
     */
    public Outcome<HoldingsChangesReply> holdingsChanges(SessionToken session, String user,
                                                         String since, int limit)
        throws IOException, InterruptedException {
        if (limit < 1 || limit > COINS_PAGE_MAX) {
            throw new IllegalArgumentException("a read has 1 to " + COINS_PAGE_MAX + " changes");
        }
        if (since.isEmpty()) {
            throw new IllegalArgumentException("since is a version the colony gave");
        }
        String query = "?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8) + "&limit="
            + limit;
        return client.call("GET", "/v1/users/" + ColonyUsers.segment(user)
            + "/holdings/changes" + query, null, HoldingsChangesReply.class, session);
    }

    /** {@code GET /v1/users/{user}/balances}: the user's money of each kind. */
    public Outcome<BalancesReply> balances(SessionToken session, String user)
        throws IOException, InterruptedException {
        return client.call("GET", "/v1/users/" + ColonyUsers.segment(user) + "/balances", null,
            BalancesReply.class, session);
    }

    /**
     * Body of {@code POST /v1/vault/moves}: the terms the owner signed ({@link VaultPayload},
     * tag {@code cnode/vault/v1}) and the signature.
     *
     * @param transferId the client-chosen id: 1 to 64 of {@code [A-Za-z0-9._:-]}
     * @param user the owner of the coins
     * @param to {@code VAULT} (from the wallet) or {@code WALLET} (back)
     * @param coinIds the coins that move
     * @param expiresAtMs when the signature stops being accepted: after now, and at most the
     *     registry's retention (15 minutes by default) ahead
     * @param signature the owner's signature of the terms, base64url
     */
    public record VaultMoveRequest(String transferId, String user, String to,
                                   List<String> coinIds, long expiresAtMs, String signature) {
        public VaultMoveRequest {
            coinIds = List.copyOf(coinIds);
        }

        /** The request for {@code terms} with the owner's signature. */
        public static VaultMoveRequest of(VaultPayload terms, Signature signature) {
            return new VaultMoveRequest(terms.transferId(), terms.user(), terms.to(),
                terms.coinIds(), terms.expiresAtMs(), signature.text());
        }
    }

    /** Answer of a vault move: where the coins now are. */
    public record VaultMoveReply(String transferId, String user, String to,
                                 List<String> coinIds) {
        public VaultMoveReply {
            coinIds = List.copyOf(coinIds);
        }
    }

    /**
     * Answer of {@code GET /v1/users/{user}/holdings}.
     *
     * <p>To keep a copy of the coins current without reading them all again: read every page,
     * keep the {@code version} of the FIRST page, then ask
     * {@link #holdingsChanges(SessionToken, String, String, int)} with it, and after that with
     * each answer's {@code version}. A change is reported as the coin's current row, so one the
     * pages already showed is replayed harmlessly, and the copy ends up equal to a fresh full
     * read.
     *
     * @param coins this page, by id
     * @param next the {@code after} of the next page; absent on the last page
     * @param version the version of the user's coins when this page was read, for
     *     {@code holdingsChanges}; absent from colonies that have no change feed
     */
    public record HoldingsReply(List<CoinView> coins, @OptionalField String next,
                                @OptionalField String version) {
        public HoldingsReply {
            coins = List.copyOf(coins);
        }

        /** A page without a version, as colonies without a change feed answer. */
        public HoldingsReply(List<CoinView> coins, String next) {
            this(coins, next, null);
        }
    }

    /**
     * Answer of {@code GET /v1/users/{user}/holdings/changes}: what changed since the version
     * asked with. Apply {@code gone} (remove those ids) and {@code coins} (put each row, by id,
     * replacing any earlier one); order between the two does not matter, as a coin is in at
     * most one of them.
     *
     * @param coins the coins the user has that changed or arrived, each as it is now, in the
     *     order of their latest change
     * @param gone the ids of coins that left the user (paid, redeemed, exchanged)
     * @param version the version to ask with next time
     * @param more whether the limit cut the answer: ask again at once with {@code version}
     */
    public record HoldingsChangesReply(List<CoinView> coins, List<String> gone, String version,
                                       boolean more) {
        public HoldingsChangesReply {
            coins = List.copyOf(coins);
            gone = List.copyOf(gone);
        }
    }

    /**
     * One coin a user owns: its signed facts and where it is.
     *
     * @param id the coin id
     * @param faceValue billons
     * @param currency the currency
     * @param colour the colour
     * @param issuedAtMs when the bank issued it
     * @param expiresAtMs from when it is expired
     * @param place {@code WALLET} or {@code VAULT}
     * @param reservedBy the prepared swap holding it; absent when free
     */
    public record CoinView(String id, long faceValue, String currency, long colour,
                           long issuedAtMs, long expiresAtMs, String place,
                           @OptionalField String reservedBy) {}

    /** Answer of {@code GET /v1/users/{user}/balances}: one line per kind of money. */
    public record BalancesReply(String username, List<BalanceView> balances) {
        public BalancesReply {
            balances = List.copyOf(balances);
        }
    }

    /**
     * A user's money of one currency and colour, in billons; the four parts never overlap.
     *
     * @param currency the currency
     * @param colour the colour
     * @param free in the wallet, spendable
     * @param locked reserved by prepared swaps
     * @param vault in the vault
     * @param expired in the wallet, expired (only an exchange takes it)
     */
    public record BalanceView(String currency, long colour, long free, long locked, long vault,
                              long expired) {}
}
