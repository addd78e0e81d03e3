/**
 * Verifying a transparent statement whole (TS1–TS12): the signed statement, its did:x509 issuer,
 * and every ledger receipt that vouches for it, before any policy looks at it.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import type { CborValue } from '../codec/reader.js'
import { sha256 } from '../internal/sha.js'
import type { U64 } from '../internal/uint64.js'
import { bytesEqual } from '../rules/deployment.js'
import { decodeCoseSign1, sigStructure, withoutUnprotectedHeader } from './coseSign1.js'
import { type CoseAlgorithm, type PublicKey, readPublicKey, verifyCoseSignature } from './coseSignature.js'
import { resolveDidX509 } from './didX509.js'
import { decodeReceipt, type InclusionProof, merkleRoot } from './receipt.js'
import { readStatementHeader } from './statementHeader.js'
import { type TrustViolation, trustViolation } from './trustViolation.js'

/**
 * Whom receipts must come from (TS11): the ledger service keys, each as SubjectPublicKeyInfo DER
 * or a public JWK, of an EC key on P-256, P-384 or P-521.
 *
 * @category trust
 * @since 0.1.0
 */
export interface ReceiptTrust {
  readonly serviceKeys: ReadonlyArray<Uint8Array | Readonly<Record<string, unknown>>>
}

/**
 * What a verified receipt vouches for (TS12).
 *
 * @category trust
 * @since 0.1.0
 */
export interface VerifiedReceipt {
  readonly alg: CoseAlgorithm
  /** The service key's id: lower-case hex of SHA-256 of its SPKI DER. */
  readonly kid: string
  /** The receipt's CWT `iss`, `sub` and `iat`, when present. */
  readonly issuer?: string
  readonly subject?: string
  readonly iat?: number | bigint
  /** The signature transaction, `<view>.<seqno>`. */
  readonly txid: string
  /** The registration transaction, from the commit evidence `ce:<view>.<seqno>:…`, when it has that form. */
  readonly registrationTxid?: string
  readonly vds: number | bigint
  /** The Merkle root the receipt signs. */
  readonly root: Uint8Array
  readonly leaves: ReadonlyArray<Omit<InclusionProof, 'path'>>
}

/**
 * A transparent statement that passed every check (TS12).
 *
 * @category trust
 * @since 0.1.0
 */
export interface VerifiedStatement {
  readonly alg: CoseAlgorithm
  readonly cty?: number | bigint | string
  /** CWT `iss`: the did:x509 the certificate chain resolved. */
  readonly issuer: string
  readonly subject: string
  readonly iat?: number | bigint
  readonly svn?: U64
  readonly payload: Uint8Array
  readonly x5chain: ReadonlyArray<Uint8Array>
  /** The protected header exactly as signed. */
  readonly protectedBytes: Uint8Array
  readonly receipts: ReadonlyArray<VerifiedReceipt>
}

/** The SCITT `receipts` label of the unprotected header (TS5). */
const RECEIPTS = 394
const CCF_LEDGER_SHA256 = 2

/**
 * A service key's id as CCF receipts carry it (TS9): the lower-case hex of SHA-256 of its SPKI DER.
 *
 * @example
 * import { serviceKeyId } from 'runtime-deployments'
 * serviceKeyId(new Uint8Array(0)) // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 *
 * @category trust
 * @since 0.1.0
 */
export const serviceKeyId = (spki: Uint8Array): string => bytesToHex(sha256(spki))

const EC_CURVES = new Set(['P-256', 'P-384', 'P-521'])

