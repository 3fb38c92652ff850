import { attachmentKind, sizeText, splitName } from './kind'

describe('attachmentKind', () => {
  test.each([
    ['发票-2026-11.pdf', '', 'PDF'],
    ['现场照片.PNG', '', '图片'],
    ['报价单.xlsx', '', '表格'],
    ['明细.csv', 'text/csv', '表格'],
    ['合同.docx', '', '文档'],
    ['方案.pptx', '', '文档'],
    ['资料.zip', '', '压缩包'],
    ['设计图.dwg', 'application/octet-stream', '文件'],
  ])('%s (%s) → %s, by extension', (name, type, label) => {
    expect(attachmentKind(name, type).label).toBe(label)
  })

  test.each([
    ['scan', 'image/jpeg', '图片'],
    ['invoice', 'application/pdf', 'PDF'],
    ['table', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '表格'],
    ['letter', 'application/msword', '文档'],
    ['notes', 'text/plain', '文档'],
    ['bundle', 'application/x-7z-compressed', '压缩包'],
    ['blob', 'application/octet-stream', '文件'],
    ['', '', '文件'],
  ])('%s without a known extension: by its content type %s → %s', (name, type, label) => {
    expect(attachmentKind(name, type).label).toBe(label)
  })

  test('the extension wins over a generic content type', () => {
    expect(attachmentKind('报价单.xlsx', 'application/octet-stream')).toEqual({
      label: '表格',
      tone: 'sheet',
    })
  })
})

describe('sizeText', () => {
  test.each([
    [0, '0.1 KB'],
    [122, '0.2 KB'],
    [1024, '1.0 KB'],
    [1700, '1.7 KB'],
    [1800, '1.8 KB'],
    [1024 * 1023, '1023.0 KB'],
    [1024 * 1024, '1.0 MB'],
    [2 * 1024 * 1024 + 1, '2.1 MB'],
    [20 * 1024 * 1024, '20.0 MB'],
  ])('%d bytes → %s (one decimal, never less than it is)', (bytes, text) => {
    expect(sizeText(bytes)).toBe(text)
  })
})

describe('splitName', () => {
  test('keeps the extension apart so a cut name still shows it', () => {
    expect(splitName('非常长的项目方案最终版.pdf')).toEqual(['非常长的项目方案最终版', '.pdf'])
    expect(splitName('archive.tar.gz')).toEqual(['archive.tar', '.gz'])
    expect(splitName('.bashrc')).toEqual(['.bashrc', ''])
    expect(splitName('README')).toEqual(['README', ''])
    expect(splitName('v1.0 发布说明书（完整版）')).toEqual(['v1.0 发布说明书（完整版）', ''])
  })
})
