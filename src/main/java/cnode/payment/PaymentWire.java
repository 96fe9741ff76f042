package cnode.payment;

import cnode.crypto.SwapPayload;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bodies of the payment messages on a peer link (docs/PEER-PROTOCOL.md, Payments), as
 * records with their JSON form. Parsing is strict in what matters (every field present and of
 * its type, amounts and counts in range, ids of the registry's shape) and answers empty for
 * anything else, which the receiver refuses as {@code MALFORMED}. Stateless.
 */
final class PaymentWire {
    static final int COINS_MAX = 1_000;
    static final int TEXT_CHARS_MAX = 16_384;
    private static final Pattern TRANSFER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern COIN_ID = Pattern.compile("[0-9A-Z]{26}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private PaymentWire() {}

    /** What the offering side runs: the counterparty pays (REQUEST) or receives (GIVE). */
    enum Role { COUNTERPARTY_PAYS, COUNTERPARTY_RECEIVES }

    /** One coin offered as change: its id and face value. */
    record Offered(String id, long faceValue) {}

    /**
     * {@code PAY_OFFER}: the swap's transfer id, who pays, the amount and what the person is
     * shown, and, when the counterparty pays, the coins this side can give as change.
     */
    record Offer(String transferId, Role role, String kind, long amount, String currency,
                 String title, String description, String uniqueTransferId, String seriesId,
                 long expiresAtMs, List<Offered> change) {
        Offer {
            change = List.copyOf(change);
        }

        ObjectNode json() {
            ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("transferId", transferId).put("role", role.name()).put("kind", kind)
                .put("amount", amount).put("currency", currency).put("title", title)
                .put("description", description).put("uniqueTransferId", uniqueTransferId)
                .put("seriesId", seriesId).put("expiresAtMs", expiresAtMs);
            body.set("change", offeredJson(change));
            return body;
        }

        static Optional<Offer> parse(JsonNode body) {
            Optional<Role> role = roleNamed(text(body, "role"));
            Optional<List<Offered>> change = offered(body.get("change"));
            String transferId = text(body, "transferId");
            long amount = number(body, "amount");
            String currency = text(body, "currency");
            boolean ping = text(body, "kind").equals("PING_PAYMENT");
            if (role.isEmpty() || change.isEmpty() || !TRANSFER_ID.matcher(transferId).matches()
                || amount < 0 || (amount == 0 && !ping) || !CURRENCY.matcher(currency).matches()
                || number(body, "expiresAtMs") <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Offer(transferId, role.get(), text(body, "kind"), amount,
                currency, text(body, "title"), text(body, "description"),
                text(body, "uniqueTransferId"), text(body, "seriesId"),
                number(body, "expiresAtMs"), change.get()));
        }
    }

    /**
     * {@code PAY_ACCEPTED}: from a paying counterparty, its coins, the change it takes from
     * the offer, and its signature of the terms; from a receiving one, the coins it can give
     * as change (no signature yet).
     */
    record Accepted(List<String> payerCoinIds, List<String> changeCoinIds,
                    String payerSignature, List<Offered> change) {
        Accepted {
            payerCoinIds = List.copyOf(payerCoinIds);
            changeCoinIds = List.copyOf(changeCoinIds);
            change = List.copyOf(change);
        }

        ObjectNode json() {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.set("payerCoinIds", idsJson(payerCoinIds));
            body.set("changeCoinIds", idsJson(changeCoinIds));
            body.put("payerSignature", payerSignature);
            body.set("change", offeredJson(change));
            return body;
        }

        static Optional<Accepted> parse(JsonNode body) {
            Optional<List<String>> payer = ids(body.get("payerCoinIds"));
            Optional<List<String>> change = ids(body.get("changeCoinIds"));
            Optional<List<Offered>> offered = offered(body.get("change"));
            if (payer.isEmpty() || change.isEmpty() || offered.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Accepted(payer.get(), change.get(),
                text(body, "payerSignature"), offered.get()));
        }
    }

    /** The terms as a body ({@code PAY_SIGN}), and back. */
    static ObjectNode termsJson(SwapPayload terms) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
            .put("transferId", terms.transferId()).put("payer", terms.payer())
            .put("payee", terms.payee()).put("currency", terms.currency())
            .put("amount", terms.amount()).put("expiresAtMs", terms.expiresAtMs());
        body.set("payerCoinIds", idsJson(terms.payerCoinIds()));
        body.set("changeCoinIds", idsJson(terms.changeCoinIds()));
        return body;
    }

    static Optional<SwapPayload> terms(JsonNode body) {
        Optional<List<String>> payer = ids(body.get("payerCoinIds"));
        Optional<List<String>> change = ids(body.get("changeCoinIds"));
        String transferId = text(body, "transferId");
        if (payer.isEmpty() || change.isEmpty() || !TRANSFER_ID.matcher(transferId).matches()
            || number(body, "amount") < 0) {
            return Optional.empty();
        }
        return Optional.of(new SwapPayload(transferId, text(body, "payer"),
            text(body, "payee"), text(body, "currency"), number(body, "amount"), payer.get(),
            change.get(), number(body, "expiresAtMs")));
    }

    /**
     * {@code PAY_DONE}: how the swap ended, and what the payment was, so a side that lost its
     * own note of the offer (a restart) can still record it once the registry confirms it.
     */
    static ObjectNode done(String transferId, String state, Role role, String kind,
                           long amount, String currency, String uniqueTransferId,
                           String title, String description, String seriesId) {
        return JsonNodeFactory.instance.objectNode().put("transferId", transferId)
            .put("state", state).put("role", role.name()).put("kind", kind)
            .put("amount", amount).put("currency", currency)
            .put("uniqueTransferId", uniqueTransferId).put("title", title)
            .put("description", description).put("seriesId", seriesId);
    }

    /** A body with one text field. */
    static ObjectNode single(String name, String value) {
        return JsonNodeFactory.instance.objectNode().put(name, value);
    }

    static String text(JsonNode body, String name) {
        JsonNode value = body == null ? null : body.get(name);
        if (value == null || !value.isTextual() || value.textValue().length() > TEXT_CHARS_MAX) {
            return "";
        }
        return value.textValue();
    }

    static long number(JsonNode body, String name) {
        JsonNode value = body == null ? null : body.get(name);
        return value != null && value.isIntegralNumber() && value.canConvertToLong()
            ? value.longValue() : -1;
    }

    private static Optional<Role> roleNamed(String text) {
        for (Role role : Role.values()) {
            if (role.name().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private static ArrayNode idsJson(List<String> ids) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        ids.forEach(array::add);
        return array;
    }

    private static ArrayNode offeredJson(List<Offered> coins) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Offered coin : coins) {
            array.addObject().put("id", coin.id()).put("faceValue", coin.faceValue());
        }
        return array;
    }

    private static Optional<List<String>> ids(JsonNode array) {
        if (array == null || !array.isArray() || array.size() > COINS_MAX) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>(array.size());
        for (JsonNode id : array) {
            if (!id.isTextual() || !COIN_ID.matcher(id.textValue()).matches()) {
                return Optional.empty();
            }
            ids.add(id.textValue());
        }
        return Optional.of(ids);
    }

    private static Optional<List<Offered>> offered(JsonNode array) {
        if (array == null || !array.isArray() || array.size() > COINS_MAX) {
            return Optional.empty();
        }
        List<Offered> coins = new ArrayList<>(array.size());
        for (JsonNode coin : array) {
            String id = text(coin, "id");
            long face = number(coin, "faceValue");
            if (!COIN_ID.matcher(id).matches() || face <= 0) {
                return Optional.empty();
            }
            coins.add(new Offered(id, face));
        }
        return Optional.of(coins);
    }
}
