// Shared helpers for page tests: wait for the DOM, click, read text.
import Taro from '@tarojs/taro'
import type TestUtils from '@tarojs/test-utils-react'

export function bodyText(): string {
  return document.body.textContent ?? ''
}

export async function until(
  testUtils: TestUtils,
  check: () => boolean,
  what = 'the page',
  ms = 4000,
): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; page says: ${bodyText().slice(0, 400)}`)
    await testUtils.act(() => new Promise((r) => setTimeout(r, 10)))
  }
}

export async function click(testUtils: TestUtils, el: Element | null, what: string): Promise<void> {
  if (!el) throw new Error(`nothing to click: ${what}`)
  await testUtils.act(async () => {
    testUtils.fireEvent.click(el)
  })
}

/** types into a Taro Input / Textarea (its inner native field), as a member would */
export async function typeInto(
  testUtils: TestUtils,
  el: Element | null,
  text: string,
  what = 'field',
): Promise<void> {
  if (!el) throw new Error(`nothing to type into: ${what}`)
  const inner = () => el.querySelector('input, textarea') as HTMLInputElement | HTMLTextAreaElement | null
  // Taro's Input is a web component: its native field may render a tick after the host does.
  await until(testUtils, () => !!inner(), `the native field of ${what}`, 2000)
  const field = inner()!
  await testUtils.act(async () => {
    field.value = text
    field.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

/** Taro's navigation spied for a page test: a stack `depth()` pages deep, back / switchTab / toasts resolved */
export function spyNavigation(depth: () => number): { back: jest.SpyInstance; tab: jest.SpyInstance } {
  const back = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' })
  const tab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' })
  jest.spyOn(Taro, 'getCurrentPages').mockImplementation(() => new Array(depth()).fill({}) as never)
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' })
  return { back, tab }
}
