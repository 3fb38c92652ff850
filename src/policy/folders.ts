// The built-in folders every mail store has (api.md "Folders"): one list for backend, rules and app.
export interface BuiltInFolder {
  id: 'inbox' | 'sent' | 'drafts' | 'trash' | 'spam'
  name: string
}

export const BUILT_IN_FOLDERS: readonly BuiltInFolder[] = [
  { id: 'inbox', name: '收件箱' },
  { id: 'sent', name: '已发送' },
  { id: 'drafts', name: '草稿箱' },
  { id: 'trash', name: '已删除' },
  { id: 'spam', name: '垃圾箱' },
]

const BUILT_IN_IDS: ReadonlySet<string> = new Set<string>(BUILT_IN_FOLDERS.map((f) => f.id))

export function isBuiltInFolder(id: string): boolean {
  return BUILT_IN_IDS.has(id)
}

/**
 * A mailbox's unread badge counts the inbox and rule-created folders: a rule that files invoices
 * into 财务票据 must not hide them from the badge. Sent, drafts, trash and spam never count.
 */
export function countsAsUnread(folderId: string): boolean {
  return folderId === 'inbox' || !BUILT_IN_IDS.has(folderId)
}

/** Names a rule may not give a folder: the built-in folders, by id and by name. */
export function isReservedFolderName(name: string): boolean {
  const n = name.trim().toLowerCase()
  return BUILT_IN_FOLDERS.some((f) => f.id === n || f.name === n)
}

/**
 * A conversation gathers the thread's mail from every folder (your own replies in Sent included),
 * except that deleted and spam mail stays out of it unless the conversation is opened there.
 */
export function sharesConversation(folder: string, openedFolder: string): boolean {
  if (folder === openedFolder) return true
  const apart = (f: string) => f === 'trash' || f === 'spam' || f === 'drafts'
  return !apart(folder) && !apart(openedFolder)
}

/** a built-in folder's name (已发送 …), or '' for a rule folder (the store knows its name) */
export function builtInFolderName(id: string): string {
  return BUILT_IN_FOLDERS.find((f) => f.id === id)?.name ?? ''
}
