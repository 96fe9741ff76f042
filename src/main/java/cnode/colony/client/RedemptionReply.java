package cnode.colony.client;

/**
 * The answer of {@code POST /v1/bank/redemptions}: the payout record. The coins have left
 * circulation and the bank owes {@code billons} of {@code currency} to {@code account}, under
 * {@code transferId}; a payout is made once per transfer id, whatever the number of times the
 * answer is asked for. No commission is charged (none is configured). Immutable.
 *
 * @param transferId the request's id, the payout's key
 * @param user the former owner of the coins
 * @param account the account paid, in printed form (groups of four)
 * @param billons the amount paid out: the worth of the coins
 * @param currency the currency paid out
 * @param colour the coins' colour
 * @param coinCount how many coins were redeemed
 */
public record RedemptionReply(String transferId, String user, String account, long billons,
                              String currency, long colour, int coinCount) {
}
