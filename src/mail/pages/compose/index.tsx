import { useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useRouter, useUnload } from '@tarojs/taro'
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { ComposeAttachments } from '../../../components/ComposeAttachments'
import { RecipientField } from '../../../components/RecipientField'
import { StateView } from '../../../components/StateView'
import { stores } from '../../../stores'
import { compose } from '../../../stores/composeSession'
import type { RecipientField as Field, Suggestion } from '../../../stores/compose'
import { TOO_MANY_ATTACHMENTS } from '../../../stores/composeAttachments'
import type { ComposeMode } from '../../../stores/composeInit'
import { leavePage } from '../../../utils/leave'
import { pickFiles } from '../../../utils/pickFiles'
import { plainText } from '../../../utils/plainText'
import './index.css'

const FIELD_LABEL: Record<Field, string> = { to: '收件人', cc: '抄送', bcc: '密送' }

/** how long a blurred field waits before its text becomes a chip (a suggestion tap may come) */
const BLUR_COMMIT_MS = 250

function ComposePage() {
  const { session, mailboxes, people } = stores
  const { params } = useRouter()
  const mode = (params.mode ?? 'new') as ComposeMode
  const refId = decodeURIComponent(params.id ?? '')
  // "write to" from the directory: /mail/pages/compose/index?mode=new&to=<张三 <zs@x.com>>
  const prefillTo = mode === 'new' ? decodeURIComponent(params.to ?? '').trim() : ''
  const mailbox = mailboxes.current
  const mine = mailbox ? [mailbox.email, ...(mailbox.aliases ?? [])] : []
  const [ready, setReady] = useState(false)
  const [loadError, setLoadError] = useState('')
  const [showCc, setShowCc] = useState(false)
  const [focus, setFocus] = useState<Field | null>(null)
  const blurTimer = useRef<ReturnType<typeof setTimeout> | null>(null)

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
    setShowCc(f.cc.length + f.bcc.length > 0)
    setReady(true)
  }

  useEffect(() => {
    void start()
    return () => {
      if (blurTimer.current) clearTimeout(blurTimer.current)
      void compose.saveDraft() // unmounted however it went; the store saves each change once
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Names for the chips come from the directory, looked up once per address.
  const everyone = [...compose.fields.to, ...compose.fields.cc, ...compose.fields.bcc]
  useEffect(() => {
    people.resolve(everyone)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [everyone.join('\n')])

  // Leaving the page (back, tab switch, app hidden) keeps a written draft on the server as well;
  // an untouched one is left alone (the store decides).
  useDidHide(() => void compose.saveDraft())
  useUnload(() => void compose.saveDraft())

  const cancelBlur = () => {
    if (blurTimer.current) clearTimeout(blurTimer.current)
    blurTimer.current = null
  }
  const onBlur = (field: Field) => {
    cancelBlur()
    blurTimer.current = setTimeout(() => {
      blurTimer.current = null
      compose.commitPending(field)
      compose.clearSuggestions()
      setFocus((f) => (f === field ? null : f))
    }, BLUR_COMMIT_MS)
  }
  const pick = (field: Field, u: Suggestion) => {
    cancelBlur()
    compose.pick(field, u)
  }

  // Synchronous up to the picker: a browser opens its file chooser only inside the tap.
  const attach = async () => {
    const room = compose.attachments.room
    if (room === 0) {
      void Taro.showToast({ title: TOO_MANY_ATTACHMENTS, icon: 'none' })
      return
    }
    try {
      const files = await pickFiles(room)
      if (files.length > 0) compose.addFiles(files)
    } catch (e) {
      void Taro.showToast({ title: e instanceof Error ? e.message : '无法选择文件', icon: 'none' })
    }
  }

  const send = async () => {
    if (compose.sending || compose.attachments.busy) return
    cancelBlur()
    compose.commitPending()
    compose.clearSuggestions()
    if (compose.blocked) {
      void Taro.showToast({ title: compose.blocked, icon: 'none' })
      return
    }
    if (!compose.fields.subject.trim()) {
      const r = await Taro.showModal({
        title: '邮件没有主题，仍然发送？',
        content: '收件人会看到一封没有主题的邮件',
        confirmText: '发送',
        cancelText: '返回编辑',
      })
      if (!r.confirm) return
    }
    const draftId = compose.draftId
    const box = compose.mailbox
    if (!(await compose.send())) return
    // The send took the draft with it: the Drafts list drops it now, Sent shows the mail.
    if (draftId) stores.messages.view(box, 'drafts').remove(draftId)
    void stores.messages.view(box, 'sent').refresh()
    void stores.messages.folders(box).load()
    void Taro.showToast({ title: '已发送', icon: 'success' })
    await leavePage()
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
  if (compose.sent) {
    // Closing after the send: never the form again at the same URL.
    return (
      <View className="page compose compose--sent" data-testid="compose-sent">
        <Text className="compose__sent-text">已发送</Text>
      </View>
    )
  }

  const f = compose.fields
  const signature = plainText(compose.signature)
  const fromIndex = Math.max(0, mine.indexOf(f.from))
  const recipientRow = (field: Field) => (
    <RecipientField
      label={FIELD_LABEL[field]}
      testId={`compose-${field}`}
      chips={compose.chips(field, people)}
      text={compose.pending[field]}
      placeholder="姓名、拼音或邮箱地址"
      onInput={(text) => {
        cancelBlur()
        setFocus(field) // suggestions belong to the field being typed into
        compose.setPending(field, text)
      }}
      onCommit={() => {
        compose.commitPending(field)
        compose.clearSuggestions()
      }}
      onBlur={() => onBlur(field)}
      onFocus={() => {
        cancelBlur()
        setFocus(field)
      }}
      onRemove={(i) => compose.removeRecipient(field, i)}
    />
  )
  const suggestions = (field: Field) =>
    focus === field &&
    compose.suggestions.length > 0 && (
      <View className="compose__suggest" data-testid="compose-suggestions">
        {compose.suggestions.map((u) => (
          <View
            key={u.key}
            className="compose__suggest-item"
            hoverClass="cell-hover"
            onClick={() => pick(field, u)}
          >
            <Text className="compose__suggest-name">{u.name}</Text>
            <Text className="compose__suggest-mail">{u.biz_mail}</Text>
            {u.detail && <Text className="compose__suggest-detail">{u.detail}</Text>}
          </View>
        ))}
      </View>
    )
  const uploading = compose.attachments.busy
  const sendLabel = compose.sending
    ? '发送中…'
    : uploading
      ? '附件上传中…'
      : compose.failedInTransit
        ? '重试发送'
        : '发送'
  const waiting = compose.sending || uploading
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
      {recipientRow('to')}
      {suggestions('to')}
      {showCc ? (
        <View>
          {recipientRow('cc')}
          {suggestions('cc')}
          {recipientRow('bcc')}
          {suggestions('bcc')}
        </View>
      ) : (
        <View className="compose__row compose__add-cc" onClick={() => setShowCc(true)}>
          <Text>添加抄送 / 密送</Text>
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
      <ComposeAttachments
        // copies: this observer reads every row's state and progress, the plain component below does not
        items={compose.attachments.items.map((a) => ({ ...a }))}
        totalSize={compose.attachments.totalSize}
        notice={compose.attachments.notice}
        canAdd={!compose.sending}
        onAdd={() => void attach()}
        onRemove={(key) => compose.removeAttachment(key)}
        onRetry={(key) => compose.retryAttachment(key)}
      />
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
      {/* always rendered (empty when fine): no sibling is inserted or removed when a send fails */}
      <View
        className={`compose__error${compose.error ? '' : ' compose__error--none'}`}
        role={compose.error ? 'alert' : undefined}
        data-testid="compose-error"
      >
        <Text>{compose.error}</Text>
      </View>
      <View className="compose__bar">
        <Button className="btn btn-plain compose__discard" onClick={() => void discard()}>
          <Text>舍弃</Text>
        </Button>
        {/* No `loading`, and `disabled` only while sending: Taro's H5 button styles any [disabled]
            attribute (disabled="false" too) as a dimmed label, and its loading icon is inserted next
            to React's text, which broke the DOM (insertBefore NotFoundError after a failed send).
            The label is a Text of its own for the same reason. Disabled too while a file uploads. */}
        <Button
          className={`btn compose__send${waiting ? ' compose__send--busy' : ''}`}
          disabled={waiting ? true : undefined}
          data-testid="compose-send"
          onClick={() => void send()}
        >
          <Text>{sendLabel}</Text>
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
    await leavePage()
  }
}

export default observer(ComposePage)
