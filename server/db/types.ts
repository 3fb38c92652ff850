// The database as the server sees it: parameterised SQL, one transaction at a time per client.
// Two drivers implement it: PGlite (embedded, zero set-up) and node-postgres (DATABASE_URL).
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>
  /** several statements in one string (migrations); no parameters */
  exec(sql: string): Promise<void>
}

export interface Db extends Queryable {
  /** runs fn in one transaction: committed when it resolves, rolled back when it throws */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  readonly kind: 'pglite' | 'postgres'
  close(): Promise<void>
}
