package cnode.colony.server;

import cnode.colony.client.Refusal;
import cnode.money.CoinDistribution;
import java.util.Map;
import java.util.TreeMap;

/**
 * The named refusals of the bank's endpoints, with their HTTP status and the sentence a person
 * reads: one table, since mint, exchange, redemption and the coin lookup share most names (the
 * registry's result names, which the endpoints pass through unchanged). The statuses follow the
 * registry's rule for money moves, as the swap and vault endpoints do ({@link RegistryRefusals}):
 * 400 a malformed request; 403 a signature that is not the owner's; 409 a conflict with what
 * the registry holds now (a coin not live, not the user's, reserved or expired; a locked user; a
 * transfer id used for something else); 422 terms the rules refuse (an unknown user, an amount,
 * a split, a cap, an account number); 503 a colony that is full or could not commit (try
 * again). A lookup of one thing that is not there ({@code GET /v1/coins/{id}}, the user of an
 * admin's mint) is {@link #notFound 404}, as in the directory's endpoints.
 * docs/COLONY-API.md lists them per endpoint. Immutable.
 */
final class BankRefusals {
    private record Entry(int status, String message) {}

    private static final Map<String, Entry> TABLE = Map.ofEntries(
        entry("BAD_TRANSFER_ID", 400,
            "A transfer id is 1 to 64 characters of A-Z a-z 0-9 . _ : -."),
        entry("BAD_AMOUNT", 400, "The amount must be a positive whole number of billons."),
        entry("BAD_CURRENCY", 400, "A currency is three upper-case letters, such as PLN."),
        entry("BAD_COLOUR", 400, "A colour is 0 or more."),
        entry("UNKNOWN_CURVE", 400, "The curve is not one of the five issuance curves."),
        entry("NO_COINS", 400, "The request names no coin."),
        entry("DUPLICATE_COIN", 400, "A coin id appears twice in the request."),
        entry("BAD_COIN_ID", 400, "A coin id is 26 characters of 0-9 and A-Z."),
        entry("UNKNOWN_CHANGE_TYPE", 400,
            "changeMonexType must be AMOUNT, HISTOGRAM or FACE_VALUE."),
        entry("VALUE_TOO_LONG", 400, "The FACE_VALUE text is longer than 1024 characters."),
        entry("TOO_MANY_LINES", 400, "The FACE_VALUE text has more than 21 lines."),
        entry("NOT_A_NUMBER", 400, "A count or target in value is not a whole number."),
        entry("NEGATIVE_COUNT", 400, "A FACE_VALUE count is negative."),
        entry("NUMBER_TOO_LARGE", 400, "A number in value does not fit in 64 bits."),
        entry("SIGNATURE_INVALID", 403,
            "The signature is not the user's signature of this request (docs/SIGNATURES.md)."),
        entry("UNKNOWN_USER", 422, "No such user is registered."),
        entry("COIN_UNKNOWN", 409, "A coin is not a live coin (never issued, or redeemed"
            + " or exchanged since)."),
        entry("TRANSFER_ID_REUSED", 409, "This transfer id was used for another request."),
        entry("COIN_EXISTS", 409, "A new coin's id is already a live coin."),
        entry("NOT_OWNER", 409, "A coin is not the user's."),
        entry("COIN_RESERVED", 409, "A coin is held by a prepared swap."),
        entry("COIN_EXPIRED", 409, "A coin is expired; only an exchange takes an expired coin"
            + " (it re-issues it)."),
        entry("NEW_COIN_EXPIRED", 409, "A new coin would be expired at issue."),
        entry("UNKNOWN_CURRENCY", 422,
            "The bank issues only currencies whose ratio the network knows (GET /v1/currencies)."),
        entry("TOO_MANY_COINS", 422, "The request needs more coins than one order may hold."),
        entry("MIXED_COINS", 422, "The coins are not all of one currency and colour."),
        entry("TOTAL_MISMATCH", 422,
            "The given coins are not worth the amount (in its currency and colour)."),
        entry("AMOUNT_MISMATCH", 422,
            "The coins are not worth the amount (in its currency and colour)."),
        entry("COUNTS_MISMATCH", 422, "The FACE_VALUE counts do not add up to the amount."),
        entry("TARGET_OUT_OF_RANGE", 422, "The AMOUNT target must be between 1 and the amount."),
        entry("TOTAL_OVERFLOW", 422, "The currency's issued total would overflow."),
        entry("BALANCE_CAP_EXCEEDED", 422, "The coins would take the user over the balance cap."),
        entry("ACCOUNT_BAD_LENGTH", 422,
            "The bank account has the wrong length for its country (or is no 26-digit NRB)."),
        entry("ACCOUNT_BAD_CHARACTERS", 422,
            "The bank account holds characters an IBAN or NRB cannot hold, or out of place."),
        entry("ACCOUNT_UNKNOWN_COUNTRY", 422,
            "The bank account's first two letters are not a country code."),
        entry("ACCOUNT_BAD_CHECKSUM", 422, "The bank account's check digits are wrong."),
        entry("USER_LOCKED", 409, "The user's account is locked."),
        entry("TRANSFERS_FULL", 503,
            "The registry remembers as many transfers as it may; try again later."),
        entry("REGISTRY_FULL", 503, "The registry holds as many coins as it may."),
        entry("BUSY", 503, "The colony is busy; try again shortly."),
        entry("STORE_FAILED", 503, "The colony could not commit this request and kept nothing"
            + " of it; send it again (by the same transfer id)."));

    private BankRefusals() {
    }

    private static Map.Entry<String, Entry> entry(String name, int status, String message) {
        return Map.entry(name, new Entry(status, message));
    }

    /** The refusal named {@code name}, with its sentence; an unknown name is a bug. */
    static Refusal of(String name) {
        return of(name, known(name).message());
    }

    /** The refusal named {@code name}, with its status and another sentence. */
    static Refusal of(String name, String message) {
        return new Refusal(known(name).status(), name, message);
    }

    /** {@code name} as {@code 404}: the one thing looked up is not there. */
    static Refusal notFound(String name, String message) {
        known(name);
        return new Refusal(404, name, message);
    }

    /** The refusal named as {@code result}, a registry or bank result that is not a success. */
    static Refusal of(Enum<?> result) {
        return of(result.name());
    }

    /** The refusal for a split of coins that {@link CoinDistribution} refused. */
    static Refusal of(CoinDistribution.Result result) {
        return of(switch (result) {
            case AMOUNT_NOT_POSITIVE -> "BAD_AMOUNT";
            case UNKNOWN_TYPE -> "UNKNOWN_CHANGE_TYPE";
            case TEXT_TOO_LONG -> "VALUE_TOO_LONG";
            case OVERFLOW -> "NUMBER_TOO_LARGE";
            case TOTAL_MISMATCH -> "COUNTS_MISMATCH";
            case UNKNOWN_CURVE, TARGET_OUT_OF_RANGE, TOO_MANY_LINES, NOT_A_NUMBER, NEGATIVE_COUNT,
                 TOO_MANY_COINS -> result.name();
            case OK -> throw new IllegalArgumentException("OK is not a refusal");
        });
    }

    /** Every name with its status, for the documentation test. */
    static Map<String, Integer> statuses() {
        Map<String, Integer> statuses = new TreeMap<>();
        TABLE.forEach((name, entry) -> statuses.put(name, entry.status()));
        return statuses;
    }

    private static Entry known(String name) {
        Entry entry = TABLE.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("no bank refusal is named " + name);
        }
        return entry;
    }
}
