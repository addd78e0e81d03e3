/**
 * CCF COSE receipts (TS6, TS8): a ledger's signature over a Merkle root, with inclusion proofs of
 * the leaves it covers.
 *
 * @since 0.1.0
 */
import { concatBytes } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { type CborValue, readCborTagged } from '../codec/reader.js'
import { isBytes32 } from '../internal/bytes.js'
import { sha256 } from '../internal/sha.js'
import { isU64 } from '../internal/uint64.js'
import { asHeader, type CoseSign1, decodeCoseSign1 } from './coseSign1.js'
import type { CoseAlgorithm } from './coseSignature.js'
import { cwtTime, headerAlgorithm } from './statementHeader.js'

/**
 * One inclusion proof of a CCF receipt: the leaf's three parts and the path to the root.
 *
 * @category trust
 * @since 0.1.0
 */
export interface InclusionProof {
  /** 32 bytes. */
  readonly writeSetDigest: Uint8Array
  /** Text of 1 to 1,024 bytes, `ce:<view>.<seqno>:<hex>` in CCF. */
  readonly commitEvidence: string
  /** 32 bytes: what binds the leaf to a statement (TS7). */
  readonly claimsDigest: Uint8Array
  /** From the leaf up; `left` puts the sibling hash first. Never empty. */
  readonly path: ReadonlyArray<{ readonly left: boolean; readonly hash: Uint8Array }>
}

/**
 * A CCF COSE receipt as read (TS6).
 *
 * @category trust
 * @since 0.1.0
 */
export interface Receipt {
  readonly envelope: CoseSign1
  readonly alg: CoseAlgorithm
  /** The key id as received: in CCF, the ASCII hex of SHA-256 of the service key's SPKI. */
  readonly kid: Uint8Array
  /** The verifiable data structure; 2 (CCF_LEDGER_SHA256) is the only one verified. */
  readonly vds: number | bigint
  /** The signature transaction, `<view>.<seqno>`. */
  readonly txid: string
  readonly issuer?: string
  readonly subject?: string
  readonly iat?: number | bigint
  readonly proofs: ReadonlyArray<InclusionProof>
}

/**
 * Which part of a receipt is malformed, and why.
 *
 * @category trust
 * @since 0.1.0
 */
export interface ReceiptProblem {
  readonly part: string
  readonly reason: string
}

const bad = (part: string, reason: string): E.Either<ReceiptProblem, never> => E.left({ part, reason })

const TXID = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/

/**
 * True when `txid` is `<view>.<seqno>` in decimal, each a uint64 (TS6).
 *
 * @example
 * isTxid('458.12441') // true
 *
 * @category trust
 * @since 0.1.0
 */
export const isTxid = (txid: string): boolean => {
  const m = TXID.exec(txid)
  return m !== null && isU64(BigInt(m[1]!)) && isU64(BigInt(m[2]!))
}

const readProof = (bytes: CborValue, i: number): E.Either<ReceiptProblem, InclusionProof> => {
  const part = `vdp proof ${i}`
  if (!(bytes instanceof Uint8Array)) return bad(part, 'not a byte string')
  const read = readCborTagged(bytes)
  if (E.isLeft(read)) return bad(part, read.left.message)
  const proof = asHeader(read.right)
  if (proof === undefined) return bad(part, 'not a map')
  const leaf = proof.get(1)
  if (!Array.isArray(leaf) || leaf.length !== 3) return bad(`${part} leaf`, 'not an array of three items')
  const [writeSetDigest, commitEvidence, claimsDigest] = leaf as ReadonlyArray<CborValue>
  if (!isBytes32(writeSetDigest)) return bad(`${part} write_set_digest`, 'not 32 bytes')
  const ceLength = typeof commitEvidence === 'string' ? new TextEncoder().encode(commitEvidence).length : 0
  if (typeof commitEvidence !== 'string' || ceLength < 1 || ceLength > 1024) {
    return bad(`${part} commit_evidence`, 'not text of 1 to 1024 bytes')
  }
  if (!isBytes32(claimsDigest)) return bad(`${part} claims_digest`, 'not 32 bytes')
  const rawPath = proof.get(2)
  if (!Array.isArray(rawPath) || rawPath.length === 0) return bad(`${part} path`, 'not a non-empty array')
  const path: Array<{ left: boolean; hash: Uint8Array }> = []
  for (const [j, step] of (rawPath as ReadonlyArray<CborValue>).entries()) {
    if (!Array.isArray(step) || step.length !== 2) return bad(`${part} path ${j}`, 'not an array of two items')
    const [left, hash] = step as ReadonlyArray<CborValue>
    if (typeof left !== 'boolean') return bad(`${part} path ${j}`, 'direction is not a boolean')
    if (!isBytes32(hash)) return bad(`${part} path ${j}`, 'hash is not 32 bytes')
    path.push({ left, hash })
  }
  return E.right({ writeSetDigest, commitEvidence, claimsDigest, path })
}

