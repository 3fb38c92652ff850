// The app reacts to error codes by name; every code it reacts to must be one the contract defines.
import { ErrCode } from '../../../src/policy/codes'
import { LOST_ACCESS_CODES } from '../../../src/stores/mailboxes'
import { NO_PERMISSION_CODES } from '../../../src/stores/directory'
import { MIGRATION_LOCKED } from '../../../src/admin/stores/types'

const contract = new Set<number>(Object.values(ErrCode))

test.each([
  ['LOST_ACCESS_CODES', [...LOST_ACCESS_CODES]],
  ['NO_PERMISSION_CODES', [...NO_PERMISSION_CODES]],
  ['MIGRATION_LOCKED', [MIGRATION_LOCKED]],
])('%s are contract codes', (_name, codes) => {
  for (const c of codes) expect(contract.has(c)).toBe(true)
})
