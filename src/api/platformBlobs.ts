// Attachment bytes of the in-device backend in the mini-program: files in the user-data folder
// (wx.env.USER_DATA_PATH, 200 MB), never in storage keys (10 MB in all, spec 7). H5: platformBlobs.h5.ts.
import Taro from '@tarojs/taro'
import { memoryBlobs, type BlobStore } from './mock/blobs'

/** file-system calls as promises (Taro's callbacks keep the base library's error text) */
function fsCall<T>(run: (done: { success: (r: T) => void; fail: (e: { errMsg?: string }) => void }) => void) {
  return new Promise<T>((resolve, reject) =>
    run({ success: resolve, fail: (e) => reject(new Error(e?.errMsg ?? 'file system error')) }),
  )
}

export function platformBlobs(): BlobStore {
  const env = (Taro as unknown as { env?: { USER_DATA_PATH?: string } }).env
  // Page tests and other hosts without a file system keep the bytes in memory.
  if (typeof Taro.getFileSystemManager !== 'function' || !env?.USER_DATA_PATH) return memoryBlobs()
  const fs = Taro.getFileSystemManager()
  const dir = `${env.USER_DATA_PATH}/bizmail-blobs`
  let made: Promise<void> | null = null
  const ensureDir = () =>
    (made ??= fsCall<unknown>((cb) => fs.mkdir({ dirPath: dir, recursive: true, ...cb })).then(
      () => undefined,
      // "already exists" is the usual answer after the first start
      () => undefined,
    ))
  const path = (id: string) => `${dir}/${id.replace(/[^A-Za-z0-9_-]/g, '_')}`
  return {
    async put(id, data) {
      await ensureDir()
      await fsCall<unknown>((cb) => fs.writeFile({ filePath: path(id), data, encoding: 'base64', ...cb }))
    },
    async get(id) {
      try {
        const r = await fsCall<{ data: string | ArrayBuffer }>((cb) =>
          fs.readFile({ filePath: path(id), encoding: 'base64', ...cb }),
        )
        return typeof r.data === 'string' ? r.data : null
      } catch {
        return null
      }
    },
    async delete(id) {
      // a file already gone (a retried release) is what we wanted
      await fsCall<unknown>((cb) => fs.unlink({ filePath: path(id), ...cb })).catch(() => undefined)
    },
  }
}
