package cnode.colony.server;

import cnode.colony.Directory;
import cnode.colony.Registry;
import cnode.colony.SwapOrder;
import cnode.colony.SwapPrepareResult;
import cnode.colony.SwapRow;
import cnode.colony.UserBytes;
import cnode.colony.UserRow;
import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.ColonySwaps.SwapRequest;
import cnode.colony.client.Outcome;
import cnode.crypto.PublicKey;
import cnode.crypto.Signature;
import cnode.crypto.SwapPayload;
import cnode.money.Currency;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/swaps}: phase one of a swap. The registry believes its edge about
 * signatures ({@link Registry}'s class comment), so this endpoint checks them, in order:
 * <ol>
 *   <li>what the signed bytes need: every text well-formed ({@code 400 MALFORMED_JSON}), the
 *       currency ({@code 400 CURRENCY_INVALID}), the amount ({@code 400 NEGATIVE_AMOUNT}),
 *       at most 10 000 ids a side ({@code 400 TOO_MANY_COINS}), the signatures' text
 *       ({@code 403 BAD_SIGNATURE}; the payee's is needed when change coins move);</li>
 *   <li>the signers' keys, read on the writer ({@code 422 PAYER_UNKNOWN},
 *       {@code 422 PAYEE_UNKNOWN});</li>
 *   <li>each signature over the swap's canonical bytes, here on an edge thread
 *       ({@code 403 BAD_SIGNATURE}): a signature copied to another transfer id, or to any
 *       other terms, does not verify;</li>
 *   <li>{@link Registry#prepare}, whose answer is the reply: {@code 200} with the swap for
 *       {@code PREPARED} (also for an identical retry, which gets the first answer), its named
 *       refusal otherwise ({@link RegistryRefusals}).</li>
 * </ol>
 * A refusal before the last step changed nothing and spent no transfer id. Keys never change
 * once registered, so reading them before the prepare is as good as reading them in it.
 * Immutable; any thread.
 */
final class SwapPrepareEndpoint implements Endpoint<SwapRequest, SwapReply> {
    /** The signers' keys as stored; decoded on an edge thread (a point costs a root). */
    private record Keys(UserBytes payer, UserBytes payee) {}

    private record Prepared(SwapPrepareResult result, Optional<SwapRow> swap) {}

    private final WriterLink link;

    SwapPrepareEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<SwapRequest> requestType() {
        return SwapRequest.class;
    }

    @Override
    public CompletionStage<Outcome<SwapReply>> handle(SwapRequest request, Call call) {
        Outcome<SwapReply> refused = shape(request);
        if (refused != null) {
            return Endpoint.answer(refused);
        }
        SwapOrder order = new SwapOrder(request.transferId(), request.payer(), request.payee(),
            new Currency(request.currency()), request.amount(), request.payerCoinIds(),
            request.changeCoinIds(), request.expiresAtMs());
        return link.ask((state, nowMs) -> keys(state.directory(), request))
            .thenCompose(keys -> WriterLink.then(keys, signers -> {
                Outcome<SwapReply> forged = forged(request, order.payload(), signers);
                if (forged != null) {
                    return Endpoint.answer(forged);
                }
                return link.read((state, nowMs) -> new Prepared(
                        state.registry().prepare(order, nowMs),
                        state.registry().swap(order.transferId(), nowMs)))
                    .thenApply(SwapPrepareEndpoint::reply);
            }))
            .exceptionally(WriterLink::failure);
    }

    /** The checks before any state is read, in order; null when all pass. */
    private static Outcome<SwapReply> shape(SwapRequest request) {
        Outcome<SwapReply> text = Texts.unwritable("transferId", request.transferId(),
            "payer", request.payer(), "payee", request.payee(), "currency", request.currency(),
            "payerCoinIds", request.payerCoinIds(), "changeCoinIds", request.changeCoinIds());
        if (text != null) {
            return text;
        }
        if (!Currency.isCode(request.currency())) {
            return Outcome.refused(400, "CURRENCY_INVALID", "currency must be three upper-case"
                + " letters, such as PLN.");
        }
        if (request.amount() < 0) {
            return RegistryRefusals.swap(SwapPrepareResult.NEGATIVE_AMOUNT);
        }
        if (request.payerCoinIds().size() > SwapPayload.COIN_IDS_MAX
            || request.changeCoinIds().size() > SwapPayload.COIN_IDS_MAX) {
            return RegistryRefusals.swap(SwapPrepareResult.TOO_MANY_COINS);
        }
        if (Signature.parse(request.payerSignature()).isEmpty()) {
            return Refused.badSignature("payer's");
        }
        boolean payeeSigns = !request.changeCoinIds().isEmpty();
        String payee = request.payeeSignature();
        if (payee == null ? payeeSigns : Signature.parse(payee).isEmpty()) {
            return Refused.badSignature("payee's");
        }
        return null;
    }

    /** The public keys of payer and payee; writer thread. */
    private static Outcome<Keys> keys(Directory directory, SwapRequest request) {
        Optional<UserRow> payer = directory.user(request.payer());
        if (payer.isEmpty()) {
            return RegistryRefusals.swap(SwapPrepareResult.PAYER_UNKNOWN);
        }
        Optional<UserRow> payee = directory.user(request.payee());
        if (payee.isEmpty()) {
            return RegistryRefusals.swap(SwapPrepareResult.PAYEE_UNKNOWN);
        }
        return Outcome.ok(new Keys(payer.get().publicKey(), payee.get().publicKey()));
    }

    /** Null when every signature given verifies over the terms; the refusal otherwise. */
    private static Outcome<SwapReply> forged(SwapRequest request, SwapPayload terms,
                                             Keys keys) {
        byte[] bytes = terms.bytes();
        PublicKey payer = PublicKey.of(keys.payer().bytes());
        if (!payer.verifies(bytes, Signature.parse(request.payerSignature()).get())) {
            return Refused.badSignature("payer's");
        }
        String payee = request.payeeSignature();
        if (payee != null && !PublicKey.of(keys.payee().bytes()).verifies(bytes,
            Signature.parse(payee).get())) {
            return Refused.badSignature("payee's");
        }
        return null;
    }

    private static Outcome<SwapReply> reply(Prepared prepared) {
        if (prepared.result() != SwapPrepareResult.PREPARED) {
            return RegistryRefusals.swap(prepared.result());
        }
        return Outcome.ok(SwapViews.reply(prepared.swap().orElseThrow(() ->
            new IllegalStateException("a prepared swap has its row"))));
    }
}
