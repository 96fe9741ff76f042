package cnode.colony;

import java.security.SecureRandom;

/**
 * The directory's only source of randomness (session tokens, mpins), passed in so that the core
 * stays deterministic: production uses {@link #secure()}, tests a seeded
 * {@code java.util.Random}, whose {@code nextBytes} has the same shape. Called on the
 * directory's writer thread; a few dozen bytes per login or registration.
 */
@FunctionalInterface
public interface DirectoryRandom {
    /** Fills {@code bytes} with random bytes. */
    void nextBytes(byte[] bytes);

    /** A cryptographic source: tokens and mpins must not be guessable. */
    static DirectoryRandom secure() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }
}
