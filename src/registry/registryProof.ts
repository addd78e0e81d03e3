/**
 * Proofs for light clients (E16, E17 of `spec/engine.md`): `proveRuntime` writes, for any
 * 32-byte id, a proof that the registry holds that runtime (with its descriptor hash and
 * suspended flag) or that it holds none; `verifyRuntimeProof` checks such a proof against a root
 * alone, with no registry at hand. A proof is canonical CBOR (C1):
 *
 *     [subject, leaf, path]
 *     subject = bstr .size 32                       ; the id the proof is about
 *     leaf    = null / [bstr .size 32 id, bstr .size 32 runtimeHash, bool suspended]
 *     path    = [* [uint bit, bstr .size 32 sibling]] ; root first, bits strictly increasing, < 256
 *
 * Check order of `verifyRuntimeProof`: the root, the id, the proof's CBOR, its shape, its subject,
 * the path against the root, then inclusion (leaf id = subject) or absence (the subject's bits at
 * every path bit are the leaf's).
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { type CborModel, writeCbor } from '../codec/cbor.js'
import { type RefusalMessages, refusalConstructor, type RefusalUnion } from '../codec/refusal.js'
import { isBytes32 } from '../internal/bytes.js'
import { bytesEqual } from '../rules/deployment.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import { bitOf, descend, EMPTY_ROOT, innerHash, leafHash, nodeHash } from './commitment.js'
import type { Registry } from './registry.js'

/**
 * The rule each proof refusal enforces.
 *
 * @example
 * PROOF_ERROR_RULES.ProofRootMismatch // 'E17'
 *
 * @category errors
 * @since 0.1.0
 */
export const PROOF_ERROR_RULES = {
  ProofArgument: 'E17',
  MalformedProof: 'E16',
  ProofSubjectMismatch: 'E17',
  ProofRootMismatch: 'E17',
  ProofOffPath: 'E17'
} as const

/**
 * The data each proof refusal carries, by tag.
 *
 * @category errors
 * @since 0.1.0
 */
export interface ProofErrorData {
  /** `root` or `id` is not a 32-byte byte string, or `proof` not a byte string. */
  readonly ProofArgument: { readonly argument: 'root' | 'id' | 'proof'; readonly reason: string }
  /** The proof is not the canonical CBOR of E16's shape. */
  readonly MalformedProof: { readonly reason: string }
  /** The proof is about another id. */
  readonly ProofSubjectMismatch: { readonly id: Uint8Array; readonly subject: Uint8Array }
  /** The leaf and path do not hash to the root. */
  readonly ProofRootMismatch: { readonly root: Uint8Array; readonly computed: Uint8Array }
  /** An absence proof whose leaf is not where the id leads: the id's bit differs at `bit`. */
  readonly ProofOffPath: { readonly id: Uint8Array; readonly bit: number }
}

/**
 * A refusal of {@link verifyRuntimeProof}: its tag, rule, one-line message and data.
 *
 * @example
 * proofError('MalformedProof', { reason: 'not CBOR' }).rule // 'E16'
 *
 * @category errors
 * @since 0.1.0
 */
export type ProofError = RefusalUnion<typeof PROOF_ERROR_RULES, ProofErrorData>

const MESSAGES: RefusalMessages<ProofErrorData> = {
  ProofArgument: (d) => `${d.argument}: ${d.reason}`,
  MalformedProof: (d) => `not a registry proof: ${d.reason}`,
  ProofSubjectMismatch: (d) => `the proof is about runtime ${bytesToHex(d.subject)}, not ${bytesToHex(d.id)}`,
  ProofRootMismatch: (d) => `the proof hashes to ${bytesToHex(d.computed)}, not to the root ${bytesToHex(d.root)}`,
  ProofOffPath: (d) => `absence proof for ${bytesToHex(d.id)}: its leaf is not where the id leads (bit ${d.bit} differs)`
}

/**
 * Build a {@link ProofError}; the rule and the message derive from the tag and the data.
 *
 * @example
 * proofError('MalformedProof', { reason: 'not CBOR' }).message // 'not a registry proof: not CBOR'
 *
 * @category constructors
 * @since 0.1.0
 */
