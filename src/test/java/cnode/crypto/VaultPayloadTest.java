package cnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The vault move's canonical bytes are exactly docs/SIGNATURES.md's example, do not depend on
 * the order coin ids are listed in, and differ from a swap's; more ids than a move holds is a
 * bug of the caller.
 */
class VaultPayloadTest {
    private static final String COIN = "0123456789ABCDEFGHIJKLMNOP";

    @Test
    void theBytesAreTheDocumentedOnes() {
        VaultPayload move = new VaultPayload("vault-1", "alice", "VAULT", List.of(COIN),
            1_800_000_000_000L);
        String expected = "0000000e636e6f64652f7661756c742f7631"
            + "000000077661756c742d31" + "00000005616c696365" + "000000055641554c54"
            + "00000001" + "0000001a303132333435363738394142434445464748494a4b4c4d4e4f50"
            + "000001a3185c5000";
        assertThat(HexFormat.of().formatHex(move.bytes())).isEqualTo(expected);
    }

    @Test
    void coinIdsAreASetAndEveryFieldCounts() {
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> COIN.substring(1) + i).toList();
        List<String> reversed = new java.util.ArrayList<>(ids);
        Collections.reverse(reversed);
        VaultPayload one = new VaultPayload("t", "alice", "VAULT", ids, 5);
        assertThat(new VaultPayload("t", "alice", "VAULT", reversed, 5).bytes())
            .isEqualTo(one.bytes());
        for (VaultPayload other : List.of(new VaultPayload("u", "alice", "VAULT", ids, 5),
            new VaultPayload("t", "alicf", "VAULT", ids, 5),
            new VaultPayload("t", "alice", "WALLET", ids, 5),
            new VaultPayload("t", "alice", "VAULT", ids.subList(1, 5), 5),
            new VaultPayload("t", "alice", "VAULT", ids, 6))) {
            assertThat(other.bytes()).isNotEqualTo(one.bytes());
        }
        KeyPair keys = KeyPair.generate(new java.security.SecureRandom(new byte[] {7}));
        Signature signature = keys.sign(one.bytes());
        assertThat(keys.publicKey().verifies(one.bytes(), signature)).isTrue();
        SwapPayload swap = new SwapPayload("t", "alice", "VAULT", "PLN", 0, ids, List.of(), 5);
        assertThat(keys.publicKey().verifies(swap.bytes(), signature)).isFalse();
    }

    @Test
    void moreIdsThanAMoveHoldsIsRefused() {
        List<String> many = IntStream.range(0, VaultPayload.COIN_IDS_MAX + 1)
            .mapToObj(Integer::toString).toList();
        assertThatThrownBy(() -> new VaultPayload("t", "alice", "VAULT", many, 5))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
