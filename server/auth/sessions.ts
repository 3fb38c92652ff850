// Server sessions: an opaque random token for the app, its sha-256 in the database (any instance
// can check it), an expiry after which the app silently logs in again (42001).
import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '../db'

export const SESSION_TTL_S = 2 * 60 * 60
/** an expired session is still recognised this long (answering 42001, not 41001), then purged */
const KEEP_EXPIRED_MS = 24 * 60 * 60_000

export interface Identity {
  corpid: string
  userid: string
}

export type SessionLookup = { kind: 'ok'; identity: Identity } | { kind: 'expired' } | { kind: 'unknown' }

const hash = (token: string): string => createHash('sha256').update(token).digest('hex')

export class Sessions {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => number,
    private readonly ttlSeconds = SESSION_TTL_S,
  ) {}

  async open(
    identity: Identity,
    via: 'wecom' | 'wecom-web' | 'dev',
  ): Promise<{ token: string; expires_in: number }> {
    const token = randomBytes(32).toString('base64url')
    const at = this.now()
    await this.db.query(
      'INSERT INTO sessions (token_hash, corpid, userid, via, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        hash(token),
        identity.corpid,
        identity.userid,
        via,
        new Date(at),
        new Date(at + this.ttlSeconds * 1000),
      ],
    )
    return { token, expires_in: this.ttlSeconds }
  }

  async lookup(token: string): Promise<SessionLookup> {
    if (!token || token.length > 200) return { kind: 'unknown' }
    const { rows } = await this.db.query<{ corpid: string; userid: string; expires_at: Date | string }>(
      'SELECT corpid, userid, expires_at FROM sessions WHERE token_hash = $1',
      [hash(token)],
    )
    const row = rows[0]
    if (!row) return { kind: 'unknown' }
    if (new Date(row.expires_at).getTime() <= this.now()) return { kind: 'expired' }
    return { kind: 'ok', identity: { corpid: row.corpid, userid: row.userid } }
  }

  /** drops sessions long expired; returns how many */
  async purge(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'WITH gone AS (DELETE FROM sessions WHERE expires_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
      [new Date(this.now() - KEEP_EXPIRED_MS)],
    )
    return rows[0]?.n ?? 0
  }

  /** every session of a member ends (they left the corp) */
  async endFor(identity: Identity): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE corpid = $1 AND userid = $2', [
      identity.corpid,
      identity.userid,
    ])
  }
}
