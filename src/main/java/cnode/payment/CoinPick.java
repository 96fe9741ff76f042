package cnode.payment;

import cnode.money.Currency;
import cnode.wallet.CoinStanding;
import cnode.wallet.HeldCoin;
import cnode.wallet.WalletRead;
import java.util.ArrayList;
import java.util.List;

/**
 * The wallet's side of coin selection: splits the user's coins of one currency into those
 * that can pay (free and valid past the swap's end), the money reserved by other tasks and the
 * money only expired coins hold, judges the money outcomes in the contract's order (with
 * FINISHED_ERR_OUTDATED where only expired coins would make the amount), and asks
 * {@link CoinSelection} for the coins. A value: the refusal's name, or the coins.
 *
 * @param refusal        null when coins were chosen, else NOT_ENOUGH_MONEY, OUTDATED,
 *                       COLLECTING_MONEX_AMOUNT or CHANGE_MISMATCH
 * @param changeBillons  what the change coins are worth
 */
record CoinPick(String refusal, List<String> payerCoinIds, List<String> changeCoinIds,
                long changeBillons) {
    /** The most coins one swap moves, both sides together (the registry's limit). */
    static final int SWAP_COINS_MAX = 1_000;

    CoinPick {
        payerCoinIds = List.copyOf(payerCoinIds);
        changeCoinIds = List.copyOf(changeCoinIds);
    }

    static CoinPick refused(String reason) {
        return new CoinPick(reason, List.of(), List.of(), 0);
    }

    /**
     * The user's coins in {@code read}, paying {@code amount} with the offered change. The
     * search first gets the coins an exact set could use ({@link
     * cnode.wallet.WalletView#freeToPay}: a bounded number per face value, so a wallet of
     * thousands of coins costs a payment about as much as one of a few); an exact set found
     * among them is as good as any in the whole wallet (an exact set never uses more of a face
     * value). Only when there is none does it search every free coin, where change may need
     * more.
     */
    static CoinPick fromWallet(WalletRead read, long amount, String currencyCode,
                               long validUntilMs, List<PaymentWire.Offered> change) {
        Currency currency = new Currency(currencyCode);
        var balance = read.view().balance(currency, 0);
        List<HeldCoin> candidates = read.view().freeToPay(currency, 0, validUntilMs, amount);
        long candidateSum = 0;
        for (HeldCoin coin : candidates) {
            candidateSum = Math.addExact(candidateSum, coin.coin().faceValue());
        }
        if (candidateSum < amount) {
            // Every valid free coin is among the candidates: the rest of the free and the
            // expired balance is what only expired (or soon expiring) coins hold.
            long outdated = Math.addExact(balance.free() - candidateSum, balance.expired());
            return choose(amount, candidates, balance.locked(), outdated, change);
        }
        CoinPick pick = choose(amount, candidates, balance.locked(), 0, change);
        if (pick.refusal() == null && pick.changeCoinIds().isEmpty()) {
            return pick;
        }
        List<HeldCoin> free = new ArrayList<>();
        for (HeldCoin coin : read.view().coins(CoinStanding.FREE)) {
            if (coin.coin().currency().equals(currency) && coin.coin().colour() == 0
                && coin.coin().expiresAtMs() > validUntilMs) {
                free.add(coin);
            }
        }
        return choose(amount, free, balance.locked(), 0, change);
    }

    static CoinPick choose(long amount, List<HeldCoin> free, long locked, long outdated,
                           List<PaymentWire.Offered> change) {
        long freeSum = 0;
        List<CoinFace> payer = new ArrayList<>(free.size());
        for (HeldCoin coin : free) {
            freeSum = Math.addExact(freeSum, coin.coin().faceValue());
            payer.add(new CoinFace(coin.coin().id(), coin.coin().faceValue()));
        }
        String money = moneyRefusal(amount, freeSum, locked, outdated);
        if (money != null) {
            return refused(money);
        }
        List<CoinFace> offer = new ArrayList<>(change.size());
        for (PaymentWire.Offered coin : change) {
            offer.add(new CoinFace(coin.id(), coin.faceValue()));
        }
        Selection selection = CoinSelection.choose(amount, new Purse(payer, locked), offer,
            SWAP_COINS_MAX);
        return switch (selection.outcome()) {
            case EXACT, WITH_CHANGE -> new CoinPick(null, ids(selection.payerCoins()),
                ids(selection.changeCoins()), selection.changeSum());
            default -> refused(selection.outcome().name());
        };
    }

    /**
     * A ping (contract: "a small amount there and back"): the smallest of the payer's coins
     * (valid past {@code validUntilMs}) for which the other side's offer holds change of
     * exactly its value goes there, the change comes back, in one swap of amount 0. No coin:
     * NOT_ENOUGH_MONEY; no offer that matches any coin: CHANGE_MISMATCH.
     */
    static CoinPick exchange(WalletRead read, String currencyCode, long validUntilMs,
                             List<PaymentWire.Offered> change) {
        Currency currency = new Currency(currencyCode);
        List<HeldCoin> free = new ArrayList<>();
        for (HeldCoin coin : read.view().coins(CoinStanding.FREE)) {
            if (coin.coin().currency().equals(currency) && coin.coin().colour() == 0
                && coin.coin().expiresAtMs() > validUntilMs) {
                free.add(coin);
            }
        }
        if (free.isEmpty()) {
            return refused("NOT_ENOUGH_MONEY");
        }
        List<CoinFace> offer = new ArrayList<>(change.size());
        for (PaymentWire.Offered coin : change) {
            offer.add(new CoinFace(coin.id(), coin.faceValue()));
        }
        long tried = -1;
        for (HeldCoin coin : free) {
            long face = coin.coin().faceValue();
            if (face == tried || offer.isEmpty()) {
                continue;
            }
            tried = face;
            Selection back = CoinSelection.choose(face, new Purse(offer, 0), List.of(),
                SWAP_COINS_MAX - 1);
            if (back.outcome() == Selection.Outcome.EXACT) {
                return new CoinPick(null, List.of(coin.coin().id()), ids(back.payerCoins()),
                    face);
            }
        }
        return refused("CHANGE_MISMATCH");
    }

    /**
     * The money outcomes before any coin is chosen, in the contract's order: not enough
     * (free + locked below the amount; OUTDATED when expired coins would have made it), then
     * collecting (free below the amount, locked making it up); null when free money suffices.
     */
    static String moneyRefusal(long amount, long free, long locked, long outdated) {
        long usable = Math.addExact(free, locked);
        if (usable < amount) {
            return Math.addExact(usable, outdated) >= amount ? "OUTDATED" : "NOT_ENOUGH_MONEY";
        }
        return free < amount ? "COLLECTING_MONEX_AMOUNT" : null;
    }

    /** One sentence for a person about a money outcome. */
    static String sentence(String reason) {
        return switch (reason) {
            case "NOT_ENOUGH_MONEY" -> "The payer's free and locked money is below the amount.";
            case "COLLECTING_MONEX_AMOUNT" -> "The payer's coins are reserved by other running "
                + "tasks; free money is below the amount.";
            case "CHANGE_MISMATCH" -> "No exact set of coins, and the other side cannot give "
                + "change.";
            case "OUTDATED" -> "The only coins that could pay have expired.";
            case "INVALID_DATA" -> "The payer's wallet found the description inconsistent with "
                + "the request.";
            default -> reason;
        };
    }

    private static List<String> ids(List<CoinFace> coins) {
        List<String> ids = new ArrayList<>(coins.size());
        for (CoinFace coin : coins) {
            ids.add(coin.id());
        }
        return ids;
    }
}
