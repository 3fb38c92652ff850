import { FIXED_FOLDERS } from '../../stores/messages'
import { folderRows } from './rows'

const folders = [
  ...FIXED_FOLDERS.map((f) => ({ ...f, unread: f.id === 'inbox' ? 3 : f.id === 'sent' ? 4 : 0, total: 5 })),
  { id: 'f9', name: '财务票据', unread: 2, total: 6 },
  { id: 'f10', name: '其他', unread: 120, total: 130 },
]

describe('folder sheet rows', () => {
  it('lists every folder: built-in ones, then the rule folders, with unread counts (drafts: how many)', () => {
    const { builtIn, rules } = folderRows(folders, 'inbox', 'open')
    expect(builtIn.map((r) => [r.name, r.count])).toEqual([
      ['收件箱', '3'],
      ['已发送', ''], // sent mail is never "unread"
      ['草稿箱', '5'],
      ['已删除', ''],
      ['垃圾箱', ''],
    ])
    expect(rules.map((r) => [r.name, r.count])).toEqual([
      ['财务票据', '2'],
      ['其他', '99+'],
    ])
    expect(builtIn[0]).toMatchObject({ current: true, disabled: false, note: '当前' })
  })

  it('when moving: the current folder is shown but cannot be picked, and Drafts is no target', () => {
    const { builtIn, rules } = folderRows(folders, 'f9', 'move')
    expect(builtIn.map((r) => r.id)).toEqual(['inbox', 'sent', 'trash', 'spam'])
    expect(builtIn.every((r) => !r.disabled)).toBe(true)
    expect(rules[0]).toMatchObject({ id: 'f9', disabled: true, note: '已在此文件夹' })
    expect(rules[1].disabled).toBe(false)
    expect([...builtIn, ...rules].every((r) => r.count === '')).toBe(true)
  })
})
