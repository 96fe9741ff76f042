package cnode.cli;

/**
 * How the node logs its user in at start-up (cnode-api §1.4): with {@code -U/-P}, by asking on
 * the console ({@code -i}), or not at all (then a stored autologin password, if any, is used).
 * {@link #toString()} never shows the password.
 *
 * @param username     the user of {@code -U}, or null
 * @param password     the password of {@code -P}, or null
 * @param interactive  true with {@code -i}: ask for whatever {@code -U/-P} did not give
 */
public record StartupLogin(String username, String password, boolean interactive) {
    /** No start-up login asked for. */
    public static final StartupLogin NONE = new StartupLogin(null, null, false);

    /** Whether the command line asked for a login at start-up. */
    public boolean asked() {
        return username != null || interactive;
    }

    @Override
    public String toString() {
        return "StartupLogin[username=" + username + ", password="
            + (password == null ? "none" : "***") + ", interactive=" + interactive + "]";
    }
}
