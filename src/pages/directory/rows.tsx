// The department view as one flat list of equal-height rows, so one windowed list (components/WindowedList) can show
// sub-departments, business mailboxes and thousands of members while keeping few nodes on screen.
import { memo } from 'react'
import { Text, View } from '@tarojs/components'
import { Avatar } from '../../components/Avatar'
import { MemberRow } from '../../components/MemberRow'
import type { BusinessMailboxEntry, DirDepartment, DirMember } from '../../stores/directory'

export type Row =
  | { kind: 'section'; key: string; title: string }
  | { kind: 'department'; key: string; dept: DirDepartment; onOpen(d: DirDepartment): void }
  | { kind: 'mailbox'; key: string; mailbox: BusinessMailboxEntry; onOpen(m: BusinessMailboxEntry): void }
  | { kind: 'member'; key: string; member: DirMember; onOpen(m: DirMember): void }
  | { kind: 'note'; key: string; text: string; onTap?(): void }

interface RowProps {
  id: string
  index: number
  data: Row[]
}

function RowView({ id, index, data }: RowProps) {
  const row = data[index]
  if (!row) return null
  switch (row.kind) {
    case 'section':
      return (
        <View id={id} className="dir-row dir-row--section">
          {row.title}
        </View>
      )
    case 'department':
      return (
        <View
          id={id}
          className="dir-row dir-row--cell"
          hoverClass="cell-hover"
          onClick={() => row.onOpen(row.dept)}
          data-testid="dept-row"
        >
          <View className="dir-row__folder" aria-hidden />
          <View className="dir-row__body">
            <Text className="dir-row__title">{row.dept.name}</Text>
            <Text className="dir-row__count" data-testid="dept-count">
              {row.dept.member_count} 人
            </Text>
            <View className="cell-arrow" />
          </View>
        </View>
      )
    case 'mailbox':
      return (
        <View
          id={id}
          className="dir-row dir-row--cell"
          hoverClass="cell-hover"
          onClick={() => row.onOpen(row.mailbox)}
          data-testid="bizmail-row"
        >
          <Avatar name={row.mailbox.name} colorKey={row.mailbox.email} />
          <View className="dir-row__body dir-row__body--stack">
            <Text className="dir-row__title">{row.mailbox.name}</Text>
            <Text className="dir-row__desc">{row.mailbox.email}</Text>
          </View>
          <Text className="dir-row__action">写邮件</Text>
        </View>
      )
    case 'member':
      return (
        <View id={id} className="dir-row dir-row--member">
          <MemberRow member={row.member} onOpen={row.onOpen} />
        </View>
      )
    case 'note':
      return (
        <View id={id} className="dir-row dir-row--note" onClick={row.onTap} data-testid="list-note">
          {row.text}
        </View>
      )
  }
}

/** the windowed list's item: rows only re-render when their own data changes */
export const DirectoryRow = memo(RowView)
