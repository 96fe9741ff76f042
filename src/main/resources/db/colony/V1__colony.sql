-- The colony's state: the directory's and the registry's rows (cnode.colony.store.ColonyRows).
-- Portable SQL: the same file serves SQLite and PostgreSQL. Every table is keyed by the natural
-- key of its row, with no sequence and no secondary index: the colony writes by key and reads
-- everything once, at start, so the schema also suits a distributed PostgreSQL.
-- Money and times are BIGINT (billons, epoch ms); booleans are INTEGER 0/1; enums are their
-- constant names; bytes are base64 text; lists of text are JSON arrays of strings.

CREATE TABLE directory_user (
    username         VARCHAR(32)  PRIMARY KEY,
    password_hash    TEXT         NOT NULL,
    public_key       TEXT         NOT NULL,
    key_blob         TEXT         NOT NULL,
    merchant         INTEGER      NOT NULL,
    merchant_json    TEXT         NOT NULL,
    ar_choice        TEXT         NOT NULL,
    ipe_choice       TEXT         NOT NULL,
    recovery_emails  TEXT         NOT NULL,
    mpin             TEXT         NOT NULL,
    lock_state       VARCHAR(32)  NOT NULL,
    wrong_passwords  INTEGER      NOT NULL,
    per_transfer     BIGINT       NOT NULL,
    daily_out        BIGINT       NOT NULL,
    daily_in         BIGINT       NOT NULL,
    balance_cap      BIGINT       NOT NULL,
    registered_ms    BIGINT       NOT NULL
);

CREATE TABLE directory_session (
    token            VARCHAR(64)  PRIMARY KEY,
    username         VARCHAR(32)  NOT NULL,
    created_ms       BIGINT       NOT NULL,
    expires_ms       BIGINT       NOT NULL
);

CREATE TABLE directory_location (
    username         VARCHAR(32)  PRIMARY KEY,
    address          TEXT         NOT NULL,
    machine_id_hex   TEXT         NOT NULL,
    online           INTEGER      NOT NULL,
    last_seen_ms     BIGINT       NOT NULL
);

CREATE TABLE directory_lease (
    username         VARCHAR(32)  PRIMARY KEY,
    holder           TEXT         NOT NULL,
    expires_ms       BIGINT       NOT NULL
);

-- owner is a username or @bank; reserved_by is the transfer id of the prepared swap holding
-- the coin, or NULL when it is free.
CREATE TABLE registry_coin (
    coin_id          VARCHAR(26)  PRIMARY KEY,
    face_value       BIGINT       NOT NULL,
    currency         CHAR(3)      NOT NULL,
    colour           BIGINT       NOT NULL,
    issued_at_ms     BIGINT       NOT NULL,
    expires_at_ms    BIGINT       NOT NULL,
    owner            VARCHAR(32)  NOT NULL,
    place            VARCHAR(16)  NOT NULL,
    reserved_by      VARCHAR(64)
);

CREATE TABLE registry_swap (
    transfer_id      VARCHAR(64)  PRIMARY KEY,
    payer            VARCHAR(32)  NOT NULL,
    payee            VARCHAR(32)  NOT NULL,
    payer_coin_ids   TEXT         NOT NULL,
    change_coin_ids  TEXT         NOT NULL,
    currency         CHAR(3)      NOT NULL,
    colour           BIGINT       NOT NULL,
    payer_billons    BIGINT       NOT NULL,
    change_billons   BIGINT       NOT NULL,
    prepared_at_ms   BIGINT       NOT NULL,
    expires_at_ms    BIGINT       NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    settled_at_ms    BIGINT       NOT NULL
);

CREATE TABLE registry_transfer (
    transfer_id      VARCHAR(64)  PRIMARY KEY,
    kind             VARCHAR(16)  NOT NULL,
    fingerprint      VARCHAR(64)  NOT NULL,
    outcome          VARCHAR(64)  NOT NULL,
    billons          BIGINT       NOT NULL,
    decided_at_ms    BIGINT       NOT NULL,
    forget_at_ms     BIGINT       NOT NULL
);

CREATE TABLE registry_daily (
    username         VARCHAR(32)  NOT NULL,
    currency         CHAR(3)      NOT NULL,
    utc_day          BIGINT       NOT NULL,
    out_billons      BIGINT       NOT NULL,
    in_billons       BIGINT       NOT NULL,
    PRIMARY KEY (username, currency)
);

CREATE TABLE registry_total (
    currency         CHAR(3)      NOT NULL,
    colour           BIGINT       NOT NULL,
    issued_billons   BIGINT       NOT NULL,
    redeemed_billons BIGINT       NOT NULL,
    PRIMARY KEY (currency, colour)
);
