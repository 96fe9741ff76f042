package cnode.colony;

/**
 * Why a user is locked, if at all. Either kind refuses logins ({@code LOCKED}) and makes
 * {@link Account#locked()} true, so the registry refuses the user's swaps; only an
 * administrator's unlock lifts either kind, and it also forgets the wrong passwords counted.
 */
public enum UserLock {
    /** Not locked. */
    NONE,
    /** Locked by an administrator ({@code cnode colony admin lock USER}). */
    ADMIN,
    /** Locked because the configured number of wrong passwords was given in a row. */
    WRONG_PASSWORDS
}
