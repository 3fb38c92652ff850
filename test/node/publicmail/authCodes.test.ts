import { ErrCode } from '../../../src/policy/codes'
import { deleteAuthCode, listAuthCodes } from '../../../src/api/mock/publicmail/authCodes'
import { setup } from './harness'

async function mailboxWithCode() {
  const h = setup({ members: ['zhangsan'] })
  const id = await h.create('sales', { userid_list: { list: ['zhangsan'] } })
  await h.call('exmail/publicmail/update', { id, alias_list: { list: ['sales.cn@corp.com'] } })
  const r = await h.call('exmail/publicmail/update', { id, create_auth_code: 1 })
  return {
    h,
    id,
    mailbox: h.corp.publicmails[id],
    code: r.auth_code as string,
    codeId: r.auth_code_id as string,
  }
}

describe('client-specific passwords: storage', () => {
  test('the secret is long, random, shown once and stored only as a salted hash', async () => {
    const { h, id, mailbox, code } = await mailboxWithCode()
    expect(code).toMatch(/^[a-km-np-z2-9]{16,}$/) // no 0 o 1 l, no capitals
    const stored = mailbox.authCodes[0]
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(stored.salt.length).toBeGreaterThanOrEqual(32)
    expect(h.snapshot()).not.toContain(code)
    const list = await h.call('exmail/publicmail/get_auth_code_list', { id })
    expect(JSON.stringify(list)).not.toContain(code)
    expect(JSON.stringify(list)).not.toContain(stored.hash)
    expect(Object.keys((list.auth_code_list as object[])[0]).sort()).toEqual(
      ['auth_code_id', 'create_time', 'creator', 'last_use_time', 'remark'].sort(),
    )
  })

  test('secrets do not repeat and salts differ', async () => {
    const { h, id } = await mailboxWithCode()
    const secrets = new Set<string>()
    for (let i = 0; i < 9; i++)
      secrets.add((await h.call('exmail/publicmail/update', { id, create_auth_code: 1 })).auth_code as string)
    expect(secrets.size).toBe(9)
    const salts = new Set(h.corp.publicmails[id].authCodes.map((c) => c.salt))
    expect(salts.size).toBe(10)
  })

  test('at most 10 live admin-created codes (690006); deleting one frees a slot; member codes do not count', async () => {
    const { h, id, mailbox, codeId } = await mailboxWithCode()
    for (let i = 0; i < 9; i++)
      expect((await h.call('exmail/publicmail/update', { id, create_auth_code: 1 })).errcode).toBe(0)
    expect((await h.createCode(mailbox, { creator: 'zhangsan', byAdmin: false })).ok).toBe(true)
    const before = h.snapshot()
    const r = await h.call('exmail/publicmail/update', { id, name: '改名', create_auth_code: 1 })
    expect(r.errcode).toBe(ErrCode.TOO_MANY_AUTH_CODES)
    expect(h.snapshot()).toBe(before) // the rename did not happen either
    expect((await h.call('exmail/publicmail/delete_auth_code', { id, auth_code_id: codeId })).errcode).toBe(0)
    expect((await h.call('exmail/publicmail/update', { id, create_auth_code: 1 })).errcode).toBe(0)
  })

  test('member API helpers: own codes only, default remark, remark limit', async () => {
    const { h, mailbox } = await mailboxWithCode()
    const mine = await h.createCode(mailbox, { creator: 'zhangsan', byAdmin: false, remark: 'iPhone 邮件' })
    expect(mine.ok).toBe(true)
    const tooLong = await h.createCode(mailbox, {
      creator: 'zhangsan',
      byAdmin: false,
      remark: '长'.repeat(43),
    })
    expect(tooLong).toMatchObject({ ok: false, errcode: ErrCode.INVALID_PARAM })
    const stored = await h.codes.list('c1', mailbox.id)
    const own = listAuthCodes(stored, { creator: 'zhangsan', byAdmin: false })
    expect(own.map((c) => c.remark)).toEqual(['iPhone 邮件'])
    const adminCode = listAuthCodes(stored, { byAdmin: true })[0]
    const remove = (id: unknown, filter = { creator: 'zhangsan', byAdmin: false }) =>
      deleteAuthCode(h.codes, 'c1', mailbox.id, id, filter)
    expect(await remove(adminCode.auth_code_id)).toMatchObject({ ok: false, errcode: ErrCode.INVALID_PARAM })
    expect((await remove(own[0].auth_code_id)).ok).toBe(true)
    expect(await deleteAuthCode(h.codes, 'c1', mailbox.id, 42)).toMatchObject({
      ok: false,
      errcode: ErrCode.INVALID_PARAM,
    })
  })

  test('delete_auth_code: unknown code 40058, unknown mailbox 680035', async () => {
    const { h, id } = await mailboxWithCode()
    expect((await h.call('exmail/publicmail/delete_auth_code', { id, auth_code_id: 'nope' })).errcode).toBe(
      ErrCode.INVALID_PARAM,
    )
    expect(
      (await h.call('exmail/publicmail/delete_auth_code', { id: 404, auth_code_id: 'nope' })).errcode,
    ).toBe(ErrCode.MAILBOX_NOT_FOUND)
    expect((await h.call('exmail/publicmail/get_auth_code_list', { id: 404 })).errcode).toBe(
      ErrCode.MAILBOX_NOT_FOUND,
    )
  })
})

