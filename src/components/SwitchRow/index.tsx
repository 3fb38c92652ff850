import type { ReactNode } from 'react'
import { Switch, View } from '@tarojs/components'
import './index.css'

export interface SwitchRowProps {
  checked: boolean
  /** e.g. a save of this switch is in flight */
  disabled?: boolean
  testId?: string
  /** the label and description: tapping them toggles too */
  children: ReactNode
  onChange(value: boolean): void
}

/**
 * A cell whose whole row is the switch: a tap on the label toggles it, so the target is the row
 * (≥ 44 px tall) rather than the 52×32 px control, which only shows the state.
 */
export function SwitchRow({ checked, disabled = false, testId, children, onChange }: SwitchRowProps) {
  return (
    <View
      className={`cell switch-row ${disabled ? 'switch-row--disabled' : ''}`}
      hoverClass={disabled ? 'none' : 'cell-hover'}
      role="switch"
      aria-checked={checked}
      aria-disabled={disabled}
      data-testid={testId}
      onClick={() => {
        if (!disabled) onChange(!checked)
      }}
    >
      {children}
      {/* #067a42: the on-state keeps 3:1 against the row in both schemes (WCAG 1.4.11) */}
      <Switch className="switch-row__control" checked={checked} disabled={disabled} color="#067a42" />
    </View>
  )
}
