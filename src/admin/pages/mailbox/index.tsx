import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { AdminState } from '../../components/AdminState'
import { adminStores } from '../../stores'
import { busyProps } from '../../components/busyProps'
import '../../admin.css'
import { humanError } from '../../../stores/humanError'

/** Create a business mailbox, or (with ?id=) edit its name and users. */
function MailboxFormPage() {
  // useRouter() is null outside a routed page (tests mount pages directly).
  const params: Record<string, string | undefined> = useRouter()?.params ?? {}
  const id = params.id ? Number(params.id) : 0
  const { mailboxes, directory, picker } = adminStores
  const key = id ? String(id) : 'new'
  const existing = id ? mailboxes.byId(id) : undefined
  const [saving, setSaving] = useState(false)
  const [refusal, setRefusal] = useState('')
  // 创建 tapped while something is missing: say it once, at that field (no toast over the form)
  const [tried, setTried] = useState(false)

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: id ? '编辑业务邮箱' : '新建业务邮箱' }).catch(() => {})
    if (!mailboxes.quota) void mailboxes.load()
    void directory.ensure()
  }, [id, mailboxes, directory])

  if (mailboxes.state !== 'ready' || (id && !existing)) {
    return (
      <View className="page">
        <AdminState
          state={mailboxes.state === 'ready' ? 'error' : mailboxes.state}
          error={mailboxes.state === 'ready' ? '业务邮箱不存在或已被删除' : mailboxes.error}
          errcode={mailboxes.errcode}
          onRetry={mailboxes.load}
        />
      </View>
    )
  }

  const form = mailboxes.form(key)
  const domain = mailboxes.domain
  const others = mailboxes.namesExcept(id || undefined)
  const addressError = id ? '' : humanError(form.addressError(domain), { field: 'email' })
  const nameError = humanError(form.nameError(others), { field: 'name' })
  // A converted mailbox may stay without users until the admin adds some (product spec 3.5).
  const hadNoUsers =
    !!existing &&
    !existing.userid_list.length &&
    !existing.department_list.length &&
    !existing.tag_list.length
  const blocker = form.blocker(domain, others, hadNoUsers)
  const users = directory.describe(form.users, 5)
  const blockedReason = !id ? mailboxes.blockedReason : ''
  // which field the blocker is about, to show it there (address and name problems show as typed)
  const missing = tried ? humanError(blocker) : ''
  const missingAddress = !addressError && missing === '请填写邮箱地址' ? missing : ''
  const missingName = !nameError && missing === '请填写名称' ? missing : ''
  const missingUsers =
    missing && !missingAddress && !missingName && missing !== addressError && missing !== nameError
      ? missing
      : ''

  const pick = () => {
    picker.open(form.users, { title: '可使用该邮箱的成员', kinds: ['user', 'dept', 'tag'] })
    void Taro.navigateTo({ url: '/admin/pages/picker/index' })
  }

  const save = async () => {
    if (blockedReason) {
      setRefusal(blockedReason)
      return
    }
    if (blocker) {
      setTried(true)
      return
    }
    setSaving(true)
    setRefusal('')
    const r = id ? await mailboxes.update(id, form) : await mailboxes.create(form)
    setSaving(false)
    if (!r.ok) {
      setRefusal(humanError(r.errmsg))
      return
    }
    void Taro.showToast({ title: id ? '已保存' : '已创建', icon: 'success' })
    setTimeout(() => void Taro.navigateBack(), 500)
  }

  return (
    <View className="page">
      {blockedReason && <View className="adm-reason adm-box">{blockedReason}</View>}
      <View className="section-title">邮箱地址</View>
      <View className="adm-field">
        {id ? (
          <Text className="adm-field__input">{existing?.email}</Text>
        ) : (
          <>
            <Input
              className="adm-field__input"
              placeholder="例如 sales"
              value={form.localPart}
              onInput={(e) => form.setLocalPart(e.detail.value)}
              data-testid="form-local"
            />
            <Text className="adm-field__suffix">@{domain}</Text>
          </>
        )}
      </View>
      {(addressError || missingAddress) && (
        <View className="adm-error" role="alert">
          {addressError || missingAddress}
        </View>
      )}
      {id > 0 && <View className="adm-hint">地址创建后不能修改；可在详情页设置别名。</View>}

      <View className="section-title">名称</View>
      <View className="adm-field">
        <Input
          className="adm-field__input"
          placeholder="例如 销售部公共邮箱"
          value={form.name}
          onInput={(e) => form.setName(e.detail.value)}
          data-testid="form-name"
        />
        <Text
          className={`adm-field__count ${form.nameWidth > form.nameMax ? 'adm-field__count--over' : ''}`}
          data-testid="name-count"
        >
          {form.nameWidth}/{form.nameMax}
        </Text>
      </View>
      {nameError || missingName ? (
        <View className="adm-error" role="alert">
          {nameError || missingName}
        </View>
      ) : (
        <View className="adm-hint">
          中文算 2 个字符，最多 64 个字符（32 个汉字）；不能与其他业务邮箱重名。
        </View>
      )}

      <View className="section-title">可使用该邮箱的成员</View>
      <View className="cells">
        <View className="cell cell-arrow" hoverClass="cell-hover" onClick={pick} data-testid="form-users">
          <View className="cell-body">
            <View className="cell-title adm-wrap">{users || '选择成员、部门或标签'}</View>
            <View className="cell-desc">部门包含其子部门；标签包含标签内的成员和部门</View>
          </View>
        </View>
      </View>
      {missingUsers && (
        <View className="adm-error" role="alert">
          {missingUsers}
        </View>
      )}

      {refusal && (
        <View className="adm-reason adm-box" role="alert" data-testid="form-refusal">
          {refusal}
        </View>
      )}
      <Button
        className={`btn adm-btn ${blocker || blockedReason ? 'adm-btn-disabled' : ''}`}
        {...busyProps(saving)}
        onClick={() => void save()}
        data-testid="form-save"
      >
        {id ? '保存' : '创建'}
      </Button>
    </View>
  )
}

export default observer(MailboxFormPage)