export const proofError = refusalConstructor(PROOF_ERROR_RULES, MESSAGES)

/**
 * What a valid proof proves: the runtime's descriptor hash and suspended flag, or its absence.
 *
 * @category commitment
 * @since 0.1.0
 */
export type ProvenRuntime = { readonly runtimeHash: Uint8Array; readonly suspended: boolean } | { readonly absent: true }

/**
 * A proof (E16) that the registry holds runtime `id` (with its descriptor hash and suspended
 * flag) or holds none: canonical CBOR `[subject, leaf, path]`. `id` must be 32 bytes (a runtime
 * id, C4.11), else `MalformedArgument` (DX2). O(depth) (about log2 n nodes for n runtimes).
 *
 * @example
 * import { proveRuntime, registryRoot, verifyRuntimeProof } from 'runtime-deployments'
 * import * as E from 'fp-ts/lib/Either.js'
 * const proof = proveRuntime(registry, rt.id) // right(Uint8Array […])
 * if (E.isRight(proof)) verifyRuntimeProof(registryRoot(registry), rt.id, proof.right) // right({ runtimeHash, suspended: false })
 *
 * @category commitment
 * @since 0.1.0
 */
export const proveRuntime = (registry: Registry, id: Uint8Array): E.Either<RuleViolation, Uint8Array> => {
  // DX2
  if (!isBytes32(id)) return E.left(ruleViolation('MalformedArgument', { argument: 'id', reason: 'not a 32-byte byte string' }))
  const found = descend(registry.commitment, id)
  if (found === undefined) return E.right(writeCbor([id.slice(), null, []]))
  const { leaf: at } = found
  const leaf: CborModel = [at.id, at.runtimeHash, at.suspended]
  const path: CborModel = found.path.map((n) => [n.bit, new Uint8Array(nodeHash(bitOf(at.id, n.bit) === 0 ? n.right : n.left))])
  return E.right(writeCbor([id.slice(), leaf, path]))
}

interface DecodedProof {
  readonly subject: Uint8Array
  readonly leaf: { readonly id: Uint8Array; readonly runtimeHash: Uint8Array; readonly suspended: boolean } | undefined
  readonly path: ReadonlyArray<readonly [number, Uint8Array]>
}

const malformed = (reason: string): E.Either<ProofError, never> => E.left(proofError('MalformedProof', { reason }))

// E16, read byte by byte: a canonical encoding of the shape has exactly one byte string per
// proof, so any other byte (a longer head, an indefinite length, another type) is refused here.
// PERF: no generic CBOR reader and no re-encoding.
const decodeProof = (bytes: Uint8Array): E.Either<ProofError, DecodedProof> => {
  let at = 0
  const byte = (): number => (at < bytes.length ? bytes[at++]! : -1)
  const take32 = (): Uint8Array | undefined => {
    if (byte() !== 0x58 || byte() !== 0x20 || at + 32 > bytes.length) return undefined
    at += 32
    return bytes.slice(at - 32, at)
  }
  if (byte() !== 0x83) return malformed('not a canonical array of 3 items [subject, leaf, path]')
  const subject = take32()
  if (subject === undefined) return malformed('the subject is not a canonical 32-byte byte string')
  let leaf: DecodedProof['leaf']
  const l = byte()
  if (l === 0x83) {
    const id = take32()
    if (id === undefined) return malformed('the leaf id is not a canonical 32-byte byte string')
    const runtimeHash = take32()
    if (runtimeHash === undefined) return malformed('the leaf runtimeHash is not a canonical 32-byte byte string')
    const flag = byte()
    if (flag !== 0xf4 && flag !== 0xf5) return malformed('the leaf suspended flag is not a boolean')
    leaf = { id, runtimeHash, suspended: flag === 0xf5 }
  } else if (l !== 0xf6) {
    return malformed('the leaf is neither null nor a canonical array [id, runtimeHash, suspended]')
  }
  const h = byte()
  let steps: number
  if (h >= 0x80 && h < 0x98) steps = h - 0x80
  else if (h === 0x98) {
    steps = byte()
    if (steps < 24) return malformed('the path length is not in its shortest form')
  } else if (h === 0x99 && byte() === 0x01 && byte() === 0x00) steps = 256
  else return malformed('the path is not a canonical array of at most 256 steps')
  if (leaf === undefined && steps > 0) return malformed('an empty-tree proof has no path')
  const path: Array<readonly [number, Uint8Array]> = []
  let last = -1
  for (let i = 0; i < steps; i++) {
    if (byte() !== 0x82) return malformed(`path step ${i} is not a canonical array [bit, sibling]`)
    let bit = byte()
    if (bit === 0x18) {
      bit = byte()
      if (bit < 24) return malformed(`path step ${i}: the bit is not in its shortest form`)
    } else if (bit < 0 || bit >= 24) return malformed(`path step ${i}: the bit is not a uint below 256`)
    if (bit <= last) return malformed(`path step ${i}: the bit is not above the previous one`)
    const sibling = take32()
    if (sibling === undefined) return malformed(`path step ${i}: the sibling is not a canonical 32-byte byte string`)
    path.push([bit, sibling])
    last = bit
  }
  if (at !== bytes.length) return malformed(`${bytes.length - at} bytes after the proof`)
  return E.right({ subject, leaf, path })
}

