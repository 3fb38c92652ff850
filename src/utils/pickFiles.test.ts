/**
 * @jest-environment jsdom
 */
// Picking files per platform: WeChat's chat files (pickFiles.ts: read as base64 through the file
// system manager) and the browser's file input (pickFiles.h5.ts: FileReader, its progress, the
// data: prefix stripped).
import type * as WechatModule from './pickFiles'
import type * as BrowserModule from './pickFiles.h5'

const mockTaro = {
  chooseMessageFile: jest.fn(),
  getFileSystemManager: jest.fn(),
}
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: mockTaro }))

const { pickFiles, contentTypeOf } = jest.requireActual<typeof WechatModule>('./pickFiles')
const browser = jest.requireActual<typeof BrowserModule>('./pickFiles.h5')
const { FILE_INPUT_ID } = browser

afterEach(() => {
  jest.clearAllMocks()
  jest.restoreAllMocks()
  document.getElementById(FILE_INPUT_ID)?.remove()
})

describe('WeChat: files from a chat', () => {
  it('asks for at most the room left, of any type, and reads each file as base64 when asked', async () => {
    mockTaro.chooseMessageFile.mockImplementation((o: { success: (r: unknown) => void }) =>
      o.success({
        tempFiles: [
          { name: '报价单.PDF', path: 'wxfile://tmp/1', size: 1234, type: 'file', time: 1 },
          { name: 'photo.jpg', path: 'wxfile://tmp/2', size: 99, type: 'image', time: 1 },
        ],
      }),
    )
    const readFile = jest.fn((o: { filePath: string; encoding: string; success: (r: unknown) => void }) =>
      o.success({ data: `base64-of-${o.filePath}` }),
    )
    mockTaro.getFileSystemManager.mockReturnValue({ readFile })

    const files = await pickFiles(3)
    expect(mockTaro.chooseMessageFile).toHaveBeenCalledWith(
      expect.objectContaining({ count: 3, type: 'all' }),
    )
    expect(files.map((f) => [f.name, f.size, f.content_type])).toEqual([
      ['报价单.PDF', 1234, 'application/pdf'],
      ['photo.jpg', 99, 'image/jpeg'],
    ])
    expect(readFile).not.toHaveBeenCalled() // nothing is read before the store asks
    expect(await files[0].read()).toBe('base64-of-wxfile://tmp/1')
    expect(readFile).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://tmp/1', encoding: 'base64' }),
    )
  })

  it('a cancelled choice is no files; another failure is an error; no room asks nothing', async () => {
    mockTaro.chooseMessageFile.mockImplementationOnce((o: { fail: (e: unknown) => void }) =>
      o.fail({ errMsg: 'chooseMessageFile:fail cancel' }),
    )
    expect(await pickFiles(5)).toEqual([])
    mockTaro.chooseMessageFile.mockImplementationOnce((o: { fail: (e: unknown) => void }) =>
      o.fail({ errMsg: 'chooseMessageFile:fail no permission' }),
    )
    await expect(pickFiles(5)).rejects.toThrow('no permission')
    mockTaro.chooseMessageFile.mockClear()
    expect(await pickFiles(0)).toEqual([])
    expect(mockTaro.chooseMessageFile).not.toHaveBeenCalled()
  })

  it('a file that cannot be read rejects with the reason', async () => {
    mockTaro.chooseMessageFile.mockImplementation((o: { success: (r: unknown) => void }) =>
      o.success({ tempFiles: [{ name: 'a.txt', path: 'p', size: 1, type: 'file', time: 1 }] }),
    )
    mockTaro.getFileSystemManager.mockReturnValue({
      readFile: (o: { fail: (e: unknown) => void }) => o.fail({ errMsg: 'readFile:fail no such file' }),
    })
    const [f] = await pickFiles(1)
    await expect(f.read()).rejects.toThrow('读取文件失败：readFile:fail no such file')
  })
})

describe('H5: the browser file picker', () => {
  const pickFiles = browser.pickFiles

  function choose(files: File[]) {
    const input = document.getElementById(FILE_INPUT_ID) as HTMLInputElement
    Object.defineProperty(input, 'files', { value: files, configurable: true })
    input.dispatchEvent(new Event('change'))
  }

  it('opens a hidden multiple file input, returns at most `max` files, reads them with progress, no data: prefix', async () => {
    const clicked = jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {})
    const picking = pickFiles(2)
    const input = document.getElementById(FILE_INPUT_ID) as HTMLInputElement
    expect(input).not.toBeNull()
    expect(input.type).toBe('file')
    expect(input.multiple).toBe(true)
    expect(clicked).toHaveBeenCalledTimes(1) // inside the tap, before anything awaited
    choose([
      new File(['你好，附件'], '说明.txt', { type: 'text/plain' }),
      new File(['x'], 'data.bin', { type: '' }),
      new File(['y'], 'third.txt', { type: 'text/plain' }),
    ])
    const files = await picking
    expect(files.map((f) => [f.name, f.content_type])).toEqual([
      ['说明.txt', 'text/plain'],
      ['data.bin', 'application/octet-stream'],
    ])
    expect(files[0].size).toBe(Buffer.byteLength('你好，附件'))
    const progress: number[] = []
    const data = await files[0].read((p) => progress.push(p))
    expect(Buffer.from(data, 'base64').toString()).toBe('你好，附件')
    expect(progress.length).toBeGreaterThan(0)
    expect(progress[progress.length - 1]).toBe(1)
    expect(await files[1].read()).toBe(Buffer.from('x').toString('base64'))

    // the same input again next time
    const again = pickFiles(1)
    expect(document.querySelectorAll(`#${FILE_INPUT_ID}`)).toHaveLength(1)
    input.dispatchEvent(new Event('cancel'))
    expect(await again).toEqual([])
  })

  it('no room left opens no chooser', async () => {
    const clicked = jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {})
    expect(await pickFiles(0)).toEqual([])
    expect(clicked).not.toHaveBeenCalled()
  })

  it('an empty file reads as empty data', async () => {
    jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {})
    const picking = pickFiles(1)
    choose([new File([], 'empty.txt', { type: 'text/plain' })])
    const [f] = await picking
    expect(await f.read()).toBe('')
  })
})

it('content types from the file name', () => {
  expect(contentTypeOf('a.DOCX')).toBe(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  )
  expect(contentTypeOf('noext')).toBe('application/octet-stream')
  expect(contentTypeOf('archive.tar.gz')).toBe('application/gzip')
})
