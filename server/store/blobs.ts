// The core's BlobStore over PostgreSQL (attachment_blobs): attachment bytes shared by every instance.
// Base64 crosses the driver as text and is decoded by the database, the same on PGlite and pg.
import type { BlobStore } from '../../src/api/mock'
import type { Db, Queryable } from '../db'

/**
 * A call's blobs are written and read in its own transaction (`callTx`, the SQL port's open one):
 * committed with its state, or not at all, and a read waits for no other connection (PGlite has
 * one). Without one (the relay) the database is asked directly.
 */
export function sqlBlobs(db: Db, callTx: () => Queryable | null = () => null): BlobStore {
  return {
    async put(id, data) {
      await (callTx() ?? db).query(
        `INSERT INTO attachment_blobs (id, data, size) VALUES ($1, decode($2, 'base64'), length(decode($2, 'base64')))
         ON CONFLICT (id) DO NOTHING`,
        [id, data],
      )
    },
    async get(id) {
      const r = await (callTx() ?? db).query<{ data: string }>(
        `SELECT encode(data, 'base64') AS data FROM attachment_blobs WHERE id = $1`,
        [id],
      )
      // encode() breaks lines every 76 characters
      return r.rows[0] ? r.rows[0].data.replace(/\n/g, '') : null
    },
    async delete(id) {
      await (callTx() ?? db).query(`DELETE FROM attachment_blobs WHERE id = $1`, [id])
    },
  }
}
