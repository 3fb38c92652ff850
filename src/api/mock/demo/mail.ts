// Demo mail for `npm start` (issue 5): personal mailboxes of zhangsan / lina / zhangwei and the
// business mailboxes seeded by demo/mailboxes.ts — customer enquiries, quotations, invoices,
// complaints, replies forming threads, a few receive rules, some unread and starred, spread over the
// last two weeks before env.now(). Deterministic (seeded PRNG); anything absent is skipped.
import { sanitizeMailHtml } from '../../../policy/mailHtml'
import { htmlToText } from '../../../policy/mailText'
import { validateRules } from '../../../policy/receiveRules'
import { checkSignature } from '../../../policy/signature'
import type { MockEnv } from '../env'
import { storeFile } from '../mail/attachments'
import { receive } from '../mail/delivery'
import { addMessage, touchStore } from '../mail/store'
import type {
  BackendState,
  BusinessMailbox,
  CorpState,
  MailMessage,
  MailStore,
  StoredAttachment,
} from '../state'
import { PHOTO_PNG, QUOTE_XLSX, textPdf } from './files'

const CORPID = 'wwdemo'
const DAY = 86_400_000
const HOUR = 3_600_000

/** mulberry32: small, fast, good enough for demo jitter */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Box {
  store: MailStore
  address: string
}

interface Script {
  /** inbound mail; returns the stored message */
  in(
    box: Box,
    m: {
      from: string
      subject: string
      content: string
      daysAgo: number
      to?: string
      reply?: MailMessage
      read?: boolean
      starred?: boolean
      cc?: string[]
      /** an HTML part (its text is the content) */
      html?: string
      files?: StoredAttachment[]
    },
  ): MailMessage
  /** a reply / new mail sent from the box (copy in Sent); internal recipients get it too */
  out(
    box: Box,
    m: {
      to: string[]
      subject: string
      content: string
      daysAgo: number
      reply?: MailMessage
      deliverTo?: Box[]
      files?: StoredAttachment[]
    },
  ): MailMessage
}

function script(now: number, rnd: () => number): Script {
  // Working hours, minutes jittered; never in the future.
  const time = (daysAgo: number) =>
    Math.min(
      now - 5 * 60_000,
      now - daysAgo * DAY - Math.floor(rnd() * 8 * HOUR) - Math.floor(rnd() * 60) * 60_000,
    )
  return {
    in(box, m) {
      const html = m.html ? sanitizeMailHtml(m.html) : ''
      const msg = receive(box.store, box.store.shared.rules, {
        from: m.from,
        to: [m.to ?? box.address],
        cc: m.cc ?? [],
        subject: m.subject,
        content: html ? htmlToText(html) : m.content,
        ...(html ? { content_html: html } : {}),
        ...(m.files ? { attachments: m.files } : {}),
        message_id: '',
        in_reply_to: m.reply?.message_id ?? '',
        delivered_to: m.to ?? box.address,
        time: time(m.daysAgo),
      })
      // Older mail has mostly been read; the last two days mostly not.
      msg.read = m.read ?? (msg.read || (m.daysAgo > 2 ? rnd() < 0.85 : rnd() < 0.25))
      if (m.starred) msg.starred = true
      touchStore(box.store)
      return msg
    },
    out(box, m) {
      const t = time(m.daysAgo)
      const sent = addMessage(box.store, {
        folder: 'sent',
        from: box.address,
        to: m.to,
        cc: [],
        bcc: [],
        subject: m.subject,
        content: m.content,
        time: t,
        read: true,
        starred: false,
        message_id: '',
        in_reply_to: m.reply?.message_id ?? '',
        delivered_to: box.address,
        ...(m.files ? { attachments: m.files.map((f) => ({ ...f })) } : {}),
      })
      for (const dest of m.deliverTo ?? []) {
        receive(dest.store, dest.store.shared.rules, {
          from: box.address,
          to: m.to,
          cc: [],
          subject: m.subject,
          content: m.content,
          message_id: sent.message_id,
          in_reply_to: sent.in_reply_to,
          delivered_to: dest.address,
          time: t,
          ...(m.files ? { attachments: m.files } : {}),
        }).read = m.daysAgo > 2
      }
      return sent
    },
  }
}

