package cnode.payment;

import java.util.List;

/**
 * What a payer holds for {@link CoinSelection}: the free coins it may spend now, and the billons
 * that other running tasks have reserved ({@code lockedBalance}), which it may not. Immutable.
 *
 * @param freeCoins the coins neither reserved nor expired, each listed once
 * @param lockedBillons the sum of the coins reserved by other running tasks, 0 or more
 */
public record Purse(List<CoinFace> freeCoins, long lockedBillons) {

    public Purse {
        freeCoins = List.copyOf(freeCoins);
        if (lockedBillons < 0) {
            throw new IllegalArgumentException("locked billons must be >= 0: " + lockedBillons);
        }
    }
}
