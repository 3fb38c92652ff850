// Journeys through the real weapp build in the WeChat logic-layer model. Each fails on any uncaught
// error, unhandled rejection, console.error, WXML problem or unimplemented wx call (assertClean).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { IDENTITIES, launch, textOf, WxStorage } from './harness.mjs'
import { ITEM_LIMIT, TOTAL_LIMIT } from './storage.mjs'

const ADMIN_MIGRATION = 'admin/pages/migration/index' // only the corp creator may see it

/** finds the single input / textarea with this placeholder */
function field(h, placeholder) {
  const found = h.find(
    (n) => (n.tag === 'input' || n.tag === 'textarea') && n.attr.placeholder === placeholder,
  )
  assert.equal(found.length, 1, `one field「${placeholder}」on ${h.route}`)
  return found[0]
}

/** the button whose text is exactly `label` */
function button(h, label) {
  const found = h.find((n) => n.tag === 'button' && textOf(n).trim() === label)
  assert.equal(found.length, 1, `one button「${label}」on ${h.route}`)
  assert.notEqual(found[0].attr.disabled, true, `button「${label}」is enabled`)
  return found[0]
}

/** the mail list header's 设置 (搜索 beside it shares the header-button class) */
function settingsButton(h) {
  const found = h.byClass('mail-page__settings').filter((n) => textOf(n).trim() === '设置')
  assert.equal(found.length, 1, `one 设置 in the mail list header on ${h.route}`)
  return found[0]
}

async function withApp(options, journey) {
  const h = await launch(options)
  try {
    h.assertClean('launch')
    await journey(h)
    h.assertClean()
    return h
  } finally {
    h.close()
  }
}

/** the query each page needs, read off the app's own navigation (no ids are hard-coded) */
async function discoverQueries() {
  const queries = {}
  await withApp({ identity: IDENTITIES.admin }, async (h) => {
    await h.tap(h.byClass('msg-row')[0])
    assert.equal(h.route, 'mail/pages/read/index')
    queries['mail/pages/read/index'] = h.page.options
    await h.navigate('switchTab', '/pages/directory/index')
    await h.tap(h.exact('销售部'))
    assert.equal(h.route, 'contacts/pages/dept/index')
    queries['contacts/pages/dept/index'] = h.page.options
    await h.navigate('switchTab', '/pages/directory/index')
    await h.tap(h.byText('创始人 & CEO')[0])
    assert.equal(h.route, 'contacts/pages/member/index')
    queries['contacts/pages/member/index'] = h.page.options
    await h.navigate('navigateTo', '/admin/pages/home/index')
    await h.tap(h.one('销售部公共邮箱'))
    assert.equal(h.route, 'admin/pages/detail/index')
    queries['admin/pages/detail/index'] = h.page.options
  })
  return queries
}

const queryString = (q) =>
  Object.entries(q || {})
    .map(([k, v]) => `${k}=${v}`)
    .join('&')

test('journey 1: every page of app.json (main package and every sub-package) opens with no error', async (t) => {
  const queries = await discoverQueries()
  let appJson
  await withApp({}, async (h) => (appJson = h.logic.appJson))
  const routes = [
    ...appJson.pages,
    ...appJson.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
  ]
  assert.ok(routes.some((r) => r.startsWith('settings/')) && routes.some((r) => r.startsWith('admin/')))
  const rows = []
  for (const route of routes) {
    const identity =
      route === ADMIN_MIGRATION
        ? IDENTITIES.creator
        : route.startsWith('admin/')
          ? IDENTITIES.admin
          : IDENTITIES.member
    // Opened from the running app, as a person gets there: a tab by switchTab, any other page by navigateTo.
    await withApp({ identity }, async (h) => {
      const q = queryString(queries[route])
      const isTab = h.logic.tabRoutes.includes(route)
      const answer = await h.navigate(isTab ? 'switchTab' : 'navigateTo', `/${route}${q ? `?${q}` : ''}`)
      if (h.route !== route) assert.fail(`${route} did not open: ${answer?.errMsg}`)
      const text = h.text().trim()
      assert.ok(text.length > 0, `${route} rendered nothing`)
      assert.doesNotMatch(text, /加载中/, `${route} still loading after settling`)
      rows.push({ route, ...h.measurements.get(route) })
    })
  }
  // For choosing Taro's baseLevel (config/index.ts, 8 today): deeper trees fall back to `comp`.
  t.diagnostic(
    'page · deepest element (app elements only) · deepest node (incl. comp hosts) · comp instances',
  )
  for (const r of rows) t.diagnostic(`${r.route} · ${r.maxElementDepth} · ${r.maxDepth} · ${r.comps}`)
})