function memberBox(corp: CorpState, userid: string): Box | null {
  const m = corp.users[userid]
  const store = m?.storeId ? corp.stores[m.storeId] : undefined
  return m && store && m.biz_mail ? { store, address: m.biz_mail } : null
}

function businessBox(mb: BusinessMailbox | undefined, corp: CorpState): Box | null {
  const store = mb ? corp.stores[mb.storeId] : undefined
  return mb && store ? { store, address: mb.email } : null
}

function setShared(store: MailStore, signature: string, rules: unknown): void {
  const sig = checkSignature(signature)
  const checked = validateRules(rules)
  if (!sig.ok || !checked.ok) return // demo data must obey the same rules as the app
  store.shared = {
    ...store.shared,
    signature: sig.value,
    rules: checked.value,
    version: store.shared.version + 1,
  }
}

/** a demo file, stored as any upload is (its bytes a blob); none when this env keeps no blobs */
function demoFile(env: MockEnv, name: string, content_type: string, data: string): StoredAttachment[] {
  if (!env.putBlob) return []
  const stored = storeFile(env, { name, content_type, data }, name)
  return stored.ok ? [stored.value] : []
}

const PDF = 'application/pdf'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** 星河科技 · 11 月产品通讯: an HTML mail with a remote image, links and a table */
const NEWSLETTER = `<div style="font-size:15px;color:#1f2329">
<img src="https://img.xinghe-partner.com/2026/11/banner.png" alt="11 月产品通讯" width="600">
<h2>11 月产品通讯</h2>
<p>您好！本月<b>X200 智能终端</b>迎来固件 3.2 更新，续航提升 <span style="color:#d83931">18%</span>。</p>
<table><tr><th>产品</th><th>更新</th></tr><tr><td>X200</td><td>固件 3.2</td></tr><tr><td>门店系统</td><td>新增会员积分</td></tr></table>
<p><a href="https://xinghe-partner.com/news/2026-11?from=mail">阅读全文</a> · <a href="mailto:news@xinghe-partner.com">联系我们</a></p>
<script>track()</script><p onclick="steal()">退订请回复 TD。</p>
</div>`

