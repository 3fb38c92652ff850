import fc from 'fast-check'
import { ErrCode } from './codes'
import {
  checkOwnDomain,
  checkRoomForMailbox,
  checkSeatAssignment,
  quotaOf,
  quotaView,
  withinQuota,
  type QuotaFacts,
} from './quota'

const facts = (f: Partial<QuotaFacts>): QuotaFacts => ({
  edition: 'advanced',
  domainKind: 'custom',
  purchased: 0,
  assigned: 0,
  used: 0,
  ...f,
})

describe('quota', () => {
  test('basic: 3; trial / advanced: 3 + unassigned seats (spec example 5 bought, 3 assigned → 5)', () => {
    expect(quotaOf(facts({ edition: 'basic', purchased: 10 }))).toBe(3)
    expect(quotaOf(facts({ purchased: 5, assigned: 3 }))).toBe(5)
    expect(quotaOf(facts({ edition: 'trial', purchased: 2, assigned: 0 }))).toBe(5)
    expect(quotaOf(facts({ purchased: 2, assigned: 2 }))).toBe(3)
  })

  test('create / restore is refused with 690001 at the quota, the message states n / quota and why', () => {
    expect(checkRoomForMailbox(facts({ edition: 'basic', used: 2 })).ok).toBe(true)
    const basic = checkRoomForMailbox(facts({ edition: 'basic', used: 3 }))
    expect(basic).toMatchObject({ ok: false, errcode: ErrCode.QUOTA_REACHED })
    expect(!basic.ok && basic.errmsg).toContain('3 / 3')
    expect(!basic.ok && basic.errmsg).toContain('基础版')
    const adv = checkRoomForMailbox(facts({ purchased: 5, assigned: 3, used: 5 }))
    expect(adv).toMatchObject({ ok: false, errcode: ErrCode.QUOTA_REACHED })
    expect(!adv.ok && adv.errmsg).toContain('5 / 5')
    expect(!adv.ok && adv.errmsg).toContain('已分配 3')
  })

  test('a conversion that releases a seat fits even when the quota is full', () => {
    const full = facts({ purchased: 2, assigned: 2, used: 3 })
    expect(checkRoomForMailbox(full).ok).toBe(false)
    expect(checkRoomForMailbox(full, 1).ok).toBe(true)
  })

  test('seat assignment: 751001 on basic, 751002 when seats run out or the quota would break', () => {
    expect(checkSeatAssignment(facts({ edition: 'basic' }), 1)).toMatchObject({
      errcode: ErrCode.NO_ADVANCED_FEATURES,
    })
    expect(checkSeatAssignment(facts({ purchased: 2, assigned: 2 }), 1)).toMatchObject({
      errcode: ErrCode.NOT_ENOUGH_SEATS,
    })
    // 5 mailboxes on 3 + 2 free seats: assigning one would make the quota 4 < 5
    expect(checkSeatAssignment(facts({ purchased: 2, assigned: 0, used: 5 }), 1)).toMatchObject({
      errcode: ErrCode.NOT_ENOUGH_SEATS,
    })
    expect(checkSeatAssignment(facts({ purchased: 2, assigned: 0, used: 4 }), 1).ok).toBe(true)
    expect(checkSeatAssignment(facts({ purchased: 2, assigned: 0, used: 4 }), 2).ok).toBe(false)
  })

  test('property: whatever a check allows keeps the invariant', () => {
    const arb = fc.record({
      edition: fc.constantFrom<'basic' | 'trial' | 'advanced'>('basic', 'trial', 'advanced'),
      domainKind: fc.constant<'custom'>('custom'),
      purchased: fc.integer({ min: 0, max: 8 }),
      assigned: fc.integer({ min: 0, max: 8 }),
      used: fc.integer({ min: 0, max: 12 }),
    })
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 1 }), (f, k, released) => {
        const g = {
          ...f,
          purchased: f.edition === 'basic' ? 0 : f.purchased,
          assigned: Math.min(f.assigned, f.purchased),
        }
        if (checkSeatAssignment(g, k).ok && k > 0)
          expect(withinQuota({ ...g, assigned: g.assigned + k })).toBe(true)
        const rel = Math.min(released, g.assigned)
        if (checkRoomForMailbox(g, rel).ok) {
          expect(withinQuota({ ...g, used: g.used + 1, assigned: g.assigned - rel })).toBe(true)
        }
      }),
    )
  })

  test('quota view explains why creation is blocked', () => {
    expect(quotaView(facts({ purchased: 5, assigned: 3, used: 4 }))).toEqual({
      used: 4,
      quota: 5,
      edition: 'advanced',
      seats: { purchased: 5, assigned: 3 },
      domain_kind: 'custom',
    })
    expect(quotaView(facts({ purchased: 5, assigned: 3, used: 5 })).blocked_reason).toContain('5 / 5')
    expect(quotaView(facts({ domainKind: 'experience' }))).toMatchObject({
      domain_kind: 'experience',
      blocked_reason: expect.stringContaining('体验域名'),
    })
  })

  test('an experience domain cannot create at all (690002, bind your own domain)', () => {
    const v = checkOwnDomain({ domainKind: 'experience' })
    expect(v).toMatchObject({ ok: false, errcode: ErrCode.EXPERIENCE_DOMAIN })
    expect(!v.ok && v.errmsg).toContain('绑定')
    expect(checkOwnDomain({ domainKind: 'custom' }).ok).toBe(true)
  })
})
