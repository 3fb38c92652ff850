// Server processes as deployed: killed with SIGKILL mid-work, and several on one PostgreSQL. Each
// test starts `server/main.ts` in dev mode (the demo organisations) and talks HTTP to it.
// The multi-process tests need PostgreSQL (TEST_DATABASE_URL): PGlite is one process's database.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { expect } from 'expect'
import { ErrCode } from '../../src/policy/codes'
import { testDb } from './harness'

const ROOT = path.join(__dirname, '..', '..')
const PG = process.env.TEST_DATABASE_URL ?? ''

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

interface Running {
  base: string
  proc: ChildProcess
  exited: Promise<void>
}

async function startServer(db: Record<string, string>, extra: Record<string, string> = {}): Promise<Running> {
  const port = await freePort()
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...db,
      ...extra,
      PORT: String(port),
      HOST: '127.0.0.1',
      BIZMAIL_DEV: '1',
      NODE_ENV: 'test',
      SMTP_PORT: '0',
      SUBMISSION_PORT: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`)
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, proc, exited }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  proc.kill('SIGKILL')
  throw new Error('server did not become healthy in 60 s')
}

async function post(
  base: string,
  url: string,
  body: object,
  token?: string,
): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  return (await r.json()) as Record<string, unknown>
}

async function login(base: string, corpid: string, userid: string): Promise<string> {
  const r = await post(base, '/auth/dev', { corpid, userid })
  expect(r.errcode).toBe(0)
  return r.token as string
}

async function killHard(s: Running): Promise<void> {
  s.proc.kill('SIGKILL')
  await s.exited
}

async function freshPg(): Promise<Record<string, string>> {
  const db = await testDb()
  await db.close()
  return { DATABASE_URL: PG }
}

test('kill -9 during 500 retried idempotent sends: exactly 500 in Sent, none lost or doubled', async () => {
  let dir = ''
  let dbEnv: Record<string, string>
  if (PG) dbEnv = await freshPg()
  else {
    dir = mkdtempSync(path.join(tmpdir(), 'bizmail-kill-'))
    dbEnv = { BIZMAIL_DATA_DIR: dir, DATABASE_URL: '' }
  }
  let server = await startServer(dbEnv)
  const token = await login(server.base, 'wwdemo', 'zhangsan')
  // one conversation per send in the list, so Sent counts messages
  const off = await post(
    server.base,
    '/cgi-bin/mail/settings/update',
    { mailbox: 'personal', personal: { conversation_mode: false } },
    token,
  )
  expect(off.errcode).toBe(0)
  const N = 500
  const acked = new Set<number>()
  let next = 0
  let killed = false
  let restarting: Promise<void> | null = null
  const send = async (i: number) => {
    for (;;) {
      try {
        const r = await post(
          server.base,
          '/cgi-bin/mail/message/send',
          {
            mailbox: 'personal',
            from: 'zhangsan@xinghe.com',
            to: ['lina@xinghe.com'],
            subject: `耐久-${i}`,
            content: `第 ${i} 封`,
            idempotency_key: `dur-${i}`,
          },
          token,
        )
        if (r.errcode === 0) {
          acked.add(i)
          return
        }
      } catch {
        // connection refused or reset: the server is down; retry with the same key
      }
      if (restarting) await restarting
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const worker = async () => {
    while (next < N) {
      const i = next++
      await send(i)
      if (!killed && acked.size >= N / 3) {
        killed = true
        // Cut the power mid-stream: other sends are in flight on this process right now.
        restarting = (async () => {
          await killHard(server)
          server = await startServer(dbEnv)
        })()
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: 10 }, worker))
    expect(killed).toBe(true)
    expect(acked.size).toBe(N)
    const subjects: string[] = []
    let cursor = ''
    do {
      const page = await post(
        server.base,
        '/cgi-bin/mail/message/list',
        { mailbox: 'personal', folder: 'sent', limit: 100, ...(cursor ? { cursor } : {}) },
        token,
      )
      expect(page.errcode).toBe(0)
      for (const it of page.items as { subject: string }[])
        if (it.subject.startsWith('耐久-')) subjects.push(it.subject)
      cursor = page.next_cursor as string
    } while (cursor)
    expect(subjects.length).toBe(N)
    expect(new Set(subjects).size).toBe(N)
  } finally {
    await killHard(server)
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
})

test(
  'two processes, one PostgreSQL: 50 concurrent writes of the same settings version, exactly one wins',
  { skip: !PG && 'needs TEST_DATABASE_URL' },
  async () => {
    const dbEnv = await freshPg()
    const a = await startServer(dbEnv)
    const b = await startServer(dbEnv)
    try {
      const ta = await login(a.base, 'wwdemo', 'zhangsan')
      const tb = await login(b.base, 'wwdemo', 'zhangsan')
      const boxes = await post(a.base, '/cgi-bin/mail/mailbox/list', {}, ta)
      const sales = (boxes.mailboxes as { id: string; email: string }[]).find(
        (m) => m.email === 'sales@xinghe.com',
      )
      expect(sales).toBeDefined()
      const id = Number(sales?.id)
      const before = await post(b.base, '/cgi-bin/mail/settings/get', { mailbox: id }, tb)
      const version = (before.shared as { version: number }).version
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          post(
            i % 2 ? a.base : b.base,
            '/cgi-bin/mail/settings/update',
            { mailbox: id, shared: { signature: `签名 ${i}`, version } },
            i % 2 ? ta : tb,
          ).then((r) => ({ i, r })),
        ),
      )
      const won = results.filter(({ r }) => r.errcode === 0)
      expect(won).toHaveLength(1)
      for (const { r } of results) if (r.errcode !== 0) expect(r.errcode).toBe(ErrCode.STALE_VERSION)
      for (const [base, token] of [
        [a.base, ta],
        [b.base, tb],
      ]) {
        const after = await post(base, '/cgi-bin/mail/settings/get', { mailbox: id }, token)
        expect(after.shared).toMatchObject({ signature: `签名 ${won[0].i}`, version: version + 1 })
      }
    } finally {
      await Promise.all([killHard(a), killHard(b)])
    }
  },
)

test(
  'a migration started on one process is finished by another after the first is killed',
  { skip: !PG && 'needs TEST_DATABASE_URL' },
  async () => {
    const dbEnv = await freshPg()
    // The first process pauses before each step, so it dies with the migration half-run.
    const a = await startServer(dbEnv, { BIZMAIL_DEV_STEP_DELAY_MS: '3000' })
    const b = await startServer(dbEnv, { BIZMAIL_RESUME_MS: '300' })
    try {
      const ta = await login(a.base, 'wwdemo', 'zhangwei')
      const tb = await login(b.base, 'wwdemo', 'zhangwei')
      const started = await post(
        a.base,
        '/cgi-bin/exmail/migration/start',
        { target_corpid: 'wwdemo2', confirm_name: '星河科技（集团）' },
        ta,
      )
      expect(started.errcode).toBe(0)
      await killHard(a)
      let status: Record<string, unknown> = {}
      for (let i = 0; i < 200 && status.state !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 100))
        status = await post(b.base, '/cgi-bin/exmail/migration/status', {}, tb)
      }
      expect(status.state).toBe('done')
      expect((status.steps as { done: boolean }[]).every((s) => s.done)).toBe(true)
    } finally {
      await Promise.all([killHard(a), killHard(b)])
    }
  },
)
