import { fileBadge, formatSize } from './fileKind'

describe('fileBadge', () => {
  it('by extension, whatever its case', () => {
    expect(fileBadge('合同.PDF')).toEqual({ label: 'PDF', tone: 'pdf' })
    expect(fileBadge('报价.xlsx')).toEqual({ label: 'XLS', tone: 'sheet' })
    expect(fileBadge('方案.pptx')).toEqual({ label: 'PPT', tone: 'slide' })
    expect(fileBadge('资料.7z')).toEqual({ label: '7Z', tone: 'archive' })
  })

  it('by the MIME family when the extension says nothing', () => {
    expect(fileBadge('IMG_0001.heic', 'image/heic')).toEqual({ label: '图片', tone: 'image' })
    expect(fileBadge('录音', 'audio/mpeg')).toEqual({ label: '音频', tone: 'media' })
    expect(fileBadge('图纸.dwg', 'application/octet-stream')).toEqual({ label: 'DWG', tone: 'other' })
    expect(fileBadge('README', '')).toEqual({ label: '文件', tone: 'other' })
    expect(fileBadge('.env', '')).toEqual({ label: '文件', tone: 'other' })
  })
})

describe('formatSize', () => {
  it('bytes, then KB / MB with one decimal below 10, rounded up', () => {
    expect(formatSize(0)).toBe('0 B')
    expect(formatSize(1023)).toBe('1023 B')
    expect(formatSize(1536)).toBe('1.5 KB')
    expect(formatSize(200 * 1024)).toBe('200 KB')
    expect(formatSize(2 * 1024 * 1024)).toBe('2 MB')
    expect(formatSize(2 * 1024 * 1024 + 10 * 1024)).toBe('2.1 MB') // over 2 MB never reads as 2 MB
    expect(formatSize(20.4 * 1024 * 1024)).toBe('21 MB')
    expect(formatSize(3 * 1024 ** 3)).toBe('3 GB')
  })
})
