// WeCom's exmail/* answers carry unix seconds; the backend keeps epoch ms. One conversion, at the edge.

/** epoch ms → unix seconds (rounded down, as WeCom's timestamps); 0 stays 0 ("never") */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000)
}
