// Attachment bytes of the in-device backend in the browser: IndexedDB (local storage holds about
// 5 MB in all, and the state lives there). Without IndexedDB (private modes) they stay in memory.
import { memoryBlobs, type BlobStore } from './mock/blobs'

const DB = 'bizmail-blobs'
const STORE = 'blobs'

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error ?? new Error('IndexedDB error'))
  })
}

export function platformBlobs(): BlobStore {
  if (typeof indexedDB === 'undefined') return memoryBlobs()
  let opened: Promise<IDBDatabase> | null = null
  const db = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(DB, 1)
      open.onupgradeneeded = () => open.result.createObjectStore(STORE)
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error ?? new Error('IndexedDB unavailable'))
    }))
  return {
    async put(id, data) {
      const tx = (await db()).transaction(STORE, 'readwrite')
      tx.objectStore(STORE).put(data, id)
      // Durable once the transaction completes, not when the request succeeds.
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve()
        tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write failed'))
      })
    },
    async get(id) {
      const v = await request((await db()).transaction(STORE).objectStore(STORE).get(id))
      return typeof v === 'string' ? v : null
    },
    async delete(id) {
      await request((await db()).transaction(STORE, 'readwrite').objectStore(STORE).delete(id))
    },
  }
}
