import { ErrCode } from './codes'
import { checkEmptyFolder, checkPurge, isPurgeable } from './purge'

describe('彻底删除', () => {
  it('is allowed only for mail in 已删除 or 垃圾箱', () => {
    expect(checkPurge(['trash', 'spam', 'trash'])).toEqual({ ok: true, value: undefined })
    for (const folder of ['inbox', 'sent', 'drafts', 'f3']) expect(isPurgeable(folder)).toBe(false)
  })

  it('refuses the whole request when one message is elsewhere, naming the field', () => {
    expect(checkPurge(['trash', 'inbox'])).toEqual({
      ok: false,
      errcode: ErrCode.NOT_IN_TRASH,
      errmsg: '只能彻底删除「已删除」或「垃圾箱」中的邮件 (mail_ids)',
    })
    expect(ErrCode.NOT_IN_TRASH).toBe(690016)
  })
})

describe('清空', () => {
  it('empties 已删除 and 垃圾箱 only; any other folder is refused naming the field', () => {
    expect(checkEmptyFolder('trash')).toEqual({ ok: true, value: 'trash' })
    expect(checkEmptyFolder('spam')).toEqual({ ok: true, value: 'spam' })
    for (const folder of ['inbox', 'sent', 'drafts', 'f3', 'TRASH']) {
      expect(checkEmptyFolder(folder)).toEqual({
        ok: false,
        errcode: ErrCode.INVALID_PARAM,
        errmsg: '只能清空「已删除」或「垃圾箱」 (folder)',
      })
    }
  })
})
