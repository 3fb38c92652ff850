import Taro from '@tarojs/taro'
import * as browser from './browserFile'
import {
  documentType,
  isImage,
  openAttachment,
  safeFileName,
  saveAttachment,
  unsupportedMessage,
  userFilePath,
} from './attachmentFile'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    env: { USER_DATA_PATH: 'wxfile://usr' },
    getFileSystemManager: jest.fn(),
    previewImage: jest.fn(),
    openDocument: jest.fn(),
    showModal: jest.fn(),
  },
}))
jest.mock('./browserFile', () => ({
  blobUrl: jest.fn(() => 'blob:app/1'),
  openUrlInTab: jest.fn(),
  downloadUrl: jest.fn(),
  openInBrowser: jest.fn(),
}))

const taro = Taro as unknown as Record<string, jest.Mock> & { env: { USER_DATA_PATH?: string } }
const pdf = {
  attachment_id: 'a1f',
  name: '发票-2026-11.pdf',
  content_type: 'application/pdf',
  data: 'JVBERi0=',
}
const png = { attachment_id: 'a2', name: '现场照片.png', content_type: 'image/png', data: 'iVBORw==' }
const zip = { attachment_id: 'a3', name: '资料.zip', content_type: 'application/zip', data: 'UEsDBA==' }

describe('the pure parts', () => {
  test('safeFileName: no path or reserved characters, the extension kept when cut', () => {
    expect(safeFileName('../../etc/passwd')).toBe('.._.._etc_passwd')
    expect(safeFileName('a:b*c?"d"<e>|f\u0001.pdf')).toBe('a_b_c__d__e__f_.pdf')
    expect(safeFileName(`${'长'.repeat(100)}.xlsx`)).toMatch(/^长+\.xlsx$/)
    expect(safeFileName(`${'长'.repeat(100)}.xlsx`)).toHaveLength(80)
    expect(safeFileName('  ')).toBe('file')
  })

  test('userFilePath: one file per attachment in the user folder', () => {
    expect(userFilePath('wxfile://usr', pdf)).toBe('wxfile://usr/att-a1f-发票-2026-11.pdf')
    expect(userFilePath('wxfile://usr', { attachment_id: '../x', name: 'a/b.png' })).toBe(
      'wxfile://usr/att-___x-a_b.png',
    )
  })

  test('documentType: what openDocument can show, by extension, else content type', () => {
    expect(documentType(pdf)).toBe('pdf')
    expect(documentType({ name: '报价单.XLSX', content_type: '' })).toBe('xlsx')
    expect(documentType({ name: 'invoice', content_type: 'application/pdf' })).toBe('pdf')
    expect(documentType(zip)).toBeNull()
    expect(documentType({ name: '说明.txt', content_type: 'text/plain' })).toBeNull()
  })

  test('isImage by content type or extension', () => {
    expect(isImage(png)).toBe(true)
    expect(isImage({ name: 'scan.JPG', content_type: 'application/octet-stream' })).toBe(true)
    expect(isImage(pdf)).toBe(false)
  })

  test('unsupportedMessage names the type in Chinese', () => {
    expect(unsupportedMessage('资料.zip')).toBe('微信暂不能打开 .zip 文件，请在电脑上查看')
    expect(unsupportedMessage('README')).toBe('微信暂不能打开此类文件，请在电脑上查看')
  })
})

describe('WeChat', () => {
  const saved = process.env.TARO_ENV
  let writes: { filePath: string; data: string; encoding: string }[]
  let writeFails = ''
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    taro.env.USER_DATA_PATH = 'wxfile://usr'
    writes = []
    writeFails = ''
    taro.getFileSystemManager.mockReturnValue({
      writeFile: (o: {
        filePath: string
        data: string
        encoding: string
        success(): void
        fail(e: object): void
      }) => {
        if (writeFails) return o.fail({ errMsg: writeFails })
        writes.push({ filePath: o.filePath, data: o.data, encoding: o.encoding })
        o.success()
      },
    })
    taro.previewImage.mockReset().mockResolvedValue({})
    taro.openDocument.mockReset().mockResolvedValue({})
    taro.showModal.mockReset().mockResolvedValue({ confirm: true })
  })
  afterAll(() => {
    process.env.TARO_ENV = saved
  })

  test('a document is written as base64 to the user folder and opened with the menu', async () => {
    await openAttachment(pdf)
    expect(writes).toEqual([
      { filePath: 'wxfile://usr/att-a1f-发票-2026-11.pdf', data: pdf.data, encoding: 'base64' },
    ])
    expect(taro.openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://usr/att-a1f-发票-2026-11.pdf',
      fileType: 'pdf',
      showMenu: true,
    })
    expect(taro.previewImage).not.toHaveBeenCalled()
  })

  test('an image opens in the image viewer', async () => {
    await openAttachment(png)
    expect(taro.previewImage).toHaveBeenCalledWith({
      urls: ['wxfile://usr/att-a2-现场照片.png'],
      current: 'wxfile://usr/att-a2-现场照片.png',
    })
    expect(taro.openDocument).not.toHaveBeenCalled()
  })

  test('a type WeChat cannot show is refused in words, nothing written', async () => {
    await expect(openAttachment(zip)).rejects.toThrow('微信暂不能打开 .zip 文件，请在电脑上查看')
    await expect(saveAttachment(zip)).rejects.toThrow('微信暂不能打开 .zip 文件')
    expect(writes).toEqual([])
  })

  test('the viewer refusing the file, or a full disk, is said in words', async () => {
    taro.openDocument.mockRejectedValue({ errMsg: 'openDocument:fail filetype not supported' })
    await expect(openAttachment(pdf)).rejects.toThrow('微信暂不能打开 .pdf 文件')
    writeFails = 'writeFile:fail the maximum size of the file storage limit is exceeded'
    await expect(openAttachment(pdf)).rejects.toThrow('手机上的微信空间不足，无法打开附件')
  })

  test('保存 says how the viewer saves, then opens it', async () => {
    await saveAttachment(pdf)
    expect(taro.showModal.mock.calls[0][0].content).toContain('右上角「···」可保存到手机')
    expect(taro.openDocument).toHaveBeenCalled()
    await saveAttachment(png)
    expect(taro.showModal.mock.calls[1][0].content).toContain('长按图片即可保存')
    expect(taro.previewImage).toHaveBeenCalled()
  })
})

describe('H5', () => {
  const saved = process.env.TARO_ENV
  beforeEach(() => {
    process.env.TARO_ENV = 'h5'
    jest.clearAllMocks()
    taro.previewImage.mockResolvedValue({})
  })
  afterAll(() => {
    process.env.TARO_ENV = saved
  })

  test('images open in the page’s image viewer from an object URL of the bytes', async () => {
    await openAttachment(png)
    expect(browser.blobUrl).toHaveBeenCalledWith(png.data, 'image/png')
    expect(taro.previewImage).toHaveBeenCalledWith({ urls: ['blob:app/1'], current: 'blob:app/1' })
    expect(taro.getFileSystemManager).not.toHaveBeenCalled()
  })

  test('a PDF opens in a new tab, other files download; 保存 always downloads', async () => {
    await openAttachment(pdf)
    expect(browser.openUrlInTab).toHaveBeenCalledWith('blob:app/1', '发票-2026-11.pdf')
    await openAttachment(zip)
    expect(browser.downloadUrl).toHaveBeenCalledWith('blob:app/1', '资料.zip')
    await saveAttachment(png)
    expect(browser.downloadUrl).toHaveBeenLastCalledWith('blob:app/1', '现场照片.png')
    expect(taro.previewImage).not.toHaveBeenCalled()
  })
})
