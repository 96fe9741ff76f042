package cnode.colony;

import java.util.Objects;

/**
 * What the registry remembers of one transfer id: which operation used it, a fingerprint of
 * the request, the first answer, and when the memory may go. A request with a remembered id
 * gets that first answer again when its fingerprint matches, and {@code TRANSFER_ID_REUSED}
 * otherwise. The registry's own record and the store's row; immutable.
 *
 * @param transferId the client-chosen id
 * @param kind the operation that used it
 * @param fingerprint SHA-256 (hex) of the request's canonical content; for a swap, of the
 *     bytes its owners sign
 * @param outcome the first answer: the name of a constant of the operation's result enum
 * @param billons what moved: a swap's net amount, or the worth of the coins minted, moved,
 *     redeemed or issued in exchange; 0 when refused
 * @param decidedAtMs when the registry judged it
 * @param forgetAtMs from this instant the id is forgotten (and may be used again): a swap's
 *     expiry plus the retention, or the judgement plus the retention
 */
public record RegistryTransfer(
        String transferId, Kind kind, String fingerprint, String outcome, long billons,
        long decidedAtMs, long forgetAtMs) {

    /** The operations that take a transfer id. */
    public enum Kind {
        MINT, SWAP, VAULT, REDEEM, EXCHANGE
    }

    public RegistryTransfer {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(outcome, "outcome");
        if (billons < 0 || forgetAtMs <= decidedAtMs) {
            throw new IllegalArgumentException("a transfer moves >= 0 and is kept a while");
        }
    }
}
