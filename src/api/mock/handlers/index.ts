// Every API the mock backend answers, by name. Each area owns its own table.
import type { ApiTable } from '../registry'
import { directoryApis } from './directory'
import { publicmailApis } from './publicmail'
import { mailApis } from './mail'
import { migrationApis } from './migration'
import { publicmailDirectoryApis } from './publicmailDirectory'

export const apiTable: ApiTable = {
  ...directoryApis,
  ...publicmailApis,
  ...mailApis,
  ...migrationApis,
  ...publicmailDirectoryApis,
}
