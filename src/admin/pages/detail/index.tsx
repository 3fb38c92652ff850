import { useEffect, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { checkAliases, MAX_ALIASES } from '../../../policy/aliases'
import {
  checkAdminCodeLimit,
  checkRemark,
  DEFAULT_REMARK,
  MAX_LIVE_ADMIN_CODES,
} from '../../../policy/authCode'
import { fullTime } from '../../../utils/time'
import { ClientPassword } from '../../../components/ClientPassword'
import { AdminState } from '../../components/AdminState'
import { adminStores } from '../../stores'
import { clientLoginLockNotice } from '../../stores/mailboxAdmin'
import type { AuthCodeItem } from '../../stores/types'
import { busyProps } from '../../components/busyProps'
import '../../admin.css'
import { humanError } from '../../../stores/humanError'
import { SwitchRow } from '../../../components/SwitchRow'
import { RECYCLE_DAYS } from '../../../policy/recycle'

/** One business mailbox: users, aliases, enabled state, client passwords, delete. */
function DetailPage() {
  // useRouter() is null outside a routed page (tests mount pages directly).
  const params: Record<string, string | undefined> = useRouter()?.params ?? {}
  const id = Number(params.id)
  const { mailboxes, directory } = adminStores
  const m = mailboxes.byId(id)
  const [aliases, setAliases] = useState<string[] | null>(null)
  const [aliasInput, setAliasInput] = useState('')
  const [aliasError, setAliasError] = useState('')
  const [codes, setCodes] = useState<AuthCodeItem[] | null>(null)
  const [codesError, setCodesError] = useState('')
  const [lockedUntil, setLockedUntil] = useState(0)
  const [remark, setRemark] = useState('')
  const [secret, setSecret] = useState('')
  const [busy, setBusy] = useState(false)

  const loadCodes = async () => {
    const r = await mailboxes.authCodes(id)
    if (r.ok) {
      setCodes(r.list)
      setLockedUntil(r.lockedUntil)
      setCodesError('')
    } else setCodesError(humanError(r.errmsg))
  }

  useEffect(() => {
    if (!mailboxes.quota) void mailboxes.load()
    void directory.ensure()
    void loadCodes()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])

  useDidShow(() => {
    if (mailboxes.quota) void mailboxes.load()
  })

  if (!m) {
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

  const shownAliases = aliases ?? m.alias_list
  const users = directory.describe(
    { userid: m.userid_list, partyid: m.department_list, tagid: m.tag_list },
    8,
  )
  const domain = mailboxes.domain

  const toggle = async (on: boolean) => {
    // Disabling locks every member and mail client out: say so and ask first (enabling does not).
    if (!on) {
      const ok = await Taro.showModal({
        title: `停用「${m.name}」？`,
        content:
          '停用后，可使用该邮箱的成员将无法进入和收发邮件，邮件客户端（IMAP / POP / SMTP）的登录也会失效。邮件会保留，重新启用后即可恢复使用。',
        confirmText: '停用',
        confirmColor: '#fa5151',
      })
      if (!ok.confirm) return
    }
    const r = await mailboxes.setEnabled(id, on)
    if (!r.ok) void Taro.showModal({ title: '操作失败', content: humanError(r.errmsg), showCancel: false })
    else void Taro.showToast({ title: on ? '已启用' : '已停用', icon: 'success' })
  }

  const addAlias = () => {
    const raw = aliasInput.trim()
    if (!raw) return
    const address = raw.includes('@') ? raw : `${raw}@${domain}`
    const next = [...shownAliases, address]
    const v = checkAliases(next, domain, m.email)
    if (!v.ok) {
      setAliasError(humanError(v.errmsg))
      return
    }
    setAliases(v.value)
    setAliasInput('')
    setAliasError('')
  }

  const saveAliases = async () => {
    if (!aliases) return
    setBusy(true)
    const r = await mailboxes.setAliases(id, aliases)
    setBusy(false)
    if (!r.ok) {
      setAliasError(humanError(r.errmsg))
      return
    }
    setAliases(null)
    setAliasError('')
    void Taro.showToast({ title: '别名已保存', icon: 'success' })
  }

  const createCode = async () => {
    const v = checkRemark(remark)
    if (!v.ok) {
      void Taro.showModal({ title: '无法生成', content: humanError(v.errmsg), showCancel: false })
      return
    }
    setBusy(true)
    const r = await mailboxes.createAuthCode(id, v.value)
    setBusy(false)
    if (!r.ok) {
      void Taro.showModal({ title: '无法生成', content: humanError(r.errmsg), showCancel: false })
      return
    }
    setSecret(r.auth_code)
    setRemark('')
    void loadCodes()
  }

  const deleteCode = async (code: AuthCodeItem) => {
    const ok = await Taro.showModal({
      title: '删除客户端专用密码',
      content: `删除后，使用「${code.remark}」登录的邮件客户端将无法再收发邮件。`,
      confirmText: '删除',
      confirmColor: '#fa5151',
    })
    if (!ok.confirm) return
    const r = await mailboxes.deleteAuthCode(id, code.auth_code_id)
    if (!r.ok) void Taro.showModal({ title: '删除失败', content: humanError(r.errmsg), showCancel: false })
    void loadCodes()
  }

  const remove = async () => {
    const ok = await Taro.showModal({
      title: `删除「${m.name}」`,
      content: `邮箱将移入回收站并保留 ${RECYCLE_DAYS} 天，期间地址 ${m.email} 仍被占用，可从回收站恢复。使用成员将无法再使用它。`,
      confirmText: '删除',
      confirmColor: '#fa5151',
    })
    if (!ok.confirm) return
    const r = await mailboxes.remove(id)
    if (!r.ok) {
      void Taro.showModal({ title: '删除失败', content: humanError(r.errmsg), showCancel: false })
      return
    }
    void Taro.showToast({ title: '已移入回收站', icon: 'success' })
    setTimeout(() => void Taro.navigateBack(), 500)
  }

  const liveAdminCodes = (codes ?? []).length
  const limit = checkAdminCodeLimit(liveAdminCodes)

  return (
    <View className="page">
      <View className="adm-card">
        <View className="adm-quota adm-quota--sm">
          {m.name}
          {!m.enabled && <Text className="adm-tag adm-tag--warn">已停用</Text>}
        </View>
        <View className="cell-desc">{m.email}</View>
      </View>

      <View className="cells adm-gap">
        <View
          className="cell cell-arrow"
          hoverClass="cell-hover"
          onClick={() => void Taro.navigateTo({ url: `/admin/pages/mailbox/index?id=${id}` })}
          data-testid="edit-users"
        >
          <View className="cell-body">
            <View className="cell-title">名称和使用成员</View>
            <View className="cell-desc adm-wrap">
              {users || '暂无使用成员：添加成员、部门或标签后才能使用'}
            </View>
          </View>
        </View>
        <SwitchRow checked={m.enabled} testId="enabled" onChange={(on) => void toggle(on)}>
          <View className="cell-body">
            <View className="cell-title">启用</View>
            <View className="cell-desc">停用后成员无法进入该邮箱，也无法通过客户端登录</View>
          </View>
        </SwitchRow>
      </View>

      <View className="section-title">
        别名（{shownAliases.length} / {MAX_ALIASES}）
      </View>
      <View className="cells">
        {shownAliases.map((a) => (
          <View key={a} className="cell">
            <View className="cell-body">
              <View className="cell-title">{a}</View>
            </View>
            <Text
              className="danger"
              onClick={() => {
                setAliases(shownAliases.filter((x) => x !== a))
                setAliasError('')
              }}
            >
              移除
            </Text>
          </View>
        ))}
        {shownAliases.length < MAX_ALIASES && (
          <View className="adm-field">
            <Input
              className="adm-field__input"
              placeholder="添加别名，例如 sales-cn"
              value={aliasInput}
              onInput={(e) => setAliasInput(e.detail.value)}
              onConfirm={addAlias}
            />
            <Text className="adm-field__suffix">@{domain}</Text>
            <Text className="adm-link adm-ml" onClick={addAlias}>
              添加
            </Text>
          </View>
        )}
      </View>
      {aliasError && <View className="adm-error">{aliasError}</View>}
      {aliases && (
        <View className="adm-row">
          <Button className="btn-plain" onClick={() => (setAliases(null), setAliasError(''))}>
            取消
          </Button>
          <Button className="btn" {...busyProps(busy)} onClick={() => void saveAliases()}>
            保存别名
          </Button>
        </View>
      )}

      <View className="section-title">
        客户端专用密码（管理员创建 {liveAdminCodes} / {MAX_LIVE_ADMIN_CODES}）
      </View>
      {secret && (
        <ClientPassword
          secret={secret}
          account={m.email}
          onClose={() => {
            setSecret('')
            void loadCodes() // a client may have used it meanwhile: show its last use
          }}
        />
      )}
      {lockedUntil > 0 && (
        <View className="adm-hint adm-inset" data-testid="client-login-locked">
          {clientLoginLockNotice(lockedUntil)}（连续多次登录失败；锁定期间正确的密码也无法登录）
        </View>
      )}
      <View className="cells">
        {codes === null && !codesError && <AdminState state="loading" />}
        {codesError && <AdminState state="error" error={codesError} onRetry={() => void loadCodes()} />}
        {codes?.map((c) => (
          <View key={c.auth_code_id} className="cell">
            <View className="cell-body">
              <View className="cell-title">{c.remark}</View>
              <View className="cell-desc">
                创建于 {fullTime(c.create_time)} ·{' '}
                {c.last_use_time ? `最近使用 ${fullTime(c.last_use_time)}` : '从未使用'}
              </View>
            </View>
            <Text className="danger" onClick={() => void deleteCode(c)}>
              删除
            </Text>
          </View>
        ))}
        {codes && codes.length === 0 && (
          <View className="cell">
            <View className="cell-body muted">还没有管理员创建的客户端专用密码</View>
          </View>
        )}
        <View className="adm-field">
          <Input
            className="adm-field__input"
            placeholder={`备注（默认「${DEFAULT_REMARK}」）`}
            value={remark}
            onInput={(e) => setRemark(e.detail.value)}
          />
          <Text
            className={limit.ok ? 'adm-link' : 'muted'}
            onClick={() =>
              limit.ok
                ? void createCode()
                : void Taro.showModal({
                    title: '无法生成',
                    content: humanError(limit.errmsg),
                    showCancel: false,
                  })
            }
            data-testid="create-code"
          >
            生成密码
          </Text>
        </View>
      </View>

      <Button className="btn-plain adm-btn danger" onClick={() => void remove()} data-testid="delete-mailbox">
        删除业务邮箱
      </Button>
    </View>
  )
}

export default observer(DetailPage)
