// The WeCom access token in the database, so every instance uses the one token (wecom_tokens).
import type { Queryable } from '../db'

export interface CachedToken {
  value: string
  expiresAt: number
}

export interface TokenCache {
  read(corpid: string): Promise<CachedToken | null>
  write(corpid: string, token: CachedToken): Promise<void>
  /** forgets `value` (WeCom called it invalid), unless another instance already stored a newer one */
  drop(corpid: string, value: string): Promise<void>
}

export function dbTokenCache(db: Queryable): TokenCache {
  return {
    async read(corpid) {
      const { rows } = await db.query<{ token: string; at: number }>(
        'SELECT token, (extract(epoch FROM expires_at) * 1000)::float8 AS at FROM wecom_tokens WHERE corpid = $1',
        [corpid],
      )
      return rows[0] ? { value: rows[0].token, expiresAt: Number(rows[0].at) } : null
    },
    async write(corpid, token) {
      await db.query(
        `INSERT INTO wecom_tokens (corpid, token, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (corpid) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at`,
        [corpid, token.value, new Date(token.expiresAt)],
      )
    },
    async drop(corpid, value) {
      await db.query('DELETE FROM wecom_tokens WHERE corpid = $1 AND token = $2', [corpid, value])
    },
  }
}
