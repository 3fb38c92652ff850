import type { ApiTable } from '../registry'

export const migrationApis: ApiTable = {}
