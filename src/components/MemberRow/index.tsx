import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { DirMember } from '../../stores/directory'
import { STATUS_TEXT } from '../../stores/directory'
import { Avatar } from '../Avatar'
import './index.css'

export interface MemberRowProps {
  member: DirMember
  /** the name as shown (highlighted in search results) */
  title?: ReactNode
  /** the second line; position and address by default */
  desc?: ReactNode
  onOpen(member: DirMember): void
}

/** One member in a list: avatar, name, status when not active, a second line. Fixed height. */
export function MemberRow({ member, title, desc, onOpen }: MemberRowProps) {
  const status = member.status !== 1 ? STATUS_TEXT[member.status] : ''
  return (
    <View
      className="member-row"
      hoverClass="cell-hover"
      onClick={() => onOpen(member)}
      data-testid="member-row"
      data-userid={member.userid}
    >
      <Avatar name={member.name} colorKey={member.userid} />
      <View className="member-row__body">
        <View className="member-row__name">
          <Text className="member-row__name-text">{title ?? member.name}</Text>
          {status && <Text className="member-row__status">{status}</Text>}
        </View>
        <View className="member-row__desc">
          {desc ?? [member.position, member.biz_mail].filter(Boolean).join(' · ')}
        </View>
      </View>
    </View>
  )
}
