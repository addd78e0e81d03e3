/**
 * State sync (E18, E19 of `spec/engine.md`): `snapshotRegistry` cuts a registry into chunks of
 * at most `chunkSize` runtimes plus a manifest naming each chunk by its hash; `restoreRegistry`
 * rebuilds the registry from them and refuses, as a value, any missing, extra, reordered or
 * altered chunk, and any state whose root is not the expected one.
 *
 * Check order of `restoreRegistry`: the expected root, the manifest, its root, the number of
 * chunks, each chunk's hash (in order), each chunk's content (in order), the rebuilt root.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { writeCbor } from '../codec/cbor.js'
import { type RefusalMessages, refusalConstructor, type RefusalUnion } from '../codec/refusal.js'
import { type CborValue, readCbor } from '../codec/reader.js'
import { isBytes32 } from '../internal/bytes.js'
import { mapValues } from '../internal/persistentMap.js'
import { sha512_256 } from '../internal/sha.js'
import { checkU64 } from '../internal/uint64.js'
import { bytesEqual, compareBytes } from '../rules/deployment.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import { decodeRuntime, encodeRuntime } from '../schema/descriptors.js'
import type { Runtime, U64 } from '../schema/runtime.js'
import { commitmentRoot } from './commitment.js'
import { buildRegistry, type Registry } from './registry.js'

/**
 * The manifest of a snapshot (E18): what a node syncing state fetches first, checks against a
 * root it trusts, and uses to check each chunk as it arrives.
 *
 * @category state sync
 * @since 0.1.0
 */
export interface SnapshotManifest {
  /** The format version: 1. */
  readonly version: 1
  /** The registry's epoch. */
  readonly epoch: U64
  /** `registryRoot` of the registry. */
  readonly root: Uint8Array
  /** The number of runtimes. */
  readonly runtimes: number
  /** The most runtimes a chunk holds; every chunk but the last holds exactly that many. */
  readonly chunkSize: number
  /** SHA-512/256 of each chunk, in order. */
  readonly chunks: ReadonlyArray<Uint8Array>
}

/**
 * A snapshot: its manifest and its chunks, in order.
 *
 * @category state sync
 * @since 0.1.0
 */
export interface RegistrySnapshot {
  readonly manifest: SnapshotManifest
  readonly chunks: ReadonlyArray<Uint8Array>
}

/**
 * Options of {@link snapshotRegistry}.
 *
 * @category state sync
 * @since 0.1.0
 */
export interface SnapshotOptions {
  /** The most runtimes per chunk: an integer from 1 to 2^20. */
  readonly chunkSize: number
}

/**
 * The largest chunk size {@link snapshotRegistry} accepts (runtimes per chunk).
 *
 * @example
 * MAX_CHUNK_SIZE // 1048576
 *
 * @category state sync
 * @since 0.1.0
 */
export const MAX_CHUNK_SIZE = 1 << 20

/**
 * The rule each snapshot refusal enforces.
 *
 * @example
 * SNAPSHOT_ERROR_RULES.ChunkHashMismatch // 'E19'
 *
 * @category errors
 * @since 0.1.0
 */
export const SNAPSHOT_ERROR_RULES = {
  SnapshotArgument: 'E19',
  MalformedManifest: 'E19',
  SnapshotRootMismatch: 'E19',
  ChunkCountMismatch: 'E19',
  ChunkHashMismatch: 'E19',
  MalformedChunk: 'E19'
} as const

/**
 * The data each snapshot refusal carries, by tag.
 *
 * @category errors
 * @since 0.1.0
 */
export interface SnapshotErrorData {
  /** `expectedRoot` is not a 32-byte byte string. */
  readonly SnapshotArgument: { readonly argument: 'expectedRoot'; readonly reason: string }
  readonly MalformedManifest: { readonly reason: string }
  /** The manifest's root, or the root of the rebuilt registry, is not the expected one. */
  readonly SnapshotRootMismatch: { readonly expected: Uint8Array; readonly got: Uint8Array; readonly of: 'manifest' | 'restored registry' }
  /** Chunks missing or extra. */
  readonly ChunkCountMismatch: { readonly expected: number; readonly got: number }
  /** Chunk `index` is not the one the manifest names (altered, or another chunk in its place). */
  readonly ChunkHashMismatch: { readonly index: number }
  /** Chunk `index` has the manifest's hash but not the content of E18 (`index` −1: the state as a whole is one the registry does not store, E2/E3). */
  readonly MalformedChunk: { readonly index: number; readonly reason: string }
}

/**
 * A refusal of {@link restoreRegistry}: its tag, rule, one-line message and data.
 *
 * @example
 * snapshotError('ChunkHashMismatch', { index: 3 }).rule // 'E19'
 *
 * @category errors
 * @since 0.1.0
 */
export type SnapshotError = RefusalUnion<typeof SNAPSHOT_ERROR_RULES, SnapshotErrorData>

