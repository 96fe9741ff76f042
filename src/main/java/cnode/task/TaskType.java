package cnode.task;

/**
 * The seventeen task types of the contract (§4), as {@code getTaskStatus.type} writes them.
 * Only {@code REGISTER} and {@code GIVE_MONEY} appear in the vendor's documentation; the others
 * are the contract's names and are fixed, since clients match on them.
 */
public enum TaskType {
    REGISTER,
    LOGIN,
    REQUEST_PAYMENT,
    PING_PAYMENT,
    GIVE_MONEY,
    MONEY_COLLECT,
    MONEY_COLLECT_SERIES,
    PERSONAL_DATA_REQUEST,
    MONEY_COLLECT_REQUEST,
    CHANGE_MONEY,
    CHANGE_MONEX_AT_BNODE,
    SEND_MONEY_TO_VAULT,
    GET_MONEY_FROM_VAULT,
    SEND_MONEY_TO_TREASURY,
    MONEY_REDEMPTION,
    ADD_SLAVES,
    CHECK_SLAVE_STATUS;

    /** The type named {@code text}, or null when there is none (names are case-sensitive). */
    public static TaskType parse(String text) {
        for (TaskType type : values()) {
            if (type.name().equals(text)) {
                return type;
            }
        }
        return null;
    }
}