/**
 * Read a CCF COSE receipt (TS6): a COSE_Sign1 with a detached payload, `alg` ES256/384/512,
 * `kid`, `vds`, `ccf.v1` `txid` and optional CWT claims protected, and a non-empty list of
 * inclusion proofs at `vdp` (396) −1. `vds` is read, not judged: TS6 refuses any but 2 after.
 *
 * @example
 * import { decodeReceipt } from 'runtime-deployments'
 * decodeReceipt(Uint8Array.of(0xa0)) // left({ part: 'envelope', reason: 'not tagged 18 (COSE_Sign1)' })
 *
 * @category trust
 * @since 0.1.0
 */
export const decodeReceipt = (bytes: Uint8Array): E.Either<ReceiptProblem, Receipt> => {
  const envelope = decodeCoseSign1(bytes, 'detached')
  if (E.isLeft(envelope)) return envelope
  const h = envelope.right.protectedHeader
  const alg = headerAlgorithm(h, ['ES256', 'ES384', 'ES512'])
  if (E.isLeft(alg)) return bad(alg.left.field, alg.left.reason)
  const kid = h.get(4)
  if (!(kid instanceof Uint8Array)) return bad('kid', kid === undefined ? 'missing' : 'not a byte string')
  const vds = h.get(395)
  if (typeof vds !== 'bigint' && !(typeof vds === 'number' && Number.isInteger(vds))) {
    return bad('vds', vds === undefined ? 'missing' : 'not an integer')
  }
  const ccf = h.get('ccf.v1')
  const ccfMap = ccf === undefined ? undefined : asHeader(ccf)
  if (ccfMap === undefined) return bad('ccf.v1', ccf === undefined ? 'missing' : 'not a map')
  const txid = ccfMap.get('txid')
  if (typeof txid !== 'string' || !isTxid(txid)) return bad('ccf.v1 txid', 'not <view>.<seqno>')
  let claims: { issuer?: string; subject?: string; iat?: number | bigint } = {}
  const cwtValue = h.get(15)
  if (cwtValue !== undefined) {
    const cwt = asHeader(cwtValue)
    if (cwt === undefined) return bad('cwt', 'not a map')
    const [iss, sub, iatValue] = [cwt.get(1), cwt.get(2), cwt.get(6)]
    if (iss !== undefined && typeof iss !== 'string') return bad('cwt.iss', 'not text')
    if (sub !== undefined && typeof sub !== 'string') return bad('cwt.sub', 'not text')
    const iat = iatValue === undefined ? undefined : cwtTime(iatValue)
    if (iatValue !== undefined && iat === undefined) return bad('cwt.iat', 'not an integer')
    claims = { ...(iss === undefined ? {} : { issuer: iss }), ...(sub === undefined ? {} : { subject: sub }), ...(iat === undefined ? {} : { iat }) }
  }
  const vdpValue = envelope.right.unprotectedHeader.get(396)
  const vdp = vdpValue === undefined ? undefined : asHeader(vdpValue)
  if (vdp === undefined) return bad('vdp', vdpValue === undefined ? 'missing' : 'not a map')
  const rawProofs = vdp.get(-1)
  if (!Array.isArray(rawProofs) || rawProofs.length === 0) return bad('vdp -1', 'not a non-empty array of inclusion proofs')
  const proofs: InclusionProof[] = []
  for (const [i, p] of (rawProofs as ReadonlyArray<CborValue>).entries()) {
    const proof = readProof(p, i)
    if (E.isLeft(proof)) return proof
    proofs.push(proof.right)
  }
  return E.right({ envelope: envelope.right, alg: alg.right, kid, vds, txid, ...claims, proofs })
}

/**
 * The Merkle root an inclusion proof leads to (TS8): the leaf hash SHA-256(write_set_digest ‖
 * SHA-256(commit_evidence) ‖ claims_digest), then one SHA-256 per path step, the sibling first
 * when `left`. No domain separation: CCF's tree has none.
 *
 * @example
 * import { merkleRoot } from 'runtime-deployments'
 * merkleRoot({ writeSetDigest: new Uint8Array(32), commitEvidence: 'ce:1.2:00', claimsDigest: new Uint8Array(32), path: [{ left: true, hash: new Uint8Array(32) }] }).length // 32
 *
 * @category trust
 * @since 0.1.0
 */
export const merkleRoot = (proof: InclusionProof): Uint8Array => {
  let h = sha256(concatBytes(proof.writeSetDigest, sha256(new TextEncoder().encode(proof.commitEvidence)), proof.claimsDigest))
  for (const step of proof.path) h = sha256(step.left ? concatBytes(step.hash, h) : concatBytes(h, step.hash))
  // A plain Uint8Array of its own, not the hash backend's Buffer (C8).
  return new Uint8Array(h)
}
