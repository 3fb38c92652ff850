// A local smtp-server standing in for SMTP_RELAY_URL: it keeps what it receives, parsed back with
// mailparser, so a test can compare the MIME the relay worker produced with what was sent.
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface RelaySink {
  port: number
  url: string
  received: { rcpt: string[]; raw: Buffer; mail: ParsedMail }[]
  close(): Promise<void>
}

export async function startRelaySink(): Promise<RelaySink> {
  const received: RelaySink['received'] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 40 * 1024 * 1024,
    onData(stream, session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks)
        void simpleParser(raw).then((mail) => {
          received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), raw, mail })
          cb()
        }, cb)
      })
    },
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.server.address() as { port: number }).port
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  }
}
