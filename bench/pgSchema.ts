// Benches keep their seed in a schema of their own: BENCH_DATABASE_URL is dropped and rebuilt by
// server.bench.ts.
export function withSchema(url: string, schema: string): string {
  const u = new URL(url)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return u.toString()
}
