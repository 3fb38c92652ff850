-- The relay worker polls every 2 s on each instance. Without this, each poll took the core_clock
-- lock and scanned every message for one due to go out; with it, an idle poll is one index probe
-- that takes no lock (server/store/outboundDue.ts), and only a due mail opens a transaction.
CREATE INDEX messages_outbound_due
  ON messages (((extra -> 'outbound' ->> 'next_at')::double precision))
  WHERE extra -> 'outbound' ->> 'state' IN ('queued', 'sending');
