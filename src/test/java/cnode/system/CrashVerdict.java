package cnode.system;

import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonySwaps;
import cnode.colony.client.Outcome;
import cnode.colony.client.SessionToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The crash test's judgement after the stream and the kills: waits (bounded) until every
 * payment's task has ended, then checks each rule of issue 5 and writes down every breach as a
 * finding, one line each, with what the merchant, the payer and the colony say: every task
 * FINISHED_OK or FINISHED_ERR_*, found by its uniqueTransferId, the same task on a repeat of
 * the request; the money moved is exactly the OK count times the amount, at both nodes and at
 * the colony; the purchase documents on both sides match the endings; the conservation check
 * passes. Owned by the test thread.
 */
final class CrashVerdict {
    static final long DOCUMENT_WAIT_MS = 120_000;
    private static final long END_WAIT_MS = 180_000;
    private static final long MONEY_WAIT_MS = 30_000;
    private static final int LOG_LINES_MAX = 12;

    private final CrashNode merchant;
    private final CrashNode payer;
    private final CrashColony colony;
    private final PaymentStream stream;
    private final long amount;
    private final List<String> findings = new ArrayList<>();
    private final Map<String, Integer> kinds = new TreeMap<>();
    private final Map<String, String> endings = new LinkedHashMap<>();

    CrashVerdict(CrashNode merchant, CrashNode payer, CrashColony colony, PaymentStream stream,
                 long amount) {
        this.merchant = merchant;
        this.payer = payer;
        this.colony = colony;
        this.stream = stream;
        this.amount = amount;
    }

    List<String> findings() {
        return List.copyOf(findings);
    }

    /** How many findings of each kind. */
    Map<String, Integer> kinds() {
        return kinds;
    }

    private void found(String kind, String text) {
        kinds.merge(kind, 1, Integer::sum);
        findings.add("[" + kind + "] " + text);
    }

    /** uniqueTransferId → the merchant task's last status. */
    Map<String, String> endings() {
        return endings;
    }

    /** How many payments ended with each status. */
    Map<String, Integer> tally() {
        Map<String, Integer> tally = new TreeMap<>();
        endings.values().forEach(status -> tally.merge(status, 1, Integer::sum));
        return tally;
    }

    long finishedOk() {
        return endings.values().stream().filter("FINISHED_OK"::equals).count();
    }

    /** Every payment the stream sent: its task found by its id, waited for until it ended. */
    void awaitEndings(List<PaymentStream.Sent> sent) throws InterruptedException {
        long giveUpAtMs = System.currentTimeMillis() + END_WAIT_MS;
        for (PaymentStream.Sent one : sent) {
            String id = one.uniqueTransferId();
            if (one.refusal() != null) {
                found("no task", id + ": the request was never answered with a task: "
                    + one.refusal() + " after " + one.calls() + " calls");
                continue;
            }
            Map<String, String> task = Map.of();
            while (System.currentTimeMillis() < giveUpAtMs) {
                task = merchant.call("getTaskStatus", "<taskId></taskId><uniqueTransferId>"
                    + id + "</uniqueTransferId>");
                if (terminal(task.get("status"))) {
                    break;
                }
                Thread.sleep(100);
            }
            endings.put(id, String.valueOf(task.get("status")));
            if (!terminal(task.get("status"))) {
                found("stuck", id + " (task " + one.taskId() + "): not ended within "
                    + END_WAIT_MS + " ms after the stream: " + task + logLines(one.taskId()));
            } else if (!one.taskId().equals(task.get("taskId"))) {
                found("task by id", id + ": the request named task " + one.taskId()
                    + " but getTaskStatus by uniqueTransferId finds " + task.get("taskId"));
            }
        }
    }

    /** Each request sent again, the same id and parameters: the same task, nothing new. */
    void checkRepeats(List<PaymentStream.Sent> sent) {
        for (int i = 0; i < sent.size(); i++) {
            PaymentStream.Sent one = sent.get(i);
            if (one.taskId() == null) {
                continue;
            }
            Map<String, String> again = merchant.call("requestPaymentInitiation",
                stream.params(i));
            if (!"SUCCESS".equals(again.get("requestStatus"))
                || !one.taskId().equals(again.get("taskId"))) {
                found("repeat", one.uniqueTransferId() + ": the repeated request (same id, same "
                    + "parameters) answered " + again + ", not task " + one.taskId());
            }
        }
    }

    private static boolean terminal(String status) {
        return status != null && (status.equals("FINISHED_OK")
            || status.startsWith("FINISHED_ERR"));
    }

    /**
     * The money: the merchant gained and the payer lost exactly the OK count times the
     * amount, as each node's getMoneyStatus (free plus locked) and the colony's user listing
     * say; the merchant started with nothing and the payer with {@code minted}.
     */
    void checkMoney(String merchantName, String payerName, long minted) throws Exception {
        long moved = Math.multiplyExact(finishedOk(), amount);
        long payerLeft = Math.subtractExact(minted, moved);
        settleMoney(merchant, moved);
        settleMoney(payer, payerLeft);
        Map<String, Long> wallets = new TreeMap<>();
        var page = colony.admin().users("", ColonyAdmin.USERS_PAGE_MAX);
        if (!(page instanceof Outcome.Ok<ColonyAdmin.UsersReply> ok)) {
            found("money", "the colony's user listing answered " + page);
            return;
        }
        for (ColonyAdmin.UserEntry user : ok.reply().users()) {
            long wallet = user.balances().stream().filter(b -> b.currency().equals("PLN"))
                .mapToLong(ColonyAdmin.Balance::wallet).sum();
            wallets.put(user.username(), wallet);
        }
        expect("the colony's wallet of " + merchantName, wallets.get(merchantName), moved);
        expect("the colony's wallet of " + payerName, wallets.get(payerName), payerLeft);
    }

