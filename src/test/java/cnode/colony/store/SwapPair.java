package cnode.colony.store;

import cnode.colony.MintOrder;
import cnode.colony.MintResult;
import cnode.colony.Registry;
import cnode.colony.SwapOrder;
import cnode.colony.UserBytes;
import cnode.colony.UserRegistered;
import cnode.colony.UserRegistration;
import cnode.crypto.KeyPair;
import cnode.crypto.PublicKey;
import cnode.crypto.Signature;
import cnode.money.Coin;
import cnode.money.Currency;
import cnode.stdx.Ids;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Two users who pay each other the same coins back and forth, for the crash test's loader and
 * the swap benchmark: the first holds three coins (1, 2 and 5 PLN) and the second one coin of
 * 0.50 PLN. Swap {@code n} moves the three from its payer to its payee and the one back as
 * change, so every swap moves four coins and both owners sign it; even swaps are paid by the
 * first user, odd ones by the second, and after each swap the payer of the next one holds the
 * three coins again. Immutable once made; any thread.
 */
final class SwapPair {
    private static final long[] PAID_FACES = {1_000, 2_000, 5_000};
    private static final long CHANGE_FACE = 500;
    private static final long LIFE_MS = 3_650 * Registry.DAY_MS;

    private final String first;
    private final String second;
    private final KeyPair firstKey;
    private final KeyPair secondKey;
    private final List<Coin> paid;
    private final Coin change;
    private final long amount;

    SwapPair(String first, String second, SecureRandom random, Ids ids, long nowMs) {
        this.first = first;
        this.second = second;
        this.firstKey = KeyPair.generate(random);
        this.secondKey = KeyPair.generate(random);
        List<Coin> coins = new ArrayList<>();
        long sum = 0;
        for (long face : PAID_FACES) {
            coins.add(new Coin(ids.next(), face, Currency.PLN, 0, nowMs, nowMs + LIFE_MS));
            sum += face;
        }
        this.paid = List.copyOf(coins);
        this.change = new Coin(ids.next(), CHANGE_FACE, Currency.PLN, 0, nowMs,
            nowMs + LIFE_MS);
        this.amount = sum - CHANGE_FACE;
    }

    String first() {
        return first;
    }

    /** Registers both users with their public keys, then mints each one its coins. */
    List<ColonyCommand<?>> setUp() {
        return List.of(register(first, firstKey.publicKey()),
            register(second, secondKey.publicKey()),
            mint("mint-" + first, first, paid),
            mint("mint-" + second, second, List.of(change)));
    }

    private static ColonyCommand<UserRegistered.Outcome> register(String name, PublicKey key) {
        return (state, nowMs) -> state.directory().register(new UserRegistration(name,
            "pbkdf2-sha256$1$c2FsdA$aGFzaA", new UserBytes(key.bytes()),
            new UserBytes(new byte[48]), false, "", "", "", List.of()), nowMs).outcome();
    }

    private static ColonyCommand<MintResult> mint(String transferId, String user,
                                                  List<Coin> coins) {
        return (state, nowMs) -> state.registry().mint(new MintOrder(transferId, user, coins),
            nowMs);
    }

    /** Swap {@code n} of this pair under {@code transferId}. */
    SwapOrder order(long n, String transferId, long expiresAtMs) {
        boolean even = n % 2 == 0;
        return new SwapOrder(transferId, even ? first : second, even ? second : first,
            Currency.PLN, amount, paid.stream().map(Coin::id).toList(), List.of(change.id()),
            expiresAtMs);
    }

    /** The payer's and the payee's signatures over swap {@code n}'s canonical bytes. */
    Signature[] sign(long n, byte[] payload) {
        boolean even = n % 2 == 0;
        return new Signature[] {(even ? firstKey : secondKey).sign(payload),
            (even ? secondKey : firstKey).sign(payload)};
    }

    /** What the colony's edge checks before preparing swap {@code n}: both signatures. */
    boolean verifies(long n, byte[] payload, Signature[] signatures) {
        boolean even = n % 2 == 0;
        PublicKey payer = (even ? firstKey : secondKey).publicKey();
        PublicKey payee = (even ? secondKey : firstKey).publicKey();
        return payer.verifies(payload, signatures[0]) && payee.verifies(payload, signatures[1]);
    }
}
