// How full the device's storage is, for the in-device demo backend: WeChat allows 10 MB in all (a
// browser's local storage about 5 MB). The app warns well before a save could be refused.
export interface StorageBudget {
  /** bytes the saved data occupies */
  bytes: number
  /** what the platform allows */
  quota: number
}

/** warn from this share of the quota on */
export const WARN_SHARE = 0.8

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`

/** a zh-CN warning once the saved data nears the quota, else null */
export function storageWarning({ bytes, quota }: StorageBudget): string | null {
  if (!(quota > 0) || bytes < quota * WARN_SHARE) return null
  return `本地数据已占用 ${mb(bytes)}（上限 ${mb(quota)}），接近上限后新的更改将无法保存。请清除本小程序的本地数据后重新开始演示`
}
