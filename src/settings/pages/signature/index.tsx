import Taro from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { MAX_SIGNATURE_LENGTH } from '../../../policy/signature'
import { plainText } from '../../../utils/plainText'
import { ConflictPanel } from '../../components/ConflictPanel'
import { showSaveResult } from '../../saveFeedback'
import { useMailboxSettings } from '../../useMailboxSettings'
import { SettingsLoading } from '../../components/SettingsLoading'
import './index.css'

function SignaturePage() {
  const { box, s } = useMailboxSettings()

  if (!s.shared) return <SettingsLoading s={s} />

  const text = s.signatureText
  const problem = s.signatureProblem
  // Shown as text from the sanitised markup: never injected as HTML.
  const preview = plainText(s.signaturePreview)
  const saving = !!s.saving.signature

  const save = async (overwrite = false) => {
    const r = await s.saveSignature(overwrite)
    if (await showSaveResult(r, '签名')) setTimeout(() => void Taro.navigateBack().catch(() => {}), 500)
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
      <View className="signature__editor">
        <Textarea
          className="signature__input"
          value={text}
          maxlength={-1}
          autoHeight
          placeholder="例如：星河科技 · 销售部  电话 400-800-1234"
          data-testid="signature-input"
          onInput={(e) => s.editSignature(e.detail.value)}
        />
        <View className={`signature__count ${text.length > MAX_SIGNATURE_LENGTH ? 'danger' : ''}`}>
          {text.length} / {MAX_SIGNATURE_LENGTH}
        </View>
      </View>
      <View className="signature__help">
        支持纯文本，或少量格式：加粗 &lt;b&gt;、斜体 &lt;i&gt;、换行 &lt;br&gt;、链接 &lt;a
        href&gt;。脚本、事件和外部图片等内容会被自动移除。
      </View>
      {problem && (
        <View className="signature__problem danger" role="alert">
          {problem}
        </View>
      )}

      <View className="section-title">预览（发信时附加在正文末尾）</View>
      <View className="signature__preview" data-testid="signature-preview">
        <Text className="signature__sep">-- </Text>
        <Text className="signature__preview-text" userSelect>
          {preview || '（无签名）'}
        </Text>
      </View>

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
