/**
 * Admitting a code identity as CCF admits a joining node's host data (AD1–AD5): explicitly
 * trusted, or endorsed by a transparent statement that verifies, binds to it and passes the
 * code update policy.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { bytesEqual } from '../rules/deployment.js'
import { type CodeUpdatePolicy, evaluateCodeUpdatePolicy } from './codeUpdatePolicy.js'
import { checkSvn, type SvnBelowFloor, type SvnFloors } from './svnFloor.js'
import { type ReceiptTrust, type VerifiedStatement, verifyTransparentStatement } from './transparentStatement.js'
import { type TrustViolation, trustViolation } from './trustViolation.js'

/**
 * What admission may rely on: the identities trusted outright, and for any other identity a
 * transparent statement, the receipt service keys to verify it with, and the policy to judge it.
 *
 * @category trust
 * @since 0.1.0
 */
export interface AdmissionInput {
  readonly trusted: ReadonlyArray<Uint8Array>
  readonly statement?: Uint8Array
  readonly trust?: ReceiptTrust
  readonly policy?: CodeUpdatePolicy
  /** AD5: the security version floors; a statement's svn must be at or above its issuer and subject's. */
  readonly floors?: SvnFloors
}

/**
 * How a code identity was admitted.
 *
 * @category trust
 * @since 0.1.0
 */
export type Admission = { readonly via: 'trusted' } | { readonly via: 'statement'; readonly statement: VerifiedStatement }

const malformed = (argument: string, reason: string): E.Either<TrustViolation, never> =>
  E.left(trustViolation('MalformedArgument', { argument, reason }))

/**
 * Admit a code identity (its bytes: a bundle checksum, an enclave identity, CCF host data) with
 * CCF's join semantics (AD1–AD5): an explicitly trusted identity is admitted without looking at
 * the statement (AD1); otherwise a statement is required (AD2), a policy must be set (AD4, where
 * CCF admits without one), the statement must verify (TS1–TS12), its payload must be exactly the
 * identity (AD3) and the policy must accept it (CP1–CP4); with `floors`, its svn (0 when absent)
 * must not be below the floor of its issuer and subject (AD5, SV2). Raising the floor after an
 * admission is the caller's step (`raiseSvnFloor`).
 *
 * @example
 * import { admitCodeIdentity } from 'runtime-deployments'
 * admitCodeIdentity(Uint8Array.of(1), { trusted: [Uint8Array.of(1)] }) // right({ via: 'trusted' })
 * admitCodeIdentity(Uint8Array.of(2), { trusted: [] }) // left(StatementRequired, AD2)
 *
 * @category trust
 * @since 0.1.0
 */
export const admitCodeIdentity = (identity: Uint8Array, input: AdmissionInput): E.Either<TrustViolation | SvnBelowFloor, Admission> => {
  if (!(identity instanceof Uint8Array) || identity.length === 0) return malformed('identity', 'not a non-empty Uint8Array')
  if (typeof input !== 'object' || input === null) return malformed('input', 'not an object')
  const { trusted, statement, trust, policy, floors } = input
  if (!Array.isArray(trusted) || !trusted.every((t) => t instanceof Uint8Array)) return malformed('trusted', 'not an array of Uint8Array')
  // AD1: the trusted list wins; a broken statement cannot block a trusted identity.
  if (trusted.some((t) => bytesEqual(t, identity))) return E.right({ via: 'trusted' })
  const id = bytesToHex(identity)
  if (statement === undefined) return E.left(trustViolation('StatementRequired', { identity: id })) // AD2
  if (!(statement instanceof Uint8Array)) return malformed('statement', 'not a Uint8Array')
  if (policy === undefined) return E.left(trustViolation('NoPolicy', { identity: id })) // AD4
  if (trust === undefined) return malformed('trust', 'required to verify a statement')
  const verified = verifyTransparentStatement(statement, trust)
  if (E.isLeft(verified)) return verified
  // AD3: the payload is exactly the identity's bytes (CCF: the 32-byte host data), length first.
  const payload = verified.right.payload
  if (!bytesEqual(payload, identity)) return E.left(trustViolation('StatementNotForIdentity', { identity: id, payload: bytesToHex(payload) }))
  const judged = evaluateCodeUpdatePolicy(policy, [verified.right])
  if (E.isLeft(judged)) return judged
  // AD5: anti-rollback; a statement without an svn counts as svn 0.
  if (floors !== undefined) {
    const { issuer, subject, svn } = verified.right
    const checked = checkSvn(floors, issuer, subject, svn ?? 0)
    if (E.isLeft(checked)) {
      const v = checked.left
      return E.left(v._tag === 'SvnBelowFloor' ? v : trustViolation('MalformedArgument', { argument: v._tag === 'MalformedArgument' ? v.argument : 'floors', reason: v.message }))
    }
  }
  return E.right({ via: 'statement', statement: verified.right })
}
