package cnode.colony;

import java.util.Optional;

/**
 * The registry's view of the directory: the seam between the two cores, so that the registry
 * can be tested with a table of accounts and the directory can change without the registry
 * knowing. Implemented by the directory; read on the colony's writer thread.
 */
public interface Accounts {
    /** The account named {@code username}, or empty when no such user is registered. */
    Optional<Account> account(String username);
}
