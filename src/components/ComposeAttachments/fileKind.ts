// How a file is shown in a list: a short type badge (PDF, DOC, 图片 …) with its colour, and its size
// as a person reads it. Shared by compose's attachment rows (and any list of attachments).

export type FileTone = 'pdf' | 'doc' | 'sheet' | 'slide' | 'image' | 'media' | 'archive' | 'other'

export interface FileBadge {
  label: string
  tone: FileTone
}

const BY_EXTENSION: Record<string, FileBadge> = {
  pdf: { label: 'PDF', tone: 'pdf' },
  doc: { label: 'DOC', tone: 'doc' },
  docx: { label: 'DOC', tone: 'doc' },
  txt: { label: 'TXT', tone: 'doc' },
  xls: { label: 'XLS', tone: 'sheet' },
  xlsx: { label: 'XLS', tone: 'sheet' },
  csv: { label: 'CSV', tone: 'sheet' },
  ppt: { label: 'PPT', tone: 'slide' },
  pptx: { label: 'PPT', tone: 'slide' },
  key: { label: 'KEY', tone: 'slide' },
  zip: { label: 'ZIP', tone: 'archive' },
  rar: { label: 'RAR', tone: 'archive' },
  '7z': { label: '7Z', tone: 'archive' },
  gz: { label: 'GZ', tone: 'archive' },
}

/** the badge for a file: by its extension, else by its MIME type's family */
export function fileBadge(name: string, contentType = ''): FileBadge {
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
  const known = BY_EXTENSION[ext]
  if (known) return known
  const family = contentType.split('/')[0]
  if (family === 'image') return { label: '图片', tone: 'image' }
  if (family === 'audio') return { label: '音频', tone: 'media' }
  if (family === 'video') return { label: '视频', tone: 'media' }
  if (contentType === 'application/pdf') return BY_EXTENSION.pdf
  // a short extension says more than 文件 ("DWG", "MD"); a long or missing one does not
  if (/^[a-z0-9]{1,4}$/.test(ext)) return { label: ext.toUpperCase(), tone: 'other' }
  return { label: '文件', tone: 'other' }
}

/** "512 B", "12 KB", "1.5 MB": one decimal below 10, none above; rounded up, so a file over a limit never reads as the limit */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const shown = value < 10 ? Math.ceil(value * 10 - 1e-9) / 10 : Math.ceil(value - 1e-9)
  return `${shown} ${units[unit]}`
}
