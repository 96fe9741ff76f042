package cnode.colony.client;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The colony's bank endpoints, typed, over a {@link ColonyClient}: the bank's public key, one
 * coin's signed facts, change and re-issue ({@code changeMonexAtBnode}), and redemption. The
 * admin's mint is {@link ColonyAdmin#mint}. Exchanges and redemptions are safe to repeat by
 * their transfer id: the same request gets the first answer. Stateless; thread-safe as the
 * client is.
 */
public final class ColonyBank {
    private static final Pattern COIN_ID = Pattern.compile("[0-9A-Z]{26}");

    private final ColonyClient client;

    public ColonyBank(ColonyClient client) {
        this.client = client;
    }

    /** {@code GET /v1/bank/key}: the key that verifies every coin. */
    public Outcome<BankKeyReply> key() throws IOException, InterruptedException {
        return client.get("/v1/bank/key", BankKeyReply.class);
    }

    /** {@code GET /v1/coins/{id}}: a live coin's facts and the bank's signature. */
    public Outcome<CoinReply> coin(String id) throws IOException, InterruptedException {
        if (id == null || !COIN_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a coin id is 26 characters of [0-9A-Z]");
        }
        return client.get("/v1/coins/" + id, CoinReply.class);
    }

    /** {@code POST /v1/bank/exchanges}: change or re-issue coins. */
    public Outcome<ExchangeReply> exchange(ExchangeRequest request)
        throws IOException, InterruptedException {
        return client.post("/v1/bank/exchanges", request, ExchangeReply.class);
    }

    /** {@code POST /v1/bank/redemptions}: redeem coins to a bank account. */
    public Outcome<RedemptionReply> redeem(RedemptionRequest request)
        throws IOException, InterruptedException {
        return client.post("/v1/bank/redemptions", request, RedemptionReply.class);
    }
}
