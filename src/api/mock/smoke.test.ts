import { createMockBackend } from './index'

test('an unknown api answers an error envelope', async () => {
  const b = createMockBackend({
    corps: [
      {
        corpid: 'c',
        name: 'C',
        creator: 'boss',
        edition: 'basic',
        domain: { name: 'c.com', kind: 'custom' },
      },
    ],
  })
  const r = await b.call('nope', {}, { corpid: 'c', userid: 'boss' })
  expect(r.errcode).toBe(40058)
})
