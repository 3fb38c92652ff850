import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { builtInFolderName } from '../../../policy/folders'
import { isPurgeable } from '../../../policy/purge'
import { deliveryLabel } from '../../../policy/outbound'
import { AttachmentList } from '../../../components/AttachmentList'
import { FolderSheet } from '../../../components/FolderSheet'
import { MailHtml } from '../../../components/MailHtml'
import { PeopleSheet } from '../../../components/PeopleSheet'
import { PersonSheet } from '../../../components/PersonSheet'
import { Snackbar } from '../../../components/Snackbar'
import { StateView } from '../../../components/StateView'
import { stores } from '../../../stores'
import { FIXED_FOLDERS, purgePrompt } from '../../../stores/messages'
import type { Person } from '../../../stores/people'
import type {
  AttachmentInfo,
  FileAction,
  FileState,
  Message,
  MessageChange,
  OpenedMessage,
} from '../../../stores/read'
import { read } from '../../../stores/readSession'
import { openAttachment, saveAttachment } from '../../../utils/attachmentFile'
import { openInBrowser } from '../../../utils/browserFile'
import { leavePage } from '../../../utils/leave'
import { confirmPermanent, retrying } from '../../../utils/permanent'
import { fullTime } from '../../../utils/time'
import { plainText } from '../../../utils/plainText'
import './index.css'

type Sheet = 'move' | { person: Person } | { people: Message } | null

