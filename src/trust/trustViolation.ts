/**
 * Typed refusals of transparent statements, receipts, code update policies and code identity
 * admission (TS, CP and AD rules of `spec/trust.md`).
 *
 * @since 0.1.0
 */
import { type RefusalMessages, refusalConstructor, type RefusalUnion } from '../codec/refusal.js'

/**
 * The rule each trust refusal enforces.
 *
 * @example
 * TRUST_VIOLATION_RULES.ClaimsDigestMismatch // 'TS7'
 *
 * @category trust
 * @since 0.1.0
 */
export const TRUST_VIOLATION_RULES = {
  MalformedArgument: 'DX2',
  MalformedEnvelope: 'TS1',
  MalformedStatementHeader: 'TS2',
  IssuerUnresolved: 'TS3',
  AlgorithmKeyMismatch: 'TS4',
  InvalidStatementSignature: 'TS4',
  MissingReceipts: 'TS5',
  MalformedReceipt: 'TS6',
  UnsupportedVds: 'TS6',
  ClaimsDigestMismatch: 'TS7',
  InconsistentMerkleRoots: 'TS8',
  UnknownReceiptKey: 'TS9',
  ReceiptKeyMismatch: 'TS9',
  InvalidReceiptSignature: 'TS10',
  PolicyRefused: 'CP1',
  PolicyRejected: 'CP2',
  PolicyError: 'CP3',
  NoStatements: 'CP4',
  StatementRequired: 'AD2',
  StatementNotForIdentity: 'AD3',
  NoPolicy: 'AD4'
} as const

/**
 * The `_tag` of a {@link TrustViolation}.
 *
 * @category trust
 * @since 0.1.0
 */
export type TrustViolationTag = keyof typeof TRUST_VIOLATION_RULES

/**
 * The data each trust refusal carries, by tag. `receipt` is the receipt's index in the
 * statement's receipts (TS5), `proof` the proof's index in the receipt.
 *
 * @category trust
 * @since 0.1.0
 */
export interface TrustViolationData {
  readonly MalformedArgument: { readonly argument: string; readonly reason: string }
  readonly MalformedEnvelope: { readonly part: string; readonly reason: string }
  readonly MalformedStatementHeader: { readonly field: string; readonly reason: string }
  readonly IssuerUnresolved: { readonly issuer: string; readonly reason: string }
  readonly AlgorithmKeyMismatch: { readonly alg: string; readonly key: string }
  readonly InvalidStatementSignature: { readonly alg: string }
  readonly MissingReceipts: { readonly reason: string }
  readonly MalformedReceipt: { readonly receipt: number; readonly part: string; readonly reason: string }
  readonly UnsupportedVds: { readonly receipt: number; readonly vds: string }
  readonly ClaimsDigestMismatch: {
    readonly receipt: number
    readonly proof: number
    readonly expected: string
    readonly found: string
  }
  readonly InconsistentMerkleRoots: { readonly receipt: number; readonly proof: number }
  readonly UnknownReceiptKey: { readonly receipt: number; readonly kid: string }
  readonly ReceiptKeyMismatch: { readonly receipt: number; readonly alg: string; readonly key: string }
  readonly InvalidReceiptSignature: { readonly receipt: number; readonly alg: string }
  readonly PolicyRefused: { readonly statement: number; readonly reason: string }
  readonly PolicyRejected: { readonly reason: string }
  readonly PolicyError: { readonly reason: string }
  readonly NoStatements: Record<string, never>
  readonly StatementRequired: { readonly identity: string }
  readonly StatementNotForIdentity: { readonly identity: string; readonly payload: string }
  readonly NoPolicy: { readonly identity: string }
}

/**
 * Why a transparent statement, a policy decision or a code identity's admission is refused.
 *
 * @example
 * import { trustViolation } from 'runtime-deployments'
 * trustViolation('NoStatements', {}).rule // 'CP4'
 *
 * @category trust
 * @since 0.1.0
 */
export type TrustViolation = RefusalUnion<typeof TRUST_VIOLATION_RULES, TrustViolationData>

const receiptName = (i: number): string => `receipt ${i}`

const MESSAGES: RefusalMessages<TrustViolationData> = {
  MalformedArgument: (d) => `argument ${d.argument} is malformed: ${d.reason}`,
  MalformedEnvelope: (d) => `the statement is not a COSE_Sign1 envelope (${d.part}): ${d.reason}`,
  MalformedStatementHeader: (d) => `the statement's protected header is malformed (${d.field}): ${d.reason}`,
  IssuerUnresolved: (d) => `the issuer ${d.issuer} does not resolve against the certificate chain: ${d.reason}`,
  AlgorithmKeyMismatch: (d) => `the statement's algorithm ${d.alg} cannot be used with its ${d.key} key`,
  InvalidStatementSignature: (d) => `the statement's ${d.alg} signature does not verify under the issuer's key`,
  MissingReceipts: (d) => `the statement carries no receipts: ${d.reason}`,
  MalformedReceipt: (d) => `${receiptName(d.receipt)} is malformed (${d.part}): ${d.reason}`,
  UnsupportedVds: (d) => `${receiptName(d.receipt)} has verifiable data structure ${d.vds}, not 2 (CCF_LEDGER_SHA256)`,
  ClaimsDigestMismatch: (d) =>
    `${receiptName(d.receipt)}, proof ${d.proof}, binds claims digest ${d.found}, not the statement's ${d.expected}`,
  InconsistentMerkleRoots: (d) => `${receiptName(d.receipt)}, proof ${d.proof}, gives another Merkle root than proof 0`,
  UnknownReceiptKey: (d) => `${receiptName(d.receipt)} is signed by key ${d.kid}, which is not a trusted service key`,
  ReceiptKeyMismatch: (d) => `${receiptName(d.receipt)}'s algorithm ${d.alg} cannot be used with its ${d.key} service key`,
  InvalidReceiptSignature: (d) => `${receiptName(d.receipt)}'s ${d.alg} signature does not verify under the service key`,
  PolicyRefused: (d) => `the code update policy refused statement ${d.statement}: ${d.reason}`,
  PolicyRejected: (d) => `the code update policy refused the statements: ${d.reason}`,
  PolicyError: (d) => d.reason,
  NoStatements: () => 'the code update policy was given no statement to accept',
  StatementRequired: (d) => `code identity ${d.identity} is not trusted and no statement endorses it`,
  StatementNotForIdentity: (d) => `the statement's payload ${d.payload} is not code identity ${d.identity}`,
  NoPolicy: (d) => `code identity ${d.identity} is not trusted and no code update policy is set to judge its statement`
}

/**
 * Build a {@link TrustViolation}; the rule and the message derive from the tag and the data.
 *
 * @example
 * trustViolation('UnsupportedVds', { receipt: 0, vds: '1' }).message
 * // 'receipt 0 has verifiable data structure 1, not 2 (CCF_LEDGER_SHA256)'
 *
 * @category trust
 * @since 0.1.0
 */
export const trustViolation = refusalConstructor(TRUST_VIOLATION_RULES, MESSAGES)
