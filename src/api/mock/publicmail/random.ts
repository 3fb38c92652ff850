// Secrets come from the platform CSPRNG (Web Crypto in browsers, Node ≥ 19 and the mini-program
// runtime), never from env.random, which tests make predictable.
interface RandomSource {
  getRandomValues<T extends ArrayBufferView>(array: T): T
}

export function secureRandomBytes(n: number): Uint8Array {
  const source = (globalThis as { crypto?: Partial<RandomSource> }).crypto
  if (!source || typeof source.getRandomValues !== 'function') {
    // No fallback on purpose: a guessable client password is worse than a refused request.
    throw new Error('secure random source (crypto.getRandomValues) is not available')
  }
  const out = new Uint8Array(n)
  source.getRandomValues(out)
  return out
}
