package cnode.api;

import java.util.Set;

/**
 * The names of every operation the documentation describes (39), plus the contract's three
 * additions. A call to one that is not built yet is answered with a {@code Client} fault
 * saying "not implemented", not "unknown operation", so an integrator can tell the two apart.
 */
final class DocumentedOperations {
    static final Set<String> NAMES = Set.of(
        "hello", "startRegister", "startLogin", "storePassword", "clearPassword",
        "checkPassword", "getMpin", "getTaskStatus", "readSettings", "getMerchantData",
        "setGeolocationInfo", "requestPaymentInitiation", "requestPingPaymentInitiation",
        "cancelPaymentRequest", "expectPaymentRequest", "giveMoneyRequest",
        "startSeriesPayment", "endSeriesPayment", "requestPersonalData", "fetchUserLocation",
        "getPurchaseDocument", "getPurchaseDocumentList", "getHistoryReport", "getMoneyStatus",
        "getCoinList", "getCurrencyRatio", "changeMoney", "changeMonexAtBnode",
        "sendMoneyToVault", "getMoneyFromVault", "setVaultParameters", "setTreasury",
        "setTreasuryParameters", "sendMoneyToTreasuryRequest", "addSlaves", "checkSlaveStatus",
        "checkSlavesConnectedToUser", "addAllowedUsers", "getAllowedUsers",
        "listTasks", "cancelTask", "waitForTask");

    private DocumentedOperations() {}
}