test('journey 2: read a mail from the inbox list', async () => {
  await withApp({ identity: IDENTITIES.member }, async (h) => {
    const row = h.byClass('msg-row')[0]
    const subject = textOf(h.byClass('msg-row__subject')[0]).trim()
    const unreadBefore = h.byClass('msg-row__dot--unread').length
    assert.ok(subject)
    await h.tap(row)
    assert.equal(h.route, 'mail/pages/read/index')
    assert.equal(textOf(h.byClass('read-page__subject')[0]).trim(), subject)
    // the newest demo mail may be the HTML newsletter: its body is a rich-text
    const body = h.byClass('read-page__content')[0] ?? h.byTag('rich-text')[0]
    assert.ok(body && (textOf(body).trim().length > 0 || body.tag === 'rich-text'), 'the body is shown')
    await h.navigate('navigateBack', '')
    assert.equal(h.route, 'pages/mail/index')
    assert.equal(h.byClass('msg-row__dot--unread').length, unreadBefore - 1, 'the mail is marked read')
    assert.equal(await h.pullDownRefresh(), true, 'pulling the list down refreshes it and stops the spinner')
    assert.equal(h.byClass('msg-row__dot--unread').length, unreadBefore - 1)
  })
})

test('journey 3: compose and send a mail; it appears in 已发送', async () => {
  const subject = `运行时测试 ${Date.now()}`
  await withApp({ identity: IDENTITIES.member }, async (h) => {
    await h.tap(h.byClass('mail-page__compose')[0])
    assert.equal(h.route, 'mail/pages/compose/index')
    await h.input(field(h, '姓名、拼音或邮箱地址'), 'lina@xinghe.com')
    await h.input(field(h, '主题'), subject)
    await h.input(field(h, '正文'), '这封邮件由 WeChat 运行时测试发送。')
    await h.tap(button(h, '发送'))
    assert.ok(
      h.records.toasts.some((t) => t.title === '已发送'),
      JSON.stringify(h.records.toasts),
    )
    assert.equal(h.route, 'pages/mail/index', 'compose closes after sending')
    await h.tap(h.one('已发送'))
    assert.ok(h.byText(subject).length > 0, `「${subject}」in 已发送`)
  })
})

test('journey 4: the settings and admin sub-packages each do one action', async () => {
  const signature = `运行时测试签名 ${Date.now()}`
  await withApp({ identity: IDENTITIES.member }, async (h) => {
    await h.tap(settingsButton(h))
    assert.equal(h.route, 'settings/pages/index/index')
    await h.tap(h.one('签名'))
    assert.equal(h.route, 'settings/pages/signature/index')
    await h.input(h.byTag('textarea')[0], signature)
    await h.tap(button(h, '保存'))
    assert.equal(h.route, 'settings/pages/index/index', 'the editor closes after saving')
    assert.ok(h.byText(signature).length > 0, 'the settings page shows the saved signature')
  })
  await withApp({ identity: IDENTITIES.admin }, async (h) => {
    await h.navigate('switchTab', '/pages/me/index')
    await h.tap(h.one('管理后台'))
    assert.equal(h.route, 'admin/pages/home/index')
    await h.tap(h.exact('高级功能账号'))
    assert.equal(h.route, 'admin/pages/seats/index')
    const assigned = () => Number(/已分配的成员（(\d+)）/.exec(h.text())?.[1])
    const before = assigned()
    assert.ok(before > 0, h.text())
    const release = h.byText('释放').filter((n) => textOf(n).trim() === '释放')
    h.answerModal(true)
    await h.tap(release[release.length - 1])
    assert.match(h.records.modals.at(-1).title, /^释放 .+ 的高级功能账号？$/)
    assert.equal(assigned(), before - 1, 'one seat fewer is assigned')
  })
})

