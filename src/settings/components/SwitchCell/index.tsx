import { Switch, View } from '@tarojs/components'

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
    <View className="cell">
      <View className="cell-body">
        <View className="cell-title">{title}</View>
        <View className="cell-desc">{desc}</View>
      </View>
      <Switch
        checked={checked}
        disabled={saving}
        color="#07c160"
        data-testid={testId}
        onChange={(e) => onChange(e.detail.value)}
      />
    </View>
  )
}
