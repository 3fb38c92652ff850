-- Attachment bytes, out of the core's state tables (src/api/mock/blobs.ts): immutable, one row per
-- stored file, shared by every copy of a message (internal delivery, forward).
CREATE TABLE attachment_blobs (
  id text PRIMARY KEY,
  data bytea NOT NULL,
  size integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
