import type { ApiTable } from '../registry'

export const mailApis: ApiTable = {}
