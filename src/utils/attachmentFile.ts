// Opening and saving an attachment the backend answered (base64). WeChat: written to a user file
// (wx.env.USER_DATA_PATH), then images in the image viewer and documents in WeChat's document
// viewer, whose ··· menu saves or forwards them; other types are refused in words. H5: a Blob's
// object URL (browserFile.h5.ts) shown in the page's image viewer or a new tab, saved by a
// download. The WeChat path touches no web-only global (its runtime has none).
import Taro from '@tarojs/taro'
import { blobUrl, downloadUrl, openUrlInTab } from './browserFile'

export interface FileData {
  attachment_id: string
  name: string
  content_type: string
  data: string
}

/** what WeChat's openDocument can show */
const DOCUMENT_TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx']
const BY_CONTENT_TYPE: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
}

const extension = (name: string) => {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

export const isImage = (f: Pick<FileData, 'name' | 'content_type'>) =>
  f.content_type.startsWith('image/') || /^(png|jpe?g|gif|webp|bmp)$/.test(extension(f.name))

/** openDocument's fileType for this file (by extension, else content type), or null when it has none */
export function documentType(f: Pick<FileData, 'name' | 'content_type'>): string | null {
  const ext = extension(f.name)
  if (DOCUMENT_TYPES.includes(ext)) return ext
  return BY_CONTENT_TYPE[f.content_type.toLowerCase()] ?? null
}

/** a file name a file system accepts: no path or reserved characters, the extension kept when cut */
export function safeFileName(name: string): string {
  const clean = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim()
  return clean.slice(-80) || 'file'
}

/** where WeChat keeps the opened copy: one file per attachment, rewritten on each open */
export function userFilePath(dir: string, f: Pick<FileData, 'attachment_id' | 'name'>): string {
  return `${dir}/att-${f.attachment_id.replace(/[^A-Za-z0-9_-]/g, '_')}-${safeFileName(f.name)}`
}

/** "微信暂不能打开 .zip 文件" — what the member reads when WeChat has no viewer for a type */
export function unsupportedMessage(name: string): string {
  const ext = extension(name)
  return `微信暂不能打开${ext ? ` .${ext} ` : '此类'}文件，请在电脑上查看`
}

function writeUserFile(f: FileData): Promise<string> {
  const env = (Taro as unknown as { env?: { USER_DATA_PATH?: string } }).env
  if (!env?.USER_DATA_PATH) return Promise.reject(new Error('无法保存文件到本机，请稍后重试'))
  const filePath = userFilePath(env.USER_DATA_PATH, f)
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: f.data,
      encoding: 'base64',
      success: () => resolve(filePath),
      fail: (e) =>
        reject(
          new Error(
            /limit|exceed/i.test(e.errMsg) ? '手机上的微信空间不足，无法打开附件' : '无法打开附件，请重试',
          ),
        ),
    }),
  )
}

async function openInWeChat(f: FileData): Promise<void> {
  const fileType = isImage(f) ? null : documentType(f)
  if (!isImage(f) && !fileType) throw new Error(unsupportedMessage(f.name))
  const filePath = await writeUserFile(f)
  if (!fileType) {
    await Taro.previewImage({ urls: [filePath], current: filePath })
    return
  }
  await Taro.openDocument({ filePath, fileType: fileType as 'pdf', showMenu: true }).catch(() => {
    throw new Error(unsupportedMessage(f.name))
  })
}

/** H5 or WeChat. Read into a name first: page tests rewrite process.env.TARO_ENV textually. */
function inBrowser(): boolean {
  const env = process.env.TARO_ENV
  return env === 'h5'
}

/** Shows the file; rejects with the reason in Chinese when the platform cannot. */
export async function openAttachment(f: FileData): Promise<void> {
  if (!inBrowser()) return openInWeChat(f)
  const url = blobUrl(f.data, f.content_type)
  if (isImage(f)) await Taro.previewImage({ urls: [url], current: url })
  // a PDF in the browser's viewer; what a browser cannot show is simply downloaded
  else if (documentType(f) === 'pdf') openUrlInTab(url, f.name)
  else downloadUrl(url, f.name)
}

/**
 * Keeps a copy. H5: a download. WeChat cannot write to the phone's files itself: the viewer's
 * menu (··· for documents, a long press for images) does, so the member is told, then it opens.
 */
export async function saveAttachment(f: FileData): Promise<void> {
  if (inBrowser()) {
    downloadUrl(blobUrl(f.data, f.content_type), f.name)
    return
  }
  if (!isImage(f) && !documentType(f)) throw new Error(unsupportedMessage(f.name))
  await Taro.showModal({
    title: '保存附件',
    content: isImage(f)
      ? '图片将在微信中打开，长按图片即可保存到手机'
      : '文件将在微信中打开，点右上角「···」可保存到手机或发送给朋友',
    showCancel: false,
    confirmText: '知道了',
  })
  await openInWeChat(f)
}
