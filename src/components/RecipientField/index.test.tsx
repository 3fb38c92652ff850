import TestUtils from '@tarojs/test-utils-react'
import type { RecipientChip } from '../../stores/compose'
import { click, until } from '../../../test/pages/helpers'
import { RecipientField, type RecipientFieldProps } from './index'

const testUtils = new TestUtils()
const chip = (over: Partial<RecipientChip>): RecipientChip => ({
  value: 'a@x.com',
  address: 'a@x.com',
  name: 'a@x.com',
  invalid: '',
  warning: '',
  ...over,
})

function props(over: Partial<RecipientFieldProps> = {}): RecipientFieldProps {
  return {
    label: '收件人',
    testId: 'to',
    chips: [],
    text: '',
    placeholder: '姓名、拼音或邮箱地址',
    onInput: jest.fn(),
    onCommit: jest.fn(),
    onBlur: jest.fn(),
    onFocus: jest.fn(),
    onRemove: jest.fn(),
    ...over,
  }
}

const chips = () => Array.from(document.querySelectorAll('[data-testid="to-chip"]'))

describe('RecipientField', () => {
  it('shows each chip by name with its warning or reason, and × removes that one', async () => {
    const p = props({
      chips: [
        chip({ value: '张三 <zs@x.com>', address: 'zs@x.com', name: '张三' }),
        chip({ value: 'chen@c.cn', address: 'chen@c.cn', name: 'chen@c.cn', warning: '外部地址' }),
        chip({ value: 'bob@', address: '', name: 'bob@', invalid: '邮件地址格式不正确：bob@' }),
      ],
    })
    await testUtils.mount(RecipientField, { props: p })
    await until(testUtils, () => chips().length === 3, 'the chips')
    expect(chips().map((c) => c.textContent)).toEqual(['张三×', 'chen@c.cn外部地址×', 'bob@×'])
    expect(chips()[1].className).toContain('chip--outside')
    expect(chips()[2].className).toContain('chip--invalid')
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('邮件地址格式不正确：bob@')
    await click(testUtils, chips()[1].querySelector('[data-testid="to-remove"]'), '×')
    expect(p.onRemove).toHaveBeenCalledWith(1)
    expect(chips()[1].querySelector('[data-testid="to-remove"]')?.getAttribute('aria-label')).toBe(
      '移除 chen@c.cn',
    )
  })

  it('offers the placeholder only while there is no chip', async () => {
    await testUtils.mount(RecipientField, { props: props() })
    await until(testUtils, () => document.querySelector('input') != null, 'the input')
    expect(document.querySelector('input')?.getAttribute('placeholder')).toBe('姓名、拼音或邮箱地址')
    testUtils.unmout()
    await testUtils.mount(RecipientField, { props: props({ chips: [chip({})] }) })
    await until(testUtils, () => document.querySelector('input') != null, 'the input')
    expect(document.querySelector('input')?.getAttribute('placeholder') ?? '').toBe('')
  })
})
