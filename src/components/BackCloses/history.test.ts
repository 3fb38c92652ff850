/**
 * @jest-environment jsdom
 */
// Back closes a sheet in H5 (issue 17): the history entry a held sheet keeps, what a back does with
// it, and that the router (a popstate listener of its own, registered first as Taro's is) sees none
// of it.
import { holdBack, MARK } from './history.h5'

const routerSaw: unknown[] = []
const router = (e: PopStateEvent) => routerSaw.push(e.state)
/**
 * History traversal in jsdom is a chain of zero-delay timer tasks (traverse, then popstate, then
 * whatever a listener does): hop the timer queue behind them instead of waiting a fixed time, which
 * a loaded machine can outrun.
 */
const turn = async () => {
  for (let i = 0; i < 8; i++) await new Promise((r) => window.setTimeout(r, 0))
}

beforeAll(() => {
  window.addEventListener('popstate', router)
})
beforeEach(async () => {
  routerSaw.length = 0
  window.history.replaceState({ idx: 1 }, '', '#/read')
  await turn()
})

const isMarked = () => MARK in (window.history.state as object)

test('a held sheet adds one entry, marked, keeping the router state', () => {
  const pushes = jest.spyOn(window.history, 'pushState')
  const release = holdBack(() => {})
  expect(pushes).toHaveBeenCalledTimes(1)
  pushes.mockRestore()
  expect(window.history.state).toMatchObject({ idx: 1 })
  expect(isMarked()).toBe(true)
  release()
})

test('a back with the sheet open closes it; the router never sees that back', async () => {
  let closed = 0
  let release = () => {}
  release = holdBack(() => {
    closed++
    release()
  })
  window.history.back()
  await turn()
  expect(closed).toBe(1)
  expect(routerSaw).toEqual([])
  expect(window.history.state).toEqual({ idx: 1 })
  // and the next back is the router's again
  window.history.pushState({ idx: 2 }, '')
  window.history.back()
  await turn()
  expect(routerSaw).toEqual([{ idx: 1 }])
})

test('closed another way (取消), the entry goes again, unseen by the router', async () => {
  const release = holdBack(() => {
    throw new Error('no back happened')
  })
  release()
  await turn()
  expect(window.history.state).toEqual({ idx: 1 })
  expect(routerSaw).toEqual([])
})

test('a sheet replacing another in the same render keeps the one entry', async () => {
  const pushes = jest.spyOn(window.history, 'pushState')
  const first = holdBack(() => {})
  first()
  const opened: string[] = []
  const second = holdBack(() => opened.push('second'))
  await turn()
  expect(pushes).toHaveBeenCalledTimes(1)
  pushes.mockRestore()
  expect(isMarked()).toBe(true)
  window.history.back()
  await turn()
  expect(opened).toEqual(['second'])
  second()
  await turn()
  expect(routerSaw).toEqual([])
})

test('a sheet that stays after a back (it asked first) gets its entry back for the next back', async () => {
  let asked = 0
  const release = holdBack(() => asked++)
  window.history.back()
  await turn()
  expect(asked).toBe(1)
  expect(isMarked()).toBe(true)
  window.history.back()
  await turn()
  expect(asked).toBe(2)
  release()
  await turn()
  expect(window.history.state).toEqual({ idx: 1 })
  expect(routerSaw).toEqual([])
})

test('a sheet closed as the app navigates on leaves its entry, stepped over on the way back', async () => {
  const release = holdBack(() => {
    throw new Error('the sheet is gone')
  })
  window.history.pushState({ idx: 2 }, '', '#/compose') // the router opened the next page
  release()
  await turn()
  expect(window.history.state).toEqual({ idx: 2 })
  window.history.back() // compose → the stale entry → stepped over → the mail
  await turn()
  await turn()
  expect(window.history.state).toEqual({ idx: 1 })
  expect(routerSaw).toEqual([{ idx: 1 }])
})

test('a back on another page passes a sheet of a page below to the router', async () => {
  let closed = 0
  const release = holdBack(() => closed++)
  window.history.pushState({ idx: 2 }, '', '#/member')
  window.history.back()
  await turn()
  expect(closed).toBe(0)
  expect(routerSaw).toHaveLength(1)
  expect(window.location.hash).toBe('#/read')
  release()
  await turn()
  expect(window.history.state).toEqual({ idx: 1 })
})
