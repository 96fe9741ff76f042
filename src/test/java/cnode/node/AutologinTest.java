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
        char last = line.charAt(line.length() - 1);
        String flipped = line.substring(0, line.length() - 1) + (last == 'A' ? 'B' : 'A');
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
