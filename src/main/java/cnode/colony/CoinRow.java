package cnode.colony;

import cnode.money.Coin;
import java.util.Objects;

/**
 * One live coin in the registry: its signed facts, its one owner, its place and the prepared
 * swap that holds it, if any. This is both the registry's own record and the row the store
 * writes ({@link RegistryChanges}) and reads back ({@link RegistryRows}). Immutable; a change
 * is a new row.
 *
 * @param coin the facts the bank signed
 * @param owner the username that owns the coin, or {@link Registry#BANK} for the bank's own
 * @param place wallet or vault
 * @param reservedBy the transfer id of the prepared swap holding the coin, or null when free;
 *     only a coin in the wallet is ever reserved
 */
public record CoinRow(Coin coin, String owner, CoinPlace place, String reservedBy) {

    public CoinRow {
        Objects.requireNonNull(coin, "coin");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(place, "place");
        if (reservedBy != null && place != CoinPlace.WALLET) {
            throw new IllegalArgumentException("only a coin in the wallet can be reserved");
        }
    }

    public String id() {
        return coin.id();
    }

    public long faceValue() {
        return coin.faceValue();
    }

    public CoinKind kind() {
        return CoinKind.of(coin);
    }

    public boolean reserved() {
        return reservedBy != null;
    }

    /** This coin reserved by {@code transferId}, or freed when it is null. */
    CoinRow reservedBy(String transferId) {
        return new CoinRow(coin, owner, place, transferId);
    }

    /** This coin, free, owned by {@code newOwner} in the wallet: the end of a swap's move. */
    CoinRow movedTo(String newOwner) {
        return new CoinRow(coin, newOwner, CoinPlace.WALLET, null);
    }

    /** This coin moved to {@code newPlace}, same owner. */
    CoinRow placedIn(CoinPlace newPlace) {
        return new CoinRow(coin, owner, newPlace, reservedBy);
    }
}
