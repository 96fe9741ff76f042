package cnode.colony.server;

import cnode.colony.client.BankKeyReply;
import cnode.colony.client.Outcome;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/bank/key}: the bank's Ed25519 public key, with which anyone verifies the
 * bank's signature on a coin ({@code cnode/coin/v1}). No token. The key never changes while the
 * colony's data folder lives ({@link BankKey}), so the answer is built once. Immutable.
 */
final class BankKeyEndpoint implements Endpoint<NoBody, BankKeyReply> {
    private final BankKeyReply reply;

    BankKeyEndpoint(Bank bank) {
        this.reply = new BankKeyReply(bank.publicKey().text());
    }

    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public CompletionStage<Outcome<BankKeyReply>> handle(NoBody request, Call call) {
        return Endpoint.reply(reply);
    }
}
