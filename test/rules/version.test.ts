import fc from 'fast-check'
import * as RA from 'fp-ts/lib/ReadonlyArray.js'
import { describe, expect, it } from 'vitest'
import { validateDeployments } from '../../src/rules/validation.js'
import {
  compareVersions,
  formatVersion,
  sameVersion,
  versionFromU64,
  versionOrd,
  versionToU64
} from '../../src/rules/version.js'
import { dep, runtime } from '../support/rulesFixtures.js'

const v = (major: number, minor: number, patch: number) => ({ major, minor, patch })

describe('version', () => {
  // -----------------------------------------------------------------------------------------------
  // T1
  // -----------------------------------------------------------------------------------------------
  it('T1: absent parts are 0', () => {
    expect(sameVersion({}, v(0, 0, 0))).toBe(true)
    expect(sameVersion({ major: 1 }, { major: 1, minor: 0 })).toBe(true)
    expect(compareVersions({ patch: 1 }, { major: 0, minor: 0, patch: 1 })).toBe(0)
    expect(formatVersion({})).toBe('0.0.0')
  })

  it('T1: versions built here leave zero parts out, as the wire form does', () => {
    expect(versionFromU64(188978561025)).toEqual({ major: 44, patch: 1 })
    expect(versionFromU64(0)).toEqual({})
  })

  // -----------------------------------------------------------------------------------------------
  // T2 (oasis-vectors.md §7)
  // -----------------------------------------------------------------------------------------------
  const TABLE: ReadonlyArray<readonly [ReturnType<typeof v>, number]> = [
    [v(0, 0, 0), 0],
    [v(1, 1, 1), 4295032833],
    [v(10, 20, 30), 42950983710],
    [v(300, 400, 500), 1288516403700],
    [v(30000, 40000, 50000), 128851640370000],
    [v(44, 0, 1), 188978561025],
    [v(0, 0, 321), 321],
    [v(0, 0, 123), 123],
    [v(65535, 65535, 65535), 281474976710655]
  ]

  it.each(TABLE)('T2: ToU64 of %o is %d', (version, packed) => {
    expect(versionToU64(version)).toBe(packed)
    expect(sameVersion(versionFromU64(packed), version)).toBe(true)
  })

  it.each([{}, v(0, 0, 0), v(1, 1, 1), v(10, 20, 30), v(300, 400, 500), v(30000, 40000, 50000)])(
    'T2: FromU64(ToU64(%o)) round-trips',
    (version) => {
      expect(versionToU64(versionFromU64(versionToU64(version)))).toBe(versionToU64(version))
      expect(sameVersion(versionFromU64(versionToU64(version)), version)).toBe(true)
    }
  )

  it('T2: bits 48–63 are ignored, over the whole uint64 range', () => {
    expect(versionFromU64((0xabcdn << 48n) | 0x0001_0002_0003n)).toEqual(v(1, 2, 3))
    expect(versionFromU64((1n << 64n) - 1n)).toEqual(v(65535, 65535, 65535))
    expect(versionFromU64(0x0001_0002_0003n)).toEqual(v(1, 2, 3))
  })

  it('T2: values outside uint64 are reduced as Go conversions would, never thrown on', () => {
    expect(versionFromU64(-1)).toEqual(v(65535, 65535, 65535))
    expect(versionFromU64(Number.NaN)).toEqual({})
    expect(versionFromU64(Number.POSITIVE_INFINITY)).toEqual({})
    expect(versionFromU64(1.9)).toEqual({ patch: 1 })
    expect(versionFromU64(1n << 80n)).toEqual({})
    expect(versionToU64({ major: 70000 })).toBe(versionToU64({ major: 70000 - 65536 }))
    expect(versionToU64({ major: Number.NaN })).toBe(0)
  })

  it('T2: round-trip property for every version', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), (a, b, c) => {
        const version = v(a, b, c)
        expect(sameVersion(versionFromU64(versionToU64(version)), version)).toBe(true)
        expect(sameVersion(versionFromU64(BigInt(versionToU64(version))), version)).toBe(true)
      })
    )
  })

  // -----------------------------------------------------------------------------------------------
  // T3 (Less cases of oasis-vectors.md §7)
  // -----------------------------------------------------------------------------------------------
  const LESS: ReadonlyArray<readonly [ReturnType<typeof v>, ReturnType<typeof v>, boolean]> = [
    [v(1, 1, 1), v(2, 1, 1), true],
    [v(1, 1, 1), v(1, 2, 1), true],
    [v(1, 1, 1), v(1, 1, 2), true],
    [v(1, 1, 1), v(0, 1, 1), false],
    [v(1, 1, 1), v(1, 0, 1), false],
    [v(1, 1, 1), v(1, 1, 0), false],
    [v(1, 1, 1), v(1, 1, 1), false]
  ]

  it.each(LESS)('T3: %o < %o is %s', (a, b, less) => {
    expect(compareVersions(a, b) < 0).toBe(less)
  })

  it('T3: compare is antisymmetric and agrees with ToU64 order', () => {
    const part = fc.integer({ min: 0, max: 0xffff })
    const version = fc.record({ major: part, minor: part, patch: part })
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0)
        expect(compareVersions(a, b)).toBe(Math.sign(versionToU64(a) - versionToU64(b)) || 0)
      })
    )
  })

  it('T3: versionOrd sorts versions for fp-ts', () => {
    expect(RA.sort(versionOrd)([v(2, 0, 0), v(1, 9, 9), v(1, 10, 0)])).toEqual([v(1, 9, 9), v(1, 10, 0), v(2, 0, 0)])
  })

  // -----------------------------------------------------------------------------------------------
  // T4, T5
  // -----------------------------------------------------------------------------------------------
  it('T4: formats as major.minor.patch', () => {
    expect(formatVersion({ major: 44, patch: 1 })).toBe('44.0.1')
    expect(formatVersion(v(65535, 65535, 65535))).toBe('65535.65535.65535')
  })

  it('T5: 0.0.0 is a valid deployment version', () => {
    const rt = runtime([dep('0.0.0', 0)])
    expect(validateDeployments(rt, 10, {})._tag).toBe('Right')
  })
})
