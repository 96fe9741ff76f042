package cnode.ui;

import cnode.money.Currency;
import cnode.node.NodeState;
import cnode.wallet.PendingDecision;
import java.util.List;

/**
 * What the wallet page shows, read fresh for every page view: the user, the node's state, the
 * balance in each currency and the requests waiting for a decision. An immutable value the
 * node builds from its live state (and tests build by hand).
 *
 * @param username  the logged-in user, empty when nobody is logged in
 * @param state     the node's state, as {@code hello} reports it
 * @param balances  one row per currency, in the order to show them (default currency first)
 * @param pending   the requests waiting for the person, oldest first
 * @param series    the series of payments the user accepted, which the person may revoke
 */
public record PageView(String username, NodeState state, List<Balance> balances,
                         List<PendingDecision> pending, List<Series> series) {
    /** A view without accepted series. */
    public PageView(String username, NodeState state, List<Balance> balances,
                    List<PendingDecision> pending) {
        this(username, state, balances, pending, List.of());
    }

    /**
     * One accepted series: its id, the merchant, what it is for, and its total limit in
     * billons (0 for none).
     */
    public record Series(String id, String merchant, String title, long totalMaxBillons,
                         Currency currency) {}

    /**
     * The money of one currency, in billons, as {@code getMoneyStatus} reports it.
     *
     * @param freeBillons    spendable now
     * @param lockedBillons  reserved by running tasks
     * @param vaultBillons   held in the colony's vault
     */
    public record Balance(Currency currency, long freeBillons, long lockedBillons,
                          long vaultBillons) {
        public Balance {
            if (currency == null || freeBillons < 0 || lockedBillons < 0 || vaultBillons < 0) {
                throw new IllegalArgumentException("not a balance: " + currency + " "
                    + freeBillons + "/" + lockedBillons + "/" + vaultBillons);
            }
        }
    }

    public PageView {
        if (username == null || state == null) {
            throw new IllegalArgumentException("a wallet view needs a username (maybe empty) "
                + "and a state");
        }
        balances = List.copyOf(balances);
        pending = List.copyOf(pending);
        series = List.copyOf(series);
    }
}