const readTrust = (trust: ReceiptTrust): E.Either<TrustViolation, ReadonlyMap<string, PublicKey>> => {
  const malformed = (argument: string, reason: string) => E.left(trustViolation('MalformedArgument', { argument, reason }))
  if (typeof trust !== 'object' || trust === null || !Array.isArray(trust.serviceKeys)) {
    return malformed('trust.serviceKeys', 'not an array')
  }
  const keys = new Map<string, PublicKey>()
  for (const [i, k] of (trust.serviceKeys as ReadonlyArray<unknown>).entries()) {
    const key = k instanceof Uint8Array || (typeof k === 'object' && k !== null) ? readPublicKey(k as Uint8Array) : undefined
    // TS11: service keys sign receipts, and receipts are ECDSA only (TS6).
    if (key?.kind !== 'EC' || !EC_CURVES.has(key.curve)) {
      return malformed(`trust.serviceKeys[${i}]`, 'not the SPKI DER or public JWK of an EC key on P-256, P-384 or P-521')
    }
    keys.set(serviceKeyId(key.spki), key)
  }
  return E.right(keys)
}

// kid bytes as text: not fatal, so that bytes that are no UTF-8 name no key rather than fail.
const kidText = new TextDecoder('utf-8', { fatal: false })

const registrationOf = (commitEvidence: string): string | undefined => {
  const m = /^ce:(\d+\.\d+):/.exec(commitEvidence)
  return m === null ? undefined : m[1]
}

const verifyReceipt = (
  bytes: CborValue,
  index: number,
  claimsDigest: Uint8Array,
  keys: ReadonlyMap<string, PublicKey>
): E.Either<TrustViolation, VerifiedReceipt> => {
  if (!(bytes instanceof Uint8Array)) {
    return E.left(trustViolation('MalformedReceipt', { receipt: index, part: 'envelope', reason: 'not a byte string' }))
  }
  // TS6
  const read = decodeReceipt(bytes)
  if (E.isLeft(read)) return E.left(trustViolation('MalformedReceipt', { receipt: index, ...read.left }))
  const receipt = read.right
  if (receipt.vds !== CCF_LEDGER_SHA256) return E.left(trustViolation('UnsupportedVds', { receipt: index, vds: String(receipt.vds) }))
  // TS7: every leaf binds to this statement, checked before any root or signature.
  const expected = bytesToHex(claimsDigest)
  for (const [p, proof] of receipt.proofs.entries()) {
    const found = bytesToHex(proof.claimsDigest)
    if (found !== expected) return E.left(trustViolation('ClaimsDigestMismatch', { receipt: index, proof: p, expected, found }))
  }
  // TS8
  const roots = receipt.proofs.map(merkleRoot)
  const root = roots[0]!
  const differing = roots.findIndex((r) => !bytesEqual(r, root))
  if (differing !== -1) return E.left(trustViolation('InconsistentMerkleRoots', { receipt: index, proof: differing }))
  // TS9: kid is ASCII hex, as CCF writes it; compared exactly (lower case).
  const kid = kidText.decode(receipt.kid)
  const key = keys.get(kid)
  if (key === undefined) return E.left(trustViolation('UnknownReceiptKey', { receipt: index, kid: JSON.stringify(kid) }))
  // TS10
  const check = verifyCoseSignature(receipt.alg, key, sigStructure(receipt.envelope.protectedBytes, root), receipt.envelope.signature)
  if (check === 'key-mismatch') {
    return E.left(trustViolation('ReceiptKeyMismatch', { receipt: index, alg: receipt.alg, key: key.kind === 'EC' ? key.curve : key.kind }))
  }
  if (check === 'invalid') return E.left(trustViolation('InvalidReceiptSignature', { receipt: index, alg: receipt.alg }))
  const registrationTxid = registrationOf(receipt.proofs[0]!.commitEvidence)
  return E.right({
    alg: receipt.alg,
    kid,
    ...(receipt.issuer === undefined ? {} : { issuer: receipt.issuer }),
    ...(receipt.subject === undefined ? {} : { subject: receipt.subject }),
    ...(receipt.iat === undefined ? {} : { iat: receipt.iat }),
    txid: receipt.txid,
    ...(registrationTxid === undefined ? {} : { registrationTxid }),
    vds: receipt.vds,
    root,
    leaves: receipt.proofs.map(({ writeSetDigest, commitEvidence, claimsDigest: cd }) => ({ writeSetDigest, commitEvidence, claimsDigest: cd }))
  })
}

