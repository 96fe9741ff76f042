package cnode.crypto;

/**
 * The domain-separation tags. Every byte string the colony signs, or binds into an encryption,
 * starts with one of these, so bytes made for one purpose can never be taken for another: a
 * signed coin is never a valid swap, whatever its fields hold. Each tag names a payload and the
 * version of its field order; a new order is a new tag, never a change to an old one. The tags
 * and each payload's fields are listed in docs/SIGNATURES.md. Immutable.
 */
public enum DomainTag {
    /** A coin, signed by the bank: {@code cnode.money.SignedCoin}. */
    COIN("cnode/coin/v1"),
    /** A registry swap, signed by every owner whose coins move: {@link SwapPayload}. */
    SWAP("cnode/swap/v1"),
    /** A move of coins between wallet and vault, signed by their owner: {@link VaultPayload}. */
    VAULT("cnode/vault/v1"),
    /** A change or re-issue of coins at the bank, signed by the owner: {@link ExchangePayload}. */
    EXCHANGE("cnode/exchange/v1"),
    /** A redemption of coins to a bank account, signed by the owner: {@link RedemptionPayload}. */
    REDEMPTION("cnode/redemption/v1"),
    /** The associated data of a private key sealed under a password: {@link KeyBlob}. */
    KEY_BLOB("cnode/keyblob/v1"),
    /** The transcript of a peer link's handshake, signed by both users: {@code cnode.peer}. */
    HANDSHAKE("cnode/handshake/v1");

    private final String text;

    DomainTag(String text) {
        this.text = text;
    }

    /** The tag as written, in ASCII, at the head of the canonical bytes. */
    public String text() {
        return text;
    }
}
