// IMAP / POP / SMTP login with a client-specific password.
import { ErrCode } from '../../../policy/codes'
import type { ApiResult } from '../../contract'
import type { MockEnv } from '../env'
import { failure } from '../registry'
import type { BackendState } from '../state'

export interface ClientLoginOutcome {
  result: ApiResult
  /** corp whose state changed (last-used time), to persist */
  changedCorp: string | null
}

export function clientLogin(
  _state: BackendState,
  _env: MockEnv,
  _email: string,
  _authCode: string,
  _protocol: 'imap' | 'pop' | 'smtp',
): ClientLoginOutcome {
  return {
    result: failure(ErrCode.CLIENT_LOGIN_REFUSED, '登录失败：客户端专用密码不正确'),
    changedCorp: null,
  }
}
