-- Download links of mail/attachment/get (`url`, api.md): a random token, stored hashed, naming the
-- member and the attachment; valid 10 minutes and shared by every instance. Each download re-runs
-- mail/attachment/get as that member, so access lost since is refused.
CREATE TABLE file_links (
  token_hash text PRIMARY KEY,
  corpid text NOT NULL,
  userid text NOT NULL,
  -- 'personal' or a business mailbox id, as the caller named it
  mailbox jsonb NOT NULL,
  mail_id text NOT NULL,
  attachment_id text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX file_links_expiry ON file_links (expires_at);
