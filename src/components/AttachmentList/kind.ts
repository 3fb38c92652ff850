// How a message's attachment reads in its row: a type badge in words (PDF / 图片 / 表格 / 文档 /
// 压缩包 / 文件), from the extension or else the content type; the size in KB / MB with one decimal;
// and the name split so its extension stays visible when a long name is cut.

export type AttachmentTone = 'pdf' | 'image' | 'sheet' | 'doc' | 'archive' | 'other'

const LABEL: Record<AttachmentTone, string> = {
  pdf: 'PDF',
  image: '图片',
  sheet: '表格',
  doc: '文档',
  archive: '压缩包',
  other: '文件',
}

const BY_EXTENSION: Record<string, AttachmentTone> = {}
const add = (tone: AttachmentTone, exts: string) => exts.split(' ').forEach((e) => (BY_EXTENSION[e] = tone))
add('pdf', 'pdf')
add('image', 'png jpg jpeg gif webp bmp heic heif svg tif tiff')
add('sheet', 'xls xlsx xlsm csv numbers et ods')
add('doc', 'doc docx txt rtf md pages wps odt ppt pptx key odp')
add('archive', 'zip rar 7z gz tgz tar bz2 xz')

/** by content type, when the name has no known extension */
const BY_TYPE: [RegExp, AttachmentTone][] = [
  [/^image\//, 'image'],
  [/pdf/, 'pdf'],
  [/spreadsheet|excel|csv/, 'sheet'],
  [/word|document|presentation|powerpoint|^text\//, 'doc'],
  [/zip|compressed|rar|7z|gzip|tar/, 'archive'],
]

export function attachmentKind(name: string, contentType = ''): { label: string; tone: AttachmentTone } {
  const [, ext] = splitName(name)
  const type = contentType.toLowerCase()
  const tone =
    BY_EXTENSION[ext.slice(1).toLowerCase()] ?? BY_TYPE.find(([re]) => re.test(type))?.[1] ?? 'other'
  return { label: LABEL[tone], tone }
}

/** "0.5 KB", "12.3 KB", "1.8 MB": one decimal, rounded up (a file never reads as smaller than it is) */
export function sizeText(bytes: number): string {
  const up = (v: number) => (Math.ceil(v * 10 - 1e-9) / 10).toFixed(1)
  if (bytes < 1024 * 1024) return `${up(Math.max(bytes, 1) / 1024)} KB`
  return `${up(bytes / (1024 * 1024))} MB`
}

/** "报价单.xlsx" → ["报价单", ".xlsx"]; a name without a (short) extension has none */
export function splitName(name: string): [string, string] {
  const dot = name.lastIndexOf('.')
  if (dot <= 0 || name.length - dot > 8) return [name, '']
  return [name.slice(0, dot), name.slice(dot)]
}
