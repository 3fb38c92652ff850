-- WeCom's access token, shared by every instance: WeCom rate-limits gettoken, and each fetch
-- invalidates nothing but costs quota. Refetched 5 minutes before it expires.
CREATE TABLE wecom_tokens (
  corpid text PRIMARY KEY,
  token text NOT NULL,
  expires_at timestamptz NOT NULL
);
