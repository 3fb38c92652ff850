// Each API declared once (api.md): name → input schema (valibot), output type, flags. The backend
// validates with the schemas and binds one handler per name; the client imports only the types
// (`import type`), so a build without the mock backend carries no schema.
import type { InferInput, InferOutput } from 'valibot'
import { directoryApis } from './directory'
import { mailApis } from './mail'
import { mailPurgeApis } from './mailPurge'
import { migrationApis } from './migration'
import { publicmailApis } from './publicmail'

export * from './shared'
export type * from './directory'
export type * from './mail'
export type * from './migration'
export type * from './publicmail'
export type { ApiDef, ApiFlags, Wrapped } from './schema'

/** every API of the contract, by name */
export const apis = {
  ...directoryApis,
  ...publicmailApis,
  ...mailApis,
  ...mailPurgeApis,
  ...migrationApis,
}

type Apis = typeof apis

export type ApiName = keyof Apis

/** what a caller sends */
export type Input<K extends ApiName> = InferInput<Apis[K]['input']>
/** what a handler gets: the input after its schema (defaults, `{list}` unwrapped, ids as numbers) */
export type Parsed<K extends ApiName> = InferOutput<Apis[K]['input']>
/** the fields of a successful answer besides errcode / errmsg */
export type Output<K extends ApiName> = NonNullable<Apis[K]['output']>

/** The contract as types: `Api[K]` is what `K` takes and answers. */
export type Api = { [K in ApiName]: { input: Input<K>; output: Output<K> } }
