// KeyValueStorage over Taro's storage (localStorage on H5, wx storage in the mini-program).
import Taro from '@tarojs/taro'
import type { KeyValueStorage } from './contract'

export const taroStorage: KeyValueStorage = {
  get(key) {
    const v: unknown = Taro.getStorageSync(key)
    return typeof v === 'string' && v !== '' ? v : undefined
  },
  set(key, value) {
    Taro.setStorageSync(key, value)
  },
  remove(key) {
    Taro.removeStorageSync(key)
  },
}
