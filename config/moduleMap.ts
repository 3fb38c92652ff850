import fs from 'fs'
import type { Compiler } from 'webpack'

/** one emitted module: its id in the chunk files, and the source files webpack concatenated into it */
export interface ModuleMapEntry {
  id: string | number
  chunks: (string | number)[]
  files: { name: string; size: number }[]
}

/** Writes the module id → source files map of a build (see scripts/size.mjs --why). */
export class ModuleMapPlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('ModuleMapPlugin', (stats) => {
      const json = stats.toJson({ all: false, modules: true, nestedModules: true, ids: true, chunks: false })
      const entries: ModuleMapEntry[] = []
      for (const m of json.modules ?? []) {
        if (m.id == null) continue
        // A concatenated module lists its parts; their unminified sizes split the minified one.
        const parts = m.modules?.length ? m.modules : [m]
        entries.push({
          id: m.id,
          chunks: m.chunks ?? [],
          files: parts.map((p) => ({ name: p.name ?? String(p.identifier), size: p.size ?? 0 })),
        })
      }
      fs.writeFileSync(this.file, JSON.stringify(entries))
    })
  }
}
