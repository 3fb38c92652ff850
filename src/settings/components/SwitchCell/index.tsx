import { View } from '@tarojs/components'
import { SwitchRow } from '../../../components/SwitchRow'

export interface SwitchCellProps {
  title: string
  desc: string
  checked: boolean
  /** a save of this switch is in flight */
  saving: boolean
  testId: string
  onChange(value: boolean): void
}

/** One on/off setting: title, what it does, and the switch (disabled while it saves). */
export function SwitchCell({ title, desc, checked, saving, testId, onChange }: SwitchCellProps) {
  return (
    <SwitchRow checked={checked} disabled={saving} testId={testId} onChange={onChange}>
      <View className="cell-body">
        <View className="cell-title">{title}</View>
        <View className="cell-desc">{desc}</View>
      </View>
    </SwitchRow>
  )
}
