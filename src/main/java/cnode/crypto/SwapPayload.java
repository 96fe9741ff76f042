package cnode.crypto;

import java.util.List;
import java.util.Objects;

/**
 * The terms of one registry swap, as every owner whose coins move signs them (tag
 * {@code cnode/swap/v1}): the payer's coins go to the payee and the change coins, if any, go
 * from the payee back to the payer. The payer signs these bytes and, when there is change, the
 * payee signs the same bytes; the registry verifies each signature against the directory's key
 * of the signer before it prepares the swap.
 *
 * <p>The fields, in the order they are written (docs/SIGNATURES.md): transferId, payer, payee,
 * currency, amount, payer coin ids (sorted), change coin ids (sorted), expiresAtMs. Coin ids are
 * sets: the order the caller lists them in does not change the bytes. Duplicates are written as
 * given; refusing them is the registry's rule, not the encoding's. A record of plain values so
 * that the registry, the wallet and tests can build it without other types. Immutable.
 *
 * @param transferId the client-chosen id that makes the swap idempotent
 * @param payer the username whose coins are paid
 * @param payee the username who receives them (and gives the change)
 * @param currency the currency code of every coin in the swap
 * @param amount what the payee gains, in billons: the payer's coins less the change; never
 *     negative (0 for an even exchange of coins)
 * @param payerCoinIds the coins that move from payer to payee
 * @param changeCoinIds the coins that move from payee to payer; may be empty
 * @param expiresAtMs after this instant the signature must not be accepted, epoch milliseconds
 */
public record SwapPayload(
        String transferId, String payer, String payee, String currency, long amount,
        List<String> payerCoinIds, List<String> changeCoinIds, long expiresAtMs) {

    /** The most coin ids on either side of one swap. */
    public static final int COIN_IDS_MAX = 10_000;

    public SwapPayload {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(currency, "currency");
        payerCoinIds = List.copyOf(payerCoinIds);
        changeCoinIds = List.copyOf(changeCoinIds);
        if (amount < 0) {
            throw new IllegalArgumentException("a swap amount is never negative");
        }
        if (payerCoinIds.size() > COIN_IDS_MAX || changeCoinIds.size() > COIN_IDS_MAX) {
            throw new IllegalArgumentException("over " + COIN_IDS_MAX + " coins on one side");
        }
    }

    /** The canonical bytes every signer of the swap signs. */
    public byte[] bytes() {
        return new CanonicalWriter(DomainTag.SWAP)
            .text(transferId)
            .text(payer)
            .text(payee)
            .text(currency)
            .number(amount)
            .sortedTexts(payerCoinIds)
            .sortedTexts(changeCoinIds)
            .number(expiresAtMs)
            .toBytes();
    }
}
