/**
 * The security version floor (SV1–SV3 of `spec/trust.md`): for each issuer and subject of signed
 * code identities, the lowest security version number (svn) still admitted. It only rises, so
 * that a statement for an older, vulnerable build cannot be replayed once a newer one was admitted
 * (anti-rollback).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { checkU64, compareU64, type U64 } from '../internal/uint64.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'

/**
 * Floors by issuer and subject: a persistent value; every update returns a new one.
 *
 * @category trust
 * @since 0.1.0
 */
export type SvnFloors = ReadonlyMap<string, U64>

/**
 * Why an svn is not admitted: it is below the floor of its issuer and subject (SV2).
 *
 * @category trust
 * @since 0.1.0
 */
export interface SvnBelowFloor {
  readonly _tag: 'SvnBelowFloor'
  readonly rule: 'SV2'
  readonly message: string
  readonly issuer: string
  readonly subject: string
  readonly svn: U64
  readonly floor: U64
}

// SV1: one floor per (issuer, subject); a NUL cannot occur in either (both are text from a CWT).
const keyOf = (issuer: string, subject: string): string => `${issuer}\u0000${subject}`

const malformed = (argument: string, reason: string): E.Either<RuleViolation, never> => E.left(ruleViolation('MalformedArgument', { argument, reason }))

const checked = (issuer: unknown, subject: unknown, svn: unknown): E.Either<RuleViolation, U64> => {
  if (typeof issuer !== 'string' || issuer === '') return malformed('issuer', 'not a non-empty string')
  if (typeof subject !== 'string' || subject === '') return malformed('subject', 'not a non-empty string')
  const n = checkU64(svn)
  return n === undefined ? malformed('svn', 'not a uint64') : E.right(n)
}

/**
 * The floor for `issuer` and `subject` (SV1): 0 when none was set.
 *
 * @example
 * import { svnFloor } from 'runtime-deployments'
 * svnFloor(new Map(), 'did:x509:0:sha256:…', 'runtime') // 0
 *
 * @category trust
 * @since 0.1.0
 */
export const svnFloor = (floors: SvnFloors, issuer: string, subject: string): U64 =>
  (floors instanceof Map ? floors.get(keyOf(issuer, subject)) : undefined) ?? 0

/**
 * Whether `svn` is admitted for `issuer` and `subject` (SV2): at or above their floor; below it,
 * `SvnBelowFloor` naming both. A malformed argument is `MalformedArgument` (DX2).
 *
 * @example
 * checkSvn(new Map([['iss\u0000sub', 3]]), 'iss', 'sub', 2) // left(SvnBelowFloor: svn 2 is below the floor 3 …)
 *
 * @category trust
 * @since 0.1.0
 */
export const checkSvn = (floors: SvnFloors, issuer: string, subject: string, svn: U64): E.Either<RuleViolation | SvnBelowFloor, U64> => {
  const n = checked(issuer, subject, svn)
  if (E.isLeft(n)) return n
  const floor = svnFloor(floors, issuer, subject)
  if (compareU64(n.right, floor) >= 0) return n
  return E.left({
    _tag: 'SvnBelowFloor',
    rule: 'SV2',
    message: `svn ${String(n.right)} of ${subject} signed by ${issuer} is below the floor ${String(floor)}: a rollback to an older build is refused`,
    issuer,
    subject,
    svn: n.right,
    floor
  })
}

/**
 * The floors after admitting `svn` for `issuer` and `subject` (SV3): the floor rises to `svn`
 * when it is higher and never falls; an svn below the floor is refused as {@link checkSvn}
 * refuses it. The input is not changed.
 *
 * @example
 * raiseSvnFloor(new Map(), 'iss', 'sub', 5) // right(Map { 'iss\u0000sub' => 5 })
 *
 * @category trust
 * @since 0.1.0
 */
export const raiseSvnFloor = (floors: SvnFloors, issuer: string, subject: string, svn: U64): E.Either<RuleViolation | SvnBelowFloor, SvnFloors> => {
  const ok = checkSvn(floors, issuer, subject, svn)
  if (E.isLeft(ok)) return ok
  const out = new Map(floors instanceof Map ? floors : [])
  // SV3: equal stays equal; higher raises.
  if (compareU64(ok.right, svnFloor(floors, issuer, subject)) > 0) out.set(keyOf(issuer, subject), ok.right)
  return E.right(out)
}
