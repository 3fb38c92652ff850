// Every import of the core's entry point (src/api/mock/index.ts) resolves to sqlBackend.ts, which
// gives each backend a PostgreSQL schema of its own through the server's SQL adapter.
const Module = require('node:module')
const path = require('node:path')

const entry = path.resolve(__dirname, '../../src/api/mock/index.ts')
const wrapper = path.resolve(__dirname, 'sqlBackend.ts')
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, parent, ...rest) {
  const found = resolve.call(this, request, parent, ...rest)
  return found === entry && parent && parent.filename !== wrapper ? wrapper : found
}
