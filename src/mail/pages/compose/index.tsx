import { useEffect, useState } from 'react'
import Taro, { useDidHide, useRouter, useUnload } from '@tarojs/taro'
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { StateView } from '../../../components/StateView'
import { stores } from '../../../stores'
import type { Suggestion } from '../../../stores/compose'
import { parseRecipients, type ComposeMode } from '../../../stores/composeInit'
import { plainText } from '../../../utils/plainText'
import './index.css'

type Field = 'to' | 'cc' | 'bcc'

function ComposePage() {
  const { session, mailboxes, compose } = stores
  const { params } = useRouter()
  const mode = (params.mode ?? 'new') as ComposeMode
  const refId = decodeURIComponent(params.id ?? '')
  // "write to" from the directory: /mail/pages/compose/index?mode=new&to=<张三 <zs@x.com>>
  const prefillTo = mode === 'new' ? decodeURIComponent(params.to ?? '').trim() : ''
  const mailbox = mailboxes.current
  const mine = mailbox ? [mailbox.email, ...(mailbox.aliases ?? [])] : []
  const [ready, setReady] = useState(false)
  const [loadError, setLoadError] = useState('')
  const [texts, setTexts] = useState<Record<Field, string>>({ to: '', cc: '', bcc: '' })
  const [showCc, setShowCc] = useState(false)
  const [focus, setFocus] = useState<Field | null>(null)

  const start = async () => {
    setLoadError('')
    if (!mailbox) return
    const scope = `${session.identity.corpid}.${session.identity.userid}`
    const refused = await compose.start({ scope, mailbox: mailbox.id, mine, mode, refId, prefillTo })
    if (refused) {
      setLoadError(refused)
      return
    }
    const f = compose.fields
    setTexts({ to: f.to.join(', '), cc: f.cc.join(', '), bcc: f.bcc.join(', ') })
    setShowCc(f.cc.length + f.bcc.length > 0)
    setReady(true)
  }

  useEffect(() => {
    void start()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Leaving the page (back, tab switch, app hidden) keeps the draft on the server as well.
  useDidHide(() => void compose.saveDraft())
  useUnload(() => void compose.saveDraft())

  const setRecipients = (field: Field, text: string) => {
    setFocus(field) // suggestions belong to the field being typed into
    setTexts({ ...texts, [field]: text })
    compose.update({ [field]: parseRecipients(text) })
    void compose.suggest(text)
  }

  const pick = (field: Field, u: Suggestion) => {
    const parts = texts[field].split(/[,;，；]/)
    parts[parts.length - 1] = ` ${u.name} <${u.biz_mail}>`
    const text = `${parts.join(',').replace(/^[\s,]+/, '')}, `
    setTexts({ ...texts, [field]: text })
    compose.update({ [field]: parseRecipients(text) })
    compose.clearSuggestions()
  }

  const send = async () => {
    if (compose.fields.to.length + compose.fields.cc.length + compose.fields.bcc.length === 0) {
      void Taro.showToast({ title: '请填写收件人', icon: 'none' })
      return
    }
    const ok = await compose.send()
    if (ok) {
      void Taro.showToast({ title: '已发送', icon: 'success' })
      void stores.messages.view(compose.mailbox, 'sent').refresh()
      setTimeout(() => void Taro.navigateBack(), 600)
    }
  }

  if (!mailbox || loadError) {
    return (
      <View className="page">
        <StateView state="error" error={loadError || '当前邮箱不可用'} onRetry={() => void start()} />
      </View>
    )
  }
  if (!ready) {
    return (
      <View className="page">
        <StateView state="loading" />
      </View>
    )
  }

  const f = compose.fields
  const signature = plainText(compose.signature)
  const fromIndex = Math.max(0, mine.indexOf(f.from))
  const recipientRow = (field: Field, label: string) => (
    <View className="compose__row">
      <Text className="compose__label">{label}</Text>
      <Input
        className="compose__input"
        value={texts[field]}
        data-testid={`compose-${field}`}
        placeholder="姓名、拼音或邮箱地址"
        onInput={(e) => setRecipients(field, e.detail.value)}
        onFocus={() => setFocus(field)}
      />
    </View>
  )
  return (
    <View className="page compose">
      {compose.restored && <View className="compose__restored">已恢复上次未发送的草稿</View>}
      <View className="compose__row">
        <Text className="compose__label">发件人</Text>
        <Picker
          mode="selector"
          range={mine}
          value={fromIndex}
          onChange={(e) => compose.update({ from: mine[Number(e.detail.value)] })}
        >
          <View className="compose__from" data-testid="compose-from">
            {f.from}
            {mine.length > 1 && <Text className="compose__chevron"> ▾</Text>}
          </View>
        </Picker>
      </View>
      {recipientRow('to', '收件人')}
      {focus && compose.suggestions.length > 0 && (
        <View className="compose__suggest">
          {compose.suggestions.map((u) => (
            <View
              key={u.userid}
              className="compose__suggest-item"
              hoverClass="cell-hover"
              onClick={() => pick(focus, u)}
            >
              <Text className="compose__suggest-name">{u.name}</Text>
              <Text className="compose__suggest-mail">{u.biz_mail}</Text>
            </View>
          ))}
        </View>
      )}
      {showCc ? (
        <>
          {recipientRow('cc', '抄送')}
          {recipientRow('bcc', '密送')}
        </>
      ) : (
        <View className="compose__row compose__add-cc" onClick={() => setShowCc(true)}>
          添加抄送 / 密送
        </View>
      )}
      <View className="compose__row">
        <Input
          className="compose__input compose__subject"
          value={f.subject}
          placeholder="主题"
          data-testid="compose-subject"
          onInput={(e) => compose.update({ subject: e.detail.value })}
        />
      </View>
      <Textarea
        className="compose__body"
        value={f.content}
        maxlength={-1}
        autoHeight
        placeholder="正文"
        data-testid="compose-body"
        onInput={(e) => compose.update({ content: e.detail.value })}
      />
      {signature && (
        <View className="compose__signature">
          <Text className="compose__signature-label">签名（发送时自动附加）</Text>
          <Text className="compose__signature-text">{signature}</Text>
        </View>
      )}
      {compose.error && <View className="compose__error">{compose.error}</View>}
      <View className="compose__bar">
        <Button className="btn btn-plain compose__discard" onClick={() => void discard()}>
          舍弃
        </Button>
        <Button
          className="btn compose__send"
          loading={compose.sending}
          disabled={compose.sending}
          onClick={() => void send()}
        >
          {compose.sending ? '发送中' : compose.error ? '重新发送' : '发送'}
        </Button>
      </View>
    </View>
  )

  async function discard() {
    const r = await Taro.showModal({
      title: '舍弃草稿？',
      content: '舍弃后无法恢复',
      confirmText: '舍弃',
      confirmColor: '#fa5151',
    })
    if (!r.confirm) return
    await compose.discard()
    void Taro.navigateBack()
  }
}

export default observer(ComposePage)
