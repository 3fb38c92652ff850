// Every method name of WeChat's `Wx` interface, read from miniprogram-api-typings with TypeScript's
// parser (a regex would miss names with digits such as join1v1Chat).
import fs from 'node:fs'
import { createRequire } from 'node:module'
import ts from 'typescript'

const require = createRequire(import.meta.url)
const LIB = require.resolve('miniprogram-api-typings/types/wx/lib.wx.api.d.ts')

let cached = null

/** @returns {{ methods: string[], properties: string[] }} */
export function wxInterface() {
  if (cached) return cached
  const source = ts.createSourceFile(LIB, fs.readFileSync(LIB, 'utf8'), ts.ScriptTarget.Latest, false)
  const methods = new Set()
  const properties = new Set()
  const visit = (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx') {
      for (const member of node.members) {
        if (!member.name) continue
        const name = ts.isIdentifier(member.name) ? member.name.text : member.name.getText(source)
        ;(ts.isMethodSignature(member) ? methods : properties).add(name)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  if (methods.size === 0) throw new Error(`no Wx interface found in ${LIB}`)
  cached = { methods: [...methods].sort(), properties: [...properties].sort() }
  return cached
}
