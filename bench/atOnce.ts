// These benches time handlers that answer at once: one that awaited would time its promise, not
// its work, so the bench stops instead of printing a figure that means nothing.
import type { ApiResult } from '../src/api/contract'
import type { HandlerResult } from '../src/api/mock/registry'

export function atOnce(result: HandlerResult): ApiResult {
  if (result instanceof Promise) throw new Error('this bench times a handler that answers at once')
  return result
}
