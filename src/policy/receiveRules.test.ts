import fc from 'fast-check'
import {
  applyRules,
  foldCase,
  MAX_CONDITION_VALUE,
  MAX_CONDITIONS,
  MAX_RULES,
  MAX_SCANNED_LENGTH,
  MAX_TOTAL_CONDITIONS,
  validateRules,
  type ReceiveRule,
} from './receiveRules'

const rule = (over: Partial<Record<string, unknown>> = {}) => ({
  conditions: [{ field: 'subject', op: 'contains', value: '发票' }],
  match: 'all',
  actions: [{ type: 'move', folder: '财务票据' }],
  ...over,
})

const refusal = (v: unknown) => {
  const r = validateRules(v)
  if (r.ok) throw new Error('expected a refusal')
  return r
}

describe('validateRules', () => {
  test('accepts well-formed rules and normalises them', () => {
    const r = validateRules([
      rule({ extra: 1, actions: [{ type: 'move', folder: '  票据  ' }, { type: 'stop' }] }),
    ])
    expect(r).toEqual({
      ok: true,
      value: [
        {
          conditions: [{ field: 'subject', op: 'contains', value: '发票' }],
          match: 'all',
          actions: [{ type: 'move', folder: '票据' }, { type: 'stop' }],
        },
      ],
    })
  })

  test(`at most ${MAX_RULES} rules`, () => {
    expect(validateRules(Array.from({ length: MAX_RULES }, () => rule())).ok).toBe(true)
    const r = refusal(Array.from({ length: MAX_RULES + 1 }, () => rule()))
    expect(r.errcode).toBe(690009)
    expect(r.errmsg).toContain('101')
  })

  test.each([
    ['not an array', { a: 1 }, '(rules)'],
    ['rule not an object', [rule(), 'x'], '第 2 条'],
    ['bad match', [rule({ match: 'some' })], '.match'],
    ['no conditions', [rule({ conditions: [] })], '.conditions'],
    ['bad field', [rule({ conditions: [{ field: 'cc', op: 'contains', value: 'x' }] })], '.field'],
    ['bad op', [rule({ conditions: [{ field: 'from', op: 'equals', value: 'x' }] })], '.op'],
    ['empty value', [rule({ conditions: [{ field: 'from', op: 'contains', value: '  ' }] })], '.value'],
    ['value not text', [rule({ conditions: [{ field: 'from', op: 'contains', value: 3 }] })], '.value'],
    ['no actions', [rule({ actions: [] })], '.actions'],
    ['unknown action', [rule({ actions: [{ type: 'forward' }] })], '.type'],
    ['empty folder', [rule({ actions: [{ type: 'move', folder: ' ' }] })], '.folder'],
    ['folder too long', [rule({ actions: [{ type: 'move', folder: 'x'.repeat(65) }] })], '.folder'],
    ['fixed folder id', [rule({ actions: [{ type: 'move', folder: 'Inbox' }] })], '.folder'],
    ['fixed folder name', [rule({ actions: [{ type: 'move', folder: '已删除' }] })], '.folder'],
  ])('%s → 690009 naming the place', (_name, input, where) => {
    const r = refusal(input)
    expect(r.errcode).toBe(690009)
    expect(r.errmsg).toContain(where)
  })

  const conds = (n: number, value = (j: number) => `词${j}`) =>
    Array.from({ length: n }, (_, j) => ({ field: 'body', op: 'contains', value: value(j) }))

  test(`at most ${MAX_CONDITIONS} conditions per rule, each at most ${MAX_CONDITION_VALUE} characters`, () => {
    const fine = rule({ conditions: conds(MAX_CONDITIONS, (j) => `${j}`.padEnd(MAX_CONDITION_VALUE, 'x')) })
    expect(validateRules([fine]).ok).toBe(true)
    const many = refusal([rule(), rule(), rule({ conditions: conds(MAX_CONDITIONS + 1) })])
    expect(many.errcode).toBe(690009)
    expect(many.errmsg).toContain('第 3 条收信规则的条件过多')
    expect(many.errmsg).toContain('(rules[2].conditions)')
    const long = refusal([
      rule(),
      rule(),
      rule({ conditions: conds(2, (j) => (j === 1 ? 'x'.repeat(MAX_CONDITION_VALUE + 1) : 'ok')) }),
    ])
    expect(long.errcode).toBe(690009)
    expect(long.errmsg).toContain('第 3 条收信规则的第 2 个条件内容过长')
    expect(long.errmsg).toContain('(rules[2].conditions[1].value)')
  })

  test(`at most ${MAX_TOTAL_CONDITIONS} conditions in all rules together`, () => {
    const per = MAX_TOTAL_CONDITIONS / 20
    expect(validateRules(Array.from({ length: 20 }, () => rule({ conditions: conds(per) }))).ok).toBe(true)
    const over = refusal([
      ...Array.from({ length: 20 }, () => rule({ conditions: conds(per) })),
      rule({ conditions: conds(1) }),
    ])
    expect(over.errcode).toBe(690009)
    expect(over.errmsg).toContain(`合计最多 ${MAX_TOTAL_CONDITIONS} 个`)
    expect(over.errmsg).toContain('第 21 条')
  })

  test('the reason names the rule number', () => {
    expect(refusal([rule(), rule(), rule({ match: 1 })]).errmsg).toContain('第 3 条')
  })

  test('a 64-character folder name is fine', () => {
    expect(validateRules([rule({ actions: [{ type: 'move', folder: '票'.repeat(64) }] })]).ok).toBe(true)
  })

  test('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (v) => typeof validateRules(v).ok === 'boolean'))
  })
})

