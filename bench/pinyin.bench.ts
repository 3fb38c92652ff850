// Pinyin table decode (the weapp size round): `npx tsx bench/pinyin.bench.ts` (or `npm run bench pinyin`).
// The app decodes the compact table once, on the first name it reads, so the figure that matters is a
// cold decode in a fresh process: measured in RUNS fresh processes, min and median (the machine may
// be busy). Prints, never asserts.
import { execFileSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { decodeReadings } from '../src/policy/pinyin/decode'
import { FINALS, INITIALS, READINGS } from '../src/policy/pinyin/table'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)

if (process.argv.includes('--once')) {
  const t0 = performance.now()
  const readings = decodeReadings(READINGS, INITIALS, FINALS)
  console.log(`${performance.now() - t0} ${readings.size}`)
} else {
  const times: number[] = []
  let size = 0
  for (let i = 0; i < RUNS; i++) {
    const [ms, n] = execFileSync(process.execPath, [...process.execArgv, __filename, '--once'], {
      encoding: 'utf8',
    })
      .trim()
      .split(' ')
    times.push(Number(ms))
    size = Number(n)
  }
  times.sort((a, b) => a - b)
  console.log(
    `pinyin table: ${size} characters from ${READINGS.length} ASCII characters; cold decode in ${RUNS} fresh processes: ` +
      `min ${times[0].toFixed(2)} ms, median ${times[Math.floor(RUNS / 2)].toFixed(2)} ms`,
  )
}
