package cnode.wallet;

import java.util.SortedMap;

/**
 * One copy of the user's coins as the colony listed them: what a {@link Wallet} caches between
 * reads. Immutable (the map is never changed once the copy is made; a newer copy is a new map).
 *
 * @param username    whose coins
 * @param holdings    the coins by id, in id order
 * @param fetchedAtMs when the read that made this copy started
 * @param truncated   true when the user holds more coins than the cache keeps
 * @param skipped     coins of the colony's answer left out as malformed
 * @param version     the colony's version of the user's holdings this copy has caught up with
 *                    (the next read asks only for what changed since), or null when the
 *                    colony gave none (the next read reads everything)
 */
record WalletCopy(String username, SortedMap<String, Holding> holdings, long fetchedAtMs,
                  boolean truncated, int skipped, String version) {}
