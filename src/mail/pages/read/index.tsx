import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { displayName } from '../../../components/MessageRow'
import { StateView } from '../../../components/StateView'
import { stores } from '../../../stores'
import type { Message, MessageChange } from '../../../stores/read'
import { fullTime } from '../../../utils/time'
import { plainText } from '../../../utils/plainText'
import './index.css'

function ReadPage() {
  const { mailboxes, read } = stores
  const { params } = useRouter()
  const mailId = decodeURIComponent(params.id ?? '')
  const mailbox = mailboxes.currentId
  const opened = useMemo(() => read.open(mailbox, mailId), [read, mailbox, mailId])
  const result = opened.result
  const [expanded, setExpanded] = useState<Record<string, boolean>>({})

  useEffect(() => {
    // Access lost meanwhile: the store sent the member home with a notice; leave the message.
    void opened.load().then(() => {
      if (opened.lostAccess) void Taro.navigateBack()
    })
  }, [opened])

  const data = result.data
  if (!data) {
    return (
      <View className="page">
        <StateView state={result.state} error={result.error} onRetry={opened.load} />
      </View>
    )
  }
  const msg = data.message
  const earlier = data.conversation.filter((m) => m.mail_id !== msg.mail_id)

  const write = (mode: 'reply' | 'replyAll' | 'forward') =>
    void Taro.navigateTo({
      url: `/mail/pages/compose/index?mode=${mode}&id=${encodeURIComponent(msg.mail_id)}`,
    })

  const act = async (change: MessageChange) => {
    const refused = await opened.change(change)
    if (refused) {
      void Taro.showToast({ title: refused, icon: 'none' })
      return
    }
    if (change.folder) {
      void Taro.showToast({ title: change.folder === 'trash' ? '已删除' : '已移动', icon: 'success' })
      void Taro.navigateBack()
    }
  }

  return (
    <View className="page read-page">
      <View className="read-page__subject">
        {msg.subject || '（无主题）'}
        {msg.starred && <Text className="read-page__star"> ★</Text>}
      </View>
      {earlier.map((m) => (
        <Earlier
          key={m.mail_id}
          m={m}
          open={!!expanded[m.mail_id]}
          onToggle={() => setExpanded({ ...expanded, [m.mail_id]: !expanded[m.mail_id] })}
        />
      ))}
      <MessageBlock m={msg} />
      <View className="read-page__bar">
        <View className="read-page__action" onClick={() => write('reply')}>
          回复
        </View>
        <View className="read-page__action" onClick={() => write('replyAll')}>
          回复全部
        </View>
        <View className="read-page__action" onClick={() => write('forward')}>
          转发
        </View>
        <View className="read-page__action" onClick={() => void act({ starred: !msg.starred })}>
          {msg.starred ? '取消星标' : '星标'}
        </View>
        <View
          className="read-page__action read-page__action--danger"
          onClick={() => void act({ folder: 'trash' })}
        >
          删除
        </View>
      </View>
    </View>
  )
}

function MessageBlock({ m }: { m: Message }) {
  return (
    <View className="read-page__message">
      <View className="read-page__from">{displayName(m.from)}</View>
      <View className="read-page__meta">发件人：{m.from}</View>
      <View className="read-page__meta">收件人：{m.to.join('、') || '—'}</View>
      {m.cc.length > 0 && <View className="read-page__meta">抄送：{m.cc.join('、')}</View>}
      <View className="read-page__meta">时间：{fullTime(m.time)}</View>
      {/* Rendered as text, never markup: mail bodies are untrusted. */}
      <Text className="read-page__content" userSelect>
        {plainText(m.content)}
      </Text>
    </View>
  )
}

function Earlier({ m, open, onToggle }: { m: Message; open: boolean; onToggle(): void }) {
  if (open) {
    return (
      <View onClick={onToggle}>
        <MessageBlock m={m} />
      </View>
    )
  }
  return (
    <View className="read-page__folded" onClick={onToggle}>
      <Text className="read-page__folded-from">{displayName(m.from)}</Text>
      <Text className="read-page__folded-text">{plainText(m.content).slice(0, 60)}</Text>
    </View>
  )
}

export default observer(ReadPage)
