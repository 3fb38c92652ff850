// What the switch does to idempotency records (recordFate): a member's own retried sends follow
// their mailbox into B; other mailbox records of both corps go; directory records stay where they are.
import { recordFate } from '../../../src/api/mock/migration/transfer'

const key = (userid: string, api: string) => `${userid}\u0000${api}\u0000k1`
const follows = (userid: string) => userid === 'alice'

describe('idempotency records at the switch', () => {
  test.each([
    ['source', 'alice', 'mail/message/send', 'move'],
    ['source', 'carol', 'mail/message/send', 'drop'],
    ['source', 'alice', 'exmail/publicmail/create', 'drop'],
    ['source', 'alice', 'user/create', 'keep'],
    ['target', 'alice', 'mail/message/send', 'drop'],
    ['target', 'gina', 'exmail/publicmail/create', 'drop'],
    ['target', 'gina', 'department/create', 'keep'],
  ] as const)('a record of %s by %s for %s: %s', (side, userid, api, fate) => {
    expect(recordFate(key(userid, api), side, follows)).toBe(fate)
  })

  test('a key of an older build without its parts is a directory record: kept', () => {
    expect(recordFate('legacy', 'source', follows)).toBe('keep')
  })
})