/**
 * Verify a transparent statement whole (TS1–TS12): its envelope and protected header, its
 * did:x509 issuer against its certificate chain, its signature, and every receipt's binding,
 * Merkle root and signature by a trusted service key, in that order; the first failure is the
 * answer. Nothing is judged by policy here: see `evaluateCodeUpdatePolicy`.
 *
 * @example
 * import { verifyTransparentStatement } from 'runtime-deployments'
 * verifyTransparentStatement(Uint8Array.of(0xd2, 0x80), { serviceKeys: [] }) // left(MalformedEnvelope, TS1)
 *
 * @category trust
 * @since 0.1.0
 */
export const verifyTransparentStatement = (bytes: Uint8Array, trust: ReceiptTrust): E.Either<TrustViolation, VerifiedStatement> => {
  const keys = readTrust(trust)
  if (E.isLeft(keys)) return keys
  if (!(bytes instanceof Uint8Array)) return E.left(trustViolation('MalformedArgument', { argument: 'bytes', reason: 'not a Uint8Array' }))
  // TS1
  const envelope = decodeCoseSign1(bytes, 'attached')
  if (E.isLeft(envelope)) return E.left(trustViolation('MalformedEnvelope', envelope.left))
  const sign1 = envelope.right
  // TS2
  const header = readStatementHeader(sign1.protectedHeader)
  if (E.isLeft(header)) return E.left(trustViolation('MalformedStatementHeader', header.left))
  const h = header.right
  // TS3
  const resolved = resolveDidX509(h.iss, h.x5chain)
  if (E.isLeft(resolved)) return E.left(trustViolation('IssuerUnresolved', { issuer: h.iss, reason: resolved.left.message }))
  const leafKey = readPublicKey(resolved.right.leafSpki)
  // TS4
  const check =
    leafKey === undefined ? 'key-mismatch' : verifyCoseSignature(h.alg, leafKey, sigStructure(sign1.protectedBytes, sign1.payload!), sign1.signature)
  if (check === 'key-mismatch') {
    const key = leafKey === undefined ? 'unreadable' : leafKey.kind === 'EC' ? leafKey.curve : leafKey.kind === 'RSA' ? 'RSA' : leafKey.type
    return E.left(trustViolation('AlgorithmKeyMismatch', { alg: h.alg, key }))
  }
  if (check === 'invalid') return E.left(trustViolation('InvalidStatementSignature', { alg: h.alg }))
  // TS5
  const receipts = sign1.unprotectedHeader.get(RECEIPTS)
  if (receipts === undefined) return E.left(trustViolation('MissingReceipts', { reason: 'no receipts (label 394) in the unprotected header' }))
  if (!Array.isArray(receipts) || receipts.length === 0) {
    return E.left(trustViolation('MissingReceipts', { reason: 'label 394 is not a non-empty array of receipts' }))
  }
  const claimsDigest = sha256(withoutUnprotectedHeader(sign1))
  const verified: VerifiedReceipt[] = []
  for (const [i, r] of (receipts as ReadonlyArray<CborValue>).entries()) {
    const receipt = verifyReceipt(r, i, claimsDigest, keys.right)
    if (E.isLeft(receipt)) return receipt
    verified.push(receipt.right)
  }
  return E.right({
    alg: h.alg,
    ...(h.cty === undefined ? {} : { cty: h.cty }),
    issuer: h.iss,
    subject: h.sub,
    ...(h.iat === undefined ? {} : { iat: h.iat }),
    ...(h.svn === undefined ? {} : { svn: h.svn }),
    payload: sign1.payload!,
    x5chain: h.x5chain,
    protectedBytes: sign1.protectedBytes,
    receipts: verified
  })
}
