// H5 in WeCom's browser logs in through WeCom OAuth: the page comes back with ?code=, which the
// server exchanges once; without one the page goes to WeCom's authorize URL first.
import type { CallContext } from '../contract'
import type { LoginMethod } from './transport'

// Not from './login': the H5 build resolves that name to this very file.
export { devLogin } from './devLogin'

const used = new Set<string>()

export function wecomLogin(corpid: string): LoginMethod {
  return {
    path: '/auth/wecom-web',
    body: async (_ctx: CallContext) => {
      const here = new URL(window.location.href)
      const code = here.searchParams.get('code')
      here.searchParams.delete('code')
      here.searchParams.delete('state')
      if (code && !used.has(code)) {
        used.add(code)
        // A reload must not offer the spent code again.
        window.history.replaceState(window.history.state, '', here.toString())
        return { code }
      }
      const authorize =
        'https://open.weixin.qq.com/connect/oauth2/authorize' +
        `?appid=${encodeURIComponent(corpid)}&redirect_uri=${encodeURIComponent(here.toString())}` +
        '&response_type=code&scope=snsapi_base&state=bizmail#wechat_redirect'
      window.location.replace(authorize)
      return null
    },
  }
}
