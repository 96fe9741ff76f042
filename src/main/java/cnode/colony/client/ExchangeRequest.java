package cnode.colony.client;

import cnode.crypto.ExchangePayload;
import cnode.crypto.PrivateKey;
import java.util.List;

/**
 * The body of {@code POST /v1/bank/exchanges} ({@code changeMonexAtBnode}, and the re-issue of
 * expired coins): the user gives coins worth {@code billons} and receives new coins worth
 * exactly as much, split as {@code changeMonexType} and {@code value} say. Signed by the user
 * over {@link #payload()} (docs/SIGNATURES.md, {@code cnode/exchange/v1}). Immutable.
 *
 * @param transferId the client-chosen id: 1 to 64 characters of {@code [A-Za-z0-9._:-]}; the
 *     same request again gets the first answer
 * @param user the owner of the given coins
 * @param currency the coins' currency
 * @param colour the coins' colour; absent means 0
 * @param billons the worth of the given coins, positive
 * @param giveCoinIds the coins given up, from wallet or vault, expired or not
 * @param changeMonexType {@code AMOUNT}, {@code HISTOGRAM} or {@code FACE_VALUE}
 * @param value AMOUNT: billons that a subset of the new coins must make (absent or empty: the
 *     fewest coins); HISTOGRAM: an issuance curve's name; FACE_VALUE: up to 21 counts, one
 *     per line, smallest face value first
 * @param signature the user's Ed25519 signature of the payload, base64url
 */
public record ExchangeRequest(String transferId, String user, String currency,
                              @OptionalField Long colour, long billons, List<String> giveCoinIds,
                              String changeMonexType, @OptionalField String value,
                              String signature) {
    public ExchangeRequest {
        giveCoinIds = List.copyOf(giveCoinIds);
    }

    /** The request for {@code payload}, signed with {@code userKey}. */
    public static ExchangeRequest signed(ExchangePayload payload, PrivateKey userKey) {
        return new ExchangeRequest(payload.transferId(), payload.user(), payload.currency(),
            payload.colour(), payload.amount(), payload.giveCoinIds(), payload.changeMonexType(),
            payload.value(), userKey.sign(payload.bytes()).text());
    }

    /** What the user signs: every field but the signature, absent ones as their defaults. */
    public ExchangePayload payload() {
        return new ExchangePayload(transferId, user, currency, colour == null ? 0 : colour,
            billons, giveCoinIds, changeMonexType, value == null ? "" : value);
    }
}
