import { useEffect, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { FolderSheet } from '../../components/FolderSheet'
import { MailboxSwitcher } from '../../components/MailboxSwitcher'
import { MessageRow } from '../../components/MessageRow'
import { NoticeBar } from '../../components/NoticeBar'
import { Snackbar } from '../../components/Snackbar'
import { StateView } from '../../components/StateView'
import { useTabBadge } from '../../components/TabBadge'
import { stores } from '../../stores'
import { emptyPrompt, FIXED_FOLDERS, purgePrompt, type MessageItem } from '../../stores/messages'
import { countsAsUnread } from '../../policy/folders'
import { isPurgeable } from '../../policy/purge'
import { confirmPermanent, retrying } from '../../utils/permanent'
import './index.css'

// rows re-render alone when a sender's directory name arrives
const Row = observer(MessageRow)

function MailPage() {
  useTabBadge()
  const { session, mailboxes, messages } = stores
  // kept by the store: another mailbox or identity opens at its inbox
  const { folder, setFolder } = mailboxes
  // One sheet at a time: the mailbox switcher, the folder list, or where to move a message.
  const [sheet, setSheetState] = useState<'switch' | 'folders' | { move: MessageItem } | null>(null)
  // The native tab bar sits above page content; hide it while a sheet is open.
  const setSheet = (next: typeof sheet) => {
    setSheetState(next)
    void (next ? Taro.hideTabBar({ animation: false }) : Taro.showTabBar({ animation: false })).catch(
      () => {},
    )
  }
  const setSwitching = (open: boolean) => setSheet(open ? 'switch' : null)
  const mailboxId = mailboxes.currentId
  const view = messages.view(mailboxId, folder)
  const folders = messages.folders(mailboxId)
  const current = mailboxes.current

  // Cached rows render at once; the refresh runs behind them.
  useEffect(() => {
    if (session.state !== 'ready' || mailboxes.state !== 'ready') return
    void view.refresh()
    void folders.load()
  }, [session.state, mailboxes.state, view, folders])

  // New mail noticed by the poller in the open mailbox: show it without a pull.
  const unread = current?.unread
  useEffect(() => {
    if (unread !== undefined && view.state === 'ready') void view.refresh()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unread])

  useDidShow(() => {
    if (session.state === 'ready') void mailboxes.refresh()
  })

  usePullDownRefresh(() => {
    // then(stop, stop), not finally(): iOS 10's engine (base library 2.15.0) has no Promise#finally
    const stop = () => Taro.stopPullDownRefresh()
    void Promise.all([mailboxes.refresh(), view.refresh(), folders.load()]).then(stop, stop)
  })

  useReachBottom(() => {
    void view.loadMore()
  })

  const choose = (id: string) => {
    const refusal = mailboxes.select(id)
    if (refusal) {
      void Taro.showToast({ title: refusal, icon: 'none' })
      return
    }
    setSwitching(false)
  }

  const open = (item: MessageItem) => {
    if (item.draft_id) {
      void Taro.navigateTo({
        url: `/mail/pages/compose/index?mode=draft&id=${encodeURIComponent(item.draft_id)}`,
      })
      return
    }
    if (!item.read) void messages.change(view, item, { read: true })
    void Taro.navigateTo({ url: `/mail/pages/read/index?id=${encodeURIComponent(item.mail_id)}` })
  }

  // In 已删除 / 垃圾箱 delete is for good (asked first); elsewhere it moves to 已删除.
  const purgeable = isPurgeable(folder)
  const actions = async (item: MessageItem) => {
    const choices = [
      item.read ? '标为未读' : '标为已读',
      item.starred ? '取消星标' : '加星标',
      '移动到…',
      ...(folder === 'trash' ? ['移回收件箱'] : []),
      purgeable ? '彻底删除' : '删除',
    ]
    const picked = await Taro.showActionSheet({ itemList: choices }).catch(() => null)
    if (!picked) return
    const choice = choices[picked.tapIndex]
    let failed = ''
    if (picked.tapIndex === 0) failed = await messages.change(view, item, { read: !item.read })
    if (picked.tapIndex === 1) failed = await messages.change(view, item, { starred: !item.starred })
    if (picked.tapIndex === 2) setSheet({ move: item })
    if (choice === '移回收件箱') failed = await messages.change(view, item, { folder: 'inbox' })
    if (choice === '删除') failed = await messages.change(view, item, { folder: 'trash' })
    if (choice === '彻底删除' && (await confirmPermanent(purgePrompt(item.count ?? 1), '彻底删除')))
      await retrying('彻底删除失败', () => messages.purge(view, item))
    if (failed) void Taro.showToast({ title: failed, icon: 'none' })
  }

  const emptyFolder = async () => {
    const prompt = emptyPrompt(messages.folderName(mailboxId, folder), messages.folderTotal(view))
    if (await confirmPermanent(prompt, '清空')) await retrying('清空失败', () => messages.empty(view))
  }

  const moveTo = async (item: MessageItem, target: string) => {
    setSheet(null)
    const failed = await messages.change(view, item, { folder: target })
    if (failed) void Taro.showToast({ title: failed, icon: 'none' })
  }

  const undo = async () => {
    const failed = await messages.undo()
    if (failed) void Taro.showToast({ title: failed, icon: 'none' })
  }

  if (session.state !== 'ready') {
    return (
      <View className="page">
        <StateView state={session.state} error={session.error} onRetry={session.load} />
      </View>
    )
  }

  const folderList = folders.data ?? FIXED_FOLDERS
  const others = mailboxes.unreadElsewhere
  // unread waiting in another folder (a rule folder such as 财务票据): the folder button says so
  const unreadAway = folderList.some((f) => f.id !== folder && countsAsUnread(f.id) && f.unread > 0)
  const notice = messages.notice
  return (
    <View className="page mail-page">
      <NoticeBar text={mailboxes.notice} onClose={mailboxes.dismissNotice} />
      <NoticeBar
        text={mailboxes.arrival}
        onClose={mailboxes.dismissArrival}
        onTap={() => {
          const refusal = mailboxes.openArrival()
          if (refusal) void Taro.showToast({ title: refusal, icon: 'none' })
        }}
      />
      <NoticeBar text={session.notice} onClose={session.dismissNotice} />
      <View
        className="mail-page__header"
        hoverClass="cell-hover"
        onClick={() => setSwitching(true)}
        data-testid="current-mailbox"
      >
        <View className="cell-body">
          <View className="mail-page__title">
            <Text className="mail-page__name">
              {current?.name ?? (mailboxes.state === 'error' ? '邮箱' : '加载中…')}
            </Text>
            <Text className="mail-page__kind">{current?.kind === 'business' ? '业务邮箱' : '个人邮箱'}</Text>
          </View>
          <View className="mail-page__address">{current?.email ?? ' '}</View>
        </View>
        <View
          className="mail-page__settings"
          aria-label="搜索邮件"
          data-testid="mail-search"
          onClick={(e) => {
            e.stopPropagation() // the header itself opens the switcher
            void Taro.navigateTo({ url: '/mail/pages/search/index' })
          }}
        >
          搜索
        </View>
        <View
          className="mail-page__settings"
          data-testid="mailbox-settings"
          onClick={(e) => {
            e.stopPropagation() // the header itself opens the switcher
            void Taro.navigateTo({
              url: `/settings/pages/index/index?mailbox=${encodeURIComponent(mailboxId)}`,
            })
          }}
        >
          设置
        </View>
        <View className="mail-page__switch">切换{others > 0 && <Text className="mail-page__dot" />}</View>
      </View>
      {mailboxes.state === 'error' && (
        <StateView state="error" error={mailboxes.error} onRetry={mailboxes.refresh} />
      )}
      <View className="mail-page__folders">
        {/* quick tabs; the current one is scrolled into view, so a rule folder never hides off-screen */}
        <ScrollView
          scrollX
          className="mail-page__tabs"
          enableFlex
          scrollIntoView={`folder-tab-${folder}`}
          scrollWithAnimation
        >
          {folderList.map((f) => (
            <View
              key={f.id}
              id={`folder-tab-${f.id}`}
              className={`mail-page__folder ${f.id === folder ? 'mail-page__folder--on' : ''}`}
              onClick={() => setFolder(f.id)}
            >
              {f.name}
              {f.unread > 0 && f.id !== 'sent' && f.id !== 'drafts' ? ` ${f.unread}` : ''}
            </View>
          ))}
        </ScrollView>
        <View
          className="mail-page__all"
          hoverClass="cell-hover"
          role="button"
          aria-label={unreadAway ? '全部文件夹（其他文件夹有未读邮件）' : '全部文件夹'}
          data-testid="folder-button"
          onClick={() => {
            void folders.load() // counts as they are now
            setSheet('folders')
          }}
        >
          <Text className="mail-page__all-icon" />
          <Text className="mail-page__all-text">全部</Text>
          {unreadAway && <Text className="mail-page__all-dot" />}
        </View>
      </View>
      {purgeable && view.items.length > 0 && (
        <View className="mail-page__purge">
          <Text className="muted">共 {messages.folderTotal(view)} 封，可彻底删除</Text>
          <View
            className="tap danger"
            hoverClass="cell-hover"
            role="button"
            data-testid="empty-folder"
            onClick={() => void emptyFolder()}
          >
            清空
          </View>
        </View>
      )}
      {view.items.length > 0 ? (
        <View>
          {view.items.map((item) => (
            <Row
              key={item.mail_id}
              item={item}
              showTo={folder === 'sent' || folder === 'drafts'}
              onOpen={open}
              onActions={(i) => void actions(i)}
              nameOf={messages.people.name}
            />
          ))}
          <View className="mail-page__more">
            {view.loadingMore ? '加载中…' : view.hasMore ? '上拉加载更多' : '没有更多了'}
          </View>
        </View>
      ) : (
        <StateView
          state={view.state === 'ready' ? 'empty' : view.state}
          error={view.error}
          emptyText="这里还没有邮件"
          onRetry={view.refresh}
        />
      )}
      <View
        className={`mail-page__compose ${notice ? 'mail-page__compose--lifted' : ''}`}
        hoverClass="mail-page__compose--pressed"
        aria-label="写邮件"
        onClick={() => void Taro.navigateTo({ url: '/mail/pages/compose/index?mode=new' })}
      >
        写邮件
      </View>
      {notice && <Snackbar text={notice.text} actionText="撤销" onAction={() => void undo()} />}
      {sheet === 'switch' && (
        <MailboxSwitcher
          mailboxes={mailboxes.list}
          currentId={mailboxId}
          onSelect={choose}
          onClose={() => setSwitching(false)}
        />
      )}
      {sheet === 'folders' && (
        <FolderSheet
          title="文件夹"
          mode="open"
          folders={folderList}
          currentId={folder}
          onPick={(id) => {
            setFolder(id)
            setSheet(null)
          }}
          onClose={() => setSheet(null)}
        />
      )}
      {sheet !== null && typeof sheet === 'object' && (
        <FolderSheet
          title="移动到"
          mode="move"
          folders={folderList}
          currentId={folder}
          onPick={(id) => void moveTo(sheet.move, id)}
          onClose={() => setSheet(null)}
        />
      )}
    </View>
  )
}

export default observer(MailPage)
