package cnode.colony;

/**
 * How an administrator's change to a user ended (lock, unlock, limits). The admin command line
 * exits 0 for {@link #DONE} and {@link #UNCHANGED} and 1 for {@link #UNKNOWN_USER}.
 */
public enum UserChange {
    /** The user changed. */
    DONE,
    /** The user was already so: nothing changed and nothing is written. */
    UNCHANGED,
    /** No user has that name. */
    UNKNOWN_USER
}
