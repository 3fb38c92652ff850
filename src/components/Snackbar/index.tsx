import { Text, View } from '@tarojs/components'
import './index.css'

export interface SnackbarProps {
  text: string
  /** e.g. 撤销; no action = just the notice */
  actionText?: string
  onAction?: () => void
  /** where it floats: above the tab bar (a tab page) or above a page's bottom action bar */
  place?: 'tab' | 'bar'
}

/** A short notice at the bottom of the screen with one action ("已删除 · 撤销"). */
export function Snackbar({ text, actionText, onAction, place = 'tab' }: SnackbarProps) {
  if (!text) return null
  return (
    <View className={`snackbar snackbar--${place}`} role="status" aria-live="polite" data-testid="snackbar">
      <Text className="snackbar__text">{text}</Text>
      {actionText && onAction && (
        <View className="snackbar__action" role="button" data-testid="snackbar-action" onClick={onAction}>
          {actionText}
        </View>
      )}
    </View>
  )
}
