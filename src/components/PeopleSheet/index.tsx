import { Text, View } from '@tarojs/components'
import { BottomSheet, SheetSection } from '../BottomSheet'
import type { Person } from '../../stores/people'
import './index.css'

export interface PeopleSection {
  label: string
  people: Person[]
}

export interface PeopleSheetProps {
  title: string
  sections: PeopleSection[]
  onPick(person: Person): void
  onClose(): void
}

/** A message's people (发件人 / 收件人 / 抄送) by name with their addresses; a tap opens the person. */
export function PeopleSheet({ title, sections, onPick, onClose }: PeopleSheetProps) {
  return (
    <BottomSheet title={title} closeLabel="关闭" className="people-sheet" onClose={onClose}>
      {sections
        .filter((s) => s.people.length > 0)
        .map((s) => (
          <View key={s.label}>
            <SheetSection>{s.label}</SheetSection>
            {s.people.map((p, i) => (
              <View
                key={`${i}-${p.address}`}
                className="people-sheet__item"
                hoverClass="cell-hover"
                role="button"
                onClick={() => onPick(p)}
              >
                <View className="cell-body">
                  <View className="people-sheet__name">
                    {p.name}
                    {p.kind === 'mailbox' && <Text className="people-sheet__tag">业务邮箱</Text>}
                    {(p.kind === 'outside' || p.kind === 'pending') && (
                      <Text className="people-sheet__tag">外部</Text>
                    )}
                  </View>
                  {p.name !== p.address && <View className="people-sheet__address">{p.address}</View>}
                </View>
                <Text className="cell-arrow" />
              </View>
            ))}
          </View>
        ))}
    </BottomSheet>
  )
}
