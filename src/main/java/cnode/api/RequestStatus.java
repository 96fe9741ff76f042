package cnode.api;

/**
 * The {@code requestStatus} codes this node answers, each with the sentence a person reads in
 * {@code requestStatusDescription} when the handler has nothing more precise to say. Codes
 * from the documentation keep its spelling; the additions of the contract are marked.
 */
public enum RequestStatus {
    SUCCESS("Request succeeded."),
    ERR_INVALID_TASK_ID("The task id is missing or malformed."),
    ERR_TASK_DOES_NOT_EXIST("No task with this id exists on this node, or it has expired."),
    ERR_INVALID_TRANSFER_ID("The uniqueTransferId does not belong to this task."),
    /** Contract §3: cancelTask and cancelPaymentRequest past the point of no return. */
    ERR_TASK_NOT_CANCELLABLE("The task can no longer be cancelled."),
    /** Contract addition: a parameter that is not of its declared type. */
    ERR_INVALID_PARAMETER("A parameter is malformed."),
    /** Contract addition (listTasks). */
    ERR_INVALID_TASK_TYPE("The task type is not one of the documented types."),
    /** Contract addition (listTasks, waitForTask). */
    ERR_INVALID_TASK_STATUS("The task status is not one of the documented statuses."),
    /** Contract addition (listTasks). */
    ERR_INVALID_DATE("A date is not written as YYYY-MM-DD hh:mm:ss."),
    /** Contract addition (listTasks). */
    ERR_INVALID_PAGE_SIZE("The page size must be between 1 and 500."),
    /** Contract addition (listTasks). */
    ERR_INVALID_PAGE_TOKEN("The page token was not issued by this node."),
    /** Contract addition (waitForTask). */
    ERR_INVALID_TIMEOUT("The timeout must be between 0 and 25 seconds."),
    ERR_VUI_NOT_LOGGEDIN("No user is logged in on this node."),
    ERR_VUI_CANT_READ("The node is not yet fully connected to the system; try again shortly."),
    ERR_INVALID_PASSWORD("The password is not the logged-in user's."),
    ERR_INVALID_USERNAME("The username is malformed."),
    ERR_TASK_ALREADY_RUNNING("A login or registration is already running on this node."),
    /** Contract §3: a parameter that must be JSON is not. */
    ERR_INVALID_JSON("A parameter that must hold a JSON object does not."),
    ERR_INVALID_AMOUNT("The amount must be a whole number of billons above 0 and at most "
        + "9223372036854775807, in a currency the network rates, colour 0."),
    ERR_INVALID_PAYMENT_TYPE("The payment type is not one this operation takes."),
    ERR_INVALID_SERIES_ID("No series with this id runs on this node."),
    ERR_INVALID_PEER_LOCATION("The peer location is malformed."),
    ERR_NO_REQUEST_DATA("The requestData is missing."),
    ERR_INVALID_PURCHASE_DOCUMENT("The description must be a JSON object."),
    ERR_INVALID_DELIVERY_OPTION("requestDeliveryData must be NOT_NEEDED, OPTIONAL or OBLIGATORY."),
    ERR_INVALID_INVOICE_OPTION("requestInvoiceData must be NOT_NEEDED, OPTIONAL or OBLIGATORY."),
    ERR_TECHNICAL_PROBLEM("The node could not complete the request; try again.");

    private final String description;

    RequestStatus(String description) {
        this.description = description;
    }

    /** The default sentence for this code. */
    public String description() {
        return description;
    }
}