describe('clientLogin', () => {
  test('by address or alias, case-insensitive; last_use_time updated; changedCorp reported', async () => {
    const { h, id, code } = await mailboxWithCode()
    h.advance(5000)
    const out = await h.login('SALES@corp.com', code, 'imap')
    expect(out.result).toMatchObject({ errcode: 0, email: 'sales@corp.com' })
    expect(out.changedCorp).toBe('c1')
    expect(
      (
        (await h.call('exmail/publicmail/get_auth_code_list', { id })).auth_code_list as {
          last_use_time: number
        }[]
      )[0].last_use_time,
    ).toBe(Math.floor(h.now() / 1000)) // unix seconds, as WeCom
    expect((await h.login('sales.cn@corp.com', code, 'smtp')).result.errcode).toBe(0)
  })

  test('the password as shown (grouped by four) or as copied (no spaces), in either case', async () => {
    const { h, code } = await mailboxWithCode()
    const grouped = code.replace(/(.{4})(?=.)/g, '$1 ')
    expect(grouped).toMatch(/^\S{4} \S{4} \S{4} \S{4}$/)
    for (const typed of [grouped, code, ` ${grouped.toUpperCase()} `, grouped.replace(/ /g, '\u3000')]) {
      expect((await h.login('sales@corp.com', typed, 'imap')).result.errcode).toBe(0)
    }
    // Spaces are not a way around the password: another code, grouped, is still refused.
    const other = code.slice(0, 15) + (code[15] === 'a' ? 'b' : 'a')
    expect(
      (await h.login('sales@corp.com', other.replace(/(.{4})(?=.)/g, '$1 '), 'imap')).result.errcode,
    ).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
  })

  test('wrong or deleted password, unknown address: 690008 without saying which', async () => {
    const { h, id, code, codeId } = await mailboxWithCode()
    const wrong = await h.login('sales@corp.com', 'a'.repeat(16))
    const unknown = await h.login('nobody@corp.com', code)
    expect(wrong.result.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
    expect(unknown.result.errmsg).toBe(wrong.result.errmsg)
    expect(wrong.changedCorp).toBe('c1') // the failure is recorded (towards the lock)
    expect(unknown.changedCorp).toBeNull()
    await h.call('exmail/publicmail/delete_auth_code', { id, auth_code_id: codeId })
    expect((await h.login('sales@corp.com', code)).result.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
  })

  test('disabled mailbox, and the IMAP / POP / SMTP service switches; refused exactly as a wrong password', async () => {
    const { h, id, mailbox, code } = await mailboxWithCode()
    const shared = h.corp.stores[mailbox.storeId].shared
    // the same answer as a wrong password: a refusal never tells whether the password was right
    const wrong = (await h.login('sales@corp.com', 'a'.repeat(16))).result
    shared.imap = true
    shared.pop = false
    expect((await h.login('sales@corp.com', code, 'pop')).result).toEqual(wrong)
    expect((await h.login('sales@corp.com', code, 'smtp')).result.errcode).toBe(0)
    shared.imap = false
    expect((await h.login('sales@corp.com', code, 'imap')).result).toEqual(wrong)
    expect((await h.login('sales@corp.com', code, 'smtp')).result).toEqual(wrong)
    shared.pop = true
    expect((await h.login('sales@corp.com', code, 'pop')).result.errcode).toBe(0)
    await h.call('exmail/account/act_email', { publicemail_id: id, type: 2 })
    const off = await h.login('sales@corp.com', code, 'pop')
    expect(off.result).toEqual(wrong)
    expect(off.result.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
  })

  test('hostile arguments never throw', async () => {
    const { h, code } = await mailboxWithCode()
    const bad: [unknown, unknown, unknown][] = [
      [null, code, 'imap'],
      ['sales@corp.com', null, 'imap'],
      ['sales@corp.com', code, 'ftp'],
      [{}, [], 'smtp'],
      ['a'.repeat(100000), 'b'.repeat(100000), 'imap'],
    ]
    for (const [e, c, p] of bad) {
      const r = (await h.login(e as string, c as string, p as 'imap')).result
      expect(r.errcode).toBeGreaterThan(0)
    }
  })
})