function ReadPage() {
  const { mailboxes, messages, people } = stores
  const { params } = useRouter()
  const mailId = decodeURIComponent(params.id ?? '')
  const mailbox = mailboxes.currentId
  const opened = useMemo(() => read.open(mailbox, mailId), [mailbox, mailId])
  const result = opened.result
  const [expanded, setExpanded] = useState<Record<string, boolean>>({})
  const [sheet, setSheet] = useState<Sheet>(null)
  const [busy, setBusy] = useState(false)
  const folders = messages.folders(mailbox)
  const folderName = (id: string) =>
    builtInFolderName(id) || folders.data?.find((f) => f.id === id)?.name || '其他文件夹'

  useEffect(() => {
    // Access lost meanwhile: the store sent the member home with a notice; leave the message.
    void opened.load().then(() => {
      if (opened.lostAccess) void leavePage()
    })
  }, [opened])

  const data = result.data
  if (!data) {
    return (
      <View className="page">
        <StateView state={result.state} error={result.error} onRetry={opened.load} />
        {result.state === 'error' && (
          // a deep link to a mail that is gone must not strand the member here
          <Button className="btn btn-plain read-page__back" onClick={() => void leavePage()}>
            返回邮件列表
          </Button>
        )}
      </View>
    )
  }
  const msg = data.message
  // The thread in time order with the opened message unfolded in its place (a conversation that
  // somehow lacks it still shows it, last).
  const thread = data.conversation.some((m) => m.mail_id === msg.mail_id)
    ? data.conversation
    : [...data.conversation, msg]
  const inTrash = msg.folder === 'trash'
  // in 已删除 / 垃圾箱 delete is for good
  const purgeable = isPurgeable(msg.folder)

  const write = (mode: 'reply' | 'replyAll' | 'forward') =>
    void Taro.navigateTo({
      url: `/mail/pages/compose/index?mode=${mode}&id=${encodeURIComponent(msg.mail_id)}`,
    })

  /** star stays on the page; move / delete / unread close it (the list shows 撤销 for a move) */
  const act = async (run: () => Promise<string>, closes: boolean) => {
    if (busy) return
    setBusy(true)
    const refused = await run()
    setBusy(false)
    if (refused) {
      void Taro.showToast({ title: refused, icon: 'none' })
      return
    }
    if (closes) void leavePage()
  }
  const change = (c: MessageChange) => act(() => opened.change(c), c.folder !== undefined)
  const purge = async () => {
    if (busy) return
    // the whole conversation goes when the list shows conversations (as a move takes it)
    const threaded = messages.view(mailbox, msg.folder).threaded
    const count = threaded ? thread.filter((m) => m.folder === msg.folder).length : 1
    if (!(await confirmPermanent(purgePrompt(count), '彻底删除'))) return
    setBusy(true)
    const done = await retrying('彻底删除失败', () => opened.purge())
    setBusy(false)
    if (done) void leavePage()
  }

  const tapPerson = (header: string) => openPerson(people.person(header))
  const openPerson = (p: Person) => {
    if (p.kind === 'member' && p.userid) {
      void Taro.navigateTo({ url: `/contacts/pages/member/index?userid=${encodeURIComponent(p.userid)}` })
      return
    }
    setSheet({ person: p })
  }

  const undo = async () => {
    const refused = await messages.undo()
    if (refused) void Taro.showToast({ title: refused, icon: 'none' })
  }

  const person = sheet !== null && typeof sheet === 'object' && 'person' in sheet ? sheet.person : null
  const headers = sheet !== null && typeof sheet === 'object' && 'people' in sheet ? sheet.people : null
  return (
    <View className="page read-page">
      <View className="read-page__subject">
        {msg.subject || '（无主题）'}
        {msg.starred && <Text className="read-page__star"> ★</Text>}
      </View>
      <View className="read-page__tools" role="toolbar" aria-label="邮件操作">
        <View
          className={`read-page__tool ${msg.starred ? 'read-page__tool--on' : ''}`}
          hoverClass="cell-hover"
          role="button"
          onClick={() => void change({ starred: !msg.starred })}
        >
          {msg.starred ? '取消星标' : '星标'}
        </View>
        {!inTrash && (
          <View
            className="read-page__tool"
            hoverClass="cell-hover"
            role="button"
            onClick={() => void act(() => opened.markUnread(), true)}
          >
            标为未读
          </View>
        )}
        <View
          className="read-page__tool"
          hoverClass="cell-hover"
          role="button"
          onClick={() => {
            void folders.load()
            setSheet('move')
          }}
        >
          移动
        </View>
        {inTrash && (
          <View
            className="read-page__tool"
            hoverClass="cell-hover"
            role="button"
            onClick={() => void change({ folder: 'inbox' })}
          >
            移回收件箱
          </View>
        )}
        <View
          className="read-page__tool read-page__tool--danger"
          hoverClass="cell-hover"
          role="button"
          onClick={() => void (purgeable ? purge() : change({ folder: 'trash' }))}
        >
          {purgeable ? '彻底删除' : '删除'}
        </View>
      </View>
      {thread.map((m) =>
        m.mail_id === msg.mail_id ? (
          <MessageBlock
            key={m.mail_id}
            m={msg}
            opened={opened}
            onPerson={tapPerson}
            onPeople={(p) => setSheet({ people: p })}
          />
        ) : (
          <Earlier
            key={m.mail_id}
            m={m}
            open={!!expanded[m.mail_id]}
            opened={opened}
            onToggle={() => setExpanded({ ...expanded, [m.mail_id]: !expanded[m.mail_id] })}
            onPerson={tapPerson}
            onPeople={(p) => setSheet({ people: p })}
            elsewhere={m.folder !== msg.folder ? folderName(m.folder) : ''}
          />
        ),
      )}
      <View className="read-page__bar">
        <View className="read-page__action" hoverClass="cell-hover" onClick={() => write('reply')}>
          回复
        </View>
        <View className="read-page__action" hoverClass="cell-hover" onClick={() => write('replyAll')}>
          回复全部
        </View>
        <View className="read-page__action" hoverClass="cell-hover" onClick={() => write('forward')}>
          转发
        </View>
      </View>
      {messages.notice && (
        <Snackbar place="bar" text={messages.notice.text} actionText="撤销" onAction={() => void undo()} />
      )}
      {sheet === 'move' && (
        <FolderSheet
          title="移动到"
          mode="move"
          folders={folders.data ?? FIXED_FOLDERS}
          currentId={msg.folder}
          onPick={(id) => {
            setSheet(null)
            void change({ folder: id })
          }}
          onClose={() => setSheet(null)}
        />
      )}
      {headers && (
        <PeopleSheet
          title="发件人和收件人"
          sections={[
            { label: '发件人', people: [people.person(headers.from)] },
            { label: '收件人', people: headers.to.map((a) => people.person(a)) },
            { label: '抄送', people: headers.cc.map((a) => people.person(a)) },
          ]}
          onPick={openPerson}
          onClose={() => setSheet(null)}
        />
      )}
      {person && (
        <PersonSheet
          name={person.name}
          address={person.address}
          kind={person.kind === 'mailbox' ? 'mailbox' : 'outside'}
          onCopy={() => {
            setSheet(null)
            void Taro.setClipboardData({ data: person.address })
          }}
          onWrite={() => {
            setSheet(null)
            const to = person.name !== person.address ? `${person.name} <${person.address}>` : person.address
            void Taro.navigateTo({ url: `/mail/pages/compose/index?mode=new&to=${encodeURIComponent(to)}` })
          }}
          onClose={() => setSheet(null)}
        />
      )}
    </View>
  )
}

/** H5 or WeChat. Read into a name first: page tests rewrite process.env.TARO_ENV textually. */
function inBrowser(): boolean {
  const env = process.env.TARO_ENV
  return env === 'h5'
}

