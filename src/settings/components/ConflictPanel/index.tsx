import { Button, Text, View } from '@tarojs/components'
import './index.css'

export interface ConflictPanelProps {
  /** e.g. 签名 */
  what: string
  /** the newest saved version, as text */
  theirs: string
  busy?: boolean
  onOverwrite(): void
  onDiscard(): void
}

/** Another member saved a newer version while this one was editing: show it, keep theirs in the editor. */
export function ConflictPanel({ what, theirs, busy, onOverwrite, onDiscard }: ConflictPanelProps) {
  return (
    <View className="conflict" role="alert" data-testid="conflict">
      <View className="conflict__title">其他成员已修改了{what}</View>
      <View className="conflict__desc">
        下面是最新保存的版本。你的修改仍保留在编辑器中，可以用你的修改覆盖，或放弃你的修改改用最新版本。
      </View>
      <View className="conflict__label">最新版本</View>
      <Text className="conflict__theirs" userSelect>
        {theirs || '（空）'}
      </Text>
      <View className="conflict__actions">
        <Button className="conflict__btn conflict__btn--plain" size="mini" onClick={onDiscard}>
          放弃我的修改
        </Button>
        <Button
          className="conflict__btn"
          size="mini"
          loading={busy}
          disabled={busy}
          onClick={onOverwrite}
          data-testid="conflict-overwrite"
        >
          用我的修改覆盖
        </Button>
      </View>
    </View>
  )
}
