// The mini-program (and jest) variant of domRect.h5.ts: no DOM to read. The weapp build measures
// with a selector query instead; jest, which lays nothing out, gets layout.ts's computed fallback.
export function domRect(_id: string): { width: number; height: number } | undefined {
  return undefined
}
