package cnode.colony.store;

import cnode.colony.Directory;
import cnode.colony.Registry;

/**
 * The colony's two deterministic cores as one value handed to each {@link ColonyCommand}. The
 * registry judges swaps against this directory's accounts. Owned by the writer thread: a
 * command may read and change both, and must not keep either beyond its own call.
 */
public record ColonyState(Directory directory, Registry registry) {
}
