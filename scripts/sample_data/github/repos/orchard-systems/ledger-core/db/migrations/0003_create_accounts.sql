-- Copyright 2022 Orchard Systems Ltd.
--
-- Licensed under the Apache License, Version 2.0 (the "License");
-- you may not use this file except in compliance with the License.
-- You may obtain a copy of the License at
--
--     http://www.apache.org/licenses/LICENSE-2.0
--
-- Unless required by applicable law or agreed to in writing, software
-- distributed under the License is distributed on an "AS IS" BASIS,
-- WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
-- See the License for the specific language governing permissions and
-- limitations under the License.

-- Migration 0003: chart of accounts and double-entry postings.

BEGIN;

CREATE TYPE account_kind AS ENUM ('asset', 'liability', 'equity', 'income', 'expense');

CREATE TABLE accounts (
    id           BIGSERIAL PRIMARY KEY,
    ledger_id    BIGINT       NOT NULL REFERENCES ledgers (id) ON DELETE CASCADE,
    code         VARCHAR(16)  NOT NULL,
    name         TEXT         NOT NULL,
    kind         account_kind NOT NULL,
    currency     CHAR(3)      NOT NULL,
    parent_id    BIGINT       REFERENCES accounts (id),
    archived_at  TIMESTAMPTZ,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (ledger_id, code)
);

CREATE INDEX accounts_parent_idx ON accounts (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE postings (
    id              BIGSERIAL PRIMARY KEY,
    transaction_id  BIGINT NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    account_id      BIGINT NOT NULL REFERENCES accounts (id),
    amount_minor    BIGINT NOT NULL CHECK (amount_minor <> 0),
    memo            TEXT
);

CREATE INDEX postings_account_idx ON postings (account_id);
CREATE INDEX postings_transaction_idx ON postings (transaction_id);

-- Every transaction must balance: its postings sum to zero. The check runs at
-- commit time so that the postings of a transaction can be inserted one by one.
CREATE FUNCTION check_transaction_balanced() RETURNS trigger AS $$
DECLARE
    total BIGINT;
BEGIN
    SELECT COALESCE(SUM(amount_minor), 0) INTO total
      FROM postings
     WHERE transaction_id = NEW.transaction_id;
    IF total <> 0 THEN
        RAISE EXCEPTION 'transaction % does not balance (off by %)',
            NEW.transaction_id, total;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER postings_balanced
    AFTER INSERT OR UPDATE ON postings
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_transaction_balanced();

COMMIT;
