import { checkClientAccess, isClientProtocol } from './clientLogin'
import { ErrCode } from './codes'

const on = { enabled: true, email: 'sales@corp.com' }

describe('client login rule', () => {
  test.each([
    ['imap', { imap: true, pop: false }, true],
    ['imap', { imap: false, pop: true }, false],
    ['pop', { imap: false, pop: true }, true],
    ['pop', { imap: true, pop: false }, false],
    ['smtp', { imap: true, pop: false }, true],
    ['smtp', { imap: false, pop: true }, true],
    ['smtp', { imap: false, pop: false }, false],
  ] as const)('%s with %j → %p', (protocol, services, allowed) => {
    const v = checkClientAccess(on, services, protocol)
    expect(v.ok).toBe(allowed)
    if (!v.ok) expect(v.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
  })

  test('a disabled mailbox refuses every protocol, saying so', () => {
    const v = checkClientAccess({ ...on, enabled: false }, { imap: true, pop: true }, 'imap')
    expect(v).toMatchObject({ ok: false, errcode: ErrCode.CLIENT_LOGIN_REFUSED })
    expect(!v.ok && v.errmsg).toContain('停用')
  })

  test('protocols', () => {
    expect(['imap', 'pop', 'smtp'].every(isClientProtocol)).toBe(true)
    expect(isClientProtocol('IMAP')).toBe(false)
    expect(isClientProtocol(undefined)).toBe(false)
  })
})