export function seedMailDemo(state: BackendState, env: MockEnv): void {
  const corp = state.corps[CORPID]
  if (!corp) return
  const s = script(env.now(), prng(20240506))
  const quote = demoFile(env, '报价单.xlsx', XLSX, QUOTE_XLSX)
  const mailboxes = Object.values(corp.publicmails).sort((a, b) => a.id - b.id)
  const byLocal = (local: string) => mailboxes.find((m) => m.email.startsWith(`${local}@`))

  const sales = businessBox(byLocal('sales') ?? mailboxes[0], corp)
  const service = businessBox(byLocal('service'), corp)
  const pr = byLocal('pr')
  const hr = businessBox(byLocal('hr-jobs'), corp)
  if (sales) {
    seedSales(s, sales)
    s.in(sales, {
      from: 'billing@jinghua-tech.com',
      subject: '11 月发票及报价单',
      content: '您好，附件为 11 月服务费发票、更新后的报价单和安装现场照片，请查收。\n\n京华科技 财务部 刘洋',
      daysAgo: 1,
      read: false,
      files: [
        ...demoFile(
          env,
          '发票-2026-11.pdf',
          PDF,
          textPdf([
            'Invoice INV-2026-11-0412',
            'Jinghua Technology -> Xinghe Technology',
            'Service fee, November 2026',
            'Total: CNY 12,600.00',
          ]),
        ),
        ...quote,
        ...demoFile(env, '现场照片.png', 'image/png', PHOTO_PNG),
      ],
    })
  }
  if (service) seedService(s, service)
  if (pr) seedPr(s, businessBox(pr, corp) as Box, pr.alias_list[0])
  if (hr) {
    s.in(hr, {
      from: 'wang.hao@163.com',
      subject: '应聘：前端开发工程师 — 王浩',
      content:
        '您好！我在招聘网站看到贵司前端开发工程师的职位，附件是我的简历，三年 React 经验，期待您的回复。\n\n王浩\n138 0000 1234',
      daysAgo: 6,
      files: demoFile(
        env,
        '王浩-简历.pdf',
        PDF,
        textPdf(['Wang Hao - Frontend Engineer', '3 years of React', 'Phone 138 0000 1234']),
      ),
    })
    s.in(hr, {
      from: 'chenjing@qq.com',
      subject: '应聘：销售代表 — 陈静',
      content: '贵司招聘负责人您好，我有两年 SaaS 销售经验，熟悉华东区客户，简历请见附件。',
      daysAgo: 3,
    })
  }

  const zhangsan = memberBox(corp, 'zhangsan')
  const lina = memberBox(corp, 'lina')
  const zhangwei = memberBox(corp, 'zhangwei')
  if (zhangwei) {
    const weekly = s.out(zhangwei, {
      to: [zhangsan?.address, lina?.address].filter(Boolean) as string[],
      subject: '本周销售例会安排',
      content:
        '各位：\n\n本周五下午 3 点在 3 楼大会议室开销售例会，请提前准备好本月客户跟进情况和下月预测。\n\n张伟',
      daysAgo: 5,
      deliverTo: [zhangsan, lina].filter(Boolean) as Box[],
    })
    if (zhangsan) {
      const reply = s.out(zhangsan, {
        to: [zhangwei.address],
        subject: '回复：本周销售例会安排',
        content: '收到，我会把华东区 12 家重点客户的进展整理成表格，周四前发给您。',
        daysAgo: 4,
        reply: weekly,
        deliverTo: [zhangwei],
      })
      s.in(zhangwei, {
        from: zhangsan.address,
        subject: '回复：本周销售例会安排（附件）',
        content: '张总，华东区客户跟进表已更新，请查阅。',
        daysAgo: 1,
        reply,
        read: false,
      })
    }
    s.in(zhangwei, {
      from: 'service@wecom.work',
      subject: '企业微信：本月账单已生成',
      content: '尊敬的管理员，您的企业「星河科技」本月账单已生成，金额 ¥3,980.00，请在 15 日前完成支付。',
      daysAgo: 8,
    })
    s.in(zhangwei, {
      from: 'li.ming@huarun-trade.com',
      subject: '合作框架协议（第二版）',
      content:
        '张总您好，根据上周会谈内容，我们修改了合作框架协议的第 4、7 条，烦请审阅。如无异议，下周可安排签署。\n\n华润贸易 李明',
      daysAgo: 2,
      starred: true,
      read: false,
    })
  }
  if (zhangsan) {
    s.in(zhangsan, {
      from: 'admin@xinghe.com',
      subject: '【通知】本周五办公楼消防演练',
      content:
        '各位同事：本周五上午 10 点进行全楼消防演练，听到警报后请沿安全通道有序撤离至楼前广场，演练约 30 分钟。\n\n行政部',
      daysAgo: 12,
    })
    const q = s.in(zhangsan, {
      from: 'zhao.lei@dongfang-steel.com',
      subject: '关于 X200 型号的询价',
      content:
        '张经理您好，我司计划采购 X200 型号设备 30 台，请提供含税报价及交货周期。\n\n东方钢铁 采购部 赵磊',
      daysAgo: 7,
      starred: true,
    })
    const a = s.out(zhangsan, {
      to: ['zhao.lei@dongfang-steel.com'],
      subject: '回复：关于 X200 型号的询价',
      content: '赵经理您好，X200 含税单价 ¥18,600，30 台可享 95 折，交货周期 20 个工作日。报价单见附件。',
      daysAgo: 6,
      reply: q,
      files: quote,
    })
    s.in(zhangsan, {
      from: 'zhao.lei@dongfang-steel.com',
      subject: '回复：回复：关于 X200 型号的询价',
      content: '价格可以接受，请问能否分两批交货？第一批 15 台希望月底前到。',
      daysAgo: 1,
      reply: a,
      read: false,
    })
    s.in(zhangsan, {
      from: '星河合作伙伴 <news@xinghe-partner.com>',
      subject: '星河科技 · 11 月产品通讯',
      content: '',
      html: NEWSLETTER,
      daysAgo: 0,
      read: false,
    })
    s.in(zhangsan, {
      from: 'newsletter@36kr.com',
      subject: '36氪早报｜今日科技要闻',
      content: '今日要闻：多家企业发布新一代办公协作工具……',
      daysAgo: 0,
      read: false,
    })
  }
  if (lina) {
    s.in(lina, {
      from: 'finance@xinghe.com',
      subject: '3 月报销单审批提醒',
      content: '李娜您好，您有 4 张报销单待审批，合计 ¥6,420.50，请于本周内处理。',
      daysAgo: 3,
      read: false,
    })
    s.in(lina, {
      from: 'it@xinghe.com',
      subject: '邮箱客户端配置说明',
      content:
        '如需在 Outlook / Foxmail 中收发业务邮箱，请在「邮箱设置 → 邮箱绑定」中生成客户端专用密码，IMAP 服务器 imap.exmail.qq.com。',
      daysAgo: 9,
    })
    s.in(lina, {
      from: 'wangfang@xinghe.com',
      subject: '新员工入职资料',
      content: '娜姐，下周一有 3 位新同事入职，资料已放在共享盘，麻烦帮忙开通邮箱和企业微信账号。',
      daysAgo: 1,
      starred: true,
      read: false,
    })
  }
}

