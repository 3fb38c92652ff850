import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { MAX_SIGNATURE_LENGTH } from '../../../policy/signature'
import { boldMarker, checkSignatureLink, linkMarker } from '../../../policy/signatureEditor'
import { humanError } from '../../../stores/humanError'
import { plainText } from '../../../utils/plainText'
import { ConflictPanel } from '../../components/ConflictPanel'
import { showSaveResult } from '../../saveFeedback'
import { useMailboxSettings } from '../../useMailboxSettings'
import { SettingsLoading } from '../../components/SettingsLoading'
import './index.css'

type Format = '' | 'bold' | 'link'

function SignaturePage() {
  const { box, s } = useMailboxSettings()
  // Where the cursor last was in the editor: formats are inserted there (else at the end).
  const [cursor, setCursor] = useState(-1)
  const [format, setFormat] = useState<Format>('')
  const [words, setWords] = useState('')
  const [url, setUrl] = useState('')
  const [formatError, setFormatError] = useState('')

  if (!s.shared) return <SettingsLoading s={s} />

  const text = s.signatureText
  const problem = s.signatureProblem
  const removed = s.signatureRemoved
  const lines = s.signatureLines
  // The text form appended to plain-text mail, from the same sanitised markup.
  const sentText = s.signatureSentText
  const saving = !!s.saving.signature
  const length = s.signatureHtml.length

  const save = async (overwrite = false) => {
    const dropped = removed
    const r = await s.saveSignature(overwrite)
    if (r.ok && dropped) {
      // Say what sanitising took out before leaving: the member may want to rephrase it.
      await Taro.showModal({
        title: '签名已保存',
        content: `为安全起见，已移除：${dropped}。预览即为保存后的样子。`,
        showCancel: false,
        confirmText: '知道了',
      })
      void Taro.navigateBack().catch(() => {})
      return
    }
    if (await showSaveResult(r, '签名')) setTimeout(() => void Taro.navigateBack().catch(() => {}), 500)
  }

  const openFormat = (f: Format) => {
    setFormat(format === f ? '' : f)
    setWords('')
    setUrl('')
    setFormatError('')
  }

  const insertFormat = () => {
    let snippet = ''
    if (format === 'bold') {
      if (!words.trim()) return setFormatError('请填写要加粗的文字')
      snippet = boldMarker(words.trim())
    } else {
      const v = checkSignatureLink(url)
      if (!v.ok) return setFormatError(humanError(v.errmsg))
      snippet = linkMarker(words, v.value)
    }
    const at = cursor >= 0 && cursor <= text.length ? cursor : text.length
    s.editSignature(text.slice(0, at) + snippet + text.slice(at))
    setCursor(at + snippet.length)
    openFormat('')
  }

  const discard = async () => {
    const r = await Taro.showModal({
      title: '放弃修改？',
      content: '将恢复为已保存的签名，你的修改无法找回',
      confirmText: '放弃',
      confirmColor: '#fa5151',
    })
    if (r.confirm) s.discardSignature()
  }

  return (
    <View className="page signature">
      {box?.kind === 'business' && (
        <View className="signature__note">
          「{box.name}」的签名由所有可使用该邮箱的成员共享，发信时自动附加
        </View>
      )}
      {s.conflict.signature && (
        <ConflictPanel
          what="签名"
          theirs={plainText(s.shared.signature)}
          busy={saving}
          onOverwrite={() => void save(true)}
          onDiscard={() => s.discardSignature()}
        />
      )}
      <View className="section-title">编辑签名</View>
      <View className="signature__tools" role="toolbar" aria-label="格式">
        <View
          className={`signature__tool ${format === 'bold' ? 'signature__tool--on' : ''}`}
          hoverClass="signature__tool--pressed"
          onClick={() => openFormat('bold')}
          data-testid="signature-bold"
        >
          <Text className="signature__tool-b">B</Text> 加粗
        </View>
        <View
          className={`signature__tool ${format === 'link' ? 'signature__tool--on' : ''}`}
          hoverClass="signature__tool--pressed"
          onClick={() => openFormat('link')}
          data-testid="signature-link"
        >
          链接
        </View>
        <Text className="signature__tool-hint">回车换行</Text>
      </View>
      {format && (
        <View className="signature__format" data-testid="signature-format">
          <Input
            className="signature__format-input"
            value={words}
            placeholder={format === 'bold' ? '要加粗的文字，例如 销售总监' : '链接文字，例如 官网（可不填）'}
            onInput={(e) => setWords(e.detail.value)}
            data-testid="signature-format-words"
          />
          {format === 'link' && (
            <Input
              className="signature__format-input"
              value={url}
              placeholder="网址或邮箱，例如 www.xinghe.com"
              onInput={(e) => {
                setUrl(e.detail.value)
                setFormatError('')
              }}
              data-testid="signature-format-url"
            />
          )}
          {formatError && (
            <View className="signature__problem danger" role="alert" data-testid="signature-format-error">
              {formatError}
            </View>
          )}
          <View className="signature__format-bar">
            <Button className="btn btn-plain signature__format-btn" onClick={() => openFormat('')}>
              取消
            </Button>
            <Button
              className="btn signature__format-btn"
              onClick={insertFormat}
              data-testid="signature-format-insert"
            >
              插入
            </Button>
          </View>
        </View>
      )}
      <View className="signature__editor">
        <Textarea
          className="signature__input"
          value={text}
          maxlength={-1}
          autoHeight
          placeholder="例如：星河科技 · 销售部  电话 400-800-1234"
          data-testid="signature-input"
          onInput={(e) => {
            s.editSignature(e.detail.value)
            setCursor(typeof e.detail.cursor === 'number' ? e.detail.cursor : e.detail.value.length)
          }}
          onBlur={(e) => {
            const at = (e.detail as { cursor?: number }).cursor
            if (typeof at === 'number') setCursor(at)
          }}
        />
        <View className={`signature__count ${length > MAX_SIGNATURE_LENGTH ? 'danger' : ''}`}>
          {length} / {MAX_SIGNATURE_LENGTH}
        </View>
      </View>
      <View className="signature__help">
        直接输入文字即可。**文字** 显示为加粗，[文字](网址) 是链接，回车换行；也可以用上面的按钮插入。
      </View>
      {problem && (
        <View className="signature__problem danger" role="alert">
          {problem}
        </View>
      )}
      {removed && !problem && (
        <View className="signature__removed" role="status" data-testid="signature-removed">
          保存时将移除：{removed}
        </View>
      )}

      <View className="section-title">预览（发信时附加在正文末尾）</View>
      <View className="signature__preview" data-testid="signature-preview">
        <Text className="signature__sep">-- </Text>
        {lines.length === 0 && <Text className="signature__line">（无签名）</Text>}
        {lines.map((line, i) => (
          <View key={i} className="signature__line">
            {line.map((run, j) => (
              <Text
                key={j}
                className={[
                  'signature__run',
                  run.bold ? 'signature__run--b' : '',
                  run.italic ? 'signature__run--i' : '',
                  run.underline ? 'signature__run--u' : '',
                  run.href ? 'signature__run--a' : '',
                ].join(' ')}
                data-href={run.href}
                userSelect
              >
                {run.text}
              </Text>
            ))}
            {line.length === 0 && <Text className="signature__run"> </Text>}
          </View>
        ))}
      </View>
      {sentText && sentText !== lines.map((l) => l.map((r) => r.text).join('')).join('\n') && (
        <View className="signature__help" data-testid="signature-sent-text">
          纯文本邮件中显示为：{sentText}
        </View>
      )}

      <View className="signature__bar">
        {s.signatureDirty && (
          <Button className="btn btn-plain signature__btn" onClick={() => void discard()}>
            放弃修改
          </Button>
        )}
        <Button
          className="btn signature__btn"
          data-testid="signature-save"
          disabled={saving || !!problem || !s.signatureDirty}
          loading={saving}
          onClick={() => void save()}
        >
          {s.signatureDirty ? '保存' : '已保存'}
        </Button>
      </View>
    </View>
  )
}

export default observer(SignaturePage)
