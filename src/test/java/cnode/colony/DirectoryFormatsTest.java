package cnode.colony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The text shapes the directory accepts and makes, as tables of good and bad examples. */
final class DirectoryFormatsTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8989", "localhost:1", "a:65535", "node-1.shop.pl:8990",
        "[::1]:8989", "[2001:db8::8a2e:370:7334]:443", "[::ffff:10.0.0.1]:9"})
    void goodAddresses(String address) {
        assertThat(DirectoryFormats.address(address)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"127.0.0.1", ":8989", "host:", "host:0", "host:65536", "host:08989",
        "host:123456", "-host:1", "host-:1", "ho st:1", "host..pl:1", "[::1:1", "[xyz]:1",
        "::1:1", "host:1:", "http://host:1"})
    void badAddresses(String address) {
        assertThat(DirectoryFormats.address(address)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {253, 300})
    void addressesAreBounded(int hostLength) {
        String host = ("a".repeat(62) + ".").repeat(5).substring(0, hostLength - 1) + "b";
        assertThat(DirectoryFormats.address(host + ":1")).isEqualTo(hostLength <= 253);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.pl", "first.last+tag@mail.example.com", "x_y-z%1@a-b.co"})
    void goodEmails(String email) {
        assertThat(DirectoryFormats.email(email)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a@b", "@b.pl", "a@.pl", "a b@c.pl", "a@b..pl", "a@b.pl.",
        "\"q\"@b.pl", "a@[1.2.3.4]", "a@@b.pl"})
    void badEmails(String email) {
        assertThat(DirectoryFormats.email(email)).isFalse();
    }

    @Test
    void emailsAreBounded() {
        String domain = "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(60) + ".pl";
        assertThat(DirectoryFormats.email("a".repeat(60) + "@" + domain)).isTrue();
        assertThat(DirectoryFormats.email("a".repeat(65) + "@b.pl")).isFalse();
        assertThat(DirectoryFormats.email("a".repeat(64) + "@" + domain)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"[1]", "\"text\"", "1", "null", "{", "{}x", "{} {}", "{'a':1}"})
    void onlyOneWellFormedObjectIsAnObject(String json) {
        assertThat(DirectoryFormats.jsonObject(json)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " { \"a\" : [1, {\"b\": null}] } ", "{\"logo\":\"AAE=\"}"})
    void wellFormedObjects(String json) {
        assertThat(DirectoryFormats.jsonObject(json)).isTrue();
    }

    @Test
    void holdersAndHashesArePrintableAndBounded() {
        assertThat(DirectoryFormats.holder("node-1@host:9091")).isTrue();
        assertThat(DirectoryFormats.holder("h".repeat(64))).isTrue();
        assertThat(DirectoryFormats.holder("h".repeat(65))).isFalse();
        assertThat(DirectoryFormats.holder("a b")).isFalse();
        assertThat(DirectoryFormats.holder("ą")).isFalse();
        assertThat(DirectoryFormats.holder(null)).isFalse();
        assertThat(DirectoryFormats.passwordHash("h".repeat(512))).isTrue();
        assertThat(DirectoryFormats.passwordHash("h".repeat(513))).isFalse();
        assertThat(DirectoryFormats.passwordHash("a\tb")).isFalse();
    }

    @Test
    void tokensAndMpinsHaveTheirShapesAndSpreadOverTheirAlphabets() {
        Random random = new Random(7);
        Set<Character> tokenChars = new HashSet<>();
        Set<Character> mpinChars = new HashSet<>();
        Set<String> mpins = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String token = DirectoryFormats.sessionToken(random::nextBytes);
            String mpin = DirectoryFormats.mpin(random::nextBytes);
            assertThat(token).matches("[0-9A-V]{32}");
            assertThat(mpin).matches("[0-9A-Z]{6}");
            token.chars().forEach(c -> tokenChars.add((char) c));
            mpin.chars().forEach(c -> mpinChars.add((char) c));
            mpins.add(mpin);
        }

        assertThat(tokenChars).hasSize(32);
        assertThat(mpinChars).hasSize(36);
        assertThat(mpins).hasSizeGreaterThan(1_990);
        assertThat(DirectoryFormats.mpin(bytes -> { })).isEqualTo("000000");
    }
}
