/**
 * A reference model of the registry commitment (E14), written from the spec's definition and
 * independent of src/registry/commitment.ts: the root of a set of leaves is computed top-down by
 * splitting at the first bit where the ids disagree. Also arbitraries of runtime ids and small
 * operation streams for the commitment, proof, snapshot and replica tests.
 */
import { sha512_256 } from '@noble/hashes/sha2.js'
import { concatBytes } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { getValue, mapValues } from '../../src/internal/persistentMap.js'
import { type Registry, storeRuntime } from '../../src/registry/registry.js'
import { activeAt } from '../../src/rules/selection.js'
import { runtimeHash } from '../../src/schema/hash.js'
import type { Runtime } from '../../src/schema/runtime.js'
import { dep, runtime } from './rulesFixtures.js'

export interface ModelLeaf {
  readonly id: Uint8Array
  readonly runtimeHash: Uint8Array
  readonly suspended: boolean
}

const bit = (id: Uint8Array, b: number): number => (id[b >> 3]! >> (7 - (b & 7))) & 1

/** E14, by definition. */
export const modelLeafHash = (l: ModelLeaf): Uint8Array => sha512_256(concatBytes(Uint8Array.of(0), l.id, l.runtimeHash, Uint8Array.of(l.suspended ? 1 : 0)))
export const modelInnerHash = (b: number, l: Uint8Array, r: Uint8Array): Uint8Array => sha512_256(concatBytes(Uint8Array.of(1, b), l, r))
export const MODEL_EMPTY = sha512_256(Uint8Array.of(2))

/** The root of a set of leaves (distinct ids, any order), top-down from the definition. */
export const modelRoot = (leaves: ReadonlyArray<ModelLeaf>): Uint8Array => {
  if (leaves.length === 0) return MODEL_EMPTY
  const go = (xs: ReadonlyArray<ModelLeaf>, from: number): Uint8Array => {
    if (xs.length === 1) return modelLeafHash(xs[0]!)
    for (let b = from; b < 256; b++) {
      const zeros = xs.filter((x) => bit(x.id, b) === 0)
      if (zeros.length === 0 || zeros.length === xs.length) continue
      return modelInnerHash(b, go(zeros, b + 1), go(xs.filter((x) => bit(x.id, b) === 1), b + 1))
    }
    throw new Error('repeated id in the model')
  }
  return go(leaves, 0)
}

/** The model leaves of a registry, read through its public state. */
export const registryLeaves = (r: Registry): ModelLeaf[] =>
  mapValues(r.runtimes).map((s) => ({ id: s.id, runtimeHash: s.hash, suspended: s.suspended }))

/** A valid runtime id (namespace: flags and bytes 1–7 zero, C4.11) with the given 24 free bytes. */
export const idFrom = (free: Uint8Array): Uint8Array => {
  const id = new Uint8Array(32)
  id.set(free.subarray(0, 24), 8)
  return id
}

/** Runtime ids: random free bytes, or ids sharing long prefixes (to reach deep bits). */
export const arbId: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ minLength: 24, maxLength: 24 }).map(idFrom),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 7 })).map(([v, k]) => {
    const free = new Uint8Array(24)
    free[23 - (k % 3)] = v
    return idFrom(free)
  })
)

/** A small valid runtime with id `id` and one deployment starting at `validFrom`. */
export const runtimeWith = (id: Uint8Array, validFrom: number, minor = 0): Runtime =>
  runtime([dep(`1.${minor}.0`, validFrom)], { id })

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

/**
 * What `registerRuntime` stores once the rules have accepted `rt` (E5, E6), without the rules:
 * the commitment tests exercise the store, whatever the D/U rules (maintained elsewhere) say
 * about the small fixtures.
 */
export const storeTrusted = (r: Registry, rt: Runtime): Registry => {
  const previous = getValue(r.runtimes, hex(rt.id))
  const hash = runtimeHash(rt)
  if (E.isLeft(hash)) throw new Error(hash.left.message)
  return storeRuntime(r, { id: rt.id, runtime: rt, suspended: previous?.suspended ?? false, active: activeAt(rt, r.epoch), hash: hash.right }, previous?.runtime)
}
