package cnode.compat;

import cnode.task.NewTask;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What one client script checks against its own node, prepared by the test before the client
 * runs and written for it as JSON: the node's process id and P2P port, tasks in known states
 * (created through the engine), the accounts in the colony (a merchant registered and holding
 * minted coins, a name for the script to register), the coins minted, the wallet the shop's
 * payments go to and come from, and the payments the script makes ({@link Payment}). Immutable.
 */
record Facts(long pid, int p2pPort, Tasks tasks, Accounts accounts, List<Minted> minted,
             Wallet wallet) {

    /** A task type with exactly one task ({@link Tasks#singleId}), and one with none. */
    static final TaskType SINGLE_TYPE = TaskType.CHECK_SLAVE_STATUS;
    static final TaskType EMPTY_TYPE = TaskType.MONEY_REDEMPTION;
    /** Well-formed, and never issued: ids are 26 characters, this one has 24. */
    static final String UNKNOWN_TASK_ID = "QF4KJMNG3ESEG2245J7901KD";
    /** Well-formed, and registered by nobody. */
    static final String UNKNOWN_USER = "nobody.here";
    private static final ObjectMapper JSON = new ObjectMapper();

    Facts {
        minted = List.copyOf(minted);
    }

    /**
     * The payments every client script makes, in PLN, each under its own uniqueTransferId
     * ({@code key} names it in the facts): the shop asks the wallet to pay for an order,
     * refunds part of it, and the wallet pays through a window the shop opened; a request to
     * the newcomer, whom no node serves, is cancelled while it searches; the wallet accepts a
     * series of payments up to {@code SERIES}' billons in all, and one payment runs in it. The
     * ids need only be unique per shop node, and each client has its own.
     */
    enum Payment {
        ORDER("order", "order-1", 12_000),
        REFUND("refund", "refund-1", 5_000),
        WINDOW("window", "window-1", 4_000),
        CANCELLED("cancelled", "cancelled-1", 1_000),
        SERIES("series", "series-1", 3_000),
        IN_SERIES("inSeries", "series-payment-1", 2_000);

        private final String key;
        private final String transferId;
        private final long billons;

        Payment(String key, String transferId, long billons) {
            this.key = key;
            this.transferId = transferId;
            this.billons = billons;
        }

        String transferId() {
            return transferId;
        }

        long billons() {
            return billons;
        }

        /** What the shop's free PLN gains from the payments that go through. */
        static long shopGain() {
            return ORDER.billons - REFUND.billons + WINDOW.billons + IN_SERIES.billons;
        }
    }

    /**
     * The shop's counterparty: a user who is not a merchant, on a node of its own at {@code url}
     * ({@link WalletNode}), holding {@code billons} PLN, paying requests up to
     * {@code acceptUpTo} on its own and sharing this personal data (JSON objects) when asked.
     */
    record Wallet(String username, String url, long billons, long acceptUpTo,
                  String invoiceDataJson, String deliveryDataJson) {}

    /**
     * The node's tasks as the clients expect to read them: shared ones only read, one the
     * client cancels and one it waits on while the test moves it.
     *
     * @param giveMoneyCount every GIVE_MONEY task on the node, for listTasks' paging check
     */
    record Tasks(String finishedId, String finishedTransferId, String transferringId,
                 String rejectedId, String singleId, String cancellable, String waitee,
                 int giveMoneyCount) {

        /** Creates the tasks through {@code engine}, on a node where the login makes no other. */
        static Tasks prepare(TaskEngine engine, long nowMs) {
            String finished = create(engine, TaskType.GIVE_MONEY, "compat-order-1", nowMs);
            engine.advance(finished, TaskStatus.SEARCHING, 0, null, nowMs);
            engine.advance(finished, TaskStatus.TRANSFERRING, 50, "{\"coinCount\":3}", nowMs);
            engine.advance(finished, TaskStatus.FINISHED_OK, 100, null, nowMs);
            String transferring = create(engine, TaskType.GIVE_MONEY, null, nowMs);
            engine.advance(transferring, TaskStatus.TRANSFERRING, 40, null, nowMs);
            String rejected = create(engine, TaskType.GIVE_MONEY, null, nowMs);
            engine.fail(rejected, TaskStatus.FINISHED_ERR_USER_REJECTED, "The user said no.",
                nowMs);
            String single = create(engine, SINGLE_TYPE, null, nowMs);
            String cancellable = create(engine, TaskType.GIVE_MONEY, null, nowMs);
            String waitee = create(engine, TaskType.GIVE_MONEY, null, nowMs);
            List<String> giveMoney = List.of(finished, transferring, rejected, cancellable,
                waitee);
            return new Tasks(finished, "compat-order-1", transferring, rejected, single,
                cancellable, waitee, giveMoney.size());
        }

        /** Creates a task of {@code type} in PREPARATION and returns its id. */
        private static String create(TaskEngine engine, TaskType type, String transferId,
                                     long nowMs) {
            TaskEngine.Created created = engine.create(
                new NewTask(type, transferId, "compat", "{}", null, false), nowMs);
            if (created.outcome() != TaskEngine.Outcome.CREATED) {
                throw new IllegalStateException("the engine refused a test task: " + created);
            }
            return created.task().id();
        }
    }

    /**
     * The colony's users a client meets: {@code shop}, a merchant registered before the client
     * runs (with this profile and logo, base64), whom it logs in as; {@code newcomer}, a free
     * name it registers itself. {@link #toString()} leaves the passwords out.
     */
    record Accounts(String shop, String shopPassword, String profileJson, String logoBase64,
                    String newcomer, String newcomerPassword) {
        @Override
        public String toString() {
            return "Accounts[shop=" + shop + ", newcomer=" + newcomer + "]";
        }
    }

    /** One mint to the shop: the amount, and the ids of the coins it issued. */
    record Minted(String currency, long colour, long billons, List<String> coinIds) {
        Minted {
            coinIds = List.copyOf(coinIds);
        }
    }

    /** The JSON a client reads. */
    String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("pid", pid).put("p2pPort", p2pPort);
        root.putObject("finished").put("taskId", tasks.finishedId())
            .put("uniqueTransferId", tasks.finishedTransferId());
        root.putObject("transferring").put("taskId", tasks.transferringId());
        root.putObject("rejected").put("taskId", tasks.rejectedId());
        root.putObject("single").put("type", SINGLE_TYPE.name())
            .put("taskId", tasks.singleId());
        root.put("emptyType", EMPTY_TYPE.name()).put("unknownTaskId", UNKNOWN_TASK_ID)
            .put("giveMoneyCount", tasks.giveMoneyCount())
            .put("cancellable", tasks.cancellable()).put("waitee", tasks.waitee());
        root.putObject("shop").put("username", accounts.shop())
            .put("password", accounts.shopPassword())
            .put("publicProfileJson", accounts.profileJson())
            .put("logo", accounts.logoBase64());
        root.putObject("newcomer").put("username", accounts.newcomer())
            .put("password", accounts.newcomerPassword());
        root.put("unknownUser", UNKNOWN_USER);
        root.putObject("wallet").put("username", wallet.username()).put("url", wallet.url())
            .put("billons", wallet.billons()).put("acceptUpTo", wallet.acceptUpTo())
            .put("invoiceDataJson", wallet.invoiceDataJson())
            .put("deliveryDataJson", wallet.deliveryDataJson());
        ObjectNode payments = root.putObject("payments");
        for (Payment payment : Payment.values()) {
            payments.putObject(payment.key)
                .put("uniqueTransferId", payment.transferId())
                .put("billons", payment.billons());
        }
        ArrayNode money = root.putArray("minted");
        for (Minted mint : minted) {
            ObjectNode item = money.addObject().put("currency", mint.currency())
                .put("colour", mint.colour()).put("billons", mint.billons());
            ArrayNode ids = item.putArray("coinIds");
            mint.coinIds().forEach(ids::add);
        }
        return root.toPrettyString() + "\n";
    }
}
