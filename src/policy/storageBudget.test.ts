import { storageWarning, WARN_SHARE } from './storageBudget'

const MB = 1024 * 1024

test('no warning below 80 % of the quota, a warning naming both sizes from there on', () => {
  expect(storageWarning({ bytes: 7.9 * MB, quota: 10 * MB })).toBeNull()
  expect(storageWarning({ bytes: WARN_SHARE * 10 * MB, quota: 10 * MB })).toMatch(/8\.0 MB（上限 10\.0 MB）/)
  expect(storageWarning({ bytes: 9.99 * MB, quota: 10 * MB })).toMatch(/无法保存/)
  expect(storageWarning({ bytes: 1, quota: 0 })).toBeNull()
})
