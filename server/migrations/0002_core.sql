-- The backend core's state, one table per entity (server/store/tables.ts maps rows to the core's
-- objects). `seq` keeps each collection in the order the core inserted it: an update keeps a row's
-- seq (upsert), a new row gets a later one. `extra` keeps fields this schema does not name yet.
CREATE TABLE corps (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text PRIMARY KEY,
  name text NOT NULL,
  creator text NOT NULL,
  creator_account text,
  admins text[] NOT NULL,
  edition text NOT NULL,
  advanced_seats integer NOT NULL,
  domain_name text NOT NULL,
  domain_kind text NOT NULL CHECK (domain_kind IN ('custom', 'experience')),
  mail_groups text[] NOT NULL,
  migrated boolean NOT NULL,
  migration jsonb,
  next_id jsonb NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE departments (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  id integer NOT NULL,
  name text NOT NULL,
  parentid integer NOT NULL,
  sort_order integer NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, id)
);

CREATE TABLE members (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  userid text NOT NULL,
  name text NOT NULL,
  department integer[] NOT NULL,
  job_position text NOT NULL,
  mobile text NOT NULL,
  gender text NOT NULL,
  status integer NOT NULL,
  biz_mail text NOT NULL,
  alias text[] NOT NULL,
  advanced smallint NOT NULL,
  store_id text,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, userid)
);
CREATE INDEX members_biz_mail ON members (lower(biz_mail));

CREATE TABLE tags (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  tagid integer NOT NULL,
  tagname text NOT NULL,
  userlist text[] NOT NULL,
  partylist integer[] NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, tagid)
);

CREATE TABLE contact_rules (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  rule_id integer NOT NULL,
  rule_type smallint NOT NULL CHECK (rule_type IN (1, 2, 3)),
  range jsonb NOT NULL,
  whitelist jsonb NOT NULL,
  extra_visible jsonb NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, rule_id)
);

CREATE TABLE business_mailboxes (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  id integer NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  userid_list text[] NOT NULL,
  department_list integer[] NOT NULL,
  tag_list integer[] NOT NULL,
  enabled boolean NOT NULL,
  store_id text NOT NULL,
  bindings jsonb NOT NULL,
  create_time double precision NOT NULL,
  -- recent failed client logins and the lock they caused (product.md 3.7)
  client_login jsonb,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, id)
);
CREATE INDEX business_mailboxes_email ON business_mailboxes (lower(email));

CREATE TABLE mailbox_aliases (
  corpid text NOT NULL,
  mailbox_id integer NOT NULL,
  position integer NOT NULL,
  alias text NOT NULL,
  PRIMARY KEY (corpid, mailbox_id, position)
);
CREATE INDEX mailbox_aliases_alias ON mailbox_aliases (lower(alias));

-- Client-specific passwords: only a salted hash of each secret.
CREATE TABLE client_passwords (
  corpid text NOT NULL,
  mailbox_id integer NOT NULL,
  position integer NOT NULL,
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
  PRIMARY KEY (corpid, mailbox_id, position)
);

CREATE TABLE recycle_entries (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  id integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('business', 'member')),
  email text NOT NULL,
  name text NOT NULL,
  deleted_time double precision NOT NULL,
  expire_time double precision NOT NULL,
  mailbox jsonb,
  addresses text[] NOT NULL,
  store_id text,
  userid text,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, id)
);
CREATE INDEX recycle_entries_expiry ON recycle_entries (expire_time);

CREATE TABLE idempotency (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  key text NOT NULL,
  digest text NOT NULL,
  result jsonb NOT NULL,
  time double precision NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, key)
);
CREATE INDEX idempotency_time ON idempotency (time);

CREATE TABLE mail_stores (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  store_id text NOT NULL,
  next_id integer NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, store_id)
);

-- A mailbox's shared settings; `version` answers a stale save with a conflict (api.md).
CREATE TABLE mailbox_settings (
  corpid text NOT NULL,
  store_id text NOT NULL,
  signature text NOT NULL,
  rules jsonb NOT NULL,
  imap boolean NOT NULL,
  pop boolean NOT NULL,
  version integer NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, store_id)
);

CREATE TABLE personal_settings (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  store_id text NOT NULL,
  userid text NOT NULL,
  conversation_mode boolean NOT NULL,
  notify boolean NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, store_id, userid)
);

-- Folders created by receive rules (the built-in ones are implicit).
CREATE TABLE mail_folders (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  store_id text NOT NULL,
  folder_id text NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (corpid, store_id, folder_id)
);

CREATE TABLE messages (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  store_id text NOT NULL,
  mail_id text NOT NULL,
  folder text NOT NULL,
  thread text NOT NULL,
  from_addr text NOT NULL,
  to_addrs text[] NOT NULL,
  cc_addrs text[] NOT NULL,
  bcc_addrs text[] NOT NULL,
  subject text NOT NULL,
  content text NOT NULL,
  time double precision NOT NULL,
  read boolean NOT NULL,
  starred boolean NOT NULL,
  message_id text NOT NULL,
  in_reply_to text NOT NULL,
  delivered_to text NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, store_id, mail_id)
);
CREATE INDEX messages_folder_time ON messages (corpid, store_id, folder, time DESC);
CREATE INDEX messages_thread ON messages (corpid, store_id, thread);
CREATE INDEX messages_message_id ON messages (corpid, store_id, message_id);

CREATE TABLE drafts (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  corpid text NOT NULL,
  store_id text NOT NULL,
  draft_id text NOT NULL,
  owner text NOT NULL,
  update_time double precision NOT NULL,
  from_addr text NOT NULL,
  to_addrs text[] NOT NULL,
  cc_addrs text[] NOT NULL,
  bcc_addrs text[] NOT NULL,
  subject text NOT NULL,
  content text NOT NULL,
  in_reply_to text NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (corpid, store_id, draft_id)
);

-- Several instances, one database: every call of the core takes this row's lock (calls are
-- serialised, as in one process), and each commit logs the corps it changed under a new version,
-- so an instance behind reloads exactly those before its next call.
CREATE TABLE core_clock (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO core_clock (id, version) VALUES (1, 0);

CREATE TABLE core_changes (
  version bigint PRIMARY KEY,
  -- '*' : everything was replaced
  corpids text[] NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
