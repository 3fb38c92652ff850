// H5 variant of demoHandle.ts: the browser console and the e2e journeys use window.__bizmail.
import type { DemoHandle } from './demoHandle'

export type { DemoHandle } from './demoHandle'

export function exposeDemoHandle(handle: DemoHandle): void {
  ;(window as unknown as { __bizmail?: DemoHandle }).__bizmail = handle
  if (typeof globalThis !== 'undefined') (globalThis as { __bizmail?: DemoHandle }).__bizmail = handle
}
