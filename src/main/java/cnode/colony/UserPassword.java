package cnode.colony;

/**
 * The login edge's verdict on a password, handed to {@link Directory#login}. The directory
 * never sees a password and never computes a hash (PBKDF2 is slow by design and would stall the
 * colony's one writer thread): the edge reads the stored hash with {@link Directory#secrets},
 * verifies the password on its own thread, and reports the verdict here. An enum rather than a
 * boolean so that a call site reads as what it means.
 */
public enum UserPassword {
    /** The password matched the stored hash. */
    MATCHED,
    /** The password did not match. */
    WRONG
}
