package cnode.colony.server;

import cnode.colony.client.Outcome;

/**
 * Refusals several endpoints share, so that one name always comes with one status and one
 * sentence. Stateless.
 */
final class Refused {
    private Refused() {}

    /** {@code 404 UNKNOWN_USER}. */
    static <R> Outcome<R> unknownUser() {
        return Outcome.refused(404, "UNKNOWN_USER", "No user has this name.");
    }

    /** {@code 400 BAD_TRANSFER_ID}. */
    static <R> Outcome<R> badTransferId() {
        return Outcome.refused(400, "BAD_TRANSFER_ID", "A transfer id is 1 to 64 characters of"
            + " A-Z a-z 0-9 . _ : -.");
    }

    /** {@code 403 BAD_SIGNATURE}, for {@code whose} signature. */
    static <R> Outcome<R> badSignature(String whose) {
        return Outcome.refused(403, "BAD_SIGNATURE", "The " + whose + " signature is missing,"
            + " malformed, or does not verify against the signer's key in the directory over"
            + " these exact terms (docs/SIGNATURES.md); nothing changed.");
    }

    /** {@code 400 BAD_QUERY} for a query value out of its range. */
    static <R> Outcome<R> badQuery(String message) {
        return Outcome.refused(400, "BAD_QUERY", message);
    }
}
