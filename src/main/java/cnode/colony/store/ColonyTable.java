package cnode.colony.store;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The colony's tables as the store's code sees them: each table's name, its key columns and
 * its other columns, in the order {@link ColonyWrites} binds them and {@link ColonyReads} reads
 * them (keys first). The SQL is generated from here and is the same on SQLite and PostgreSQL;
 * the tables themselves are made by the Flyway migrations in {@code db/colony}, which must name
 * the same columns (the store contract test fails otherwise). Immutable.
 */
enum ColonyTable {
    USER("directory_user", List.of("username"), List.of("password_hash",
        "public_key",
        "key_blob", "merchant", "merchant_json", "ar_choice", "ipe_choice", "recovery_emails",
        "mpin", "lock_state", "wrong_passwords", "per_transfer", "daily_out", "daily_in",
        "balance_cap", "registered_ms")),
    SESSION("directory_session", List.of("token"), List.of("username",
        "created_ms", "expires_ms")),
    LOCATION("directory_location", List.of("username"), List.of("address",
        "machine_id_hex", "online", "last_seen_ms")),
    LEASE("directory_lease", List.of("username"), List.of("holder",
        "expires_ms")),
    COIN("registry_coin", List.of("coin_id"), List.of("face_value", "currency",
        "colour", "issued_at_ms", "expires_at_ms", "owner", "place", "reserved_by")),
    SWAP("registry_swap", List.of("transfer_id"), List.of("payer", "payee",
        "payer_coin_ids", "change_coin_ids", "currency", "colour", "payer_billons",
        "change_billons", "prepared_at_ms", "expires_at_ms", "state", "settled_at_ms")),
    TRANSFER("registry_transfer", List.of("transfer_id"), List.of("kind",
        "fingerprint", "outcome", "billons", "decided_at_ms", "forget_at_ms")),
    DAILY("registry_daily", List.of("username", "currency"), List.of("utc_day",
        "out_billons", "in_billons")),
    TOTAL("registry_total", List.of("currency", "colour"),
        List.of("issued_billons", "redeemed_billons"));


    private final String name;
    private final List<String> keys;
    private final List<String> others;

    ColonyTable(String name, List<String> keys, List<String> others) {
        this.name = name;
        this.keys = keys;
        this.others = others;
    }

    String tableName() {
        return name;
    }

    private List<String> columns() {
        List<String> all = new ArrayList<>(keys);
        all.addAll(others);
        return all;
    }

    /** Every row, keys first; no order, since the store sorts what it reads. */
    String selectSql() {
        return "SELECT " + String.join(", ", columns()) + " FROM " + name;
    }

    /**
     * Writes one row, inserting it or replacing the row of its key: {@code INSERT ... ON
     * CONFLICT DO UPDATE}, which SQLite (3.24 and later) and PostgreSQL (9.5 and later) both
     * take, and which pgjdbc's {@code reWriteBatchedInserts} turns into multi-row inserts.
     */
    String upsertSql() {
        String marks = columns().stream().map(column -> "?").collect(Collectors.joining(","));
        String updates = others.stream().map(column -> column + " = excluded." + column)
            .collect(Collectors.joining(", "));
        return "INSERT INTO " + name + " (" + String.join(", ", columns()) + ") VALUES ("
            + marks + ") ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET "
            + updates;
    }

    /** Deletes the row of one key. */
    String deleteSql() {
        return "DELETE FROM " + name + " WHERE " + keys.stream().map(key -> key + " = ?")
            .collect(Collectors.joining(" AND "));
    }
}