test('journey 5: a member generates a client-specific password and logs in with it', async () => {
  await withApp({ identity: IDENTITIES.member }, async (h) => {
    await h.tap(h.byClass('mail-page__header')[0])
    await h.tap(h.one('销售部公共邮箱'))
    const email = textOf(h.byClass('mail-page__address')[0]).trim()
    assert.match(email, /@/)
    await h.tap(settingsButton(h))
    await h.tap(h.one('客户端专用密码'))
    assert.equal(h.route, 'settings/pages/binding/index')
    await h.tap(button(h, '生成客户端专用密码'))
    h.assertClean('generating the password')
    const shown = h.byClass('secret__code')
    assert.equal(shown.length, 1, 'the new password is shown once')
    const secret = textOf(shown[0]).trim()
    assert.ok(secret.length >= 8, `secret「${secret}」`)
    const bizmail = h.global('__bizmail')
    assert.ok(
      bizmail?.backend,
      'the mock build exposes globalThis.__bizmail = { backend, faults } (src/api/index.ts)',
    )
    const login = await bizmail.backend.clientLogin(email, secret, 'imap')
    assert.equal(login.errcode, 0, JSON.stringify(login))
  })
})

test('journey 7: 3,000 sends stay within WeChat storage limits and survive a reload', async (t) => {
  const storage = new WxStorage()
  const me = IDENTITIES.member
  const SENDS = 3000
  let sentBefore
  await withApp({ identity: me, storage }, async (h) => {
    const bizmail = h.global('__bizmail')
    assert.ok(
      bizmail?.backend,
      'the mock build exposes globalThis.__bizmail = { backend, faults } (src/api/index.ts)',
    )
    const { backend } = bizmail
    const sentTotal = async () => {
      const r = await backend.call('mail/folder/list', { mailbox: 'personal' }, me)
      assert.equal(r.errcode, 0, JSON.stringify(r))
      return r.folders.find((f) => f.id === 'sent').total
    }
    sentBefore = await sentTotal()
    const profile = await backend.call('user/get', { userid: me.userid }, me)
    for (let i = 0; i < SENDS; i++) {
      const r = await backend.call(
        'mail/message/send',
        {
          mailbox: 'personal',
          from: profile.biz_mail,
          to: ['lina@xinghe.com'],
          subject: `耐久测试 ${i}`,
          content: `第 ${i} 封：WeChat 存储耐久测试`,
          idempotency_key: `endurance-${i}`,
        },
        me,
      )
      assert.equal(r.errcode, 0, `send ${i}: ${JSON.stringify(r)}`)
      if (i % 100 === 99) await h.settle()
    }
    await backend.settle()
    await h.settle()
    assert.equal(await sentTotal(), sentBefore + SENDS)
  })
  const sizes = storage.keys().map((k) => storage.size(k))
  t.diagnostic(
    `storage after ${SENDS} sends: ${sizes.length} keys, largest ${Math.max(...sizes)} bytes, ${storage.totalSize()} bytes in all`,
  )
  for (const key of storage.keys()) {
    assert.ok(storage.size(key) <= ITEM_LIMIT, `storage key ${key} holds ${storage.size(key)} bytes (> 1 MB)`)
  }
  assert.ok(storage.totalSize() < TOTAL_LIMIT, `storage holds ${storage.totalSize()} bytes in all (≥ 10 MB)`)
  // reload: a fresh logic layer on the same storage
  await withApp({ identity: me, storage }, async (h) => {
    const { backend } = h.global('__bizmail')
    const r = await backend.call('mail/folder/list', { mailbox: 'personal' }, me)
    assert.equal(r.errcode, 0, JSON.stringify(r))
    assert.equal(
      r.folders.find((f) => f.id === 'sent').total,
      sentBefore + SENDS,
      'every sent mail is in 已发送',
    )
    await h.tap(h.one('已发送'))
    assert.ok(h.byText(`耐久测试 ${SENDS - 1}`).length > 0, 'the last one is listed in 已发送')
  })
})

