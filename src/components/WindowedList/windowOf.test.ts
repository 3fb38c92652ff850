import { windowOf } from './windowOf'

test('mounts the rows in view plus the overscan, clamped to the list', () => {
  // 10 rows of 50 px fit a 500 px viewport
  expect(windowOf(0, 500, 50, 100_000, 6)).toEqual([0, 16])
  expect(windowOf(5000, 500, 50, 100_000, 6)).toEqual([94, 116])
  expect(windowOf(4990, 500, 50, 100_000, 6)).toEqual([93, 116])
  expect(windowOf(1e9, 500, 50, 100, 6)).toEqual([100, 100])
  expect(windowOf(0, 500, 50, 3, 6)).toEqual([0, 3])
})
