import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { StateView } from '../../../components/StateView'
import { stores } from '../../../stores'
import './index.css'

const EMPTY = { from: '客户 <customer@example.com>', subject: '', content: '' }

/** Demo only: what an outside sender would do, through the embedded backend's inbound door. */
function DemoToolsPage() {
  const { session, mailboxes, demo } = stores
  const [mail, setMail] = useState(EMPTY)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const box = mailboxes.current

  useEffect(() => {
    if (session.state === 'ready' && mailboxes.state === 'idle') void mailboxes.refresh()
  }, [session.state, mailboxes])

  if (!demo.available) {
    return (
      <View className="page">
        <StateView state="empty" emptyText="演示工具仅在内置演示后端下可用" />
      </View>
    )
  }

  const deliver = async () => {
    if (!box) return
    setBusy(true)
    setResult(null)
    const r = await demo.deliver(box, mail)
    setBusy(false)
    if (!r.ok) {
      setResult({ ok: false, text: r.reason })
      return
    }
    setResult({ ok: true, text: `已投递到 ${box.email}，收信规则已生效` })
    setMail({ ...mail, subject: '', content: '' })
    void Taro.showToast({ title: '已投递', icon: 'success' })
  }

  return (
    <View className="page demo">
      <View className="demo__note">
        演示用：模拟外部发件人向当前邮箱发一封邮件（正式环境由邮件服务器投递）。
      </View>
      <View className="section-title">向当前邮箱投递一封邮件</View>
      <View className="cells">
        <View className="cell">
          <Text className="demo__label">收件邮箱</Text>
          <Text className="demo__value" data-testid="demo-to">
            {box ? `${box.name} <${box.email}>` : '加载中…'}
          </Text>
        </View>
        <View className="cell">
          <Text className="demo__label">发件人</Text>
          <Input
            className="demo__input"
            value={mail.from}
            data-testid="demo-from"
            onInput={(e) => setMail({ ...mail, from: e.detail.value })}
          />
        </View>
        <View className="cell">
          <Text className="demo__label">主题</Text>
          <Input
            className="demo__input"
            value={mail.subject}
            placeholder="邮件主题"
            data-testid="demo-subject"
            onInput={(e) => setMail({ ...mail, subject: e.detail.value })}
          />
        </View>
        <View className="cell">
          <Textarea
            className="demo__body"
            value={mail.content}
            maxlength={-1}
            placeholder="正文"
            data-testid="demo-body"
            onInput={(e) => setMail({ ...mail, content: e.detail.value })}
          />
        </View>
      </View>
      {result && (
        <View className={`demo__result ${result.ok ? '' : 'danger'}`} role="status" data-testid="demo-result">
          {result.text}
        </View>
      )}
      <Button
        className="btn"
        data-testid="demo-deliver"
        loading={busy}
        disabled={busy || !box}
        onClick={() => void deliver()}
      >
        投递
      </Button>
    </View>
  )
}

export default observer(DemoToolsPage)
