// WeChat has no browser to hand files or links to: these are never called there (TARO_ENV checks),
// and the H5 build takes browserFile.h5.ts instead.
const unavailable = (): never => {
  throw new Error('此操作仅在浏览器中可用')
}

export const blobUrl: (data: string, type: string) => string = unavailable
export const openUrlInTab: (url: string, name: string) => void = unavailable
export const downloadUrl: (url: string, name: string) => void = unavailable
export const openInBrowser: (href: string) => void = unavailable