/** the address of a mailto: link, without its ?subject=… and percent-escapes */
function mailtoAddress(href: string): string {
  const raw = href.slice(7).split('?')[0]
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** Links in a mail open only after the member has seen where they lead. */
async function confirmLink(href: string): Promise<void> {
  const mail = href.toLowerCase().startsWith('mailto:')
  const target = mail ? mailtoAddress(href) : href
  const r = await Taro.showModal({
    title: mail ? '给此地址写信？' : '打开链接？',
    content: `将${mail ? '写信给' : '打开'}：${target}`,
    confirmText: mail ? '写信' : inBrowser() ? '打开' : '复制链接',
  })
  if (!r.confirm) return
  if (mail) {
    void Taro.navigateTo({ url: `/mail/pages/compose/index?mode=new&to=${encodeURIComponent(target)}` })
  } else if (inBrowser()) {
    openInBrowser(href)
  } else {
    // WeChat opens no outside web page from a mini-program: the member pastes it in a browser.
    await Taro.setClipboardData({ data: href })
    void Taro.showToast({ title: '链接已复制，可在浏览器中打开', icon: 'none' })
  }
}

/** A message's body: its HTML (sanitised by the backend) or its text, then its attachments. */
const Body = observer(function Body({ m, opened }: { m: Message; opened: OpenedMessage }) {
  const states: Record<string, FileState | undefined> = {}
  for (const a of m.attachments ?? []) states[a.attachment_id] = opened.fileState(m.mail_id, a.attachment_id)
  const run = (a: AttachmentInfo, kind: FileAction) =>
    void opened.withAttachment(
      m.mail_id,
      a.attachment_id,
      kind,
      kind === 'open' ? openAttachment : saveAttachment,
    )
  return (
    <>
      {m.content_html ? (
        <MailHtml
          html={m.content_html}
          showImages={opened.imagesShown.has(m.mail_id)}
          onShowImages={() => opened.showImages(m.mail_id)}
          onOpenLink={(href) => void confirmLink(href)}
        />
      ) : (
        // Rendered as text, never markup: mail bodies are untrusted.
        <Text className="read-page__content" userSelect>
          {plainText(m.content)}
        </Text>
      )}
      {m.attachments && m.attachments.length > 0 && (
        <AttachmentList
          attachments={m.attachments}
          states={states}
          onOpen={(a) => run(a, 'open')}
          onSave={(a) => run(a, 'save')}
          onRetry={(a) => run(a, states[a.attachment_id]?.failed ?? 'open')}
        />
      )}
    </>
  )
})

const MessageBlock = observer(function MessageBlock({
  m,
  opened,
  onPerson,
  onPeople,
}: {
  m: Message
  opened: OpenedMessage
  onPerson(header: string): void
  onPeople(m: Message): void
}) {
  return (
    <View className="read-page__message">
      <View className="read-page__head">
        <View
          className="read-page__from"
          hoverClass="cell-hover"
          role="button"
          data-testid="read-from"
          onClick={(e) => {
            e.stopPropagation()
            onPerson(m.from)
          }}
        >
          {stores.people.name(m.from)}
        </View>
        <Text className="read-page__time">{fullTime(m.time)}</Text>
      </View>
      <View
        className="read-page__to"
        hoverClass="cell-hover"
        role="button"
        data-testid="read-recipients"
        aria-label="收件人详情"
        onClick={(e) => {
          e.stopPropagation() // an expanded earlier message folds on a tap elsewhere
          onPeople(m)
        }}
      >
        <Text className="read-page__to-text">
          收件人：{m.to.map((a) => stores.people.name(a)).join('、') || '—'}
          {m.cc.length > 0 ? `　抄送：${m.cc.map((a) => stores.people.name(a)).join('、')}` : ''}
        </Text>
        <Text className="read-page__to-more">详情</Text>
      </View>
      {m.delivery && (
        <Text
          className={`read-page__delivery read-page__delivery--${m.delivery.state}`}
          data-testid="read-delivery"
        >
          {deliveryLabel(m.delivery.state, m.delivery.error)}
        </Text>
      )}
      <Body m={m} opened={opened} />
    </View>
  )
})

const Earlier = observer(function Earlier({
  m,
  opened,
  open,
  onToggle,
  onPerson,
  onPeople,
  elsewhere,
}: {
  m: Message
  opened: OpenedMessage
  open: boolean
  onToggle(): void
  onPerson(header: string): void
  onPeople(m: Message): void
  /** the folder it is in, when not the opened message's (your reply in 已发送) */
  elsewhere: string
}) {
  const tag = elsewhere ? <Text className="read-page__elsewhere">{elsewhere}</Text> : null
  if (open) {
    return (
      <View onClick={onToggle}>
        {tag}
        <MessageBlock m={m} opened={opened} onPerson={onPerson} onPeople={onPeople} />
      </View>
    )
  }
  return (
    <View className="read-page__folded" onClick={onToggle}>
      <Text className="read-page__folded-from">{stores.people.name(m.from)}</Text>
      {tag}
      {m.attachments && m.attachments.length > 0 ? (
        <View
          className="read-page__folded-clip"
          aria-label={`${m.attachments.length} 个附件`}
          data-testid="folded-clip"
        />
      ) : null}
      <Text className="read-page__folded-text">{plainText(m.content).slice(0, 60)}</Text>
    </View>
  )
})

export default observer(ReadPage)
