// Inbound mail: route an address (member, alias, business mailbox, alias) to its mail store.
import { ErrCode } from '../../../policy/codes'
import type { ApiResult, IncomingMail } from '../../contract'
import type { MockEnv } from '../env'
import { failure } from '../registry'
import type { BackendState } from '../state'

export function deliverMail(
  _state: BackendState,
  _env: MockEnv,
  _corpid: string,
  _to: string,
  _mail: IncomingMail,
): ApiResult {
  return failure(ErrCode.INVALID_PARAM, '尚未实现：投递邮件')
}
