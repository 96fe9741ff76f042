package cnode.api;

import cnode.money.Currency;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.wallet.Balance;
import cnode.wallet.Wallet;
import cnode.wallet.WalletRead;
import cnode.wallet.WalletView;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code getMoneyStatus()}: the user's balances (cnode-api §2.24, contract §3). First the
 * default currency's (PLN, colour 0) {@code freeBalance}, {@code vaultBalance},
 * {@code lockedBalance} and {@code unpaidCommission}, then {@code balanceList}: one item per
 * currency and colour the user holds, with the same four amounts. No fees exist in this
 * system, so {@code unpaidCommission} is always 0. Expired coins in the wallet are in none of
 * the balances (only an exchange at the bank takes them). Direct; needs a user whose data the
 * node can read. The balances come from the wallet's cache; when the colony cannot be reached
 * the last copy is answered and the description says from when; with no copy at all the
 * answer is ERR_VUI_CANT_READ. Stateless beyond the gate and wallet it reads; any thread.
 */
public final class GetMoneyStatusOperation extends DirectOperation {
    static final Currency DEFAULT_CURRENCY = Currency.PLN;

    /** What a reply says when the node has never read the user's coins. */
    static final String CANT_READ = "The node has not been able to read this user's coins "
        + "from the colony yet; try again shortly.";

    static final WireType ITEM = WireType.struct("currencyBalance",
        "currency", "xsd:string",
        "freeBalance", BillonAmount.TYPE.ref(),
        "vaultBalance", BillonAmount.TYPE.ref(),
        "lockedBalance", BillonAmount.TYPE.ref(),
        "unpaidCommission", BillonAmount.TYPE.ref());
    static final WireType LIST = WireType.listOf("currencyBalanceList", ITEM.ref());
    static final WireType TYPE = WireType.struct("vuiSoapGetMoneyStatusResponse",
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string",
        "freeBalance", BillonAmount.TYPE.ref(),
        "vaultBalance", BillonAmount.TYPE.ref(),
        "lockedBalance", BillonAmount.TYPE.ref(),
        "unpaidCommission", BillonAmount.TYPE.ref(),
        "balanceList", LIST.ref());
    private static final OperationSchema SCHEMA = new OperationSchema("getMoneyStatus",
        List.of(), TYPE, false, List.of(BillonAmount.TYPE, ITEM, LIST, TYPE));

    private final UserGate gate;
    private final Wallet wallet;

    public GetMoneyStatusOperation(UserGate gate, Wallet wallet) {
        super(SCHEMA);
        this.gate = gate;
        this.wallet = wallet;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        UserGate.Pass pass = gate.readable();
        if (pass.refusal() != null) {
            return error(pass.refusal(), pass.refusal().description());
        }
        WalletRead read = wallet.readSettled(pass.user().username());
        if (read.view() == null) {
            return error(RequestStatus.ERR_VUI_CANT_READ, CANT_READ);
        }
        WalletView view = read.view();
        Balance main = view.balance(DEFAULT_CURRENCY, 0);
        List<SoapStruct> items = new ArrayList<>(view.balances().size());
        for (Balance balance : view.balances()) {
            items.add(amounts(new SoapStruct(ITEM.name())
                .string("currency", balance.currency().code()), balance));
        }
        return amounts(new SoapStruct(null)
                .string("requestStatus", RequestStatus.SUCCESS.name())
                .string("requestStatusDescription", description(read)), main)
            .list("balanceList", LIST.name(), items);
    }

    /** The success sentence, saying when the figures are old or partial. */
    static String description(WalletRead read) {
        WalletView view = read.view();
        String text = RequestStatus.SUCCESS.description();
        if (read.state() == WalletRead.State.STALE) {
            text += " The colony cannot be reached now; these figures are as it gave them at "
                + BillonAmount.date(view.asOfMs()) + " UTC.";
        }
        if (view.truncated()) {
            text += " This user holds more coins than the node keeps; only the first "
                + view.coins().size() + " are counted.";
        }
        return text;
    }

    private static SoapStruct amounts(SoapStruct struct, Balance balance) {
        return struct
            .struct("freeBalance", BillonAmount.of(balance.free(), balance.currency(),
                balance.colour()))
            .struct("vaultBalance", BillonAmount.of(balance.vault(), balance.currency(),
                balance.colour()))
            .struct("lockedBalance", BillonAmount.of(balance.locked(), balance.currency(),
                balance.colour()))
            .struct("unpaidCommission", BillonAmount.of(0, balance.currency(),
                balance.colour()));
    }

    private static SoapStruct error(RequestStatus code, String description) {
        return new SoapStruct(null)
            .string("requestStatus", code.name())
            .string("requestStatusDescription", description)
            .struct("freeBalance", BillonAmount.empty())
            .struct("vaultBalance", BillonAmount.empty())
            .struct("lockedBalance", BillonAmount.empty())
            .struct("unpaidCommission", BillonAmount.empty())
            .list("balanceList", LIST.name(), List.of());
    }
}
