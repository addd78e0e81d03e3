import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareU64, formatU64, isU64, MAX_U64 } from '../../src/internal/uint64.js'

const u64 = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, 0),
  fc.bigInt({ min: 0n, max: MAX_U64 }),
  fc.bigInt({ min: 9007199254740980n, max: 9007199254741000n })
)

describe('epoch', () => {
  it('DX2: isU64 accepts safe non-negative integers and bigints up to 2^64 - 1 only', () => {
    for (const ok of [0, 1, Number.MAX_SAFE_INTEGER, 0n, MAX_U64, 2n ** 60n]) expect(isU64(ok)).toBe(true)
    for (const bad of [-1, 1.5, 2 ** 53, 2 ** 60, Number.NaN, Infinity, -1n, MAX_U64 + 1n, '1', null, undefined]) {
      expect(isU64(bad)).toBe(false)
    }
  })

  it('A2: compareU64 is exact for every mix of number and bigint', () => {
    fc.assert(
      fc.property(u64, u64, (a, b) => {
        const x = BigInt(a)
        const y = BigInt(b)
        expect(compareU64(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0)
      })
    )
    expect(compareU64(9007199254740991, 9007199254740992n)).toBe(-1)
    expect(compareU64(5, 5n)).toBe(0)
  })

  it('DX2: formatU64 renders numbers and bigints alike', () => {
    expect(formatU64(MAX_U64)).toBe('18446744073709551615')
    expect(formatU64(12)).toBe(formatU64(12n))
  })
})
