import { ErrCode } from './codes'
import { applyUserLists, parseUserLists, unwrapList, type DirectoryLookup } from './userLists'

const dir: DirectoryLookup = {
  hasUser: (u) => ['zhangsan', 'lisi'].includes(u),
  hasDepartment: (d) => [1, 2].includes(d),
  hasTag: (t) => t === 7,
}
const current = { userid_list: ['zhangsan'], department_list: [2], tag_list: [7] }

describe('user lists', () => {
  test('wrapped {list} and bare arrays are read; absent stays absent', () => {
    expect(unwrapList({ list: [1] }, 'x')).toEqual({ ok: true, value: [1] })
    expect(unwrapList([1], 'x')).toEqual({ ok: true, value: [1] })
    expect(unwrapList(undefined, 'x')).toEqual({ ok: true, value: undefined })
    expect(unwrapList('a', 'x')).toMatchObject({ ok: false, errcode: ErrCode.INVALID_PARAM })
    expect(unwrapList({ list: 'a' }, 'x')).toMatchObject({ ok: false, errcode: ErrCode.INVALID_PARAM })
  })

  test('unknown members, departments and tags are refused with their own codes', () => {
    expect(parseUserLists({ userid_list: { list: ['ghost'] } }, dir)).toMatchObject({
      errcode: ErrCode.USER_NOT_FOUND,
    })
    expect(parseUserLists({ userid_list: { list: [5] } }, dir)).toMatchObject({
      errcode: ErrCode.INVALID_USERID,
    })
    expect(parseUserLists({ department_list: { list: [9] } }, dir)).toMatchObject({
      errcode: ErrCode.INVALID_DEPARTMENT_LIST,
    })
    expect(parseUserLists({ tag_list: { list: [8] } }, dir)).toMatchObject({ errcode: ErrCode.INVALID_TAG })
    expect(parseUserLists({ tag_list: { list: [1.5] } }, dir)).toMatchObject({ errcode: ErrCode.INVALID_TAG })
    expect(parseUserLists({ userid_list: { list: Array(1001).fill('lisi') } }, dir)).toMatchObject({
      errcode: ErrCode.INVALID_PARAM,
    })
  })

  test('duplicates collapse; numeric strings are accepted as ids', () => {
    expect(parseUserLists({ userid_list: ['lisi', 'lisi'], department_list: ['2'] }, dir)).toEqual({
      ok: true,
      value: { userid_list: ['lisi'], department_list: [2] },
    })
  })

  test('omitted = unchanged, empty = cleared', () => {
    expect(applyUserLists(current, { userid_list: [] }, { allowEmpty: false })).toEqual({
      ok: true,
      value: { userid_list: [], department_list: [2], tag_list: [7] },
    })
    expect(applyUserLists(current, {}, { allowEmpty: false })).toEqual({ ok: true, value: current })
  })

  test('never all three empty (690004), except on conversion', () => {
    const clearAll = { userid_list: [], department_list: [], tag_list: [] }
    expect(applyUserLists(current, clearAll, { allowEmpty: false })).toMatchObject({
      errcode: ErrCode.USER_LISTS_EMPTY,
    })
    expect(applyUserLists(clearAll, {}, { allowEmpty: false, isNew: true })).toMatchObject({
      errcode: ErrCode.USER_LISTS_EMPTY,
    })
    expect(applyUserLists(clearAll, {}, { allowEmpty: true, isNew: true }).ok).toBe(true)
    // a converted mailbox with nobody yet can still be renamed (no list touched)
    expect(applyUserLists(clearAll, {}, { allowEmpty: false }).ok).toBe(true)
    expect(applyUserLists(clearAll, { tag_list: [] }, { allowEmpty: false })).toMatchObject({
      errcode: ErrCode.USER_LISTS_EMPTY,
    })
  })
})
