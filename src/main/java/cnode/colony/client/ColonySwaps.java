package cnode.colony.client;

import cnode.crypto.Signature;
import cnode.crypto.SwapPayload;
import java.io.IOException;
import java.util.List;

/**
 * The coin registry's swap endpoints, typed, over a {@link ColonyClient}: prepare a signed
 * swap, then commit or void it, and read it. Prepare carries its own proof (the signatures of
 * every owner whose coins move); commit, void and read are asked by a party of the swap with
 * its session. A refused prepare arrives as a {@link Refusal} named as the registry judged
 * (docs/COLONY-API.md lists them); a name that starts with {@code PAYER_} or {@code PAYEE_} is
 * about that side, so a node tells its own limits (SELLER) from the counterparty's (BUYER).
 * Stateless; thread-safe as the client is.
 */
public final class ColonySwaps {
    private final ColonyClient client;

    public ColonySwaps(ColonyClient client) {
        this.client = client;
    }

    /** {@code POST /v1/swaps}: phase one, the coins are reserved until the order's expiry. */
    public Outcome<SwapReply> prepare(SwapRequest request)
        throws IOException, InterruptedException {
        return client.post("/v1/swaps", request, SwapReply.class);
    }

    /** {@code POST /v1/swaps/{transferId}/commit}: phase two, the coins change owner. */
    public Outcome<SwapReply> commit(SessionToken session, String transferId)
        throws IOException, InterruptedException {
        return client.call("POST", path(transferId) + "/commit", null, SwapReply.class,
            session);
    }

    /** {@code POST /v1/swaps/{transferId}/void}: the reservation ends, nothing moves. */
    public Outcome<SwapReply> voidSwap(SessionToken session, String transferId)
        throws IOException, InterruptedException {
        return client.call("POST", path(transferId) + "/void", null, SwapReply.class, session);
    }

    /** {@code GET /v1/swaps/{transferId}}: the swap as it stands. */
    public Outcome<SwapReply> swap(SessionToken session, String transferId)
        throws IOException, InterruptedException {
        return client.call("GET", path(transferId), null, SwapReply.class, session);
    }

    private static String path(String transferId) {
        return "/v1/swaps/" + ColonyUsers.segment(transferId);
    }

    /**
     * Body of {@code POST /v1/swaps}: the terms every owner whose coins move signed
     * ({@link SwapPayload}, tag {@code cnode/swap/v1}) and their signatures.
     *
     * @param transferId the client-chosen id: 1 to 64 of {@code [A-Za-z0-9._:-]}
     * @param payer whose coins are paid
     * @param payee who receives them and gives the change
     * @param currency the currency of every coin
     * @param amount billons the payee gains: payer's coins less change, never negative
     * @param payerCoinIds coins moving payer to payee
     * @param changeCoinIds coins moving payee to payer (may be empty)
     * @param expiresAtMs when the reservation (and the signatures) end
     * @param payerSignature the payer's signature of the terms, base64url
     * @param payeeSignature the payee's signature of the same terms, base64url: needed when
     *     there is change, checked whenever given
     */
    public record SwapRequest(String transferId, String payer, String payee, String currency,
                              long amount, List<String> payerCoinIds,
                              List<String> changeCoinIds, long expiresAtMs,
                              String payerSignature, @OptionalField String payeeSignature) {
        public SwapRequest {
            payerCoinIds = List.copyOf(payerCoinIds);
            changeCoinIds = List.copyOf(changeCoinIds);
        }

        /** The request for {@code terms} with the signatures (the payee's may be null). */
        public static SwapRequest of(SwapPayload terms, Signature payer, Signature payee) {
            return new SwapRequest(terms.transferId(), terms.payer(), terms.payee(),
                terms.currency(), terms.amount(), terms.payerCoinIds(), terms.changeCoinIds(),
                terms.expiresAtMs(), payer.text(), payee == null ? null : payee.text());
        }
    }

    /**
     * A swap as the registry holds it: the answer of prepare, commit, void and read.
     *
     * @param transferId the swap's id
     * @param state {@code PREPARED}, {@code COMMITTED}, {@code VOIDED} or {@code EXPIRED}
     * @param payer who pays
     * @param payee who receives
     * @param currency the coins' currency
     * @param colour the coins' colour (0 for ordinary money)
     * @param amount billons the payee gains (payer's coins less change)
     * @param payerCoinIds coins moving payer to payee, sorted
     * @param changeCoinIds coins moving payee to payer, sorted
     * @param preparedAtMs when the registry prepared it
     * @param expiresAtMs when its reservation ends (or ended)
     * @param settledAtMs when it was committed or voided, or expired; absent while prepared
     */
    public record SwapReply(String transferId, String state, String payer, String payee,
                            String currency, long colour, long amount,
                            List<String> payerCoinIds, List<String> changeCoinIds,
                            long preparedAtMs, long expiresAtMs,
                            @OptionalField Long settledAtMs) {
        public SwapReply {
            payerCoinIds = List.copyOf(payerCoinIds);
            changeCoinIds = List.copyOf(changeCoinIds);
        }
    }
}
