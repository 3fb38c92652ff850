// `npm run server`: opens the database (PGlite in BIZMAIL_DATA_DIR, or DATABASE_URL), applies the
// migrations, serves HTTP, and on SIGTERM / SIGINT finishes in-flight requests before it exits.
import { Sessions } from './auth/sessions'
import { dbTokenCache } from './auth/tokenCache'
import { WecomClient } from './auth/wecom'
import { buildApp } from './app'
import { createClock } from './clock'
import { configFromEnv } from './config'
import { sqlCore } from './core'
import { openDb } from './db'
import { migrate } from './db/migrate'
import { FileLinks } from './files/links'
import { startSmtp } from './smtp'
import { startRelay } from './smtp/outbound'

async function main(): Promise<void> {
  const config = configFromEnv()
  const db = await openDb(config)
  const applied = await migrate(db)
  const clock = createClock()
  // Without BIZMAIL_CORPS: the demo organisations in dev mode, none otherwise.
  const core = await sqlCore(db, config.corps ?? (config.dev ? undefined : []), clock.now, {
    resumeEveryMs: config.resumeEveryMs,
    stepDelayMs: config.stepDelayMs,
  })
  const sessions = new Sessions(db, clock.now)
  const app = buildApp({
    db,
    core,
    sessions,
    wecom: config.wecom ? new WecomClient({ ...config.wecom, cache: dbTokenCache(db) }) : null,
    clock,
    dev: config.dev,
    logger: true,
    staticDir: config.staticDir,
    publicUrl: config.publicUrl,
  })
  await app.listen({ port: config.port, host: config.host })
  const smtp = await startSmtp(core, { ...config.smtp, host: config.host, dev: config.dev }, app.log)
  app.log.info({ db: db.kind, migrations: applied, dev: config.dev, wecom: !!config.wecom }, 'server ready')
  const relay = startRelay(core, { url: config.relayUrl, log: app.log })
  app.log.info(
    {
      smtp: smtp.inboundPort,
      submission: smtp.submissionPort,
      relay: config.relayUrl ? 'configured' : 'none',
    },
    'smtp ready',
  )

  // Long-expired sessions, dead download links and old failed-login records go once an hour (any
  // instance may do it).
  const links = new FileLinks(db, clock.now)
  const housekeeping = setInterval(() => {
    void Promise.all([
      sessions.purge(),
      links.purge(),
      db.query('DELETE FROM login_attempts WHERE at < $1', [new Date(clock.now() - 24 * 3600_000)]),
    ]).catch((e: unknown) => app.log.warn({ err: e }, 'housekeeping failed'))
  }, 3600_000)
  housekeeping.unref()

  let stopping = false
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    clearInterval(housekeeping)
    await Promise.all([app.close(), smtp.close()])
    await relay.close()
    await core.close()
    await db.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((e: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: e instanceof Error ? e.message : String(e) }))
  process.exit(1)
})
