// The app's secure random source per platform, and idempotency keys drawn from it.
import type * as EntropyModule from './entropy'

type Module = typeof EntropyModule

const mockGetRandomValues = jest.fn()
/** what Taro passes through from wx: base libraries before 2.15.0 have no getRandomValues */
const mockTaro: { getRandomValues?: (o: unknown) => unknown } = {}
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: mockTaro }))

/** the module as a build for TARO_ENV would load it (the key pool's source is picked at load time) */
function load(): Module {
  let m: Module | undefined
  jest.isolateModules(() => {
    m = jest.requireActual<Module>('./entropy')
  })
  return m!
}

const savedEnv = process.env.TARO_ENV
function platform(env: 'weapp' | 'h5') {
  beforeEach(() => {
    process.env.TARO_ENV = env
  })
  afterEach(() => {
    process.env.TARO_ENV = savedEnv
  })
}

/** wx.getRandomValues as WeChat answers it: asynchronously, an ArrayBuffer in randomValues */
function wechatAnswers(fill: (i: number) => number = () => Math.floor(Math.random() * 256)) {
  mockGetRandomValues.mockImplementation(
    (o: { length: number; success: (r: { randomValues: ArrayBuffer }) => void }) =>
      void setTimeout(
        () => o.success({ randomValues: Uint8Array.from({ length: o.length }, (_, i) => fill(i)).buffer }),
        1,
      ),
  )
}

beforeEach(() => {
  mockGetRandomValues.mockReset()
  mockTaro.getRandomValues = (o) => mockGetRandomValues(o)
})

describe('in the mini-program', () => {
  platform('weapp')

  test('bytes come from wx.getRandomValues, never Web Crypto or Math.random', async () => {
    wechatAnswers((i) => i % 256)
    const m = load()
    const webCrypto = jest.spyOn(globalThis.crypto, 'getRandomValues')
    const mathRandom = jest.spyOn(Math, 'random')
    try {
      const bytes = await m.platformEntropySource()!(20)
      expect(Array.from(bytes)).toEqual(Array.from({ length: 20 }, (_, i) => i))
      expect(mockGetRandomValues).toHaveBeenCalledWith(expect.objectContaining({ length: 20 }))
      const key = await m.randomKey()
      expect(key).toMatch(/^[0-9a-f]{32}$/)
      expect(webCrypto).not.toHaveBeenCalled()
      expect(mathRandom).not.toHaveBeenCalled()
    } finally {
      webCrypto.mockRestore()
      mathRandom.mockRestore()
    }
  })

  test('keys are drawn from a pool: 32 keys cost one wx call, and no key repeats', async () => {
    wechatAnswers()
    const m = load()
    m.warmUpEntropy()
    const keys = new Set<string>()
    for (let i = 0; i < 32; i++) keys.add(await m.randomKey())
    expect(keys.size).toBe(32)
    // 512 bytes: one fill at start-up, one top-up once half of it was used
    expect(mockGetRandomValues.mock.calls.length).toBeGreaterThanOrEqual(1)
    expect(mockGetRandomValues.mock.calls.length).toBeLessThanOrEqual(2)
  })

  test('a failing wx.getRandomValues fails the key with its errMsg; the next key asks again', async () => {
    mockGetRandomValues.mockImplementationOnce((o: { fail: (e: { errMsg: string }) => void }) =>
      o.fail({ errMsg: 'getRandomValues:fail internal error' }),
    )
    const m = load()
    await expect(m.randomKey()).rejects.toThrow('getRandomValues 失败：getRandomValues:fail internal error')
    wechatAnswers()
    await expect(m.randomKey()).resolves.toMatch(/^[0-9a-f]{32}$/)
  })

  test('no getRandomValues (base library < 2.15.0): no key, a message to upgrade, never Math.random', async () => {
    delete mockTaro.getRandomValues
    const m = load()
    expect(m.platformEntropySource()).toBeUndefined()
    await expect(m.randomKey()).rejects.toThrow(m.NO_SECURE_RANDOM)
  })
})

describe('elsewhere (H5, jest, Node)', () => {
  platform('h5')

  test('Web Crypto, and no wx call', async () => {
    const m = load()
    const key = await m.randomKey()
    expect(key).toMatch(/^[0-9a-f]{32}$/)
    expect(await m.randomKey()).not.toBe(key)
    expect(mockGetRandomValues).not.toHaveBeenCalled()
  })
})
