// Where Foxmail / Outlook & co reach a business mailbox (product spec 3.7, "mailbox binding").
// One table so a deployment can change host names or ports in a single place.
export type ClientProtocol = 'imap' | 'pop' | 'smtp'

export interface ClientServer {
  protocol: ClientProtocol
  /** shown in the table */
  label: string
  /** what the server is for, in the member's words */
  purpose: string
  /** host name for the mailbox's domain */
  host(domain: string): string
  port: number
  ssl: boolean
}

export const CLIENT_SERVERS: ClientServer[] = [
  { protocol: 'imap', label: 'IMAP', purpose: '收信', host: (d) => `imap.${d}`, port: 993, ssl: true },
  { protocol: 'pop', label: 'POP', purpose: '收信', host: (d) => `pop.${d}`, port: 995, ssl: true },
  { protocol: 'smtp', label: 'SMTP', purpose: '发信', host: (d) => `smtp.${d}`, port: 465, ssl: true },
]

export function domainOfAddress(email: string): string {
  const at = email.lastIndexOf('@')
  return at < 0 ? '' : email.slice(at + 1).toLowerCase()
}
