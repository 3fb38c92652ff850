// The HTML sanitiser on hostile input (unterminated tags and quotes): time against input size, next
// to a single regular-expression pass over the same text (a linear baseline). Quadratic behaviour
// shows as a growing ratio.
import { sanitizeMailHtml as clean } from '../src/policy/mailHtml'

function time(fn: () => unknown, runs = 5): number {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)]
}

console.log('HTML sanitiser on unterminated tags and quotes (median of 5)')
for (const n of [1_000, 10_000, 50_000]) {
  const flood = '<a href="'.repeat(n) + "<p title='".repeat(n)
  const ms = time(() => clean(flood))
  const base = time(() => flood.replace(/<[^>]*>?/g, ''))
  const kb = Math.round(flood.length / 1024)
  console.log(
    `${String(kb).padStart(5)} KB  sanitiser ${ms.toFixed(1).padStart(7)} ms  regex pass ${base.toFixed(1).padStart(6)} ms  ratio ×${(ms / base).toFixed(0)}  ${((ms * 1000) / flood.length).toFixed(2)} µs/char`,
  )
}
