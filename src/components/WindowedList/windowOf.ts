// Which rows of a fixed-height list to mount: pure, so it is tested in plain Node.
/** the first and last index (exclusive) to mount for this scroll position */
export function windowOf(
  scrollTop: number,
  height: number,
  itemSize: number,
  count: number,
  overscan: number,
): [number, number] {
  const first = Math.max(0, Math.min(count, Math.floor(scrollTop / itemSize) - overscan))
  const last = Math.min(count, Math.ceil((scrollTop + height) / itemSize) + overscan)
  return [first, Math.max(first, last)]
}
