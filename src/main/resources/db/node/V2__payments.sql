-- The node's payment history: one row per finished payment, kept as long as the history (the
-- task TTL sweep deletes tasks only). Portable SQL, like V1. Strings are '' when absent, never
-- NULL, so exact matches behave the same on SQLite and PostgreSQL. A payment of a task of this
-- node is keyed by the task's id and committed with the task's terminal row.
CREATE TABLE payment (
    id              VARCHAR(64)  PRIMARY KEY,
    task_id         VARCHAR(64)  NOT NULL,
    transfer_id     VARCHAR(64)  NOT NULL,
    direction       VARCHAR(8)   NOT NULL,
    kind            VARCHAR(64)  NOT NULL,
    counterparty    VARCHAR(64)  NOT NULL,
    amount          BIGINT       NOT NULL,
    currency        VARCHAR(3)   NOT NULL,
    colour          BIGINT       NOT NULL,
    transferred     BIGINT       NOT NULL,
    change_returned BIGINT       NOT NULL,
    coin_count      INTEGER      NOT NULL,
    status          VARCHAR(48)  NOT NULL,
    series_id       VARCHAR(64)  NOT NULL,
    title           TEXT         NOT NULL,
    document        TEXT         NOT NULL,
    cashier         VARCHAR(64)  NOT NULL,
    invoice_num     VARCHAR(64)  NOT NULL,
    created_ms      BIGINT       NOT NULL,
    finished_ms     BIGINT       NOT NULL
);
-- Finish order: the history's order, date searches and their cursor.
CREATE INDEX payment_by_finish ON payment (finished_ms, id);
CREATE INDEX payment_by_transfer_id ON payment (transfer_id);
CREATE INDEX payment_by_cashier ON payment (cashier, finished_ms);
CREATE INDEX payment_by_invoice ON payment (invoice_num);
CREATE INDEX payment_by_amount ON payment (currency, colour, amount);
