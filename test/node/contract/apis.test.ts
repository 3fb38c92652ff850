// Each API is declared once (src/api/contract): exactly the APIs of api.md's tables plus the
// additions the README documents, each bound to one handler, with the flags the dispatcher uses.
import { existsSync, readFileSync } from 'fs'
import { join } from 'path'
import { apis, type ApiName } from '../../../src/api/contract'
import { apiTable, handlers } from '../../../src/api/mock/handlers'

const ROOT = join(__dirname, '../../..')
const API_NAME = /^[a-z_]+(\/[a-z_]+)+$/

/** the API names in the first column of every markdown table of a document */
function tableApis(markdown: string): Set<string> {
  const names = new Set<string>()
  for (const line of markdown.split('\n')) {
    const first = /^\|([^|]*)\|/.exec(line)
    if (!first) continue
    for (const [, name] of first[1].matchAll(/`([^`]+)`/g)) if (API_NAME.test(name)) names.add(name)
  }
  return names
}

// The spec sits beside the repository (../shared/spec); BIZMAIL_SPEC_DIR points elsewhere.
const SPEC = join(process.env.BIZMAIL_SPEC_DIR ?? join(ROOT, '../shared/spec'), 'api.md')
const specApis = tableApis(existsSync(SPEC) ? readFileSync(SPEC, 'utf8') : '')
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const additions = tableApis(readme.slice(readme.indexOf('## Contract additions')))
const declared = new Set(Object.keys(apis))

// Without the spec (a checkout on its own) only its three checks are skipped, and say why.
const withSpec = existsSync(SPEC) ? test : test.skip
if (!existsSync(SPEC)) console.warn(`${SPEC} not found: the checks against api.md are skipped`)

describe('the contract declares each API once', () => {
  withSpec('api.md tables are read (sanity: the parse finds the known APIs)', () => {
    expect(specApis.size).toBeGreaterThan(45)
    for (const name of ['tag/addtagusers', 'tag/deltagusers', 'contactrule/preview', 'mail/draft/delete'])
      expect(specApis).toContain(name)
  })

  withSpec('every API of api.md is in the contract', () => {
    expect([...specApis].filter((name) => !declared.has(name))).toEqual([])
  })

  withSpec('every API of the contract is in api.md or documented as an addition in the README', () => {
    expect([...declared].filter((name) => !specApis.has(name) && !additions.has(name))).toEqual([])
  })

  test('the backend answers every API of the contract but the pending ones, with one handler each', () => {
    const answered = Object.keys(handlers).sort()
    expect(answered).toEqual([...declared].sort())
    expect(Object.keys(apiTable).sort()).toEqual(answered)
  })

  test('the dispatcher uses the contract flags as declared', () => {
    for (const name of Object.keys(apiTable) as ApiName[]) {
      const { input, admin, write, lock, idempotent } = apis[name]
      expect([name, apiTable[name].input, apiTable[name].admin, apiTable[name].write]).toEqual([
        name,
        input,
        admin,
        write,
      ])
      expect([name, apiTable[name].lock, apiTable[name].idempotent]).toEqual([name, lock, idempotent])
    }
  })

  test('flags: admin APIs, locks, and only writes are idempotent', () => {
    for (const [name, spec] of Object.entries(apis)) {
      if (name.startsWith('exmail/') && !name.startsWith('exmail/migration/')) {
        expect([name, spec.admin, spec.lock]).toEqual([name, true, 'mailAdmin'])
      }
      if ('idempotent' in spec) expect([name, spec.write]).toEqual([name, true])
      if (spec.lock === 'directoryWrite') expect([name, spec.admin, spec.write]).toEqual([name, true, true])
    }
    // Marking a mail read changes state but is no create: a key would replay a stale answer.
    expect(apis['mail/message/read']).toMatchObject({ write: true })
    expect('idempotent' in apis['mail/message/read']).toBe(false)
    expect(apis['contactrule/preview']).toMatchObject({ admin: true })
    expect('write' in apis['contactrule/preview']).toBe(false)
  })
})
