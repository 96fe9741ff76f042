package cnode.wallet;

import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.SessionToken;
import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;
import cnode.crypto.Pbkdf2;
import cnode.node.NodeUser;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Users and coins for wallet tests, from a seeded source so runs repeat. */
public final class WalletFixtures {
    /** A day in milliseconds. */
    public static final long DAY_MS = 86_400_000L;
    /** 2027-01-15 08:00:00 UTC, when the coins of these tests are issued. */
    public static final long ISSUED_MS = 1_800_000_000_000L;
    /** 730 days after issue. */
    public static final long EXPIRES_MS = ISSUED_MS + 730 * DAY_MS;

    private WalletFixtures() {}

    /** A logged-in user as a node would hold it, with the session {@code token}. */
    public static NodeUser user(String username, String token) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(username.hashCode());
            KeyPair keys = KeyPair.generate(random);
            KeyBlob blob = KeyBlob.seal(keys.privateKey(), username, "pw", random,
                Pbkdf2.ITERATIONS_MIN);
            return new NodeUser(username, keys, blob, new SessionToken(token), "MPIN01", false,
                null);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every JDK has SHA1PRNG", missing);
        }
    }

    /** A 26-character coin id ending in {@code suffix}. */
    public static String id(String suffix) {
        return "C".repeat(26 - suffix.length()) + suffix;
    }

    /** A coin in the wallet, free at the registry, valid from ISSUED_MS to EXPIRES_MS. */
    public static CoinView coin(String suffix, long billons, String currency) {
        return new CoinView(id(suffix), billons, currency, 0, ISSUED_MS, EXPIRES_MS, "WALLET",
            null);
    }

    /** The same coin at {@code place}, held by {@code swap} (null: none). */
    public static CoinView coin(String suffix, long billons, String currency, long colour,
                                String place, String swap) {
        return new CoinView(id(suffix), billons, currency, colour, ISSUED_MS, EXPIRES_MS, place,
            swap);
    }

    /**
     * A picture of {@code coins} (wallet coins, free at the registry) at {@code nowMs} with
     * {@code reservedHere} reserved by tasks of this node, as a read of the wallet answers it.
     */
    public static WalletRead read(String username, java.util.List<cnode.money.Coin> coins,
                                  java.util.Set<String> reservedHere, long nowMs) {
        java.util.List<Holding> holdings = new java.util.ArrayList<>();
        for (cnode.money.Coin coin : coins) {
            holdings.add(new Holding(coin, Holding.Place.WALLET, null, coin.issuedAtMs()));
        }
        return new WalletRead(WalletRead.State.FRESH, WalletView.of(username, holdings,
            reservedHere, nowMs, nowMs, false));
    }
}
