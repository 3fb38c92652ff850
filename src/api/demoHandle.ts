// globalThis.__bizmail = {backend, faults} in mock builds: the demo console and the weapp runtime
// harness drive the embedded backend through it. The H5 build takes demoHandle.h5.ts instead.
export interface DemoHandle {
  backend: unknown
  faults: unknown
}

export function exposeDemoHandle(handle: DemoHandle): void {
  // Older JavaScriptCore (iOS < 12.2) has no globalThis; nothing to expose there.
  if (typeof globalThis !== 'undefined') (globalThis as { __bizmail?: DemoHandle }).__bizmail = handle
}
