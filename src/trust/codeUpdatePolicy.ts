/**
 * Code update policies (CP1–CP4): which verified transparent statements may vouch for new code,
 * as data or as a function with CCF's contract.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { toBase64 } from '../internal/bytes.js'
import { describeThrown } from '../internal/text.js'
import { compareU64, isU64, type U64 } from '../internal/uint64.js'
import { COSE_ALGORITHMS, type CoseAlgorithm } from './coseSignature.js'
import type { VerifiedStatement } from './transparentStatement.js'
import { type TrustViolation, trustViolation } from './trustViolation.js'

/**
 * A policy as data (CP1): each field, when present, is a constraint every statement must meet.
 *
 * @category trust
 * @since 0.1.0
 */
export interface CodeUpdatePolicyRules {
  /** The issuers (CWT `iss`, a did:x509) accepted, compared exactly. */
  readonly issuers?: ReadonlyArray<string>
  /** The subjects (CWT `sub`) accepted, compared exactly. */
  readonly subjects?: ReadonlyArray<string>
  /** The lowest `svn` accepted; a statement without one is refused. */
  readonly minSvn?: U64
  /** The statement signature algorithms accepted. */
  readonly algorithms?: ReadonlyArray<CoseAlgorithm>
  /** The receipt issuers (receipt CWT `iss`) accepted; every receipt must name one. */
  readonly receiptIssuers?: ReadonlyArray<string>
}

/**
 * One statement as a policy function sees it (CP2), in CCF's shape: COSE algorithm numbers,
 * certificates as PEM, digests as lower-case hex, and absent or empty fields left out.
 *
 * @category trust
 * @since 0.1.0
 */
export interface PolicyStatement {
  readonly phdr: {
    readonly alg: number
    readonly cty?: number | bigint | string
    readonly x5chain: ReadonlyArray<string>
    readonly cwt: { readonly iss?: string; readonly sub?: string; readonly iat?: number | bigint; readonly svn?: number | bigint }
  }
  readonly receipts: ReadonlyArray<{
    readonly alg: number
    readonly vds: number | bigint
    readonly kid?: string
    readonly cwt: { readonly iss?: string; readonly sub?: string; readonly iat?: number | bigint }
    readonly ccf: { readonly txid?: string }
    readonly leaves: ReadonlyArray<{ readonly claims_digest?: string; readonly commit_evidence?: string; readonly write_set_digest?: string }>
  }>
}

/**
 * A code update policy: data (CP1), or a function with CCF's contract (CP2, CP3): it returns
 * `true` to accept, a string to refuse with that reason.
 *
 * @category trust
 * @since 0.1.0
 */
export type CodeUpdatePolicy = CodeUpdatePolicyRules | ((statements: ReadonlyArray<PolicyStatement>) => unknown)

const ALG_IDS: ReadonlyMap<CoseAlgorithm, number> = new Map([...COSE_ALGORITHMS].map(([id, name]) => [name, id]))

const pem = (der: Uint8Array): string => {
  const b64 = toBase64(der)
  const lines = b64.match(/.{1,64}/g) ?? []
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
}

/** CCF sets text and byte fields only when they are not empty (reference §1.3 F). */
const text = <K extends string>(key: K, v: string | undefined): { [P in K]?: string } =>
  (v === undefined || v === '' ? {} : { [key]: v }) as { [P in K]?: string }

const hex = <K extends string>(key: K, v: Uint8Array): { [P in K]?: string } =>
  (v.length === 0 ? {} : { [key]: bytesToHex(v) }) as { [P in K]?: string }

const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v)
    for (const x of Object.values(v)) deepFreeze(x)
  }
  return v
}

/**
 * A verified statement in the shape a policy function receives (CP2), frozen.
 *
 * @example
 * import { policyStatement } from 'runtime-deployments'
 * declare const statement: import('runtime-deployments').VerifiedStatement
 * policyStatement(statement).phdr.cwt.iss // the did:x509 issuer
 *
 * @category trust
 * @since 0.1.0
 */
export const policyStatement = (s: VerifiedStatement): PolicyStatement =>
  deepFreeze({
    phdr: {
      alg: ALG_IDS.get(s.alg)!,
      ...(s.cty === undefined || s.cty === '' ? {} : { cty: s.cty }),
      x5chain: s.x5chain.map(pem),
      cwt: {
        ...text('iss', s.issuer),
        ...text('sub', s.subject),
        ...(s.iat === undefined ? {} : { iat: s.iat }),
        ...(s.svn === undefined ? {} : { svn: s.svn })
      }
    },
    receipts: s.receipts.map((r) => ({
      alg: ALG_IDS.get(r.alg)!,
      vds: r.vds,
      ...text('kid', r.kid),
      cwt: { ...text('iss', r.issuer), ...text('sub', r.subject), ...(r.iat === undefined ? {} : { iat: r.iat }) },
      ccf: text('txid', r.txid),
      leaves: r.leaves.map((l) => ({
        ...hex('claims_digest', l.claimsDigest),
        ...text('commit_evidence', l.commitEvidence),
        ...hex('write_set_digest', l.writeSetDigest)
      }))
    }))
  })

