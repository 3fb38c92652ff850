// A dev server's login (BIZMAIL_DEV=1, builds with TARO_APP_API_LOGIN=dev): the identity picked in
// the demo switcher, the same on every platform.
import type { CallContext } from '../contract'
import type { LoginMethod } from './transport'

export function devLogin(): LoginMethod {
  return { path: '/auth/dev', body: async (ctx: CallContext) => ({ corpid: ctx.corpid, userid: ctx.userid }) }
}
