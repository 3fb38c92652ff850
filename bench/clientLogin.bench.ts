// A wrong client password against a business mailbox holding 3,000 live client passwords (300
// members × 10): the login hashes only the codes sharing the guess's 16-bit lookup prefix, next to
// the old matcher (a salted hash of every live code), in the same run. Nine guesses per round stay
// below the lock, so every guess is really evaluated. Run: npx tsx bench/clientLogin.bench.ts
import { clientLogin } from '../src/api/mock/handlers/clientLogin'
import { addMailbox, testSecureBytes } from '../test/kit/mail'
import { loginCorp } from './loginCorp'
import { createAuthCode, hashSecret } from '../src/api/mock/publicmail/authCodes'
import { memoryClientPasswords } from '../src/api/mock/ports/clientPasswords'
import type { BusinessMailbox } from '../src/api/mock/state'
import { constantTimeEqual } from '../src/policy/sha256'

const CODES = 3000
const TARGET_MS = 1

const { state, corp, userids } = loginCorp(CODES / 10)
let t = Date.UTC(2025, 2, 3)
const env = { now: () => t, random: Math.random, secureBytes: testSecureBytes(), schedule: () => undefined }
const mb = addMailbox(corp, { email: 'sales@corp.com', name: '销售', userid_list: userids })
const codes = memoryClientPasswords(() => state)
for (let i = 0; i < CODES; i++) {
  const r = await createAuthCode(
    codes,
    corp.corpid,
    mb.id,
    { creator: userids[Math.floor(i / 10)], byAdmin: false },
    env,
  )
  if (!r.ok) throw new Error(r.errmsg)
}

/** The matcher as it was: one salted hash per live code. */
function oldMatch(mailbox: BusinessMailbox, secret: string) {
  let found = null
  for (const code of mailbox.authCodes) {
    if (code.revoked) continue
    if (constantTimeEqual(hashSecret(code.salt, secret), code.hash) && !found) found = code
  }
  return found
}

async function perGuess(run: (guess: string) => unknown, rounds: number): Promise<number> {
  let n = 0
  const t0 = process.hrtime.bigint()
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < 9; i++) await run(`wrongguess${String(n++).padStart(6, '0')}`)
    t += 16 * 60_000 // past the window: the next round starts with no failures
  }
  return Number(process.hrtime.bigint() - t0) / 1e6 / n
}

await perGuess((g) => clientLogin(state, env, 'sales@corp.com', g, 'imap'), 5) // warm-up
const before = await perGuess((g) => oldMatch(mb, g), 3)
const after = await perGuess((g) => clientLogin(state, env, 'sales@corp.com', g, 'imap'), 50)
console.log(`${CODES} live client passwords in one mailbox, a wrong guess:`)
console.log(`before  hash every live code:             ${before.toFixed(2)} ms per guess`)
console.log(`after   lookup prefix, then candidates:   ${after.toFixed(3)} ms per guess (whole clientLogin)`)
console.log(
  `speed-up ×${(before / after).toFixed(0)}; target ≤ ${TARGET_MS} ms: ${after <= TARGET_MS ? 'met' : 'MISSED'}`,
)
