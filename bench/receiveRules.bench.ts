// Receive rules on a hostile message: the worst rule set the limits allow against a 500,000-character
// inbound mail, through the real delivery path (mail/delivery receive), next to the old matcher
// (each condition lower-cased the whole, uncut body) on the rule set a probe stored before the
// limits (100 rules × 20 body conditions). Run: npx tsx bench/receiveRules.bench.ts
import { receive } from '../src/api/mock/mail/delivery'
import { emptyStore } from '../src/api/mock/seed'
import {
  applyRules,
  MAX_CONDITION_VALUE,
  MAX_CONDITIONS,
  MAX_TOTAL_CONDITIONS,
  validateRules,
  type ReceiveRule,
  type RuleSubject,
} from '../src/policy/receiveRules'

const BODY = 500_000
const TARGET_MS = 50

/** The matcher as it was: every condition folds the full field again. */
function oldApply(rules: readonly ReceiveRule[], mail: RuleSubject): number[] {
  const matched: number[] = []
  rules.forEach((rule, i) => {
    const test = (c: ReceiveRule['conditions'][number]) => {
      const hay = c.field === 'to' ? mail.to.join(', ') : mail[c.field]
      return hay.toLowerCase().includes(c.value.toLowerCase())
    }
    if (rule.match === 'all' ? rule.conditions.every(test) : rule.conditions.some(test)) matched.push(i)
  })
  return matched
}

const ruleSet = (rules: number, per: number, value: (i: number, j: number) => string): ReceiveRule[] =>
  Array.from({ length: rules }, (_, i) => ({
    conditions: Array.from({ length: per }, (_, j) => ({
      field: 'body' as const,
      op: 'contains' as const,
      value: value(i, j),
    })),
    match: 'any' as const, // no short cut: every condition is evaluated
    actions: [{ type: 'star' as const }],
  }))

function time(run: () => unknown, repeat: number): number {
  run() // warm-up
  const t0 = process.hrtime.bigint()
  for (let k = 0; k < repeat; k++) run()
  return Number(process.hrtime.bigint() - t0) / 1e6 / repeat
}

const plainBody = 'Quarterly Report '.repeat(Math.ceil(BODY / 17)).slice(0, BODY)
// 'aaaa…' against 'aaa…ab' needles is the slowest input for the engine's substring search
const repetitiveBody = 'A'.repeat(BODY)
const mailOf = (body: string): RuleSubject => ({
  from: 'x@ext.com',
  to: ['sales@corp.com'],
  subject: 'hello',
  body,
})

// The largest rule sets validateRules accepts now.
const perRule = MAX_CONDITIONS
const rulesAllowed = MAX_TOTAL_CONDITIONS / perRule
const distinct = ruleSet(rulesAllowed, perRule, (i, j) =>
  `needle ${i}-${j} `.padEnd(MAX_CONDITION_VALUE, 'z'),
)
const pathological = ruleSet(
  rulesAllowed,
  perRule,
  (i, j) => `${'a'.repeat(MAX_CONDITION_VALUE - 4)}b${String(i * perRule + j).padStart(3, '0')}`,
)
for (const rules of [distinct, pathological]) {
  if (!validateRules(rules).ok) throw new Error('bench rule set must be one the backend accepts')
}
// What a probe could store before the limits (100 × 20), still applied if already saved.
const legacy = ruleSet(100, 20, (i, j) => `needle ${i}-${j}`)
if (validateRules(legacy).ok) throw new Error('the legacy rule set should be over the limits now')

console.log(
  `limits: ${perRule} conditions per rule, ${MAX_TOTAL_CONDITIONS} in all, ${MAX_CONDITION_VALUE} characters each; message body ${BODY.toLocaleString()} characters`,
)
const before = time(() => oldApply(legacy, mailOf(plainBody)), 1)
const legacyNow = time(() => applyRules(legacy, mailOf(plainBody)), 5)
console.log(`before  100 × 20 body conditions (old matcher):      ${before.toFixed(1)} ms per message`)
console.log(`after   100 × 20 body conditions (same rules, now):  ${legacyNow.toFixed(2)} ms per message`)

const store = emptyStore('bench:s1')
let n = 0
const deliver = (rules: ReceiveRule[], body: string) => {
  store.shared.rules = rules
  store.messages = {}
  return receive(store, rules, {
    from: 'x@ext.com',
    to: ['sales@corp.com'],
    cc: [],
    subject: 'hello',
    content: body,
    message_id: `<m${n++}@ext.com>`,
    in_reply_to: '',
    delivered_to: 'sales@corp.com',
    time: 0,
  })
}
const worstDistinct = time(() => deliver(distinct, plainBody), 20)
const worstRepetitive = time(() => deliver(pathological, repetitiveBody), 5)
console.log(
  `after   worst allowed, ${MAX_TOTAL_CONDITIONS} distinct conditions, via receive():   ${worstDistinct.toFixed(2)} ms per message`,
)
console.log(
  `after   worst allowed, repetitive body and needles, via receive(): ${worstRepetitive.toFixed(2)} ms per message`,
)
const worst = Math.max(worstDistinct, worstRepetitive)
console.log(`speed-up on the probe's case: ×${(before / legacyNow).toFixed(0)}`)
console.log(
  `target: worst allowed case ≤ ${TARGET_MS} ms per message: ${worst <= TARGET_MS ? 'met' : 'MISSED'}`,
)
