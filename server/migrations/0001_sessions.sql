-- Sessions of logged-in members. Only a hash of the token is stored: a leaked table opens nothing.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  corpid text NOT NULL,
  userid text NOT NULL,
  -- 'wecom' (mini-program), 'wecom-web' (H5 OAuth) or 'dev'
  via text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_member ON sessions (corpid, userid);

-- Failed logins per source, for the login rate limit (product.md 8 "Hardening").
CREATE TABLE login_attempts (
  source text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX login_attempts_source ON login_attempts (source, at);
