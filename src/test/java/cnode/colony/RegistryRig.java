package cnode.colony;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.money.Coin;
import cnode.money.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registry on a table of accounts, with a manual time and coin factories, for the registry's
 * tests. The accounts can be changed between operations (lock a user, change limits), as the
 * directory would. One test thread.
 */
final class RegistryRig {
    /** A time well inside day 100, so a day boundary is near but not crossed by accident. */
    static final long START_MS = 100 * Registry.DAY_MS + 3_600_000L;
    static final Currency EUR = new Currency("EUR");
    static final long LIFE_MS = 30 * Registry.DAY_MS;

    final Map<String, Account> accounts = new HashMap<>();
    final Registry registry;
    long now = START_MS;
    private int mints;

    RegistryRig(RegistryConfig config) {
        registry = new Registry(config, name -> Optional.ofNullable(accounts.get(name)));
    }

    RegistryRig() {
        this(new RegistryConfig(50, 600_000L, 3_600_000L, 10_000, 100_000));
    }

    RegistryRig(RegistryConfig config, RegistryRows rows) {
        registry = Registry.restore(config, name -> Optional.ofNullable(accounts.get(name)),
            rows);
    }

    RegistryRig user(String name) {
        return user(name, false, Limits.NONE);
    }

    RegistryRig user(String name, boolean locked, Limits limits) {
        accounts.put(name, new Account(name, locked, false, limits));
        return this;
    }

    void lock(String name) {
        Account account = accounts.get(name);
        accounts.put(name, new Account(name, true, account.merchant(), account.limits()));
    }

    /** A 26-character coin id for the number {@code n}. */
    static String id(int n) {
        return String.format("C%025d", n);
    }

    static Coin coin(int n, long faceValue) {
        return coin(n, faceValue, Currency.PLN, 0, START_MS + LIFE_MS);
    }

    static Coin coin(int n, long faceValue, Currency currency, long colour, long expiresAtMs) {
        return new Coin(id(n), faceValue, currency, colour, 0, expiresAtMs);
    }

    /** Mints {@code coins} to {@code owner} under a fresh transfer id; they must be minted. */
    void give(String owner, Coin... coins) {
        MintResult result = registry.mint(new MintOrder("rig-mint-" + mints++, owner,
            List.of(coins)), now);
        assertThat(result).isEqualTo(MintResult.MINTED);
    }

    void advance(long ms) {
        now += ms;
    }

    CoinRow row(int n) {
        return registry.coin(id(n), now).orElseThrow();
    }

    void assertSound() {
        assertThat(registry.check().violations()).isEmpty();
        assertThat(registry.checkTotals().violations()).isEmpty();
    }
}
