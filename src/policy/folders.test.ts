import { BUILT_IN_FOLDERS, countsAsUnread, isBuiltInFolder, isReservedFolderName } from './folders'
import { RECYCLE_DAYS, RECYCLE_RETENTION_MS, recycleExpiry } from './recycle'

describe('built-in folders', () => {
  it('are the five fixed ids of api.md, spam named 垃圾箱', () => {
    expect(BUILT_IN_FOLDERS.map((f) => f.id)).toEqual(['inbox', 'sent', 'drafts', 'trash', 'spam'])
    expect(BUILT_IN_FOLDERS.find((f) => f.id === 'spam')?.name).toBe('垃圾箱')
  })

  it('count unread in the inbox and rule folders only', () => {
    expect(countsAsUnread('inbox')).toBe(true)
    expect(countsAsUnread('rule-财务票据')).toBe(true)
    for (const id of ['sent', 'drafts', 'trash', 'spam']) expect(countsAsUnread(id)).toBe(false)
  })

  it('reserve their ids and names for rules, whatever the case and spaces', () => {
    for (const n of ['INBOX', ' spam ', '垃圾箱', '已删除']) expect(isReservedFolderName(n)).toBe(true)
    expect(isReservedFolderName('财务票据')).toBe(false)
    expect(isBuiltInFolder('drafts')).toBe(true)
    expect(isBuiltInFolder('财务票据')).toBe(false)
  })
})

describe('recycle period', () => {
  it('is 60 days from deletion', () => {
    expect(RECYCLE_DAYS).toBe(60)
    expect(recycleExpiry(1000)).toBe(1000 + 60 * 86_400_000)
    expect(RECYCLE_RETENTION_MS).toBe(60 * 86_400_000)
  })
})