/**
 * Check a proof (E16) against a registry root alone (E17): `{ runtimeHash, suspended }` when it
 * proves that the registry of `root` holds runtime `id` with that descriptor hash and flag,
 * `{ absent: true }` when it proves there is none; a {@link ProofError} otherwise (a malformed,
 * non-canonical or foreign proof, or one that does not hash to `root`). Pure and total: never
 * throws. A client holding a descriptor checks `runtimeHash(descriptor)` against the proven hash.
 * O(path length) hashes.
 *
 * @example
 * import { verifyRuntimeProof } from 'runtime-deployments'
 * declare const root: Uint8Array, proof: Uint8Array
 * verifyRuntimeProof(root, id, proof) // right({ runtimeHash, suspended: false }) or right({ absent: true })
 *
 * @category commitment
 * @since 0.1.0
 */
export const verifyRuntimeProof = (root: Uint8Array, id: Uint8Array, proof: Uint8Array): E.Either<ProofError, ProvenRuntime> => {
  if (!isBytes32(root)) return E.left(proofError('ProofArgument', { argument: 'root', reason: 'not a 32-byte byte string' }))
  if (!isBytes32(id)) return E.left(proofError('ProofArgument', { argument: 'id', reason: 'not a 32-byte byte string' }))
  if (!(proof instanceof Uint8Array)) return E.left(proofError('ProofArgument', { argument: 'proof', reason: 'not a byte string' }))
  const decoded = decodeProof(proof)
  if (E.isLeft(decoded)) return decoded
  const { subject, leaf, path } = decoded.right
  if (!bytesEqual(subject, id)) return E.left(proofError('ProofSubjectMismatch', { id: id.slice(), subject }))
  // The leaf and the siblings, folded from the bottom up along the leaf id's bits.
  let computed = EMPTY_ROOT
  if (leaf !== undefined) {
    computed = leafHash(leaf.id, leaf.runtimeHash, leaf.suspended)
    for (let i = path.length - 1; i >= 0; i--) {
      const [bit, sibling] = path[i]!
      computed = bitOf(leaf.id, bit) === 0 ? innerHash(bit, computed, sibling) : innerHash(bit, sibling, computed)
    }
  }
  if (!bytesEqual(computed, root)) return E.left(proofError('ProofRootMismatch', { root: root.slice(), computed: new Uint8Array(computed) }))
  if (leaf === undefined) return E.right({ absent: true })
  if (bytesEqual(leaf.id, id)) return E.right({ runtimeHash: leaf.runtimeHash, suspended: leaf.suspended })
  // Absence: `id` leads to this leaf, which holds another id, so the tree holds no `id`.
  for (const [bit] of path) {
    if (bitOf(id, bit) !== bitOf(leaf.id, bit)) return E.left(proofError('ProofOffPath', { id: id.slice(), bit }))
  }
  return E.right({ absent: true })
}