const mail = { from: 'Boss@Client.com', to: ['sales@c.com'], subject: '三月发票', body: '请查收 Invoice' }
const r = (
  conditions: ReceiveRule['conditions'],
  actions: ReceiveRule['actions'],
  match: 'all' | 'any' = 'all',
) => ({
  conditions,
  match,
  actions,
})

describe('applyRules', () => {
  const bodyRules = (n: number, per: number): ReceiveRule[] =>
    Array.from({ length: n }, (_, i) => ({
      conditions: Array.from({ length: per }, (_, j) => ({
        field: 'body' as const,
        op: 'contains' as const,
        value: `needle-${i}-${j}`,
      })),
      match: 'any' as const, // no short cut: every condition is evaluated
      actions: [{ type: 'star' as const }],
    }))

  test('each field is normalised once per message, however many conditions read it', () => {
    const seen: string[] = []
    const spy = (t: string) => {
      seen.push(t)
      return foldCase(t)
    }
    const big = { ...mail, subject: 'S'.repeat(500_000), body: 'B'.repeat(500_000) }
    const rules = bodyRules(20, 10)
    rules.push(r([{ field: 'subject', op: 'contains', value: 'x' }], [{ type: 'star' }]))
    rules.push(r([{ field: 'subject', op: 'contains', value: 'y' }], [{ type: 'star' }]))
    applyRules(rules, big, spy)
    const fields = seen.filter((t) => t.length >= MAX_SCANNED_LENGTH)
    // one body and one subject, both cut to the scanned length; from and to are never read
    expect(fields.map((t) => t[0]).sort()).toEqual(['B', 'S'])
    expect(fields.every((t) => t.length === MAX_SCANNED_LENGTH)).toBe(true)
    expect(seen.filter((t) => t === big.from || t === big.to.join(', '))).toEqual([])
    // every other call is one distinct condition value (202 of them)
    expect(seen.length - fields.length).toBe(202)
  })

  test('a repeated condition is evaluated once', () => {
    const seen: string[] = []
    const same: ReceiveRule[] = Array.from({ length: 50 }, () =>
      r([{ field: 'body', op: 'contains', value: 'invoice' }], [{ type: 'star' }]),
    )
    expect(applyRules(same, mail, (t) => (seen.push(t), foldCase(t))).matched).toHaveLength(50)
    expect(seen).toEqual(['请查收 Invoice', 'invoice'])
  })

  test(`only the first ${MAX_SCANNED_LENGTH} characters of a field are scanned`, () => {
    const body = `${'x'.repeat(MAX_SCANNED_LENGTH - 5)}early${'y'.repeat(1000)}late`
    const probe = (value: string) =>
      applyRules([r([{ field: 'body', op: 'contains', value }], [{ type: 'star' }])], { ...mail, body }).star
    expect(probe('early')).toBe(true)
    expect(probe('late')).toBe(false)
  })

  test('conditions are case-insensitive contains, on from / to / subject / body', () => {
    for (const [field, value] of [
      ['from', 'client.COM'],
      ['to', 'SALES@'],
      ['subject', '发票'],
      ['body', 'invoice'],
    ] as const) {
      expect(applyRules([r([{ field, op: 'contains', value }], [{ type: 'star' }])], mail).star).toBe(true)
    }
    expect(
      applyRules([r([{ field: 'body', op: 'contains', value: '发票' }], [{ type: 'star' }])], mail).star,
    ).toBe(false)
  })

  test('all needs every condition, any needs one', () => {
    const conds: ReceiveRule['conditions'] = [
      { field: 'subject', op: 'contains', value: '发票' },
      { field: 'from', op: 'contains', value: 'nobody' },
    ]
    expect(applyRules([r(conds, [{ type: 'star' }], 'all')], mail).star).toBe(false)
    expect(applyRules([r(conds, [{ type: 'star' }], 'any')], mail).star).toBe(true)
  })

  test('rules apply in order: the later move wins, delete beats moves', () => {
    const hit: ReceiveRule['conditions'] = [{ field: 'subject', op: 'contains', value: '发票' }]
    const moves = [r(hit, [{ type: 'move', folder: 'A' }]), r(hit, [{ type: 'move', folder: 'B' }])]
    expect(applyRules(moves, mail).moveTo).toBe('B')
    expect(applyRules([...moves].reverse(), mail).moveTo).toBe('A')
    expect(applyRules([r(hit, [{ type: 'delete' }]), ...moves], mail).delete).toBe(true)
  })

  test('stop ends processing after the rule’s own actions', () => {
    const hit: ReceiveRule['conditions'] = [{ field: 'subject', op: 'contains', value: '发票' }]
    const out = applyRules(
      [r(hit, [{ type: 'stop' }, { type: 'mark_read' }]), r(hit, [{ type: 'star' }])],
      mail,
    )
    expect(out).toEqual({ moveTo: null, markRead: true, star: false, delete: false, matched: [0] })
    // a non-matching rule with stop stops nothing
    const miss: ReceiveRule['conditions'] = [{ field: 'subject', op: 'contains', value: '无关' }]
    expect(applyRules([r(miss, [{ type: 'stop' }]), r(hit, [{ type: 'star' }])], mail).star).toBe(true)
  })

  test('property: whatever follows a matching stop rule has no effect', () => {
    const condition = fc.record({
      field: fc.constantFrom('from' as const, 'to' as const, 'subject' as const, 'body' as const),
      op: fc.constant('contains' as const),
      value: fc.constantFrom('发票', 'client', 'x', 'sales', 'q'),
    })
    const action = fc.oneof(
      fc.constant({ type: 'mark_read' as const }),
      fc.constant({ type: 'star' as const }),
      fc.constant({ type: 'delete' as const }),
      fc.constantFrom('A', 'B').map((folder) => ({ type: 'move' as const, folder })),
    )
    const anyRule = fc.record({
      conditions: fc.array(condition, { minLength: 1, maxLength: 3 }),
      match: fc.constantFrom('all' as const, 'any' as const),
      actions: fc.array(action, { minLength: 1, maxLength: 3 }),
    })
    fc.assert(
      fc.property(
        fc.array(anyRule, { maxLength: 5 }),
        fc.array(anyRule, { maxLength: 5 }),
        (before, after) => {
          const stopper = r([{ field: 'subject', op: 'contains', value: '发票' }], [{ type: 'stop' }])
          const a = applyRules([...before, stopper, ...after], mail)
          const b = applyRules([...before, stopper], mail)
          expect(a).toEqual(b)
        },
      ),
    )
  })
})