const MESSAGES: RefusalMessages<SnapshotErrorData> = {
  SnapshotArgument: (d) => `${d.argument}: ${d.reason}`,
  MalformedManifest: (d) => `not a snapshot manifest: ${d.reason}`,
  SnapshotRootMismatch: (d) => `the ${d.of} has root ${bytesToHex(d.got)}, not the expected ${bytesToHex(d.expected)}`,
  ChunkCountMismatch: (d) => `the manifest names ${d.expected} chunks but ${d.got} were given`,
  ChunkHashMismatch: (d) => `chunk ${d.index} is not the chunk the manifest names at that place (altered, missing or reordered)`,
  MalformedChunk: (d) => `chunk ${d.index}: ${d.reason}`
}

/**
 * Build a {@link SnapshotError}; the rule and the message derive from the tag and the data.
 *
 * @example
 * snapshotError('ChunkCountMismatch', { expected: 4, got: 3 }).message // 'the manifest names 4 chunks but 3 were given'
 *
 * @category constructors
 * @since 0.1.0
 */
export const snapshotError = refusalConstructor(SNAPSHOT_ERROR_RULES, MESSAGES)

const isChunkSize = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_CHUNK_SIZE

/**
 * Cut a registry into chunks (E18): chunk i is the canonical CBOR array of `[descriptor,
 * suspended]` for the runtimes i·chunkSize … in id order, `descriptor` the canonical encoding of
 * the stored descriptor (C1) as a byte string; the manifest names the epoch, the root, the
 * number of runtimes, the chunk size and the SHA-512/256 of each chunk. `chunkSize` must be an
 * integer from 1 to {@link MAX_CHUNK_SIZE}, else `MalformedArgument` (DX2). O(n) encodings.
 *
 * @example
 * import { restoreRegistry, registryRoot, snapshotRegistry } from 'runtime-deployments'
 * import * as E from 'fp-ts/lib/Either.js'
 * const snap = snapshotRegistry(registry, { chunkSize: 1000 })
 * if (E.isRight(snap)) restoreRegistry(snap.right.manifest, snap.right.chunks, registryRoot(registry)) // right(registry)
 *
 * @category state sync
 * @since 0.1.0
 */
export const snapshotRegistry = (registry: Registry, options: SnapshotOptions): E.Either<RuleViolation, RegistrySnapshot> => {
  const chunkSize = typeof options === 'object' && options !== null ? options.chunkSize : undefined
  // DX2
  if (!isChunkSize(chunkSize)) {
    return E.left(ruleViolation('MalformedArgument', { argument: 'options.chunkSize', reason: `not an integer from 1 to ${MAX_CHUNK_SIZE}` }))
  }
  const states = mapValues(registry.runtimes)
  const chunks: Uint8Array[] = []
  for (let start = 0; start < states.length; start += chunkSize) {
    const entries: Array<[Uint8Array, boolean]> = []
    for (const state of states.slice(start, start + chunkSize)) {
      // Every stored descriptor encodes (E3).
      const bytes = encodeRuntime(state.runtime)
      if (E.isLeft(bytes)) return E.left(ruleViolation('MalformedArgument', { argument: 'registry', reason: 'holds a descriptor that does not encode' }))
      entries.push([bytes.right, state.suspended])
    }
    chunks.push(writeCbor(entries))
  }
  const manifest: SnapshotManifest = {
    version: 1,
    epoch: registry.epoch,
    root: new Uint8Array(commitmentRoot(registry.commitment)),
    runtimes: states.length,
    chunkSize,
    chunks: chunks.map((c) => sha512_256(c))
  }
  return E.right({ manifest, chunks })
}

const manifestProblem = (m: unknown): string | undefined => {
  if (typeof m !== 'object' || m === null) return 'not an object'
  const o = m as Partial<Record<keyof SnapshotManifest, unknown>>
  if (o.version !== 1) return 'version is not 1'
  if (checkU64(o.epoch) === undefined) return 'epoch is not a uint64'
  if (!isBytes32(o.root)) return 'root is not a 32-byte byte string'
  if (typeof o.runtimes !== 'number' || !Number.isSafeInteger(o.runtimes) || o.runtimes < 0) return 'runtimes is not a count'
  if (!isChunkSize(o.chunkSize)) return `chunkSize is not an integer from 1 to ${MAX_CHUNK_SIZE}`
  if (!Array.isArray(o.chunks)) return 'chunks is not an array'
  if (o.chunks.length !== Math.ceil(o.runtimes / o.chunkSize)) return 'the number of chunk hashes does not fit runtimes and chunkSize'
  for (let i = 0; i < o.chunks.length; i++) if (!isBytes32(o.chunks[i])) return `chunks[${i}] is not a 32-byte hash`
  return undefined
}

const isArray = (v: CborValue): v is ReadonlyArray<CborValue> => Array.isArray(v)

