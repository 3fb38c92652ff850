// The platform's secure random source, for the embedded backend (client passwords, ids) and the
// app's own idempotency keys. WeChat has no Web Crypto in its logic layer: its CSPRNG is the
// asynchronous wx.getRandomValues (base library ≥ 2.15.0). H5, jest and Node use Web Crypto.
import Taro from '@tarojs/taro'
import { toHex } from '../policy/sha256'
import { createEntropyPool, defaultEntropySource, type EntropySource } from './mock/entropy'

/** wx.getRandomValues with callbacks: Taro 4 passes it through without promisifying it */
const wechatSource: EntropySource = (length) =>
  new Promise<Uint8Array>((resolve, reject) => {
    Taro.getRandomValues({
      length,
      success: (r) => resolve(new Uint8Array(r.randomValues)),
      fail: (e) => reject(new Error(`getRandomValues 失败：${e.errMsg}`)),
    })
  })

/** undefined where the platform has no secure source (a base library older than 2.15.0) */
export function platformEntropySource(): EntropySource | undefined {
  // Constant-folded by the weapp build, so its bundle never reaches for Web Crypto.
  if (process.env.TARO_ENV === 'weapp')
    return typeof Taro.getRandomValues === 'function' ? wechatSource : undefined
  return defaultEntropySource()
}

export const NO_SECURE_RANDOM = '当前微信版本过低，无法生成安全随机数，请升级微信后重试'

const source = platformEntropySource()
// 16-byte keys: 512 bytes hold 32 of them; one refill request tops it up.
const keyPool = source ? createEntropyPool(source, { size: 512 }) : null

/** fill the key pool at start-up, so the first key needs no round trip */
export function warmUpEntropy(): void {
  void keyPool?.ready().catch(() => undefined) // retried, and reported, by the first randomKey()
}

/** a fresh 128-bit idempotency key from the secure source (never Math.random) */
export async function randomKey(): Promise<string> {
  if (!keyPool) throw new Error(NO_SECURE_RANDOM)
  await keyPool.ready()
  return toHex(keyPool.take(16))
}
