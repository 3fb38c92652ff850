// What handlers may know about the world: time, randomness, background work.
export interface MockEnv {
  now(): number
  random(): number
  /** queue background work (a migration step); settle() runs the queue to completion */
  schedule(task: () => void): void
}
