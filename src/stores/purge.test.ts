// 彻底删除 / 清空 in the stores: the list changes at once, nothing offers 撤销 (an older notice goes
// too), a refusal is said in words and reported, the read page's purge takes what its list shows.
import { harness } from '../../test/node/stores/harness'
import { emptyPrompt, MessagesStore, purgePrompt } from './messages'
import { ReadStore } from './read'

const made: MessagesStore[] = []
afterEach(() => made.splice(0).forEach((m) => m.clear()))

function setup() {
  const h = harness()
  const failures: number[] = []
  const onFailure = (f: { errcode: number }) => void failures.push(f.errcode)
  const messages = new MessagesStore(h.api, onFailure)
  made.push(messages)
  const read = new ReadStore({ api: h.api, messages, onFailure })
  const deliver = async (subject: string, extra: object = {}) => {
    await h.backend.deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: 'c@example.com',
      subject,
      content: '正文',
      ...extra,
    })
  }
  const toTrash = async (subject: string, folder = 'trash') => {
    const inbox = messages.view('personal', 'inbox')
    await inbox.refresh()
    const item = inbox.items.find((i) => i.subject === subject)!
    expect(await messages.change(inbox, item, { folder })).toBe('')
  }
  return { ...h, messages, read, failures, deliver, toTrash }
}

const subjects = (items: { subject: string }[]) => items.map((i) => i.subject)

test('彻底删除 from 已删除: the row goes at once, the earlier 撤销 notice goes too, the counts follow', async () => {
  const h = setup()
  await h.deliver('广告一')
  await h.toTrash('广告一')
  expect(h.messages.notice?.text).toBe('已删除')
  const trash = h.messages.view('personal', 'trash')
  await trash.refresh()
  await h.messages.folders('personal').load()
  const before = h.messages.folderTotal(trash)
  const item = trash.items.find((i) => i.subject === '广告一')!
  const pending = h.messages.purge(trash, item)
  expect(subjects(trash.items)).toContain('广告一') // removed once the backend agreed
  expect(await pending).toBe('')
  expect(subjects(trash.items)).not.toContain('广告一')
  expect(h.messages.notice).toBeNull()
  await h.messages.folders('personal').load()
  expect(h.messages.folderTotal(trash)).toBe(before - 1)
})

test('a mail outside 已删除 / 垃圾箱 is refused in words (no field name), reported, and stays', async () => {
  const h = setup()
  await h.deliver('合同')
  const inbox = h.messages.view('personal', 'inbox')
  await inbox.refresh()
  const item = inbox.items.find((i) => i.subject === '合同')!
  const refused = await h.messages.purge(inbox, item)
  expect(refused).toBe('只能彻底删除「已删除」或「垃圾箱」中的邮件')
  expect(h.failures).toEqual([690016])
  await inbox.refresh()
  expect(subjects(inbox.items)).toContain('合同')
})

test('清空 empties the view at once and for good; 垃圾箱 keeps its mail', async () => {
  const h = setup()
  for (const s of ['甲', '乙', '丙']) await h.deliver(s)
  await h.toTrash('甲')
  await h.toTrash('乙')
  await h.toTrash('丙', 'spam')
  const trash = h.messages.view('personal', 'trash')
  await trash.refresh()
  await h.messages.folders('personal').load()
  const n = h.messages.folderTotal(trash)
  expect(n).toBeGreaterThanOrEqual(2)
  expect(emptyPrompt(h.messages.folderName('personal', 'trash'), n)).toEqual({
    title: '清空「已删除」？',
    content: `将彻底删除 ${n} 封邮件，无法恢复`,
  })
  expect(await h.messages.empty(trash)).toBe('')
  expect(trash.items).toEqual([])
  await trash.refresh()
  expect(trash.items).toEqual([])
  const spam = h.messages.view('personal', 'spam')
  await spam.refresh()
  expect(subjects(spam.items)).toContain('丙')
})

test('the read page purges what its list shows: the whole conversation in a conversation list', async () => {
  const h = setup()
  await h.deliver('报价', { message_id: '<q1@example.com>' })
  await h.deliver('回复：报价', { in_reply_to: '<q1@example.com>' })
  const inbox = h.messages.view('personal', 'inbox')
  await inbox.refresh()
  expect(inbox.threaded).toBe(true)
  const thread = inbox.items.find((i) => i.subject === '回复：报价')!
  expect(thread.count).toBe(2)
  expect(await h.messages.change(inbox, thread, { folder: 'trash' })).toBe('')
  const trash = h.messages.view('personal', 'trash')
  await trash.refresh()
  const opened = h.read.open('personal', thread.mail_id)
  await opened.load()
  expect(await opened.purge()).toBe('')
  await trash.refresh()
  expect(subjects(trash.items)).not.toContain('回复：报价')
  expect(subjects(trash.items)).not.toContain('报价')
  expect(purgePrompt(2).content).toBe('将彻底删除这个会话的 2 封邮件，无法恢复')
  expect(purgePrompt(1).content).toBe('将彻底删除这封邮件，无法恢复')
})