    private void settleMoney(CrashNode node, long expected) throws InterruptedException {
        long giveUpAtMs = System.currentTimeMillis() + MONEY_WAIT_MS;
        long seen = node.money();
        while (seen != expected && System.currentTimeMillis() < giveUpAtMs) {
            Thread.sleep(200);
            seen = node.money();
        }
        expect(node.name() + "'s getMoneyStatus (free + locked)", seen, expected);
    }

    private void expect(String what, Long seen, long expected) {
        if (seen == null || seen != expected) {
            found("money", what + " is " + seen + " billons, expected " + expected + " ("
                + finishedOk() + " FINISHED_OK x " + amount + ")");
        }
    }

    /**
     * Purchase documents: the merchant has one for every FINISHED_OK payment and none for
     * the others, and the payer's history agrees (a document there exactly when the
     * merchant's task is FINISHED_OK), both naming the order.
     */
    void checkDocuments(Map<String, String> taskIds) throws InterruptedException {
        // A side that was down when its payment ended is told when it is back (the merchant
        // retries in the background every 2 s): its history may lag the merchant's by a few
        // seconds, so each document gets up to DOCUMENT_WAIT_MS to appear.
        long giveUpAtMs = System.currentTimeMillis() + DOCUMENT_WAIT_MS;
        for (Map.Entry<String, String> ending : endings.entrySet()) {
            String id = ending.getKey();
            boolean ok = ending.getValue().equals("FINISHED_OK");
            for (CrashNode side : List.of(merchant, payer)) {
                Map<String, String> document = document(side, id);
                while (!agrees(document, ok, id) && System.currentTimeMillis() < giveUpAtMs) {
                    Thread.sleep(200);
                    document = document(side, id);
                }
                if (!agrees(document, ok, id)) {
                    found(side.name() + " document", id + ": the merchant's task ended "
                        + ending.getValue() + " but " + side.name()
                        + "'s getPurchaseDocument answered " + document
                        + logLines(taskIds.getOrDefault(id, merchant.call("getTaskStatus",
                            "<uniqueTransferId>" + id + "</uniqueTransferId>").get("taskId"))));
                }
            }
        }
    }

    private static Map<String, String> document(CrashNode side, String id) {
        return side.call("getPurchaseDocument", "<uniqueTransferId>" + id
            + "</uniqueTransferId>");
    }

    private static boolean agrees(Map<String, String> document, boolean ok, String id) {
        boolean has = "SUCCESS".equals(document.get("requestStatus"));
        return has == ok && (!has || String.valueOf(document.get("purchaseDocument"))
            .contains("\"order\":\"" + id + "\""));
    }

    /**
     * The registry, the one source of truth, on each payment's swap ({@code pay-TASKID}):
     * COMMITTED exactly when the merchant's task is FINISHED_OK. A FINISHED_ERR_* whose swap
     * is still PREPARED moves nothing either (it expires unvoided), but is named too.
     */
    void checkRegistry(SessionToken merchantSession, Map<String, String> taskIds)
        throws Exception {
        ColonySwaps swaps = new ColonySwaps(colony.client());
        for (Map.Entry<String, String> ending : endings.entrySet()) {
            String taskId = taskIds.get(ending.getKey());
            Outcome<ColonySwaps.SwapReply> swap = swaps.swap(merchantSession, "pay-" + taskId);
            String state = swap instanceof Outcome.Ok<ColonySwaps.SwapReply> ok
                ? ok.reply().state() : ((Outcome.Refused<ColonySwaps.SwapReply>) swap)
                .refusal().error();
            boolean committed = state.equals("COMMITTED");
            if (committed != ending.getValue().equals("FINISHED_OK")
                || state.equals("PREPARED")) {
                found("registry", ending.getKey() + " (task " + taskId + "): the merchant's "
                    + "task ended " + ending.getValue() + " but the registry's swap is "
                    + state + logLines(taskId));
            }
        }
    }

    /** The colony's conservation check. */
    void checkColony() throws Exception {
        var check = colony.admin().check();
        if (!(check instanceof Outcome.Ok<ColonyAdmin.CheckReply> ok) || !ok.reply().passed()) {
            found("admin check", "admin check did not pass: " + check);
        }
    }

    /** The lines of both nodes' logs that name the task (its id, or its swap's). */
    private String logLines(String taskId) {
        if (taskId == null) {
            return "";
        }
        StringBuilder lines = new StringBuilder();
        for (CrashNode side : List.of(merchant, payer)) {
            for (String line : read(side.log())) {
                if (line.contains(taskId) && lines.length() < LOG_LINES_MAX * 300) {
                    lines.append("\n    ").append(side.name()).append(".log: ").append(line);
                }
            }
        }
        return lines.toString();
    }

    private static List<String> read(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (IOException unreadable) {
            return List.of("(log unreadable: " + unreadable.getMessage() + ")");
        }
    }
}
