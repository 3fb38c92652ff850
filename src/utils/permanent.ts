// Permanent actions (彻底删除, 清空): asked first with a red button, since nothing brings the mail
// back; a failure says why in words and offers 重试 until it is done or the member gives up.
import Taro from '@tarojs/taro'

const DANGER = '#fa5151'

export async function confirmPermanent(
  prompt: { title: string; content: string },
  confirmText: string,
): Promise<boolean> {
  const r = await Taro.showModal({ ...prompt, confirmText, confirmColor: DANGER, cancelText: '取消' }).catch(
    () => null,
  )
  return r?.confirm === true
}

/** runs `run` ('' = done, else why not) and asks 重试 after each failure; true once done */
export async function retrying(title: string, run: () => Promise<string>): Promise<boolean> {
  for (;;) {
    const failed = await run()
    if (!failed) return true
    const again = await Taro.showModal({
      title,
      content: failed,
      confirmText: '重试',
      cancelText: '取消',
    }).catch(() => null)
    if (!again?.confirm) return false
  }
}
