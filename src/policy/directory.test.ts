import {
  charCount,
  checkAddressInDomain,
  checkAliasList,
  checkDepartmentDeletable,
  checkDepartmentList,
  checkDepartmentName,
  checkDepth,
  checkGender,
  checkLimit,
  checkMemberName,
  checkMobile,
  checkNoCycle,
  checkPosition,
  checkTagId,
  checkTagName,
  checkUserid,
  defaultBizMail,
} from './directory'

const code = (v: { ok: boolean; errcode?: number }) => (v.ok ? 0 : v.errcode)

test('userid: 1–64 of [A-Za-z0-9_.@-], first character alphanumeric', () => {
  expect(code(checkUserid('a'))).toBe(0)
  expect(code(checkUserid('Z9_.@-'))).toBe(0)
  expect(code(checkUserid('a'.repeat(64)))).toBe(0)
  expect(code(checkUserid('a'.repeat(65)))).toBe(40003)
  for (const bad of ['_a', '-a', '.a', '@a', 'a b', 'a/b', '张三', 'a\n'])
    expect(code(checkUserid(bad))).toBe(40003)
  for (const missing of ['', undefined, null, 5, ['a']]) expect(code(checkUserid(missing))).toBe(40058)
})

test('names and positions count characters, not bytes', () => {
  expect(charCount('张三😀')).toBe(3)
  expect(code(checkMemberName('名'.repeat(64)))).toBe(0)
  expect(code(checkMemberName('名'.repeat(65)))).toBe(40058)
  expect(code(checkMemberName(' '))).toBe(40058)
  expect(code(checkPosition('职'.repeat(128)))).toBe(0)
  expect(code(checkPosition('职'.repeat(129)))).toBe(40058)
  expect(code(checkPosition(1))).toBe(40058)
})

test('department lists: 1..100 distinct positive ids, else 40066', () => {
  expect(code(checkDepartmentList([1, 2]))).toBe(0)
  expect(code(checkDepartmentList(Array.from({ length: 100 }, (_, i) => i + 1)))).toBe(0)
  expect(code(checkDepartmentList(Array.from({ length: 101 }, (_, i) => i + 1)))).toBe(40066)
  for (const bad of [[], [0], [1, 1], ['1'], [1.5], 1, null])
    expect(code(checkDepartmentList(bad))).toBe(40066)
})

test('addresses must be well-formed and in the corp domain; the default is userid@domain lowercased', () => {
  expect(checkAddressInDomain('A.b@Corp.COM', 'corp.com', 'biz_mail')).toEqual({
    ok: true,
    value: 'a.b@corp.com',
  })
  expect(code(checkAddressInDomain('a@other.com', 'corp.com', 'biz_mail'))).toBe(40058)
  expect(code(checkAddressInDomain('a@sub.corp.com', 'corp.com', 'biz_mail'))).toBe(40058)
  expect(code(checkAddressInDomain('no-at', 'corp.com', 'biz_mail'))).toBe(40058)
  expect(defaultBizMail('Zhang.San', 'Corp.com')).toBe('zhang.san@corp.com')
  expect(code(checkAliasList(['a@corp.com', 'b@corp.com'], 'corp.com'))).toBe(0)
  expect(code(checkAliasList(['a@corp.com', 'A@corp.com'], 'corp.com'))).toBe(40058)
  expect(
    code(
      checkAliasList(
        Array.from({ length: 6 }, (_, i) => `a${i}@corp.com`),
        'corp.com',
      ),
    ),
  ).toBe(40058)
})

test('mobile and gender', () => {
  expect(code(checkMobile('13800000000'))).toBe(0)
  expect(code(checkMobile('+86 138-0000-0000'))).toBe(0)
  expect(code(checkMobile(''))).toBe(0)
  expect(code(checkMobile('phone'))).toBe(40058)
  expect(checkGender(1)).toEqual({ ok: true, value: '1' })
  expect(code(checkGender('3'))).toBe(40058)
})

test('departments: names, depth, cycles, deletion', () => {
  expect(code(checkDepartmentName('研发中心'))).toBe(0)
  expect(code(checkDepartmentName('a:b'))).toBe(40058)
  expect(code(checkDepartmentName('部'.repeat(65)))).toBe(40058)
  expect(code(checkDepth(15))).toBe(0)
  expect(code(checkDepth(16))).toBe(40058)
  expect(code(checkNoCycle(2, [4, 3, 2, 1]))).toBe(40058)
  expect(code(checkNoCycle(5, [4, 3, 2, 1]))).toBe(0)
  expect(code(checkDepartmentDeletable(1, 1, 0, 0))).toBe(40058)
  expect(code(checkDepartmentDeletable(3, 1, 1, 0))).toBe(40058)
  expect(code(checkDepartmentDeletable(3, 1, 0, 1))).toBe(40058)
  expect(code(checkDepartmentDeletable(3, 1, 0, 0))).toBe(0)
})

test('tags and limits', () => {
  expect(code(checkTagName('标'.repeat(32)))).toBe(0)
  expect(code(checkTagName('标'.repeat(33)))).toBe(40058)
  expect(code(checkTagId(0))).toBe(40068)
  expect(code(checkTagId(2 ** 31))).toBe(40068)
  expect(checkLimit(undefined, 100, 20)).toEqual({ ok: true, value: 20 })
  expect(code(checkLimit(101, 100, 20))).toBe(40058)
  expect(code(checkLimit(0, 100, 20))).toBe(40058)
})

test('names show something: a zero-width or control character is refused, naming the field', () => {
  const zw = '张\u200b三'
  expect(checkMemberName(zw)).toMatchObject({
    ok: false,
    errcode: 40058,
    errmsg: expect.stringMatching(/^姓名.*\(name\)$/),
  })
  expect(checkDepartmentName(zw)).toMatchObject({
    ok: false,
    errmsg: expect.stringMatching(/^部门名称.*\(name\)$/),
  })
  expect(checkTagName(zw)).toMatchObject({
    ok: false,
    errmsg: expect.stringMatching(/^标签名称.*\(tagname\)$/),
  })
  expect(checkMemberName('张三')).toEqual({ ok: true, value: '张三' })
})
