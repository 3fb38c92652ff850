// Opening and saving an attachment the backend answered (base64): WeChat writes it to a user file
// and opens it there (images in the viewer, documents with the menu that saves or forwards them);
// the browser opens or downloads a Blob. The weapp path uses no web-only global.
import Taro from '@tarojs/taro'
import { saveInBrowser, showInBrowser } from './browserFile'

export interface FileData {
  attachment_id: string
  name: string
  content_type: string
  data: string
}

const isImage = (f: FileData) => f.content_type.startsWith('image/')

/** a file name a file system accepts, with its extension kept */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(-80) || 'file'
}

function writeUserFile(f: FileData): Promise<string> {
  const dir = (Taro as unknown as { env: { USER_DATA_PATH: string } }).env.USER_DATA_PATH
  const filePath = `${dir}/att-${f.attachment_id}-${safeFileName(f.name)}`
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: f.data,
      encoding: 'base64',
      success: () => resolve(filePath),
      fail: (e) => reject(new Error(e.errMsg)),
    }),
  )
}

/** Shows the file; throws with a reason in Chinese when the platform cannot. */
export async function openAttachment(f: FileData): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    showInBrowser(f.data, f.content_type, f.name)
    return
  }
  const path = await writeUserFile(f)
  if (isImage(f)) {
    await Taro.previewImage({ urls: [path], current: path })
    return
  }
  await Taro.openDocument({ filePath: path, showMenu: true }).catch(() => {
    throw new Error('微信无法预览此类文件')
  })
}

/** Keeps a copy: a download in the browser; in WeChat the viewer's menu saves or forwards it. */
export async function saveAttachment(f: FileData): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    saveInBrowser(f.data, f.content_type, f.name)
    return
  }
  await openAttachment(f)
  if (!isImage(f)) void Taro.showToast({ title: '在右上角菜单中选择保存或转发', icon: 'none' })
}
