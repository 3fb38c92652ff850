// How a settings page answers a save: a toast when done, an explanation when refused.
import Taro from '@tarojs/taro'
import type { SaveResult } from '../stores/settings'

/** true when saved */
export async function showSaveResult(r: SaveResult, what: string): Promise<boolean> {
  if (r.ok) {
    void Taro.showToast({ title: '已保存', icon: 'success' })
    return true
  }
  await Taro.showModal({
    title: r.stale ? `其他成员已修改${what}` : `${what}未保存`,
    content: r.stale
      ? '为避免覆盖他人的修改，本次没有保存。页面已显示最新版本，你的修改仍保留，可选择用你的修改覆盖或放弃。'
      : r.errmsg,
    showCancel: false,
    confirmText: '知道了',
  })
  return false
}
