// Tests of the jest suites that do not run on the SQL adapter, and why. Each is about the in-device
// storage itself, or replaces a module's function (tsx's CommonJS exports cannot be redefined);
// what they prove about the server's storage is proved by server/test (sqlStore, processes).
const STORAGE = 'inspects or breaks the in-device key-value storage, which the SQL adapter does not use'
const SPY = "replaces a module's function, which tsx's CommonJS exports do not allow"

export const NOT_ON_SQL: ReadonlyMap<string, string> = new Map([
  [
    'a call undone by a failed save leaves the index true; a reload rebuilds it from the saved state',
    STORAGE,
  ],
  ['a purge whose save fails is undone: the mail is still there and so are its bytes', STORAGE],
  ['a storage that cannot read or save: the app runs, and no write is acknowledged', STORAGE],
  ['every acknowledged write is saved before it is answered', STORAGE],
  ['now: time comes from the option (a deleted member lands in the bin at now())', STORAGE],
  ...[
    'a member of the wrong shape with a valid checksum',
    'an array',
    'no body',
    'not JSON',
    'old schema',
    'tampered body',
    'truncated',
    'wrong shape with a valid checksum',
  ].map(
    (kind) =>
      [
        `an older build's state, ${kind}: detected, reported, replaced by a clean seeded state — never a crash`,
        STORAGE,
      ] as const,
  ),
  ['with 1,000 live codes a wrong guess costs a couple of hashes, not 1,000', SPY],
  ['reading, starring and moving mail do not re-check access; a user-list change does and revokes', SPY],
  [
    "a client login's bookkeeping (last use, failures, the lock) re-checks no access and keeps every lookup",
    SPY,
  ],
  ['a step that throws leaves both orgs untouched and still locked', SPY],
])
