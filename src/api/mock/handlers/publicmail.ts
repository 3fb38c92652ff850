import type { ApiTable } from '../registry'

export const publicmailApis: ApiTable = {}
