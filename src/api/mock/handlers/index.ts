// Every API the mock backend answers, by name: the contract's schema and flags with one handler
// each. `Handlers` requires a handler for every API of the contract (pending ones aside).
import { apis } from '../../contract'
import type { ApiSpec, ApiTable, Handlers } from '../registry'
import { directoryApis } from './directory'
import { publicmailApis } from './publicmail'
import { mailApis } from './mail'
import { mailPurgeApis } from './mailPurge'
import { mailSearchApis } from './mailSearch'
import { migrationApis } from './migration'
import { publicmailDirectoryApis } from './publicmailDirectory'

export const handlers: Handlers = {
  ...directoryApis,
  ...publicmailApis,
  ...mailApis,
  ...mailPurgeApis,
  ...mailSearchApis,
  ...migrationApis,
  ...publicmailDirectoryApis,
}

function bind(): ApiTable {
  const table: ApiTable = {}
  for (const name of Object.keys(handlers) as (keyof Handlers)[]) {
    const { output: _output, ...declared } = apis[name]
    table[name] = { ...declared, handler: handlers[name] as ApiSpec['handler'] }
  }
  return table
}

/** what the dispatcher looks up by name */
export const apiTable: ApiTable = bind()
