// Choosing files to attach in WeChat / WeCom: from a chat (wx.chooseMessageFile, the only file
// source a mini-program has), read as base64 through the file system manager. A picked file is read
// only when the compose store asks, so its limits are checked before any bytes are loaded. The H5
// build takes pickFiles.h5.ts instead (the browser's file picker).
import Taro from '@tarojs/taro'
import { contentTypeOf, type PickedFile } from './pickFiles.common'

export { contentTypeOf, type PickedFile } from './pickFiles.common'

/** wx.chooseMessageFile takes at most 100 at once */
const WECHAT_MAX_COUNT = 100

/**
 * Lets the member choose up to `max` files. Resolves with the chosen ones, [] when the member
 * cancels. Rejects only when the platform cannot offer a picker at all.
 */
export function pickFiles(max: number): Promise<PickedFile[]> {
  if (max <= 0) return Promise.resolve([])
  return new Promise((resolve, reject) => {
    Taro.chooseMessageFile({
      count: Math.min(max, WECHAT_MAX_COUNT),
      type: 'all',
      success: (r) => resolve(r.tempFiles.map(chatFile)),
      fail: (e) => {
        if (/cancel/i.test(e.errMsg ?? '')) resolve([])
        else reject(new Error(`无法选择文件：${e.errMsg}`))
      },
    })
  })
}

function chatFile(f: Taro.chooseMessageFile.ChooseFile): PickedFile {
  return {
    name: f.name,
    size: f.size,
    content_type: contentTypeOf(f.name),
    read: () =>
      new Promise<string>((resolve, reject) => {
        Taro.getFileSystemManager().readFile({
          filePath: f.path,
          encoding: 'base64',
          success: (r) => resolve(typeof r.data === 'string' ? r.data : ''),
          fail: (e) => reject(new Error(`读取文件失败：${e.errMsg}`)),
        })
      }),
  }
}
