// Mail to outside addresses leaves through the relay, retried with backoff; after the last
// attempt (or a permanent refusal) it is 发送失败 and a 退信 names the reason.
export const OUTBOUND_MAX_ATTEMPTS = 6
/** a worker that took a message and died lets another one take it after this long */
export const OUTBOUND_LEASE_MS = 2 * 60_000

/** the wait before attempt `attempt + 1`: 1, 2, 4, 8, 16 minutes */
export function outboundRetryDelay(attempt: number): number {
  return Math.min(16, 2 ** Math.max(0, attempt - 1)) * 60_000
}

export type DeliveryState = 'sending' | 'sent' | 'failed'

/** the app's words for a Sent copy's state with outside recipients */
export function deliveryLabel(state: DeliveryState, error = ''): string {
  if (state === 'sending') return '发送中'
  if (state === 'sent') return '已发送'
  return error ? `发送失败（${error}）` : '发送失败'
}
