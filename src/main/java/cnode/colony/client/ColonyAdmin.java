package cnode.colony.client;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The colony's admin endpoints, typed, over a {@link ColonyClient}: the ones
 * {@code cnode colony admin} calls. Mutating calls take the admin token; {@code check} and
 * {@code users} need none (contract §2). The request and reply records below are the wire
 * shapes of docs/COLONY-API.md; a refusal (an unknown user, a wrong token) arrives as an
 * {@link Outcome.Refused} like any other. Stateless; thread-safe as the client is.
 */
public final class ColonyAdmin {
    /** Most users in one page of {@code GET /v1/admin/users}. */
    public static final int USERS_PAGE_MAX = 1_000;

    private final ColonyClient client;

    public ColonyAdmin(ColonyClient client) {
        this.client = client;
    }

    /** {@code GET /v1/admin/ping}: whether the colony accepts {@code token}. */
    public Outcome<AdminPingReply> ping(BearerToken token)
        throws IOException, InterruptedException {
        return client.get("/v1/admin/ping", AdminPingReply.class, token);
    }

    /**
     * {@code POST /v1/admin/mint}: issue coins worth {@code billons} to a user. Safe to repeat
     * with the request's transfer id.
     */
    public Outcome<MintReply> mint(BearerToken token, MintRequest request)
        throws IOException, InterruptedException {
        return client.post("/v1/admin/mint", request, MintReply.class, token);
    }

    /** {@code POST /v1/admin/lock}: the user can no longer move money. */
    public Outcome<LockReply> lock(BearerToken token, String user)
        throws IOException, InterruptedException {
        return client.post("/v1/admin/lock", new UserRequest(user), LockReply.class, token);
    }

    /** {@code POST /v1/admin/unlock}: the user may move money again. */
    public Outcome<LockReply> unlock(BearerToken token, String user)
        throws IOException, InterruptedException {
        return client.post("/v1/admin/unlock", new UserRequest(user), LockReply.class, token);
    }

    /** {@code POST /v1/admin/limits}: sets the given limits, keeps the others. */
    public Outcome<LimitsReply> limits(BearerToken token, LimitsRequest request)
        throws IOException, InterruptedException {
        return client.post("/v1/admin/limits", request, LimitsReply.class, token);
    }

    /** {@code GET /v1/admin/check}: the conservation check, no token. */
    public Outcome<CheckReply> check() throws IOException, InterruptedException {
        return client.get("/v1/admin/check", CheckReply.class);
    }

    /**
     * {@code GET /v1/admin/users?after=NAME&limit=N}: one page of users in name
     * order, starting after {@code after} (empty: from the first), no token.
     */
    public Outcome<UsersReply> users(String after, int limit)
        throws IOException, InterruptedException {
        if (limit < 1 || limit > USERS_PAGE_MAX) {
            throw new IllegalArgumentException("a page has 1 to " + USERS_PAGE_MAX + " users");
        }
        String query = "?limit=" + limit + (after.isEmpty() ? ""
            : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        return client.get("/v1/admin/users" + query, UsersReply.class);
    }

    /**
     * Body of {@code POST /v1/admin/mint}.
     *
     * @param transferId the id that makes the mint idempotent: 1 to 64 characters of
     *     {@code [A-Za-z0-9._:-]}; the same request again gets the first answer. Absent: the
     *     colony draws one (and the request cannot be repeated safely)
     * @param user the username that will own the coins
     * @param billons the amount, positive
     * @param currency three upper-case letters, a currency of {@code GET /v1/currencies}
     * @param colour the coins' colour; absent means 0
     * @param curve the issuance curve that splits the amount into face values; absent means
     *     the fewest coins
     */
    public record MintRequest(@OptionalField String transferId, String user, long billons,
                              String currency, @OptionalField Long colour,
                              @OptionalField String curve) {}

    /**
     * Answer of {@code POST /v1/admin/mint}.
     *
     * @param transferId the mint's transfer id (the one drawn, when the request had none)
     * @param user the new owner
     * @param currency the coins' currency
     * @param colour the coins' colour
     * @param billons the amount issued
     * @param coinCount how many coins were issued
     * @param coins the coins, smallest face value first, each signed by the bank
     */
    public record MintReply(String transferId, String user, String currency, long colour,
                            long billons, int coinCount, List<CoinReply> coins) {
        public MintReply {
            coins = List.copyOf(coins);
        }
    }

    /** Body of {@code POST /v1/admin/lock} and {@code /unlock}. */
    public record UserRequest(String user) {}

    /** Answer of lock and unlock: the user's lock state afterwards. */
    public record LockReply(String user, boolean locked) {}

    /**
     * Body of {@code POST /v1/admin/limits}: each limit in billons, absent to keep it as it is;
     * {@link Long#MAX_VALUE} means no limit.
     */
    public record LimitsRequest(String user, @OptionalField Long perTransfer,
                                @OptionalField Long dailyOut, @OptionalField Long dailyIn,
                                @OptionalField Long balanceCap) {}

    /** A user's limits in billons after the change; {@link Long#MAX_VALUE} is no limit. */
    public record LimitsReply(String user, long perTransfer, long dailyOut, long dailyIn,
                              long balanceCap) {}

    /**
     * Answer of {@code GET /v1/admin/check}.
     *
     * @param passed whether live coins equal issued minus redeemed everywhere and no coin has
     *               two owners
     * @param totals one line per currency and colour
     * @param findings what is wrong, one sentence each (empty when passed; at most 100)
     */
    public record CheckReply(boolean passed, List<Total> totals, List<String> findings) {
        public CheckReply {
            totals = List.copyOf(totals);
            findings = List.copyOf(findings);
        }
    }

    /** Sums of one currency and colour, in billons. */
    public record Total(String currency, long colour, long issued, long redeemed, long live) {}

    /**
     * Answer of {@code GET /v1/admin/users}.
     *
     * @param users this page, in name order
     * @param next the name to pass as {@code after} for the next page; absent on the last page
     */
    public record UsersReply(List<UserEntry> users, @OptionalField String next) {
        public UsersReply {
            users = List.copyOf(users);
        }
    }

    /** One user as the administrator sees it. */
    public record UserEntry(String username, boolean merchant, boolean locked,
                            UserLimits limits, List<Balance> balances) {
        public UserEntry {
            balances = List.copyOf(balances);
        }
    }

    /** A user's limits in billons; {@link Long#MAX_VALUE} is no limit. */
    public record UserLimits(long perTransfer, long dailyOut, long dailyIn, long balanceCap) {}

    /** A user's money of one currency, in billons: in the wallet and in the vault. */
    public record Balance(String currency, long wallet, long vault) {}
}
