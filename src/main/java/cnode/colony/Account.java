package cnode.colony;

/**
 * What the coin registry needs to know of a user to judge a swap, as the directory holds it at
 * the moment of the judgement. Immutable snapshot.
 *
 * @param username the user's name in the directory
 * @param locked whether an administrator or too many wrong passwords locked the account
 * @param merchant whether the user is a merchant (an acceptant)
 * @param limits the user's limits
 */
public record Account(String username, boolean locked, boolean merchant, Limits limits) {
}
