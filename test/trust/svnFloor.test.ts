/**
 * The svn floor (spec/trust.md SV1–SV3): per issuer and subject, it only rises.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { checkSvn, raiseSvnFloor, svnFloor, type SvnFloors } from '../../src/trust/svnFloor.js'
import { deepFreeze, left, right } from '../support/helpers.js'

const ISS = 'did:x509:0:sha256:WE4P5dd8DnLHSkyHaIjhp4udlkF9LqoKwCvu9gl38jk::subject:CN:build'
const SUB = 'ccf.code-identity'

describe('svn floor', () => {
  it('SV1: a floor per issuer and subject, 0 until one is admitted; malformed arguments are refused', () => {
    expect(svnFloor(new Map(), ISS, SUB)).toBe(0)
    const floors = right(raiseSvnFloor(new Map(), ISS, SUB, 4))
    expect(svnFloor(floors, ISS, SUB)).toBe(4)
    expect(svnFloor(floors, ISS, 'other')).toBe(0)
    expect(svnFloor(floors, 'other', SUB)).toBe(0)
    expect(left(checkSvn(floors, '', SUB, 1))).toMatchObject({ _tag: 'MalformedArgument', argument: 'issuer' })
    expect(left(checkSvn(floors, ISS, SUB, -1))).toMatchObject({ _tag: 'MalformedArgument', argument: 'svn' })
  })

  it('SV2: an svn below the floor is refused, naming issuer, subject, svn and floor; at or above it is admitted', () => {
    const floors = right(raiseSvnFloor(new Map(), ISS, SUB, 2n ** 60n))
    const refused = left(checkSvn(floors, ISS, SUB, 2n ** 60n - 1n))
    expect(refused).toMatchObject({ _tag: 'SvnBelowFloor', rule: 'SV2', svn: 2n ** 60n - 1n, floor: 2n ** 60n, issuer: ISS, subject: SUB })
    expect(refused.message).toBe(`svn 1152921504606846975 of ${SUB} signed by ${ISS} is below the floor 1152921504606846976: a rollback to an older build is refused`)
    expect(E.isRight(checkSvn(floors, ISS, SUB, 2n ** 60n))).toBe(true)
    expect(left(raiseSvnFloor(floors, ISS, SUB, 3))).toMatchObject({ _tag: 'SvnBelowFloor' })
  })

  it('SV3: the floor only rises, whatever the order of admissions, and the input is not changed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(ISS, 'iss-b'), fc.constantFrom(SUB, 'sub-b'), fc.nat({ max: 20 })), { maxLength: 12 }), (steps) => {
        let floors: SvnFloors = deepFreeze(new Map())
        const highest = new Map<string, number>()
        for (const [iss, sub, svn] of steps) {
          const before = svnFloor(floors, iss, sub)
          const next = raiseSvnFloor(floors, iss, sub, svn)
          if (svn < (before as number)) expect(E.isLeft(next)).toBe(true)
          else {
            floors = deepFreeze(right(next))
            highest.set(`${iss}/${sub}`, Math.max(highest.get(`${iss}/${sub}`) ?? 0, svn))
          }
          expect(svnFloor(floors, iss, sub)).toBeGreaterThanOrEqual(before as number)
        }
        for (const [k, v] of highest) expect(svnFloor(floors, ...(k.split('/') as [string, string]))).toBe(v)
      }),
      { numRuns: 300 }
    )
  })
})
