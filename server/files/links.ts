// Download links for attachments (api.md: mail/attachment/get's `url`, valid 10 minutes, needing no
// header, for Taro.downloadFile). The token is random and only its sha-256 is stored (a leaked
// table opens nothing); the row names the member and the attachment, never the bytes.
import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '../db'
import type { Identity } from '../auth/sessions'

export const FILE_LINK_TTL_MS = 10 * 60_000

/** what a link opens: an attachment as mail/attachment/get names it, for one member */
export interface FileRef {
  mailbox: string | number
  mail_id: string
  attachment_id: string
}

export interface FileLink extends FileRef {
  identity: Identity
}

const hash = (token: string): string => createHash('sha256').update(token).digest('hex')

/** a token as issued: 43 base64url characters */
const TOKEN = /^[A-Za-z0-9_-]{43}$/

export class FileLinks {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => number,
    private readonly ttlMs = FILE_LINK_TTL_MS,
  ) {}

  /** a new token for `ref` as `identity`, valid ttlMs from now */
  async issue(identity: Identity, ref: FileRef): Promise<string> {
    const token = randomBytes(32).toString('base64url')
    await this.db.query(
      `INSERT INTO file_links (token_hash, corpid, userid, mailbox, mail_id, attachment_id, expires_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
      [
        hash(token),
        identity.corpid,
        identity.userid,
        JSON.stringify(ref.mailbox),
        ref.mail_id,
        ref.attachment_id,
        new Date(this.now() + this.ttlMs),
      ],
    )
    return token
  }

  /** the link of a live token, or null (unknown, malformed or expired) */
  async open(token: string): Promise<FileLink | null> {
    if (!TOKEN.test(token)) return null
    const { rows } = await this.db.query<{
      corpid: string
      userid: string
      mailbox: string | number
      mail_id: string
      attachment_id: string
      expires_at: Date | string
    }>(
      'SELECT corpid, userid, mailbox, mail_id, attachment_id, expires_at FROM file_links WHERE token_hash = $1',
      [hash(token)],
    )
    const row = rows[0]
    if (!row || new Date(row.expires_at).getTime() <= this.now()) return null
    return {
      identity: { corpid: row.corpid, userid: row.userid },
      mailbox: row.mailbox,
      mail_id: row.mail_id,
      attachment_id: row.attachment_id,
    }
  }

  /** drops expired links; returns how many */
  async purge(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'WITH gone AS (DELETE FROM file_links WHERE expires_at <= $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
      [new Date(this.now())],
    )
    return rows[0]?.n ?? 0
  }
}
