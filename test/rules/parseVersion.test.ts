import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { parseVersion } from '../../src/rules/parseVersion.js'
import { formatVersion, sameVersion } from '../../src/rules/version.js'
import { left, right } from '../support/helpers.js'

// oasis-vectors.md §7, FromString valid cases.
const VALID: ReadonlyArray<readonly [string, readonly [number, number, number]]> = [
  ['0.0.1', [0, 0, 1]],
  ['0.1.2', [0, 1, 2]],
  ['1.2.3', [1, 2, 3]],
  ['1.2.3-alpha', [1, 2, 3]],
  ['1.2.3-alpha+git0253df22', [1, 2, 3]],
  ['1.2.3-alpha+git0253df22-devbranch', [1, 2, 3]],
  ['1.2.3+git0253df22', [1, 2, 3]],
  ['1.2.3+git0253df22-devbranch', [1, 2, 3]],
  ['1.2.3-beta.1', [1, 2, 3]],
  ['300.400.500', [300, 400, 500]],
  ['30000.40000.50000', [30000, 40000, 50000]],
  ['1.0', [1, 0, 0]],
  ['1', [1, 0, 0]],
  ['1.2.3.4', [1, 2, 3]],
  ['1.26rc3', [1, 26, 0]],
  ['1.26-rc3', [1, 26, 0]],
  ['1.26beta3', [1, 26, 0]],
  ['1.26-beta3', [1, 26, 0]],
  ['1.25.5 (Red Hat 1.25.5-1.el10_1.alma.1)', [1, 25, 5]]
]

// oasis-vectors.md §7, FromString invalid cases.
const INVALID: ReadonlyArray<string> = ['', '100000.0.0', '0.100000.0', '0.0.100000', '-1.0.0', '0.-1.0', '0.0.-1', 'a.b.c']

describe('parseVersion', () => {
  it.each(VALID)('T6: parses %j', (input, [major, minor, patch]) => {
    expect(sameVersion(right(parseVersion(input)), { major, minor, patch })).toBe(true)
  })

  it.each(INVALID)('T6: refuses %j', (input) => {
    const e = left(parseVersion(input))
    expect(e._tag).toBe('InvalidVersionString')
    expect(e.rule).toBe('T6')
    expect(e.message).toContain(JSON.stringify(input))
  })

  it('T6: leaves zero parts out of the result', () => {
    expect(right(parseVersion('44.0.1'))).toEqual({ major: 44, patch: 1 })
    expect(right(parseVersion('0.0.0'))).toEqual({})
  })

  it('T6: a fourth part is ignored, whatever it holds; an empty inner part is refused', () => {
    expect(right(parseVersion('1.2.3.x.y'))).toEqual({ major: 1, minor: 2, patch: 3 })
    expect(left(parseVersion('1..3')).message).toContain('minor part is empty')
    expect(left(parseVersion('1.')).message).toContain('minor part is empty')
    expect(left(parseVersion('+1.0.0'))._tag).toBe('InvalidVersionString')
    expect(left(parseVersion(' 1.0.0'))._tag).toBe('InvalidVersionString')
  })

  it('T6: formatVersion output parses back to the same version', () => {
    const part = fc.integer({ min: 0, max: 0xffff })
    fc.assert(
      fc.property(part, part, part, (major, minor, patch) => {
        const version = { major, minor, patch }
        expect(sameVersion(right(parseVersion(formatVersion(version))), version)).toBe(true)
      })
    )
  })

  it('T6: never throws, for any string', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseVersion(s)
        if (E.isLeft(r)) expect(r.left.rule).toBe('T6')
      })
    )
  })
})
