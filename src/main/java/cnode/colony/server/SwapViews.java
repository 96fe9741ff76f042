package cnode.colony.server;

import cnode.colony.Directory;
import cnode.colony.Registry;
import cnode.colony.SwapRow;
import cnode.colony.SwapState;
import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the swap endpoints share: a swap row as the wire shows it, and the rule for who may
 * read, commit or void a swap: a party of it (its payer or payee), proven by the session
 * ({@code 401} without one, {@code 400 BAD_TRANSFER_ID}, {@code 404 UNKNOWN_SWAP} when no swap
 * is known under the id, {@code 403 NOT_A_PARTY} for anyone else). Stateless.
 */
final class SwapViews {
    private SwapViews() {}

    /** The swap {@code transferId} when the session's user is a party of it; writer thread. */
    static Outcome<SwapRow> ofParty(Directory directory, Registry registry, String token,
                                    String transferId, long nowMs) {
        return WriterLink.chain(SessionCheck.user(directory, token, nowMs), user -> {
            if (!Registry.isTransferId(transferId)) {
                return Refused.badTransferId();
            }
            Optional<SwapRow> swap = registry.swap(transferId, nowMs);
            if (swap.isEmpty()) {
                return unknownSwap();
            }
            if (!swap.get().payer().equals(user) && !swap.get().payee().equals(user)) {
                return Outcome.refused(403, "NOT_A_PARTY", "Only the payer or the payee of a"
                    + " swap may read, commit or void it.");
            }
            return Outcome.ok(swap.get());
        });
    }

    static <R> Outcome<R> unknownSwap() {
        return Outcome.refused(404, "UNKNOWN_SWAP", "No swap is known under this transfer id"
            + " (never prepared, refused, or forgotten after its retention).");
    }

    /** The wire form of {@code swap}. */
    static SwapReply reply(SwapRow swap) {
        return new SwapReply(swap.transferId(), swap.state().name(), swap.payer(), swap.payee(),
            swap.kind().currency().code(), swap.kind().colour(), swap.netBillons(),
            sorted(swap.payerCoinIds()), sorted(swap.changeCoinIds()), swap.preparedAtMs(),
            swap.expiresAtMs(), swap.state() == SwapState.PREPARED ? null : swap.settledAtMs());
    }

    private static List<String> sorted(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        copy.sort(null);
        return copy;
    }
}