test('journey 8: new mail while away from the tab bar still shows on the 邮件 tab badge', async () => {
  const me = IDENTITIES.member
  await withApp({ identity: me }, async (h) => {
    const bizmail = h.global('__bizmail')
    assert.ok(
      bizmail?.backend,
      'the mock build exposes globalThis.__bizmail = { backend, faults } (src/api/index.ts)',
    )
    const profile = await bizmail.backend.call('user/get', { userid: me.userid }, me)
    const badge = () => Number(h.records.badges[0] ?? 0)
    const before = badge()
    assert.ok(before > 0, `the 邮件 tab shows the unread count (${JSON.stringify(h.records.badges)})`)
    const deliver = async (subject) => {
      const r = await bizmail.backend.deliver(me.corpid, profile.biz_mail, {
        from: 'partner@example.com',
        subject,
        content: '新邮件提醒测试',
      })
      assert.equal(r.errcode, 0, JSON.stringify(r))
    }
    // on the tab page: the next poll (every 30 s) raises the badge
    await deliver('提醒测试 1')
    await h.settle(31_000)
    assert.equal(badge(), before + 1, 'the badge counts the new mail')
    // away from the tab bar (setTabBarBadge fails there in WeChat), then back
    await h.tap(h.byClass('mail-page__compose')[0])
    assert.equal(h.route, 'mail/pages/compose/index')
    await deliver('提醒测试 2')
    await h.settle(31_000)
    await h.navigate('navigateBack', '')
    await h.settle(31_000)
    assert.equal(h.route, 'pages/mail/index')
    assert.equal(badge(), before + 2, 'back on the tab page, the badge counts both new mails')
  })
})

test('journey 9: in the background the app stops looking for new mail, and starts again on return', async () => {
  await withApp({ identity: IDENTITIES.member }, async (h) => {
    const polling = () => h.logic.pendingTimers().filter((t) => t.repeat > 0).length
    assert.equal(polling(), 1, 'one poller while in the foreground')
    h.logic.hideApp()
    await h.settle()
    assert.equal(polling(), 0, 'no poller in the background')
    h.logic.showApp()
    await h.settle()
    assert.equal(polling(), 1, 'polling again in the foreground')
    assert.equal(h.route, 'pages/mail/index')
  })
})

test("journey 10: on iOS 10's engine (no Promise#finally) every pull-down refresh stops its spinner", async () => {
  const pull = async (h, route) => {
    assert.equal(h.route, route)
    assert.equal(await h.pullDownRefresh(), true, `pulling ${route} down stops the spinner`)
    h.assertClean(`pull-down refresh on ${route}`)
  }
  await withApp({ identity: IDENTITIES.member, engine: 'ios10' }, async (h) => {
    await pull(h, 'pages/mail/index')
    await h.tap(h.byClass('mail-page__header')[0])
    await h.tap(h.one('销售部公共邮箱'))
    await h.tap(settingsButton(h))
    await pull(h, 'settings/pages/index/index')
    await h.tap(h.one('客户端专用密码'))
    await pull(h, 'settings/pages/binding/index')
  })
  await withApp({ identity: IDENTITIES.admin, engine: 'ios10' }, async (h) => {
    for (const route of [
      'admin/pages/home/index',
      'admin/pages/seats/index',
      'admin/pages/recycle/index',
      'admin/pages/rules/index',
    ]) {
      await h.navigate('navigateTo', `/${route}`)
      await pull(h, route)
    }
  })
})

