package cnode.wallet;

import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.ColonyVault.HoldingsChangesReply;
import cnode.colony.client.ColonyVault.HoldingsReply;
import cnode.colony.client.Outcome;
import cnode.money.Coin;
import cnode.money.Currency;
import cnode.money.Denominations;
import cnode.node.NodeUser;
import cnode.stdx.Ids;
import java.io.IOException;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a user's coins from the colony for a {@link Wallet}: the first time every page of
 * {@code GET /v1/users/{user}/holdings}, and after that only what changed since the copy's
 * version ({@code GET .../holdings/changes}), applied to a new copy of the map, so a busy
 * merchant holding tens of thousands of coins is not read in full every second. A full read
 * again when the colony no longer knows the version (it restarted, or the changes are too
 * old: {@code 410 CHANGES_GONE}), when the changes would overflow the cache's bound, or when
 * they span more pages than a full read would. Changes come as the coins' current rows, so a
 * change already seen in a full read's later page is applied again harmlessly.
 *
 * <p>Stateless apart from its collaborators; any thread, one read at a time per wallet (the
 * wallet's single-flight ensures it).
 */
final class HoldingsReader {
    private static final Logger LOG = LoggerFactory.getLogger(HoldingsReader.class);

    private final HoldingsSource source;
    private final WalletLimits limits;

    HoldingsReader(HoldingsSource source, WalletLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    /**
     * The user's coins now, from {@code previous} (null: none yet) and what changed since, or
     * from a full read; null when the colony could not be read.
     */
    WalletCopy read(NodeUser user, WalletCopy previous, long startedAtMs)
        throws InterruptedException {
        if (previous != null && previous.version() != null && !previous.truncated()
            && previous.username().equals(user.username())) {
            CatchUp caughtUp = catchUp(user, previous, startedAtMs);
            if (!caughtUp.readAll()) {
                return caughtUp.copy();
            }
        }
        return readAll(user, previous, startedAtMs);
    }

    /** A catch-up's end: the new copy, or a full read is needed, or neither (failed). */
    private record CatchUp(WalletCopy copy, boolean readAll) {
        static final CatchUp FAILED = new CatchUp(null, false);
        static final CatchUp READ_ALL = new CatchUp(null, true);
    }

    private CatchUp catchUp(NodeUser user, WalletCopy previous, long startedAtMs)
        throws InterruptedException {
        TreeMap<String, Holding> holdings = null;
        String since = previous.version();
        int skipped = 0;
        for (int page = 0; page < limits.pagesMax(); page++) {
            Outcome<HoldingsChangesReply> outcome;
            try {
                outcome = source.changes(user.session(), user.username(), since,
                    limits.pageCoins());
            } catch (IOException unreachable) {
                LOG.warn("wallet of {}: the colony cannot be read ({}); keeping the last copy",
                    user.username(), unreachable.getClass().getSimpleName());
                return CatchUp.FAILED;
            }
            if (outcome instanceof Outcome.Refused<HoldingsChangesReply> refused) {
                if (refused.refusal().error().equals("CHANGES_GONE")) {
                    LOG.info("wallet of {}: the colony no longer has the changes since the last "
                        + "read; reading every coin", user.username());
                    return CatchUp.READ_ALL;
                }
                LOG.warn("wallet of {}: the colony refused the changes ({}); keeping the last "
                    + "copy", user.username(), refused.refusal().line());
                return CatchUp.FAILED;
            }
            HoldingsChangesReply reply = ((Outcome.Ok<HoldingsChangesReply>) outcome).reply();
            if (!reply.coins().isEmpty() || !reply.gone().isEmpty()) {
                holdings = holdings != null ? holdings : new TreeMap<>(previous.holdings());
                skipped += apply(reply, holdings, previous, startedAtMs);
            }
            since = reply.version();
            if (!reply.more()) {
                if (holdings != null && holdings.size() > limits.coinsMax()) {
                    return CatchUp.READ_ALL;
                }
                SortedMap<String, Holding> now = holdings == null ? previous.holdings()
                    : Collections.unmodifiableSortedMap(holdings);
                report(user.username(), previous, false, skipped);
                return new CatchUp(new WalletCopy(user.username(), now, startedAtMs, false,
                    skipped, since), false);
            }
        }
        return CatchUp.READ_ALL;
    }

    /** Applies one answer of changes; returns how many coins were malformed (left out). */
    private static int apply(HoldingsChangesReply reply, TreeMap<String, Holding> holdings,
                             WalletCopy previous, long seenAtMs) {
        int skipped = 0;
        for (String gone : reply.gone()) {
            holdings.remove(gone);
        }
        for (CoinView view : reply.coins()) {
            Holding holding = holding(view, previous, seenAtMs);
            if (holding == null) {
                skipped++;
                if (view.id() != null) {
                    holdings.remove(view.id());
                }
            } else {
                holdings.put(holding.coin().id(), holding);
            }
        }
        return skipped;
    }

    /** Every page of {@code user}'s holdings, or null when the colony could not be read. */
    private WalletCopy readAll(NodeUser user, WalletCopy previous, long startedAtMs)
        throws InterruptedException {
        TreeMap<String, Holding> holdings = new TreeMap<>();
        String after = "";
        String version = null;
        int skipped = 0;
        boolean truncated = false;
        for (int page = 0; ; page++) {
            int room = limits.coinsMax() - holdings.size();
            if (room == 0 || page == limits.pagesMax()) {
                truncated = true;
                break;
            }
            HoldingsReply reply = page(user, after, Math.min(limits.pageCoins(), room));
            if (reply == null) {
                return null;
            }
            if (page == 0) {
                version = reply.version();
            }
            for (CoinView view : reply.coins()) {
                Holding holding = holding(view, previous, startedAtMs);
                if (holding == null) {
                    skipped++;
                } else if (holdings.size() < limits.coinsMax()) {
                    holdings.putIfAbsent(holding.coin().id(), holding);
                } else {
                    truncated = true;
                }
            }
            if (reply.next() == null || truncated) {
                break;
            }
            if (reply.next().compareTo(after) <= 0) {
                LOG.warn("wallet of {}: the colony's holdings pages do not advance; keeping the "
                    + "last copy", user.username());
                return null;
            }
            after = reply.next();
        }
        report(user.username(), previous, truncated, skipped);
        return new WalletCopy(user.username(), Collections.unmodifiableSortedMap(holdings),
            startedAtMs, truncated, skipped, version);
    }

    private HoldingsReply page(NodeUser user, String after, int limit)
        throws InterruptedException {
        Outcome<HoldingsReply> outcome;
        try {
            outcome = source.page(user.session(), user.username(), after, limit);
        } catch (IOException unreachable) {
            LOG.warn("wallet of {}: the colony cannot be read ({}); keeping the last copy",
                user.username(), unreachable.getClass().getSimpleName());
            return null;
        }
        return switch (outcome) {
            case Outcome.Ok<HoldingsReply> ok -> ok.reply();
            case Outcome.Refused<HoldingsReply> refused -> {
                LOG.warn("wallet of {}: the colony refused the holdings ({}); keeping the last "
                    + "copy", user.username(), refused.refusal().line());
                yield null;
            }
        };
    }

    /** Logs what the user should know about a read, once per change, not every second. */
    private void report(String username, WalletCopy previous, boolean truncated, int skipped) {
        if (truncated && (previous == null || !previous.truncated())) {
            LOG.error("wallet of {}: the user holds more than {} coins; the node shows and "
                + "spends only the first {} by id", username, limits.coinsMax(),
                limits.coinsMax());
        }
        if (skipped > 0 && (previous == null || previous.skipped() != skipped)) {
            LOG.warn("wallet of {}: {} coin(s) in the colony's answer are malformed and left "
                + "out", username, skipped);
        }
    }

    /** The coin as the cache keeps it, or null when the colony's answer is not a coin. */
    private static Holding holding(CoinView view, WalletCopy previous, long seenAtMs) {
        boolean facts = isCoinId(view.id())
            && Denominations.isFaceValue(view.faceValue()) && Currency.isCode(view.currency())
            && view.colour() >= 0 && view.expiresAtMs() > view.issuedAtMs();
        Holding.Place place = "WALLET".equals(view.place()) ? Holding.Place.WALLET
            : "VAULT".equals(view.place()) ? Holding.Place.VAULT : null;
        if (!facts || place == null) {
            return null;
        }
        Coin coin = new Coin(view.id(), view.faceValue(), new Currency(view.currency()),
            view.colour(), view.issuedAtMs(), view.expiresAtMs());
        long incomingAtMs;
        if (previous == null) {
            incomingAtMs = coin.issuedAtMs();
        } else {
            Holding known = previous.holdings().get(coin.id());
            incomingAtMs = known == null ? seenAtMs : known.incomingAtMs();
        }
        return new Holding(coin, place, view.reservedBy(), incomingAtMs);
    }

    /** Whether {@code id} is 26 characters of {@code [0-9A-Z]}, as every coin id is. */
    private static boolean isCoinId(String id) {
        if (id == null || id.length() != Ids.LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