function seedSales(s: Script, box: Box): void {
  setShared(
    box.store,
    '<p><b>星河科技 · 销售部</b></p><p>电话 400-800-1234 · <a href="https://xinghe.com">xinghe.com</a></p>',
    [
      {
        match: 'any',
        conditions: [{ field: 'subject', op: 'contains', value: '发票' }],
        actions: [{ type: 'move', folder: '财务票据' }],
      },
      {
        match: 'all',
        conditions: [{ field: 'from', op: 'contains', value: 'noreply' }],
        actions: [{ type: 'mark_read' }, { type: 'stop' }],
      },
    ],
  )
  const q1 = s.in(box, {
    from: 'chen.yu@jinghua-tech.com',
    subject: '询价：企业版年度授权 200 用户',
    content:
      '您好，我们是京华科技，计划采购贵司企业版年度授权，约 200 个用户，请问有批量折扣吗？需要开具增值税专用发票。\n\n京华科技 行政部 陈雨',
    daysAgo: 13,
  })
  const r1 = s.out(box, {
    to: ['chen.yu@jinghua-tech.com'],
    subject: '回复：询价：企业版年度授权 200 用户',
    content:
      '陈女士您好，感谢关注！200 用户企业版年度授权标准价 ¥96,000，首年可享 88 折，即 ¥84,480。可开具 6% 增值税专用发票。',
    daysAgo: 12,
    reply: q1,
  })
  const q2 = s.in(box, {
    from: 'chen.yu@jinghua-tech.com',
    subject: '回复：回复：询价：企业版年度授权 200 用户',
    content: '好的，我们内部走一下审批流程，预计下周给您答复。另外能否提供一个月的试用？',
    daysAgo: 10,
    reply: r1,
  })
  const r2 = s.out(box, {
    to: ['chen.yu@jinghua-tech.com'],
    subject: '回复：回复：回复：询价：企业版年度授权 200 用户',
    content: '可以的，已为贵司开通 30 天试用，登录信息稍后单独发送。',
    daysAgo: 10,
    reply: q2,
  })
  s.in(box, {
    from: 'chen.yu@jinghua-tech.com',
    subject: '回复：询价：企业版年度授权 200 用户',
    content: '审批已通过，合同请寄到北京市海淀区中关村大街 1 号，收件人陈雨。',
    daysAgo: 1,
    reply: r2,
    read: false,
    starred: true,
  })
  s.in(box, {
    from: 'purchase@huaxia-logistics.cn',
    subject: '咨询：物流行业解决方案',
    content: '你好，我们是华夏物流，想了解贵司产品在车队调度场景的案例，方便的话请安排一次线上演示。',
    daysAgo: 4,
  })
  s.in(box, {
    from: 'zhou.min@meiya-retail.com',
    subject: '门店系统报价请求（45 家门店）',
    content: '您好，我们在华东有 45 家门店，需要统一的门店管理和邮件系统，请报价并说明实施周期。',
    daysAgo: 0,
    read: false,
  })
  s.in(box, {
    from: 'billing@jinghua-tech.com',
    subject: '发票：3 月服务费',
    content: '您好，附件为 3 月服务费增值税专用发票（票号 04412345），金额 ¥12,600.00，请查收。',
    daysAgo: 8,
  })
  s.in(box, {
    from: 'ap@huaxia-logistics.cn',
    subject: '请开具发票 — 订单 HX-20240418',
    content:
      '订单 HX-20240418 已付款 ¥38,000，请开具增值税普通发票，抬头：华夏物流有限公司，税号 91310000MA1FL0XXXX。',
    daysAgo: 2,
    read: false,
  })
  s.in(box, {
    from: 'noreply@tax.gov.cn',
    subject: '电子发票开具成功通知',
    content: '您申请开具的电子发票已开具成功，发票号码 24312000000012345678。',
    daysAgo: 5,
  })
}

