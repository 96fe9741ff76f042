-- The node's task store. Portable SQL: the same file serves SQLite and PostgreSQL.
-- finished_ms is 0 while a task is unfinished, so one index serves recovery and expiry.
CREATE TABLE task (
    id            VARCHAR(26)  PRIMARY KEY,
    type          VARCHAR(32)  NOT NULL,
    status        VARCHAR(48)  NOT NULL,
    progress      INTEGER      NOT NULL,
    info          TEXT         NOT NULL,
    transfer_id   VARCHAR(64),
    fingerprint   VARCHAR(64),
    created_ms    BIGINT       NOT NULL,
    updated_ms    BIGINT       NOT NULL,
    deadline_ms   BIGINT       NOT NULL,
    finished_ms   BIGINT       NOT NULL,
    resume_status VARCHAR(48),
    past_point    INTEGER      NOT NULL,
    callback      INTEGER      NOT NULL
);
CREATE INDEX task_by_creation ON task (created_ms, id);
CREATE INDEX task_by_finish ON task (finished_ms);

-- A uniqueTransferId outlives its task: it is kept as long as the history.
CREATE TABLE transfer_id (
    transfer_id   VARCHAR(64)  PRIMARY KEY,
    task_id       VARCHAR(26)  NOT NULL,
    fingerprint   VARCHAR(64),
    used_ms       BIGINT       NOT NULL
);
