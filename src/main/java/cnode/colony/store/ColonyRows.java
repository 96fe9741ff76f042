package cnode.colony.store;

import cnode.colony.DirectoryRows;
import cnode.colony.RegistryRows;
import java.util.Objects;

/**
 * Everything a colony store holds: the rows that rebuild the directory and the registry after
 * a start or a failed commit. Immutable.
 */
public record ColonyRows(DirectoryRows directory, RegistryRows registry) {
    /** A new colony. */
    public static final ColonyRows EMPTY = new ColonyRows(DirectoryRows.EMPTY, RegistryRows.EMPTY);

    public ColonyRows {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(registry, "registry");
    }
}
