package cnode.colony;

/** How {@link Registry#holdingsChanges} answered. */
public enum HoldingsChangesResult {
    /**
     * The version cannot be answered: malformed, taken before the registry was last loaded
     * (another epoch), or older than what the owner's log still remembers. Read every coin
     * again ({@link Registry#holdingsPage}) and ask with that read's version.
     */
    CHANGES_GONE,
    /** The changes since the version are listed (possibly none). */
    LISTED
}
