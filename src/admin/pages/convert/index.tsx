import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { observable } from 'mobx'
import { observer } from 'mobx-react-lite'
import { checkConversion } from '../../../policy/conversion'
import { checkMailboxNameAmong, displayWidth, NAME_MAX_UNITS } from '../../../policy/mailboxName'
import { checkOwnDomain, checkRoomForMailbox } from '../../../policy/quota'
import { AdminState } from '../../components/AdminState'
import { adminStores } from '../../stores'
import { emptyTargets, type DirMember, type Targets } from '../../stores/types'
import { busyProps } from '../../components/busyProps'
import '../../admin.css'
import { humanError } from '../../../stores/humanError'

/** 移入通讯录成员邮箱: a member's mailbox becomes a business mailbox. */
function ConvertPage() {
  const { mailboxes, directory, picker } = adminStores
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<DirMember[]>([])
  const [member, setMember] = useState<DirMember | null>(null)
  const [name, setName] = useState('')
  // Owned by the page but handed to the picker, which edits it in place (kept while picking).
  const users = useRef<Targets>(observable(emptyTargets()))
  const [saving, setSaving] = useState(false)
  const [refusal, setRefusal] = useState('')
  const [nameTried, setNameTried] = useState(false)

  useEffect(() => {
    if (!mailboxes.quota) void mailboxes.load()
    void directory.ensure()
  }, [mailboxes, directory])

  useEffect(() => {
    let live = true
    const timer = setTimeout(async () => {
      const r = await directory.search(query, 30)
      if (live) setFound(r.list.filter((m) => m.biz_mail))
    }, 150)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [query, directory, directory.state])

  const q = mailboxes.quota
  const facts = mailboxes.quotaFacts
  if (!q || !facts) {
    return (
      <View className="page">
        <AdminState
          state={mailboxes.state}
          error={mailboxes.error}
          errcode={mailboxes.errcode}
          onRetry={mailboxes.load}
        />
      </View>
    )
  }

  // Pre-validate with the rules the backend applies (it still has the last word).
  const domain = checkOwnDomain(facts)
  const conversion = member
    ? checkConversion(q.edition, {
        userid: member.userid,
        biz_mail: member.biz_mail,
        advanced: member.advanced === 1 ? 1 : 0,
        storeId: member.biz_mail ? 'personal' : null,
      })
    : null
  const room = conversion?.ok ? checkRoomForMailbox(facts, conversion.value) : null
  const checkedName = checkMailboxNameAmong(name, mailboxes.namesExcept())
  const nameProblem = !name || checkedName.ok ? '' : humanError(checkedName.errmsg)
  const refusedBy = !domain.ok
    ? humanError(domain.errmsg)
    : conversion && !conversion.ok
      ? humanError(conversion.errmsg)
      : room && !room.ok
        ? humanError(room.errmsg)
        : ''

  const choose = (m: DirMember) => {
    setMember(m)
    setRefusal('')
    if (!name) setName(`${m.name}的邮箱`)
  }

  const convert = async () => {
    if (!member) return
    if (refusedBy) {
      setRefusal(refusedBy)
      return
    }
    // The name's problem already shows under the field: no toast repeating it over the form.
    if (!name.trim() || nameProblem) {
      setNameTried(true)
      return
    }
    const ok = await Taro.showModal({
      title: `移入 ${member.name} 的邮箱？`,
      content: `${member.biz_mail} 将变为业务邮箱「${name.trim()}」。${member.name} 将不再有个人邮箱，此操作不能撤销。`,
      confirmText: '移入',
      confirmColor: '#fa5151',
    })
    if (!ok.confirm) return
    setSaving(true)
    const r = await mailboxes.convert(member.userid, name, users.current)
    setSaving(false)
    if (!r.ok) {
      setRefusal(humanError(r.errmsg))
      return
    }
    void Taro.showToast({ title: '已移入', icon: 'success' })
    setTimeout(() => void Taro.redirectTo({ url: `/admin/pages/detail/index?id=${r.id}` }), 500)
  }

  const releasesSeat = q.edition !== 'basic'
  return (
    <View className="page">
      <View className="adm-info adm-box">
        <View className="adm-strong">移入后会发生什么</View>
        <View className="adm-list">
          <View className="adm-list__item">· 该成员邮箱里的全部邮件都保留，成为业务邮箱的邮件</View>
          <View className="adm-list__item">· 邮箱与微信、手机、企业微信的绑定全部解除</View>
          <View className="adm-list__item">· 该成员将没有个人邮箱</View>
          {releasesSeat && (
            <View className="adm-list__item">
              · 成员的高级功能账号被释放（{q.edition === 'trial' ? '试用版' : '高级版'}
              只能移入已分配高级功能账号的成员）
            </View>
          )}
          <View className="adm-list__item">
            · 可以暂不指定使用成员：添加之前没有人能使用它，列表中显示「暂无使用成员」
          </View>
        </View>
      </View>

      <View className="section-title">选择成员</View>
      {member ? (
        <View className="cells">
          <View className="cell" data-testid="convert-member">
            <View className="cell-body">
              <View className="cell-title">
                {member.name}
                {member.advanced === 1 && <Text className="adm-tag">高级功能账号</Text>}
              </View>
              <View className="cell-desc">{member.biz_mail}</View>
            </View>
            <Text className="adm-link" onClick={() => (setMember(null), setRefusal(''))}>
              更换
            </Text>
          </View>
        </View>
      ) : (
        <View>
          <Input
            className="adm-search"
            placeholder="搜索姓名、拼音或邮箱"
            value={query}
            onInput={(e) => setQuery(e.detail.value)}
            data-testid="convert-search"
          />
          <View className="cells">
            {found.slice(0, 20).map((m) => (
              <View
                key={m.userid}
                className="cell"
                hoverClass="cell-hover"
                onClick={() => choose(m)}
                data-testid={`convert-pick-${m.userid}`}
              >
                <View className="cell-body">
                  <View className="cell-title">
                    {m.name}
                    {m.advanced === 1 && <Text className="adm-tag">高级功能账号</Text>}
                  </View>
                  <View className="cell-desc">{m.biz_mail}</View>
                </View>
              </View>
            ))}
            {found.length === 0 && (
              <AdminState
                state={directory.state === 'ready' ? 'empty' : directory.state}
                emptyText="没有找到有个人邮箱的成员"
              />
            )}
          </View>
        </View>
      )}

      {(refusedBy || refusal) && (
        <View className="adm-reason adm-box" role="alert" data-testid="convert-refusal">
          {refusal || refusedBy}
        </View>
      )}

      {member && !refusedBy && (
        <View>
          <View className="section-title">业务邮箱名称</View>
          <View className="adm-field">
            <Input
              className="adm-field__input"
              value={name}
              onInput={(e) => setName(e.detail.value)}
              data-testid="convert-name"
            />
            <Text
              className={`adm-field__count ${displayWidth(name.trim()) > NAME_MAX_UNITS ? 'adm-field__count--over' : ''}`}
            >
              {displayWidth(name.trim())}/{NAME_MAX_UNITS}
            </Text>
          </View>
          {(nameProblem || (nameTried && !name.trim())) && (
            <View className="adm-error" role="alert">
              {nameProblem || '请填写名称'}
            </View>
          )}
          <View className="section-title">使用成员（可稍后添加）</View>
          <View className="cells">
            <View
              className="cell cell-arrow"
              hoverClass="cell-hover"
              onClick={() => {
                picker.open(users.current, {
                  title: '可使用该邮箱的成员',
                  kinds: ['user', 'dept', 'tag'],
                })
                void Taro.navigateTo({ url: '/admin/pages/picker/index' })
              }}
            >
              <View className="cell-body">
                <View className="cell-title adm-wrap">
                  {directory.describe(users.current, 5) || '暂不指定'}
                </View>
              </View>
            </View>
          </View>
          <Button
            className="btn adm-btn"
            {...busyProps(saving)}
            onClick={() => void convert()}
            data-testid="convert-submit"
          >
            移入为业务邮箱
          </Button>
        </View>
      )}
    </View>
  )
}

export default observer(ConvertPage)