// E18: the entries of one chunk, or the reason it is not one.
const readChunk = (bytes: Uint8Array, expected: number): E.Either<string, Array<{ runtime: Runtime; suspended: boolean }>> => {
  const read = readCbor(bytes)
  if (E.isLeft(read)) return E.left(`not CBOR (${read.left.message})`)
  const v = read.right
  if (!isArray(v) || v.length !== expected) return E.left(`not an array of ${expected} entries`)
  const out: Array<{ runtime: Runtime; suspended: boolean }> = []
  for (const entry of v) {
    if (!isArray(entry) || entry.length !== 2) return E.left(`entry ${out.length} is not [descriptor, suspended]`)
    const [descriptor, suspended] = entry as [CborValue, CborValue]
    if (!(descriptor instanceof Uint8Array) || typeof suspended !== 'boolean') return E.left(`entry ${out.length} is not [bytes, bool]`)
    const runtime = decodeRuntime(descriptor)
    if (E.isLeft(runtime)) return E.left(`entry ${out.length}: the descriptor does not decode (${runtime.left.message})`)
    out.push({ runtime: runtime.right, suspended })
  }
  const canonical = writeCbor(out.map((_, i) => (v[i] as ReadonlyArray<CborValue>) as [Uint8Array, boolean]))
  if (!bytesEqual(canonical, bytes)) return E.left('not canonical CBOR (C1)')
  return E.right(out)
}

/**
 * Rebuild a registry from a snapshot (E19), given the root it must have (from a block header or
 * another source the caller trusts). Refuses, as a {@link SnapshotError}: a malformed manifest or
 * one for another root, missing or extra chunks, a chunk that is not the one the manifest names at
 * its place (altered or reordered), a chunk whose content is not E18's (including ids not in
 * ascending order across the snapshot, or a descriptor the registry would not store, E2/E3), and
 * a rebuilt registry whose root is not `expectedRoot`. The restored registry equals the original:
 * same epoch, descriptors and flags, so the same root, digest and answers to every query. O(n).
 * The epoch comes from the manifest and is not covered by the root; a caller that trusts a
 * digest rather than a root compares `registryDigest` of the result with it.
 *
 * @example
 * import { restoreRegistry } from 'runtime-deployments'
 * declare const manifest: SnapshotManifest, chunks: Uint8Array[], trustedRoot: Uint8Array
 * restoreRegistry(manifest, chunks, trustedRoot) // right(registry) or left(ChunkHashMismatch …)
 *
 * @category state sync
 * @since 0.1.0
 */
export const restoreRegistry = (
  manifest: SnapshotManifest,
  chunks: ReadonlyArray<Uint8Array>,
  expectedRoot: Uint8Array
): E.Either<SnapshotError, Registry> => {
  if (!isBytes32(expectedRoot)) return E.left(snapshotError('SnapshotArgument', { argument: 'expectedRoot', reason: 'not a 32-byte byte string' }))
  const problem = manifestProblem(manifest)
  if (problem !== undefined) return E.left(snapshotError('MalformedManifest', { reason: problem }))
  if (!bytesEqual(manifest.root, expectedRoot)) {
    return E.left(snapshotError('SnapshotRootMismatch', { expected: expectedRoot.slice(), got: manifest.root.slice(), of: 'manifest' }))
  }
  const got = Array.isArray(chunks) ? chunks.length : 0
  if (!Array.isArray(chunks) || got !== manifest.chunks.length) {
    return E.left(snapshotError('ChunkCountMismatch', { expected: manifest.chunks.length, got }))
  }
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]
    if (!(chunk instanceof Uint8Array) || !bytesEqual(sha512_256(chunk), manifest.chunks[i]!)) return E.left(snapshotError('ChunkHashMismatch', { index: i }))
  }
  const runtimes: Runtime[] = []
  const flags: boolean[] = []
  for (let i = 0; i < chunks.length; i++) {
    const expected = Math.min(manifest.chunkSize, manifest.runtimes - i * manifest.chunkSize)
    const entries = readChunk(chunks[i]!, expected)
    if (E.isLeft(entries)) return E.left(snapshotError('MalformedChunk', { index: i, reason: entries.left }))
    for (const { runtime, suspended } of entries.right) {
      const last = runtimes[runtimes.length - 1]
      if (!isBytes32(runtime.id)) {
        return E.left(snapshotError('MalformedChunk', { index: i, reason: 'a runtime id is not 32 bytes' }))
      }
      if (last !== undefined && compareBytes(last.id, runtime.id) >= 0) {
        return E.left(snapshotError('MalformedChunk', { index: i, reason: 'runtime ids are not strictly ascending' }))
      }
      runtimes.push(runtime)
      flags.push(suspended)
    }
  }
  const built = buildRegistry(runtimes, manifest.epoch, flags)
  if (E.isLeft(built)) return E.left(snapshotError('MalformedChunk', { index: -1, reason: `the registry refuses the state: ${built.left.message}` }))
  const root = commitmentRoot(built.right.commitment)
  if (!bytesEqual(root, expectedRoot)) {
    return E.left(snapshotError('SnapshotRootMismatch', { expected: expectedRoot.slice(), got: new Uint8Array(root), of: 'restored registry' }))
  }
  return built
}
