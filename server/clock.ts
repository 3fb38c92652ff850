// The server's time: the real clock, or a fixed instant set through POST /dev/clock (dev mode).
export interface Clock {
  now(): number
  set(fixed: number | null): void
}

export function createClock(): Clock {
  let fixed: number | null = null
  return {
    now: () => fixed ?? Date.now(),
    set: (v) => {
      fixed = v
    },
  }
}
