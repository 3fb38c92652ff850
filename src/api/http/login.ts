// How the mini-program logs in to the server: inside WeCom, wx.qy.login's code; on a dev server
// (BIZMAIL_DEV=1, build with TARO_APP_API_LOGIN=dev) the identity picked in the demo switcher.
import type { LoginMethod } from './transport'

export { devLogin } from './devLogin'

interface QyLogin {
  login(options: { success(r: { code: string }): void; fail(e: { errMsg?: string }): void }): void
}

// WeChat's logic-layer global (a scope variable there, not always a property of globalThis).
declare const wx: { qy?: QyLogin }

/** `_corpid` serves the H5 variant's OAuth redirect; the mini-program's code names its corp itself */
export function wecomLogin(_corpid: string): LoginMethod {
  return {
    path: '/auth/wecom',
    body: () =>
      new Promise((resolve, reject) => {
        // wx.qy exists only in the WeCom client (not in plain WeChat).
        const qy = typeof wx !== 'undefined' ? (wx.qy ?? null) : null
        if (!qy) {
          reject(new Error('请在企业微信中打开本小程序'))
          return
        }
        qy.login({
          success: (r) => resolve({ code: r.code }),
          fail: (e) => reject(new Error(`企业微信登录失败：${e.errMsg ?? '未知原因'}`)),
        })
      }),
  }
}