function seedService(s: Script, box: Box): void {
  setShared(box.store, '星河科技客服中心 · 7×24 小时热线 400-800-5678', [
    {
      match: 'any',
      conditions: [
        { field: 'subject', op: 'contains', value: '投诉' },
        { field: 'body', op: 'contains', value: '紧急' },
      ],
      actions: [{ type: 'star' }],
    },
  ])
  const c1 = s.in(box, {
    from: 'liu.qiang@gmail.com',
    subject: '投诉：订单 #88231 延迟发货',
    content: '我 4 月 20 日下的订单到现在还没发货，客服电话一直打不通，请尽快处理！',
    daysAgo: 3,
  })
  const a1 = s.out(box, {
    to: ['liu.qiang@gmail.com'],
    subject: '回复：投诉：订单 #88231 延迟发货',
    content:
      '刘先生您好，非常抱歉给您带来不便。经核实，您的订单因仓库盘点延迟，已于今天加急发出，运单号 SF1234567890。',
    daysAgo: 2,
    reply: c1,
  })
  s.in(box, {
    from: 'liu.qiang@gmail.com',
    subject: '回复：回复：投诉：订单 #88231 延迟发货',
    content: '收到了，谢谢。',
    daysAgo: 1,
    reply: a1,
    read: false,
  })
  s.in(box, {
    from: 'sun.li@163.com',
    subject: '账号无法登录',
    content: '紧急：从昨天开始账号登录提示「密码错误」，但密码没有改过，麻烦帮忙看看。',
    daysAgo: 0,
    read: false,
  })
  s.in(box, {
    from: 'feedback@xinghe.com',
    subject: '本周客户满意度周报',
    content: '本周共处理工单 326 件，满意度 96.4%，平均首次响应时间 4 分钟。',
    daysAgo: 6,
  })
}

function seedPr(s: Script, box: Box, alias: string | undefined): void {
  s.in(box, {
    from: 'editor@techweekly.cn',
    to: alias,
    subject: '采访邀约：企业数字化转型专题',
    content: '您好，《科技周刊》正在策划企业数字化转型专题，希望邀请贵司高管接受 30 分钟电话采访。',
    daysAgo: 2,
    read: false,
  })
  s.in(box, {
    from: 'events@cbnweek.com',
    subject: '数字经济峰会参展邀请',
    content: '诚邀星河科技参加 6 月 18 日在上海举办的数字经济峰会，展位有限，请于 5 月底前确认。',
    daysAgo: 9,
  })
}
