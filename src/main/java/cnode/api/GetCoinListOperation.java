package cnode.api;

import cnode.money.Coin;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.wallet.CoinStanding;
import cnode.wallet.HeldCoin;
import cnode.wallet.Wallet;
import cnode.wallet.WalletRead;
import cnode.wallet.WalletView;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code getCoinList()}: the coins on this node (cnode-api §2.25). {@code monexList} holds the
 * coins in the wallet that nobody reserved, expired ones included (their expirationDate says
 * so; only an exchange at the bank takes them); {@code reservedList} the coins reserved by a
 * task here or a swap prepared at the registry; {@code monexSummary} counts
 * {@code monexList} per currency, colour and face value, smallest first, one item per face
 * value held. Coins in the vault are in no list (they are not on the node; getMoneyStatus
 * shows their sum). Each list shows at most {@link #LISTED_MAX} coins, and the description
 * says when one was cut; the summary always counts all. A coin's {@code incomingDate} is when
 * this node first saw it, or its issuing date when the user already held it at login. Dates
 * are {@code YYYY-MM-DD hh:mm:ss} in UTC. Refusals and stale answers as getMoneyStatus.
 * Stateless beyond the gate and wallet it reads; any thread.
 */
public final class GetCoinListOperation extends DirectOperation {
    /** Most coins one list of a reply shows, so a reply stays a few megabytes at most. */
    static final int LISTED_MAX = 10_000;

    static final WireType SUMMARY_ITEM = WireType.struct("monexSummaryItem",
        "amount", BillonAmount.TYPE.ref(),
        "quantity", "xsd:int");
    static final WireType SUMMARY = WireType.listOf("monexSummaryList", SUMMARY_ITEM.ref());
    static final WireType COIN = WireType.struct("coinRecord",
        "id", "xsd:string",
        "value", "xsd:string",
        "currency", "xsd:string",
        "expirationDate", "xsd:string",
        "incomingDate", "xsd:string",
        "issuingDate", "xsd:string");
    static final WireType COINS = WireType.listOf("coinRecordList", COIN.ref());
    static final WireType TYPE = WireType.struct("vuiSoapGetCoinListResponse",
        "monexSummary", SUMMARY.ref(),
        "monexList", COINS.ref(),
        "reservedList", COINS.ref(),
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string");
    private static final OperationSchema SCHEMA = new OperationSchema("getCoinList",
        List.of(), TYPE, false,
        List.of(BillonAmount.TYPE, SUMMARY_ITEM, SUMMARY, COIN, COINS, TYPE));

    private final UserGate gate;
    private final Wallet wallet;

    public GetCoinListOperation(UserGate gate, Wallet wallet) {
        super(SCHEMA);
        this.gate = gate;
        this.wallet = wallet;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        UserGate.Pass pass = gate.readable();
        if (pass.refusal() != null) {
            return reply(List.of(), List.of(), List.of(), pass.refusal(),
                pass.refusal().description());
        }
        WalletRead read = wallet.readSettled(pass.user().username());
        if (read.view() == null) {
            return reply(List.of(), List.of(), List.of(), RequestStatus.ERR_VUI_CANT_READ,
                GetMoneyStatusOperation.CANT_READ);
        }
        WalletView view = read.view();
        List<HeldCoin> held = view.coins().stream()
            .filter(coin -> coin.standing() == CoinStanding.FREE
                || coin.standing() == CoinStanding.EXPIRED)
            .toList();
        List<HeldCoin> reserved = view.coins(CoinStanding.LOCKED);
        String description = GetMoneyStatusOperation.description(read);
        if (held.size() > LISTED_MAX || reserved.size() > LISTED_MAX) {
            description += " A list holds at most " + LISTED_MAX + " coins; monexList has "
                + held.size() + " and reservedList " + reserved.size() + ".";
        }
        return reply(summary(held), records(held), records(reserved), RequestStatus.SUCCESS,
            description);
    }

    /** One item per currency, colour and face value, in the view's order (smallest first). */
    static List<SoapStruct> summary(List<HeldCoin> coins) {
        List<SoapStruct> items = new ArrayList<>();
        int from = 0;
        while (from < coins.size()) {
            Coin first = coins.get(from).coin();
            int to = from + 1;
            while (to < coins.size() && sameKind(first, coins.get(to).coin())) {
                to++;
            }
            items.add(new SoapStruct(SUMMARY_ITEM.name())
                .struct("amount", BillonAmount.of(first.faceValue(), first.currency(),
                    first.colour()))
                .integer("quantity", to - from));
            from = to;
        }
        return items;
    }

    private static boolean sameKind(Coin one, Coin other) {
        return one.faceValue() == other.faceValue() && one.colour() == other.colour()
            && one.currency().equals(other.currency());
    }

    private static List<SoapStruct> records(List<HeldCoin> coins) {
        List<SoapStruct> records = new ArrayList<>(Math.min(coins.size(), LISTED_MAX));
        for (HeldCoin held : coins.subList(0, Math.min(coins.size(), LISTED_MAX))) {
            Coin coin = held.coin();
            records.add(new SoapStruct(COIN.name())
                .string("id", coin.id())
                .string("value", BillonAmount.units(coin.faceValue()))
                .string("currency", coin.currency().code())
                .string("expirationDate", BillonAmount.date(coin.expiresAtMs()))
                .string("incomingDate", BillonAmount.date(held.incomingAtMs()))
                .string("issuingDate", BillonAmount.date(coin.issuedAtMs())));
        }
        return records;
    }

    private static SoapStruct reply(List<SoapStruct> summary, List<SoapStruct> held,
                                    List<SoapStruct> reserved, RequestStatus code,
                                    String description) {
        return new SoapStruct(null)
            .list("monexSummary", SUMMARY.name(), summary)
            .list("monexList", COINS.name(), held)
            .list("reservedList", COINS.name(), reserved)
            .string("requestStatus", code.name())
            .string("requestStatusDescription", description);
    }
}
