-- Client passwords are read and written by the core's client-password port inside the call's
-- transaction (server/store/clientPasswords.ts): keyed by their id, no longer rewritten by
-- position with their mailbox, and no longer held in the state in memory. seq keeps the order
-- they were added in (codes created in the same millisecond list in that order).
CREATE TABLE client_passwords_by_id (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  mailbox_id integer NOT NULL,
  auth_code_id text NOT NULL,
  hash text NOT NULL,
  salt text NOT NULL,
  remark text NOT NULL,
  creator text NOT NULL,
  by_admin boolean NOT NULL,
  create_time double precision NOT NULL,
  last_use_time double precision NOT NULL,
  revoked boolean NOT NULL,
  lookup text,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, auth_code_id)
);

INSERT INTO client_passwords_by_id
  (corpid, mailbox_id, auth_code_id, hash, salt, remark, creator, by_admin, create_time,
   last_use_time, revoked, lookup, extra)
SELECT corpid, mailbox_id, auth_code_id, hash, salt, remark, creator, by_admin, create_time,
       last_use_time, revoked, lookup, extra
FROM client_passwords
ORDER BY corpid, mailbox_id, position
ON CONFLICT DO NOTHING;

-- A deleted mailbox's passwords were kept inside its recycle-bin copy: they move to the table too
-- (a restore finds them there), and the copy keeps an empty list.
INSERT INTO client_passwords_by_id
  (corpid, mailbox_id, auth_code_id, hash, salt, remark, creator, by_admin, create_time,
   last_use_time, revoked, lookup, extra)
SELECT r.corpid, r.id, c->>'auth_code_id', c->>'hash', c->>'salt', c->>'remark', c->>'creator',
       (c->>'by_admin')::boolean, (c->>'create_time')::double precision,
       (c->>'last_use_time')::double precision, (c->>'revoked')::boolean, c->>'lookup',
       c - 'auth_code_id' - 'hash' - 'salt' - 'remark' - 'creator' - 'by_admin' - 'create_time'
         - 'last_use_time' - 'revoked' - 'lookup'
FROM recycle_entries r
CROSS JOIN LATERAL jsonb_array_elements(r.mailbox->'authCodes') WITH ORDINALITY AS x(c, ord)
WHERE jsonb_typeof(r.mailbox->'authCodes') = 'array'
ORDER BY r.corpid, r.id, x.ord
ON CONFLICT DO NOTHING;

UPDATE recycle_entries SET mailbox = jsonb_set(mailbox, '{authCodes}', '[]'::jsonb)
WHERE jsonb_typeof(mailbox->'authCodes') = 'array' AND jsonb_array_length(mailbox->'authCodes') > 0;

DROP TABLE client_passwords;
ALTER TABLE client_passwords_by_id RENAME TO client_passwords;
ALTER TABLE client_passwords RENAME CONSTRAINT client_passwords_by_id_pkey TO client_passwords_pkey;
CREATE INDEX client_passwords_mailbox ON client_passwords (corpid, mailbox_id, create_time, seq);
-- a login reads only the live codes sharing the secret's lookup prefix (or saved before lookups)
CREATE INDEX client_passwords_login ON client_passwords (corpid, mailbox_id, lookup) WHERE NOT revoked;
-- access reconciliation reads only live member-created codes
CREATE INDEX client_passwords_member ON client_passwords (corpid) WHERE NOT by_admin AND NOT revoked;
