// WeChat's local storage, kept outside any logic-layer context so a "reload" (a fresh context) sees
// what the previous run wrote. Limits as WeChat enforces them: 1 MB per key, 10 MB in all, counted
// in UTF-8 bytes of key + value.
export const ITEM_LIMIT = 1024 * 1024
export const TOTAL_LIMIT = 10 * 1024 * 1024

const utf8 = (s) => Buffer.byteLength(s, 'utf8')

export class WxStorage {
  constructor() {
    /** key → { json: JSON text of the value (values cross realms as JSON), size } */
    this.items = new Map()
    this.total = 0
  }

  /** bytes one entry takes: key + value (a string counts as itself, anything else as its JSON) */
  static entrySize(key, data) {
    return utf8(key) + utf8(typeof data === 'string' ? data : JSON.stringify(data))
  }

  size(key) {
    return this.items.get(key)?.size ?? 0
  }

  totalSize() {
    return this.total
  }

  keys() {
    return [...this.items.keys()]
  }

  /** returns null when stored, else WeChat's reason (the part after "fail ") */
  set(key, data) {
    if (typeof key !== 'string' || key === '')
      return 'parameter error: parameter.key should be String instead of Undefined;'
    if (data === undefined) return 'parameter error: parameter.data should be Object instead of Undefined;'
    const json = JSON.stringify(data)
    if (json === undefined) return 'parameter error: parameter.data should be Object;'
    const size = WxStorage.entrySize(key, data)
    if (size > ITEM_LIMIT) return 'exceed storage item max length'
    if (this.total - this.size(key) + size > TOTAL_LIMIT) return 'exceed storage max size 10MB'
    this.total += size - this.size(key)
    this.items.set(key, { json, size })
    return null
  }

  /** the stored value as JSON text, or undefined */
  getJson(key) {
    return this.items.get(key)?.json
  }

  remove(key) {
    this.total -= this.size(key)
    this.items.delete(key)
  }

  clear() {
    this.items.clear()
    this.total = 0
  }
}