test('journey 11: HTML mail and attachments — read, attach from a chat, send, open the file', async () => {
  const subject = `附件运行时测试 ${Date.now()}`
  const pdf = Buffer.from('%PDF-1.4\n% a tiny test file\n')
  await withApp({ identity: IDENTITIES.member }, async (h) => {
    // The demo's HTML newsletter: rendered from rich-text nodes, remote images held back.
    await h.tap(h.byText('星河科技 · 11 月产品通讯')[0])
    assert.equal(h.route, 'mail/pages/read/index')
    const rich = h.byTag('rich-text')
    assert.equal(rich.length, 1, 'one rich-text body')
    assert.ok(
      !JSON.stringify(rich[0].attr).includes('img.xinghe-partner.com'),
      'no remote image before 显示图片',
    )
    await h.tap(h.exact('显示图片'))
    assert.ok(
      JSON.stringify(h.byTag('rich-text')[0].attr).includes('img.xinghe-partner.com'),
      'images on request',
    )
    await h.navigate('navigateBack', '')

    // Compose: 添加附件 picks a file from a chat (wx.chooseMessageFile), uploads it, sends it.
    await h.tap(h.byClass('mail-page__compose')[0])
    await h.input(field(h, '姓名、拼音或邮箱地址'), 'lina@xinghe.com')
    await h.input(field(h, '主题'), subject)
    h.logic.chosenFiles.push({ name: '报价单.pdf', data: pdf })
    await h.tap(h.byClass('attachments__add')[0])
    await h.settle()
    assert.ok(h.byText('报价单.pdf').length > 0, 'the file is listed')
    await h.tap(button(h, '发送'))
    assert.ok(
      h.records.toasts.some((t) => t.title === '已发送'),
      JSON.stringify(h.records.toasts),
    )

    // 已发送 → the mail → its attachment opens in WeChat's document viewer with the same bytes.
    await h.tap(h.one('已发送'))
    await h.tap(h.byText(subject)[0])
    assert.equal(h.route, 'mail/pages/read/index')
    await h.tap(h.byClass('att-list__row')[0])
    await h.settle()
    const opened = h.records.opened.at(-1)
    assert.equal(opened?.kind, 'document', JSON.stringify(h.records.opened))
    assert.equal(opened.showMenu, true)
    assert.deepEqual(h.logic.userFile(opened.path), pdf)
  })
})

test('journey 12: search while typing — results with the term marked, a result opens', async () => {
  await withApp({ identity: IDENTITIES.member }, async (h) => {
    const search = h.byClass('mail-page__settings').filter((n) => textOf(n).trim() === '搜索')
    assert.equal(search.length, 1, 'one 搜索 in the mail list header')
    await h.tap(search[0])
    assert.equal(h.route, 'mail/pages/search/index')
    await h.input(field(h, '搜索邮件'), '例会')
    // debounced: nothing is asked before the pause, the answer arrives after it
    await h.settle(1500)
    const rows = h.byClass('search-row')
    assert.ok(rows.length >= 2, `results for 例会: ${rows.length}`)
    const hits = h.byClass('search-hit').map((n) => textOf(n).trim())
    assert.ok(hits.length >= 2 && hits.every((t) => t === '例会'), JSON.stringify(hits))
    await h.input(field(h, '搜索邮件'), '火星基地')
    await h.settle(1500)
    assert.ok(h.byText('没有找到与「火星基地」相关的邮件').length > 0, 'nothing found says so')
    await h.input(field(h, '搜索邮件'), '报价')
    await h.settle(1500)
    const subject = textOf(h.byClass('search-row__subject')[0]).trim()
    await h.tap(h.byClass('search-row')[0])
    assert.equal(h.route, 'mail/pages/read/index')
    assert.equal(textOf(h.byClass('read-page__subject')[0]).trim(), subject)
  })
})

test('journey 13: back closes an open sheet first (page-container), the next back leaves the page', async () => {
  await withApp({ identity: IDENTITIES.member }, async (h) => {
    await h.tap(h.byClass('msg-row')[0])
    assert.equal(h.route, 'mail/pages/read/index')
    assert.equal(h.byTag('page-container').length, 0, 'no sheet, no page-container')
    await h.tap(h.exact('移动'))
    assert.equal(h.byClass('bottom-sheet').length, 1, 'the 移动到 sheet is open')
    assert.equal(h.byTag('page-container').length, 1, 'the open sheet holds one page-container')
    await h.back()
    assert.equal(h.route, 'mail/pages/read/index', 'the first back stays on the mail')
    assert.equal(h.byClass('bottom-sheet').length, 0, 'the first back closed the sheet')
    assert.equal(h.byTag('page-container').length, 0)
    await h.tap(h.exact('移动'))
    await h.tap(h.exact('取消'))
    assert.equal(h.byClass('bottom-sheet').length, 0, '取消 closes it too')
    await h.back()
    assert.equal(h.route, 'pages/mail/index', 'the next back leaves the page, once')
  })
})
