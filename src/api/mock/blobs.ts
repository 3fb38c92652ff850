// Attachment bodies live outside the state (WeChat allows 10 MB of storage in all; a server keeps
// them in their own table): the state holds each attachment's metadata and a blob id, a BlobStore
// holds the bytes. Blobs are immutable and shared by every copy of a message (internal delivery,
// forward), so nothing is copied. A call's new blobs are written before its state commits; a call
// that is undone leaves at most an unreferenced blob behind, never a reference without bytes. Blobs
// a call left unreferenced (彻底删除) are deleted only after it commits, for the same reason.

export interface BlobStore {
  /** stores base64 `data` under `id` (ids are never reused) */
  put(id: string, data: string): Promise<void>
  /** the base64 data, or null when no blob has that id */
  get(id: string): Promise<string | null>
  /** forgets the bytes (no message names them any more: 彻底删除); an unknown id is no error */
  delete(id: string): Promise<void>
}

/** The default: bytes in memory (fast tests, a demo without a platform store). */
export function memoryBlobs(): BlobStore & { size(): number } {
  const blobs = new Map<string, string>()
  return {
    put: async (id, data) => void blobs.set(id, data),
    get: async (id) => blobs.get(id) ?? null,
    delete: async (id) => void blobs.delete(id),
    size: () => blobs.size,
  }
}

/** Bytes of base64 text without decoding it (padding and whitespace excluded). */
export function base64Size(data: string): number {
  const clean = data.replace(/[\s=]/g, '')
  return Math.floor((clean.length * 3) / 4)
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/

export function isBase64(data: string): boolean {
  return BASE64.test(data) && data.replace(/\s/g, '').length % 4 === 0
}
