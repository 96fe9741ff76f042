package cnode.peer;

/**
 * The kinds of message a link carries once it is authenticated, requests and their answers
 * alike (the handshake's kinds are separate and never appear on a link). Payments add their
 * kinds here; a peer that receives a request kind it does not know answers it refused with
 * {@code UNKNOWN_KIND} and keeps the link.
 */
public enum PeerMessageKind {
    /** A request that asks the other node to show it is there; answered with {@link #PONG}. */
    PING,
    /** The answer to {@link #PING}; its body echoes the ping's. */
    PONG,
    /**
     * A payment offered by the node running its task (docs/PEER-PROTOCOL.md, Payments): a
     * request to pay, or money to receive. Answered {@link #PAY_ACCEPTED} or refused.
     */
    PAY_OFFER,
    /** The other side takes the offer: the payer's signed terms, or the payee's change. */
    PAY_ACCEPTED,
    /** The payer asks the payee to sign terms whose change coins are the payee's. */
    PAY_SIGN,
    /** The payee's signature of the terms. */
    PAY_SIGNED,
    /** The payer asks the receiving side to confirm the swap prepared at the registry. */
    PAY_VERIFY,
    /** The receiving side saw the prepared swap and confirms it. */
    PAY_VERIFIED,
    /** How the swap ended (committed or voided), so the other side settles its side. */
    PAY_DONE,
    /** The other side settled. */
    PAY_SETTLED,
    /** A merchant asks the user for invoice and delivery data ({@code requestPersonalData}). */
    PERSONAL_DATA_ASK,
    /** The user's answer: the data shared, as the request's flags asked. */
    PERSONAL_DATA_GIVEN,
    /** A merchant asks the user to accept a series of payments ({@code startSeriesPayment}). */
    SERIES_OFFER,
    /** The user accepted the series: its requests now run without asking. */
    SERIES_ACCEPTED,
    /** The user revoked a series on the wallet's page; the merchant's series task ends. */
    SERIES_REVOKED,
    /** The merchant's node took note of a revoked series. */
    SERIES_NOTED
}
