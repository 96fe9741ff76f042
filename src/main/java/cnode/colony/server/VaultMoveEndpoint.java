package cnode.colony.server;

import cnode.colony.CoinPlace;
import cnode.colony.Registry;
import cnode.colony.UserBytes;
import cnode.colony.UserRow;
import cnode.colony.VaultMoveResult;
import cnode.colony.VaultOrder;
import cnode.colony.client.ColonyVault.VaultMoveReply;
import cnode.colony.client.ColonyVault.VaultMoveRequest;
import cnode.colony.client.Outcome;
import cnode.crypto.PublicKey;
import cnode.crypto.Signature;
import cnode.crypto.VaultPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/vault/moves}: moves some of a user's coins between wallet and vault, the
 * owner unchanged, on the owner's signature over the move ({@link VaultPayload}, tag
 * {@code cnode/vault/v1}). Checks in order: every text well-formed ({@code 400
 * MALFORMED_JSON}), {@code to} ({@code 400 PLACE_INVALID}), at most 10 000 coins
 * ({@code 400 TOO_MANY_COINS}), the signature's text ({@code 403 BAD_SIGNATURE}); the owner's
 * key ({@code 422 UNKNOWN_USER}); the signature ({@code 403 BAD_SIGNATURE}); then, on the
 * writer: a transfer id the registry remembers gets the registry's answer (an identical retry
 * its first answer, other terms {@code TRANSFER_ID_REUSED}); a new one needs a signature still
 * valid ({@code 422 SIGNATURE_EXPIRED}) and expiring within the registry's retention
 * ({@code 422 SIGNATURE_TOO_LONG}), so that a copy of a signed move can only ever be a retry;
 * then {@link Registry#moveVault} in its order ({@link RegistryRefusals}). Immutable; any
 * thread.
 */
final class VaultMoveEndpoint implements Endpoint<VaultMoveRequest, VaultMoveReply> {
    private final WriterLink link;

    VaultMoveEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<VaultMoveRequest> requestType() {
        return VaultMoveRequest.class;
    }

    @Override
    public CompletionStage<Outcome<VaultMoveReply>> handle(VaultMoveRequest request,
                                                          Call call) {
        Outcome<VaultMoveReply> refused = shape(request);
        if (refused != null) {
            return Endpoint.answer(refused);
        }
        VaultPayload terms = new VaultPayload(request.transferId(), request.user(),
            request.to(), request.coinIds(), request.expiresAtMs());
        VaultOrder order = new VaultOrder(request.transferId(), request.user(),
            request.coinIds(), CoinPlace.valueOf(request.to()));
        return link.ask((state, nowMs) -> key(state.directory().user(request.user())))
            .thenCompose(key -> WriterLink.then(key, owner -> {
                Signature signature = Signature.parse(request.signature()).orElseThrow();
                if (!PublicKey.of(owner.bytes()).verifies(terms.bytes(), signature)) {
                    return Endpoint.answer(Refused.<VaultMoveReply>badSignature("owner's"));
                }
                return link.ask((state, nowMs) -> moved(state.registry(), order,
                    request.expiresAtMs(), nowMs));
            }));
    }

    private static Outcome<VaultMoveReply> shape(VaultMoveRequest request) {
        Outcome<VaultMoveReply> text = Texts.unwritable("transferId", request.transferId(),
            "user", request.user(), "to", request.to(), "coinIds", request.coinIds());
        if (text != null) {
            return text;
        }
        if (!request.to().equals("VAULT") && !request.to().equals("WALLET")) {
            return Outcome.refused(400, "PLACE_INVALID", "to must be VAULT or WALLET.");
        }
        if (request.coinIds().size() > VaultPayload.COIN_IDS_MAX) {
            return RegistryRefusals.vault(VaultMoveResult.TOO_MANY_COINS);
        }
        if (Signature.parse(request.signature()).isEmpty()) {
            return Refused.badSignature("owner's");
        }
        return null;
    }

    private static Outcome<UserBytes> key(Optional<UserRow> user) {
        return user.<Outcome<UserBytes>>map(row -> Outcome.ok(row.publicKey()))
            .orElseGet(() -> RegistryRefusals.vault(VaultMoveResult.UNKNOWN_USER));
    }

    /** The move, or why not; writer thread. */
    private static Outcome<VaultMoveReply> moved(Registry registry, VaultOrder order,
                                                 long expiresAtMs, long nowMs) {
        boolean remembered = registry.transfer(order.transferId(), nowMs).isPresent();
        if (!remembered && expiresAtMs <= nowMs) {
            return Outcome.refused(422, "SIGNATURE_EXPIRED", "expiresAtMs has passed; sign the"
                + " move again.");
        }
        if (!remembered && expiresAtMs - nowMs > registry.config().retentionMs()) {
            return Outcome.refused(422, "SIGNATURE_TOO_LONG", "expiresAtMs may be at most "
                + registry.config().retentionMs() + " ms ahead, the time the registry"
                + " remembers a transfer id.");
        }
        VaultMoveResult result = registry.moveVault(order, nowMs);
        if (result != VaultMoveResult.MOVED) {
            return RegistryRefusals.vault(result);
        }
        List<String> ids = new ArrayList<>(order.coinIds());
        ids.sort(null);
        return Outcome.ok(new VaultMoveReply(order.transferId(), order.user(), order.to().name(),
            ids));
    }
}
