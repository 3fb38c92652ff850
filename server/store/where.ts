// The WHERE clause of a row set: columns equal to values and, with keyCol, the key one of `keys`
// (strings escaped as stored: nul.ts).
import { escapeDeep } from './nul'
import { TABLES, type TableName } from './tables'

export interface Where {
  sql: string
  params: unknown[]
}

export function whereClause(
  table: TableName,
  where: Record<string, unknown>,
  keyCol?: string,
  keys?: unknown[],
): Where {
  const conds: string[] = []
  const params: unknown[] = []
  for (const [col, v] of Object.entries(where)) {
    params.push(escapeDeep(v))
    conds.push(`"${col}" = $${params.length}`)
  }
  if (keyCol && keys) {
    params.push(escapeDeep(keys))
    const type = TABLES[table].cols.find(([n]) => n === keyCol)?.[1] ?? 'text'
    conds.push(`"${keyCol}" = ANY($${params.length}::${type}[])`)
  }
  return { sql: conds.length ? ` WHERE ${conds.join(' AND ')}` : '', params }
}
