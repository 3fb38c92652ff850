import type { ApiTable } from '../registry'

export const directoryApis: ApiTable = {}
