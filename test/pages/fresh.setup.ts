// Every page test starts from a fresh app and leaves nothing mounted behind it.
import TestUtils from '@tarojs/test-utils-react'
import { freshApp } from '../kit/app'

// TestUtils keeps only its last mount: remember each, so a test that mounts twice leaks neither.
type Mounted = { _inst?: { unmount(): void } }
const mounted: Array<{ unmount(): void }> = []
const mount = TestUtils.prototype.mount
TestUtils.prototype.mount = async function (this: TestUtils, ...args: Parameters<typeof mount>) {
  await mount.apply(this, args)
  const inst = (this as unknown as Mounted)._inst
  if (inst) mounted.push(inst)
}

beforeEach(() => {
  freshApp()
})

afterEach(() => {
  // A page still mounted would keep polling and reacting into the next test's app.
  for (const inst of mounted.splice(0)) inst.unmount()
  document.body.innerHTML = ''
})
