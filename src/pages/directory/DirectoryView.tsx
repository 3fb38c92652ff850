// The directory as one screen: search bar on top; below it a department (the corp root on the tab)
// with breadcrumbs, sub-departments with member counts, and its members in a virtual list.
import { useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Input, ScrollView, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { StateView } from '../../components/StateView'
import { stores } from '../../stores'
import {
  NO_PERMISSION_CODES,
  type BusinessMailboxEntry,
  type DirDepartment,
  type DirMember,
} from '../../stores/directory'
import { useListLayout } from './layout'
import { openDepartment, openMember, writeTo } from './navigation'
import { WindowedList } from '../../components/WindowedList'
import { DirectoryRow, type Row } from './rows'
import { SearchPanel } from './SearchPanel'
import './index.css'

let instances = 0

export interface DirectoryViewProps {
  /** the department shown; the corp root when absent (the tab) */
  departmentId?: number
}

function DirectoryViewImpl({ departmentId }: DirectoryViewProps) {
  const { session, directory } = stores
  const uid = useRef(`dir${++instances}`).current
  const [focused, setFocused] = useState(false)
  const searching = focused || directory.query !== ''
  const ready = session.state === 'ready'
  const isRoot = departmentId === undefined
  const deptId = departmentId ?? directory.root?.id
  const dept = deptId !== undefined ? directory.byId.get(deptId) : undefined
  const list = ready && dept ? directory.members(dept.id) : null

  // Caches are per identity (cleared on switch): load what this identity has not loaded yet.
  useEffect(() => {
    if (!ready) return
    if (directory.treeState === 'idle') void directory.loadTree()
    if (isRoot && directory.mailboxesState === 'idle') void directory.loadMailboxes()
  }, [ready, session.epoch, directory.treeState, directory.mailboxesState, isRoot, directory])
  useEffect(() => {
    if (ready) void directory.loadRecent()
  }, [ready, session.epoch, directory])
  useEffect(() => {
    if (list && list.state === 'idle') void list.refresh()
  }, [list])

  useDidShow(() => {
    // back on screen: refresh behind what is shown (counts may have changed)
    if (ready && directory.treeState === 'ready') void directory.loadTree()
  })
  usePullDownRefresh(() => {
    // then(stop, stop), not finally(): iOS 10's engine (base library 2.15.0) has no Promise#finally
    const stop = () => Taro.stopPullDownRefresh()
    const work = [directory.loadTree(), list?.refresh(), isRoot ? directory.loadMailboxes() : undefined]
    void Promise.all(work).then(stop, stop)
  })

  const layout = useListLayout(`${uid}-box`, `${uid}-probe`, isRoot ? 'root' : 'dept')

  const rows = useMemo(() => {
    if (!dept) return []
    const out: Row[] = []
    const openDept = (d: DirDepartment) => openDepartment(d.id, directory.root?.id)
    const openBox = (m: BusinessMailboxEntry) => writeTo(m.name, m.email)
    const openPerson = (m: DirMember) => openMember(m.userid)
    const boxes = isRoot ? (directory.mailboxes ?? []) : []
    if (boxes.length > 0) {
      out.push({ kind: 'section', key: 's-box', title: '业务邮箱' })
      for (const m of boxes) out.push({ kind: 'mailbox', key: `b${m.id}`, mailbox: m, onOpen: openBox })
    }
    const kids = directory.children(dept.id)
    if (kids.length > 0) {
      out.push({ kind: 'section', key: 's-dept', title: isRoot ? '组织架构' : '下级部门' })
      for (const d of kids) out.push({ kind: 'department', key: `d${d.id}`, dept: d, onOpen: openDept })
    }
    const items = list?.items ?? []
    if (items.length > 0) {
      out.push({ kind: 'section', key: 's-members', title: '部门成员' })
      for (const m of items) out.push({ kind: 'member', key: m.userid, member: m, onOpen: openPerson })
    }
    if (list) {
      const more = list.hasMore && list.state === 'ready'
      const text =
        list.state === 'loading'
          ? '加载中…'
          : list.error && items.length > 0
            ? `${list.error}（点此重试）`
            : list.loadingMore || more
              ? '加载中…'
              : items.length === 0 && kids.length === 0
                ? '该部门暂无成员'
                : items.length > 0
                  ? `共 ${items.length} 位直属成员`
                  : ''
      if (text) out.push({ kind: 'note', key: 'n', text, onTap: list.error ? list.loadMore : undefined })
    }
    return out
    // list.items, hasMore… are read above so the observer re-renders; the memo keys on them too
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    dept,
    isRoot,
    directory.mailboxes,
    directory.departments,
    list,
    list?.items,
    list?.state,
    list?.hasMore,
    list?.loadingMore,
    list?.error,
  ])

  const onScroll = (e: { scrollOffset: number }) => {
    if (!list || !layout || !list.hasMore) return
    // within a screen of the end: fetch the next page before the user gets there
    if (e.scrollOffset + layout.height * 2 >= rows.length * layout.row) void list.loadMore()
  }

  const body = () => {
    if (!ready) return <StateView state={session.state} error={session.error} onRetry={session.load} />
    if (directory.treeState === 'error') {
      if (NO_PERMISSION_CODES.has(directory.treeErrcode)) {
        return (
          <View className="dir-nopermission" data-testid="no-permission">
            <View className="dir-nopermission__title">没有查看通讯录的权限</View>
            <View className="dir-nopermission__text">{directory.treeError}</View>
          </View>
        )
      }
      return <StateView state="error" error={directory.treeError} onRetry={directory.loadTree} />
    }
    if (directory.treeState !== 'ready') return <StateView state="loading" />
    if (!dept) return <StateView state="empty" emptyText="该部门不存在，或你无权查看" />
    if (list?.state === 'error' && list.items.length === 0) {
      return <StateView state="error" error={list.error} onRetry={list.refresh} />
    }
    if (!layout || rows.length === 0) return <StateView state="loading" />
    return (
      <WindowedList
        key={`${dept.id}:${layout.width}x${layout.height}:${layout.row}`}
        id={uid}
        className="dir-vlist"
        height={layout.height}
        width={layout.width}
        data={rows}
        itemSize={layout.row}
        item={DirectoryRow}
        overscan={6}
        onScroll={onScroll}
      />
    )
  }

  const path = dept ? directory.path(dept.id) : []
  const openCrumb = (d: DirDepartment) => openDepartment(d.id, directory.root?.id)
  const submit = () => {
    directory.addRecent(directory.query)
  }
  return (
    <View className="dir" style={{ height: process.env.TARO_ENV === 'weapp' ? '100vh' : '100%' }}>
      <View className="dir-search">
        <View className="dir-search__box">
          <Text className="dir-search__icon" aria-hidden>
            ⌕
          </Text>
          <Input
            className="dir-search__input"
            value={directory.query}
            placeholder="搜索成员、部门、业务邮箱"
            confirmType="search"
            data-testid="dir-search"
            onInput={(e) => directory.setQuery(e.detail.value)}
            // search mode stays until 取消, so a tap on a recent search is not lost to the blur
            onFocus={() => setFocused(true)}
            onConfirm={submit}
          />
          {directory.query !== '' && (
            <Text className="dir-search__clear" onClick={() => directory.setQuery('')} aria-label="清空">
              ×
            </Text>
          )}
        </View>
        {searching && (
          <Text
            className="dir-search__cancel"
            onClick={() => {
              directory.setQuery('')
              setFocused(false)
            }}
          >
            取消
          </Text>
        )}
      </View>
      {!isRoot && (
        <ScrollView scrollX className="dir-crumbs" data-testid="breadcrumbs" enableFlex>
          {path.map((d, i) =>
            i === path.length - 1 ? (
              <Text key={d.id} className="dir-crumbs__item dir-crumbs__item--current">
                {d.name}
              </Text>
            ) : (
              <Text key={d.id} className="dir-crumbs__item" onClick={() => openCrumb(d)}>
                {d.name}
                <Text className="dir-crumbs__sep"> › </Text>
              </Text>
            ),
          )}
        </ScrollView>
      )}
      <View id={`${uid}-box`} className="dir-box">
        <View id={`${uid}-probe`} className="dir-probe" aria-hidden />
        <View className={`dir-under${searching ? ' dir-under--covered' : ''}`} aria-hidden={searching}>
          {body()}
        </View>
        {searching && (
          <SearchPanel
            onOpen={(m) => {
              directory.addRecent(directory.query)
              openMember(m.userid)
            }}
            onOpenDepartment={(d) => {
              directory.addRecent(directory.query)
              openDepartment(d.id, directory.root?.id)
            }}
            onWrite={(m) => {
              directory.addRecent(directory.query)
              writeTo(m.name, m.email)
            }}
            onRecent={(text) => directory.setQuery(text)}
          />
        )}
      </View>
    </View>
  )
}

export const DirectoryView = observer(DirectoryViewImpl)
