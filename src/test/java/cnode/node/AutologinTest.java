package cnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The autologin password at rest: opens only with the node's key and for its own user. */
class AutologinTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    @Test
    void aSealedLineOpensWithTheSameKey() {
        Autologin autologin = new Autologin(key(), RANDOM);
        String line = autologin.seal(new Autologin.Credentials("alice", "zażółć hasło"));
        assertThat(line).startsWith("alice:").doesNotContain("hasło");
        assertThat(autologin.open(line)).contains(
            new Autologin.Credentials("alice", "zażółć hasło"));
        assertThat(autologin.seal(new Autologin.Credentials("alice", "zażółć hasło")))
            .as("a fresh nonce each time").isNotEqualTo(line);
    }

    @Test
    void anotherNodesKeyAnotherUserOrATamperedLineDoNotOpen() {
        byte[] key = key();
        Autologin autologin = new Autologin(key, RANDOM);
        String line = autologin.seal(new Autologin.Credentials("alice", "secret"));
        assertThat(new Autologin(key(), RANDOM).open(line)).isEmpty();
        assertThat(autologin.open(line.replaceFirst("alice", "bruno"))).isEmpty();
        // A character in the middle of the sealed part: every bit of it counts (the last one
        // of unpadded base64 may carry bits the decoder ignores, so flipping it can change
        // nothing).
        int middle = (line.indexOf(':') + 1 + line.length()) / 2;
        char was = line.charAt(middle);
        String flipped = line.substring(0, middle) + (was == 'A' ? 'B' : 'A')
            + line.substring(middle + 1);
        assertThat(autologin.open(flipped)).isEmpty();
        assertThat(autologin.open("alice:")).isEmpty();
        assertThat(autologin.open("garbage")).isEmpty();
        assertThat(autologin.open("alice:!!!")).isEmpty();
    }

    @Test
    void credentialsNeverShowThePassword() {
        assertThat(new Autologin.Credentials("alice", "secret").toString())
            .doesNotContain("secret");
    }
}
