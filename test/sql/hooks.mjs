// The ES-module side of redirect.cjs: a dynamic import() of the core's entry point gets the
// SQL-backed wrapper too.
import { pathToFileURL } from 'node:url'

const entry = pathToFileURL(new URL('../../src/api/mock/index.ts', import.meta.url).pathname).href
const wrapper = new URL('./sqlBackend.ts', import.meta.url).href

export async function resolve(specifier, context, next) {
  const found = await next(specifier, context)
  return found.url === entry && context.parentURL !== wrapper ? { ...found, url: wrapper } : found
}
