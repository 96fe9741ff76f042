package cnode.colony.client;

import cnode.crypto.Signature;
import cnode.money.Coin;
import cnode.money.Currency;
import cnode.money.Denominations;
import cnode.money.SignedCoin;
import cnode.stdx.Ids;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One coin on the wire: the six facts the bank signs and the bank's Ed25519 signature over
 * them ({@code cnode/coin/v1}, docs/SIGNATURES.md), as {@code GET /v1/coins/{id}}, a mint and
 * an exchange answer it. A node verifies it with the key of {@code GET /v1/bank/key}:
 * {@code reply.signedCoin().map(coin -> coin.verifiedBy(bankKey))}. Who owns the coin is not
 * part of it. Immutable.
 *
 * @param id 26 characters of {@code [0-9A-Z]}
 * @param faceValue billons, one of the 21 face values
 * @param currency three upper-case letters
 * @param colour 0 for ordinary money
 * @param issuedAtMs when the bank issued it, epoch milliseconds
 * @param expiresAtMs from this instant the coin is expired (only an exchange takes it then)
 * @param bankSignature the bank's signature, base64url without padding (86 characters)
 */
public record CoinReply(String id, long faceValue, String currency, long colour,
                        long issuedAtMs, long expiresAtMs, String bankSignature) {
    private static final Pattern ID = Pattern.compile("[0-9A-Z]{" + Ids.LENGTH + "}");

    /** The wire form of a signed coin. */
    public static CoinReply of(SignedCoin signed) {
        Coin coin = signed.coin();
        return new CoinReply(coin.id(), coin.faceValue(), coin.currency().code(), coin.colour(),
            coin.issuedAtMs(), coin.expiresAtMs(), signed.bankSignature().text());
    }

    /**
     * The coin and its signature, or empty when a field cannot be one (an answer read from
     * outside is judged, never trusted); whether the signature is the bank's is
     * {@link SignedCoin#verifiedBy}'s to say.
     */
    public Optional<SignedCoin> signedCoin() {
        boolean facts = id != null && ID.matcher(id).matches()
            && Denominations.isFaceValue(faceValue) && Currency.isCode(currency) && colour >= 0
            && expiresAtMs > issuedAtMs;
        if (!facts) {
            return Optional.empty();
        }
        Coin coin = new Coin(id, faceValue, new Currency(currency), colour, issuedAtMs,
            expiresAtMs);
        return Signature.parse(bankSignature).map(signature -> new SignedCoin(coin, signature));
    }
}
