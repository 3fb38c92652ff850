import { useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useRouter, useUnload } from '@tarojs/taro'
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { api } from '../../../api'
import type { DraftView, MailSettings, Message, ReadResult } from '../../../api/mailTypes'
import { StateView } from '../../../components/StateView'
import { stores } from '../../../stores'
import { initialFields, parseRecipients, type ComposeMode } from '../../../stores/composeInit'
import { plainText } from '../../../utils/plainText'
import './index.css'
import { humanError } from '../../../stores/humanError'

interface Suggestion {
  userid: string
  name: string
  biz_mail: string
  position?: string
}

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
  const [signature, setSignature] = useState('')
  const [texts, setTexts] = useState<Record<Field, string>>({ to: '', cc: '', bcc: '' })
  const [showCc, setShowCc] = useState(false)
  const [focus, setFocus] = useState<Field | null>(null)
  const [suggestions, setSuggestions] = useState<Suggestion[]>([])
  const searchSeq = useRef(0)

  const start = async () => {
    setLoadError('')
    if (!mailbox) return
    let original: Message | null = null
    let replyFrom = ''
    let draft: DraftView | null = null
    if (mode !== 'new') {
      const r = await api.call('mail/message/read', {
        mailbox: mailbox.id,
        mail_id: refId,
      })
      if (r.errcode !== 0) {
        setLoadError(humanError(r.errmsg))
        return
      }
      if (mode === 'draft') draft = r.draft ?? null
      else {
        original = r.message ?? null
        replyFrom = r.reply_from ?? ''
      }
    }
    const scope = `${session.identity.corpid}.${session.identity.userid}`
    // a mail to someone keeps its own local draft, apart from a blank new one
    const context = mode === 'new' ? (prefillTo ? `new:${prefillTo}` : 'new') : `${mode}:${refId}`
    const fields = draft
      ? { ...draft, cc: draft.cc ?? [], bcc: draft.bcc ?? [] }
      : initialFields(mode, original, mine, replyFrom)
    const initial = prefillTo ? { ...fields, to: [prefillTo] } : fields
    await compose.open(scope, mailbox.id, context, initial, draft?.draft_id ?? '')
    const f = compose.fields
    setTexts({ to: f.to.join(', '), cc: f.cc.join(', '), bcc: f.bcc.join(', ') })
    setShowCc(f.cc.length + f.bcc.length > 0)
    setReady(true)
    const s = await api.call('mail/settings/get', { mailbox: mailbox.id })
    if (s.errcode === 0 && s.shared) setSignature(plainText(s.shared.signature))
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
    void suggest(text)
  }

  const suggest = async (text: string) => {
    const last =
      text
        .split(/[,;，；]/)
        .pop()
        ?.trim() ?? ''
    const seq = ++searchSeq.current
    if (last.length === 0 || last.includes('@')) {
      setSuggestions([])
      return
    }
    await new Promise((r) => setTimeout(r, 150)) // debounce while typing
    if (seq !== searchSeq.current) return
    const r = await api.call('user/search', { query: last, limit: 5 })
    if (seq !== searchSeq.current) return
    setSuggestions(r.errcode === 0 ? (r.userlist ?? []).filter((u) => u.biz_mail) : [])
  }

  const pick = (field: Field, u: Suggestion) => {
    const parts = texts[field].split(/[,;，；]/)
    parts[parts.length - 1] = ` ${u.name} <${u.biz_mail}>`
    const text = `${parts.join(',').replace(/^[\s,]+/, '')}, `
    setTexts({ ...texts, [field]: text })
    compose.update({ [field]: parseRecipients(text) })
    setSuggestions([])
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
      {focus && suggestions.length > 0 && (
        <View className="compose__suggest">
          {suggestions.map((u) => (
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