const stringList = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string')

const rulesProblem = (p: CodeUpdatePolicyRules): string | undefined => {
  for (const key of ['issuers', 'subjects', 'receiptIssuers'] as const) {
    if (p[key] !== undefined && !stringList(p[key])) return `${key} is not an array of strings`
  }
  if (p.minSvn !== undefined && !isU64(p.minSvn)) return 'minSvn is not a uint64'
  const algs = p.algorithms
  if (algs !== undefined && !(Array.isArray(algs) && algs.every((a) => ALG_IDS.has(a)))) {
    return `algorithms is not an array of ${[...ALG_IDS.keys()].join(', ')}`
  }
  return undefined
}

// CP1: the first constraint a statement does not meet, as a reason.
const unmet = (p: CodeUpdatePolicyRules, s: VerifiedStatement): string | undefined => {
  if (p.issuers !== undefined && !p.issuers.includes(s.issuer)) return `issuer ${s.issuer} is not accepted`
  if (p.subjects !== undefined && !p.subjects.includes(s.subject)) return `subject ${s.subject} is not accepted`
  if (p.minSvn !== undefined) {
    // An absent svn is refused, never compared (reference §1.3 G: undefined < n is false in JS).
    if (s.svn === undefined) return `no svn, and at least ${String(p.minSvn)} is required`
    if (compareU64(s.svn, p.minSvn) < 0) return `svn ${String(s.svn)} is below ${String(p.minSvn)}`
  }
  if (p.algorithms !== undefined && !p.algorithms.includes(s.alg)) return `algorithm ${s.alg} is not accepted`
  if (p.receiptIssuers !== undefined) {
    const r = s.receipts.findIndex((x) => x.issuer === undefined || !p.receiptIssuers!.includes(x.issuer))
    if (r !== -1) return `receipt ${r} issuer ${s.receipts[r]!.issuer ?? '(none)'} is not accepted`
  }
  return undefined
}

/**
 * Judge verified transparent statements by a code update policy (CP1–CP4). Data: every
 * statement must meet every constraint given, and an empty list is refused. A function: it gets
 * the statements in CCF's shape, frozen; only `true` accepts, a string refuses with that reason,
 * and any other value or a throw is a `PolicyError`. The statements must already be verified:
 * the policy only compares values (reference §1.3 E).
 *
 * @example
 * import { evaluateCodeUpdatePolicy } from 'runtime-deployments'
 * evaluateCodeUpdatePolicy({ minSvn: 100 }, []) // left(NoStatements, CP4)
 * evaluateCodeUpdatePolicy(() => 'not today', []) // left(PolicyRejected 'not today', CP2)
 *
 * @category trust
 * @since 0.1.0
 */
export const evaluateCodeUpdatePolicy = (
  policy: CodeUpdatePolicy,
  statements: ReadonlyArray<VerifiedStatement>
): E.Either<TrustViolation, ReadonlyArray<VerifiedStatement>> => {
  if (!Array.isArray(statements)) return E.left(trustViolation('MalformedArgument', { argument: 'statements', reason: 'not an array' }))
  if (typeof policy === 'function') {
    let result: unknown
    try {
      result = policy(Object.freeze(statements.map(policyStatement)))
    } catch (e) {
      // CP3
      return E.left(trustViolation('PolicyError', { reason: `Code update policy threw: ${describeThrown(e)}` }))
    }
    // CP2: only the boolean true accepts; a string is a reasoned refusal.
    if (result === true) return E.right(statements)
    if (typeof result === 'string') return E.left(trustViolation('PolicyRejected', { reason: result }))
    return E.left(trustViolation('PolicyError', { reason: `Unexpected return value from code update policy: ${describeValue(result)}` })) // CP3
  }
  if (typeof policy !== 'object' || policy === null) {
    return E.left(trustViolation('MalformedArgument', { argument: 'policy', reason: 'neither a function nor an object' }))
  }
  const problem = rulesProblem(policy)
  if (problem !== undefined) return E.left(trustViolation('MalformedArgument', { argument: 'policy', reason: problem }))
  if (statements.length === 0) return E.left(trustViolation('NoStatements', {})) // CP4
  for (const [i, s] of statements.entries()) {
    const reason = unmet(policy, s)
    if (reason !== undefined) return E.left(trustViolation('PolicyRefused', { statement: i, reason })) // CP1
  }
  return E.right(statements)
}

const describeValue = (v: unknown): string => {
  if (typeof v === 'bigint') return `${v}n`
  if (typeof v === 'function') return 'a function'
  try {
    return JSON.stringify(v) ?? String(v)
  } catch {
    return typeof v
  }
}
