// Choosing files in H5: the browser's file picker (a hidden <input type=file multiple>, made on
// first use) and FileReader with its progress. The H5 build resolves this file instead of
// pickFiles.ts; the mini-program never carries it.
import { contentTypeOf, type PickedFile } from './pickFiles.common'

export { contentTypeOf, type PickedFile } from './pickFiles.common'

/** the page's one file input, made on first use (Playwright's setInputFiles finds it by this id) */
export const FILE_INPUT_ID = 'bizmail-file-input'

/**
 * Lets the member choose up to `max` files. Resolves with the chosen ones, [] when the member
 * cancels (browsers that fire no cancel event leave it pending: nothing waits on it).
 */
export function pickFiles(max: number): Promise<PickedFile[]> {
  if (max <= 0) return Promise.resolve([])
  return new Promise((resolve) => {
    let input = document.getElementById(FILE_INPUT_ID) as HTMLInputElement | null
    if (!input) {
      input = document.createElement('input')
      input.type = 'file'
      input.multiple = true
      input.id = FILE_INPUT_ID
      input.setAttribute('aria-hidden', 'true')
      input.tabIndex = -1
      input.style.cssText = 'position:fixed;left:-9999px;width:1px;height:1px;opacity:0'
      document.body.appendChild(input)
    }
    const el = input
    el.value = '' // the same file chosen twice still fires change
    const done = (files: PickedFile[]) => {
      el.onchange = null
      el.oncancel = null
      resolve(files)
    }
    el.onchange = () =>
      done(
        Array.from(el.files ?? [])
          .slice(0, max)
          .map(browserFile),
      )
    el.oncancel = () => done([])
    // synchronously inside the tap: browsers open a file chooser only on a user gesture
    el.click()
  })
}

function browserFile(file: File): PickedFile {
  return {
    name: file.name,
    size: file.size,
    content_type: file.type || contentTypeOf(file.name),
    read: (onProgress) =>
      new Promise<string>((resolve, reject) => {
        const reader = new FileReader()
        reader.onprogress = (e) => {
          if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total)
        }
        reader.onload = () => {
          const url = typeof reader.result === 'string' ? reader.result : ''
          // "data:<type>;base64,<data>": only the data goes to the backend ("data:" for an empty file)
          const comma = url.indexOf(',')
          resolve(comma >= 0 ? url.slice(comma + 1) : '')
        }
        reader.onerror = () => reject(new Error(`读取文件失败：${reader.error?.message ?? file.name}`))
        reader.readAsDataURL(file)
      }),
  }
}
