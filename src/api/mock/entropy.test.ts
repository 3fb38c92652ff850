import { createEntropyPool, defaultEntropySource, type EntropySource } from './entropy'

/** a source that counts bytes: byte i of the whole stream is i % 251, so repeats would show */
function countingSource() {
  let next = 0
  const asks: number[] = []
  const source: EntropySource = (n) => {
    asks.push(n)
    return Uint8Array.from({ length: n }, () => next++ % 251)
  }
  return { source, asks }
}

/** an asynchronous source answered by hand, like wx.getRandomValues */
function deferredSource() {
  const pending: Array<{ n: number; resolve: (b: Uint8Array) => void; reject: (e: Error) => void }> = []
  const source: EntropySource = (n) =>
    new Promise<Uint8Array>((resolve, reject) => pending.push({ n, resolve, reject }))
  return { source, pending }
}

describe('entropy pool', () => {
  test('take before any refill throws instead of making bytes up', () => {
    const pool = createEntropyPool(countingSource().source, { size: 64 })
    expect(() => pool.take(1)).toThrow(/holds 0 bytes/)
  })

  test('a synchronous source fills at once; bytes are never handed out twice', async () => {
    const { source, asks } = countingSource()
    const pool = createEntropyPool(source, { size: 64 })
    await pool.ready()
    expect(asks).toEqual([64])
    const seen = new Set<number>()
    for (let i = 0; i < 4; i++) for (const b of pool.take(16)) seen.add(b)
    expect(seen.size).toBe(64) // the counting stream has no repeats within 251 bytes
    expect(() => pool.take(1)).toThrow(/holds 0 bytes, 1 were asked for/)
  })

  test('ready() is free above the low-water mark and tops up below it', async () => {
    const { source, asks } = countingSource()
    const pool = createEntropyPool(source, { size: 64, lowWater: 32 })
    await pool.ready()
    pool.take(32) // 32 left: not below the mark
    await pool.ready()
    expect(asks).toEqual([64])
    pool.take(1) // 31 left
    await pool.ready()
    expect(asks).toEqual([64, 33])
    expect(pool.take(64)).toHaveLength(64)
  })

  test('concurrent ready() calls share one asynchronous refill', async () => {
    const { source, pending } = deferredSource()
    const pool = createEntropyPool(source, { size: 32 })
    const a = pool.ready()
    const b = pool.ready()
    expect(pending).toHaveLength(1)
    expect(() => pool.take(1)).toThrow() // nothing before the answer
    pending[0].resolve(new Uint8Array(32).fill(7))
    await Promise.all([a, b])
    expect(Array.from(pool.take(4))).toEqual([7, 7, 7, 7])
  })

  test('bytes taken while a refill is on its way do not overflow the pool', async () => {
    const { source, pending } = deferredSource()
    const pool = createEntropyPool(source, { size: 8, lowWater: 8 })
    const first = pool.ready()
    pending[0].resolve(new Uint8Array(8).fill(1))
    await first
    pool.take(4)
    const second = pool.ready() // asks for 4
    pool.take(2) // 2 left while waiting
    pending[1].resolve(new Uint8Array(4).fill(2))
    await second
    expect(Array.from(pool.take(6))).toEqual([1, 1, 2, 2, 2, 2])
  })

  test('a failing source rejects ready(); the next ready() asks again', async () => {
    const { source, pending } = deferredSource()
    const pool = createEntropyPool(source, { size: 16 })
    const first = pool.ready()
    pending[0].reject(new Error('getRandomValues:fail'))
    await expect(first).rejects.toThrow('getRandomValues:fail')
    expect(() => pool.take(1)).toThrow()
    const second = pool.ready()
    expect(pending).toHaveLength(2)
    pending[1].resolve(new Uint8Array(16))
    await expect(second).resolves.toBeUndefined()
  })

  test('a source that answers the wrong length or type is refused', async () => {
    const short = createEntropyPool(() => new Uint8Array(3), { size: 16 })
    await expect(short.ready()).rejects.toThrow(/answered 3 bytes, asked for 16/)
    const numbers = createEntropyPool(() => [1, 2, 3] as unknown as Uint8Array, { size: 3 })
    await expect(numbers.ready()).rejects.toThrow(/asked for 3/)
    const throwing = createEntropyPool(
      () => {
        throw new Error('no source')
      },
      { size: 3 },
    )
    await expect(throwing.ready()).rejects.toThrow('no source')
    expect(() => throwing.take(1)).toThrow()
  })

  test('bad sizes are refused', async () => {
    expect(() => createEntropyPool(countingSource().source, { size: 0 })).toThrow(/positive/)
    const pool = createEntropyPool(countingSource().source, { size: 8 })
    await pool.ready()
    expect(() => pool.take(9)).toThrow(/at most 8 bytes/)
    expect(() => pool.take(-1)).toThrow()
    expect(() => pool.take(1.5)).toThrow()
  })
})

describe('defaultEntropySource', () => {
  test('Web Crypto where the platform has it (Node 20), in chunks above its 64 KiB cap', () => {
    const source = defaultEntropySource()
    expect(source).toBeDefined()
    const bytes = source!(70_000) as Uint8Array
    expect(bytes).toHaveLength(70_000)
    // Both chunks are filled: 4 KiB of zeros at the end would be a 1 in 2^32768 event.
    expect(bytes.subarray(66_000).some((b) => b !== 0)).toBe(true)
  })

  test('undefined where there is no Web Crypto (the WeChat logic layer)', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
    try {
      expect(defaultEntropySource()).toBeUndefined()
    } finally {
      if (saved) Object.defineProperty(globalThis, 'crypto', saved)
    }
  })
})
