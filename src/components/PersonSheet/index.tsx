import { Text, View } from '@tarojs/components'
import { BackCloses } from '../BackCloses/BackCloses'
import './index.css'

export interface PersonSheetProps {
  name: string
  address: string
  /** a business mailbox of the corp, or someone outside the directory the member sees */
  kind: 'mailbox' | 'outside'
  onCopy(): void
  onWrite(): void
  onClose(): void
}

/** Who an address is (shown on demand) and what can be done with it: 复制地址 / 写邮件. */
export function PersonSheet({ name, address, kind, onCopy, onWrite, onClose }: PersonSheetProps) {
  return (
    <View className="person-sheet" catchMove>
      <BackCloses onBack={onClose} />
      <View className="person-sheet__mask" onClick={onClose} />
      <View className="person-sheet__sheet" role="dialog" aria-label={name}>
        <View className="person-sheet__who">
          <View className="person-sheet__name">{name}</View>
          <Text className="person-sheet__address" userSelect data-testid="person-address">
            {address}
          </Text>
          <View className="person-sheet__kind">{kind === 'mailbox' ? '本企业业务邮箱' : '外部联系人'}</View>
        </View>
        <View className="person-sheet__item" hoverClass="cell-hover" role="button" onClick={onCopy}>
          复制地址
        </View>
        <View className="person-sheet__item" hoverClass="cell-hover" role="button" onClick={onWrite}>
          写邮件
        </View>
        <View className="person-sheet__gap" />
        <View
          className="person-sheet__item person-sheet__cancel"
          hoverClass="cell-hover"
          role="button"
          onClick={onClose}
        >
          取消
        </View>
      </View>
    </View>
  )
}
