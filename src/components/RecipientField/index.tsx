import { Input, Text, View } from '@tarojs/components'
import type { RecipientChip } from '../../stores/compose'
import './index.css'

export interface RecipientFieldProps {
  /** 收件人 / 抄送 / 密送 */
  label: string
  /** data-testid of the field ("compose-to"); chips get `${testId}-chip` */
  testId: string
  chips: RecipientChip[]
  /** the text being typed, not yet a chip */
  text: string
  placeholder?: string
  onInput(text: string): void
  /** Enter: the typed text becomes a chip */
  onCommit(): void
  onBlur(): void
  onFocus(): void
  onRemove(index: number): void
}

/**
 * A recipient list as chips: each address by its name (red with the reason when it cannot be sent
 * to, a small warning when it is outside the directory), removable with ×, and a field to type the
 * next one. What a chip means is the compose store's; this only shows it.
 */
export function RecipientField(p: RecipientFieldProps) {
  const problems = p.chips.filter((c) => c.invalid)
  return (
    <View className="recipients" data-testid={p.testId}>
      <View className="recipients__row">
        <Text className="recipients__label">{p.label}</Text>
        <View className="recipients__chips">
          {p.chips.map((c, i) => (
            <View
              key={`${c.value}\u0000${i}`}
              className={`chip${c.invalid ? ' chip--invalid' : ''}${c.warning ? ' chip--outside' : ''}`}
              data-testid={`${p.testId}-chip`}
              data-address={c.address}
              aria-label={c.invalid ? `${c.name}：${c.invalid}` : c.address}
            >
              <Text className="chip__name">{c.name}</Text>
              {c.warning && <Text className="chip__warning">{c.warning}</Text>}
              <View
                className="chip__remove"
                role="button"
                aria-label={`移除 ${c.name}`}
                data-testid={`${p.testId}-remove`}
                onClick={() => p.onRemove(i)}
              >
                <Text className="chip__x">×</Text>
              </View>
            </View>
          ))}
          <Input
            className="recipients__input"
            value={p.text}
            placeholder={p.chips.length === 0 ? p.placeholder : ''}
            confirmType="next"
            onInput={(e) => p.onInput(e.detail.value)}
            onConfirm={() => p.onCommit()}
            onBlur={() => p.onBlur()}
            onFocus={() => p.onFocus()}
          />
        </View>
      </View>
      {problems.map((c, i) => (
        <View key={`${c.value}\u0000${i}`} className="recipients__problem" role="alert">
          {c.invalid}
        </View>
      ))}
    </View>
  )
}
