// Secure random bytes for every platform. WeChat's CSPRNG is asynchronous (wx.getRandomValues),
// while secrets and ids are drawn deep inside handler code that does not await them: a pool is
// filled ahead of time (ready()) and drawn from synchronously (take()). Never Math.random.

/** n cryptographically secure random bytes, now or later */
export type EntropySource = (n: number) => Promise<Uint8Array> | Uint8Array

export interface EntropyPool {
  /** top the pool up when it is below its low-water mark; resolves once enough bytes are held */
  ready(): Promise<void>
  /** n bytes from the pool, synchronously; throws when it holds fewer (never fabricates) */
  take(n: number): Uint8Array
}

export interface EntropyPoolOptions {
  /** bytes held when full (default 512) */
  size?: number
  /** ready() refills below this many bytes (default half the size) */
  lowWater?: number
}

function isPromiseLike(x: unknown): x is PromiseLike<unknown> {
  return typeof (x as { then?: unknown } | null)?.then === 'function'
}

/** Web Crypto caps one getRandomValues call at 65,536 bytes */
const WEB_CRYPTO_MAX = 65536

interface WebCryptoLike {
  getRandomValues(array: Uint8Array): Uint8Array
}

export function createEntropyPool(source: EntropySource, opts: EntropyPoolOptions = {}): EntropyPool {
  const size = Math.floor(opts.size ?? 512)
  if (!(size > 0)) throw new Error(`entropy pool size must be a positive number of bytes, got ${opts.size}`)
  const lowWater = Math.min(size, Math.max(1, Math.floor(opts.lowWater ?? size / 2)))
  const bytes = new Uint8Array(size)
  let held = 0 // bytes[0 .. held) are unused random bytes
  let refill: Promise<void> | null = null

  function accept(fresh: unknown, want: number): void {
    // Checked by tag, not instanceof: the mini-program harness answers from another JS realm.
    const isBytes = Object.prototype.toString.call(fresh) === '[object Uint8Array]'
    const got = fresh as Uint8Array
    if (!isBytes || got.length !== want) {
      throw new Error(
        `entropy source answered ${isBytes ? `${got.length} bytes` : String(fresh)}, asked for ${want}`,
      )
    }
    // Bytes taken while an asynchronous refill was on its way leave room for all of them.
    const n = Math.min(want, size - held)
    bytes.set(got.subarray(0, n), held)
    held += n
  }

  return {
    ready() {
      if (held >= lowWater) return Promise.resolve()
      if (refill) return refill
      const want = size - held
      try {
        const answer = source(want)
        if (!isPromiseLike(answer)) {
          accept(answer, want) // a synchronous source (Node, Web Crypto) fills at once
          return Promise.resolve()
        }
        // Concurrent callers share this one refill; a failed refill is retried by the next ready().
        const pending: Promise<void> = Promise.resolve(answer).then(
          (fresh) => {
            refill = null
            accept(fresh, want)
          },
          (e: unknown) => {
            refill = null
            throw e
          },
        )
        refill = pending
        return pending
      } catch (e) {
        return Promise.reject(e)
      }
    },
    take(n) {
      if (!Number.isInteger(n) || n < 0) throw new Error(`entropy: cannot take ${n} bytes`)
      if (n > size) throw new Error(`secure random pool holds at most ${size} bytes, ${n} were asked for`)
      if (n > held) {
        throw new Error(
          `secure random pool holds ${held} bytes, ${n} were asked for: await ready() before drawing`,
        )
      }
      // Hand out the tail and zero it, so the same bytes can never be handed out twice.
      held -= n
      const out = bytes.slice(held, held + n)
      bytes.fill(0, held, held + n)
      return out
    },
  }
}

/**
 * Web Crypto on `globalThis.crypto` where the platform has it (Node ≥ 19, browsers, jsdom);
 * undefined in WeChat's logic layer, whose source is wx.getRandomValues (injected by the app).
 */
export function defaultEntropySource(): EntropySource | undefined {
  const webCrypto: Partial<WebCryptoLike> | undefined =
    // eslint-disable-next-line no-restricted-properties -- the one feature-detected platform seam: absent in WeChat, which injects its own source
    typeof globalThis === 'undefined' ? undefined : globalThis.crypto
  if (!webCrypto || typeof webCrypto.getRandomValues !== 'function') return undefined
  const getRandomValues = webCrypto.getRandomValues.bind(webCrypto)
  return (n) => {
    const out = new Uint8Array(n)
    for (let at = 0; at < n; at += WEB_CRYPTO_MAX)
      getRandomValues(out.subarray(at, Math.min(n, at + WEB_CRYPTO_MAX)))
    return out
  }
}
