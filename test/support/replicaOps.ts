/**
 * The operations of the replica test (E21) and the descriptors they register, shared by the test
 * and its worker processes (test/support/replicaWorker.ts): both sides build the same descriptor
 * from the same operation.
 */
import { sha512_256 } from '@noble/hashes/sha2.js'
import fc from 'fast-check'
import type { Runtime, U64 } from '../../src/schema/runtime.js'
import { idFrom } from './registryModel.js'
import { dep, runtime } from './rulesFixtures.js'

/** Replicas write a snapshot after every step that is a multiple of this. */
export const SNAPSHOT_EVERY = 7

export type ReplicaOp =
  | { readonly kind: 'register'; readonly seed: number; readonly minor: number; readonly after: number }
  | { readonly kind: 'suspend'; readonly seed: number }
  | { readonly kind: 'resume'; readonly seed: number }
  | { readonly kind: 'advance'; readonly by: number; readonly prune: boolean }

/** The runtime id of seed `seed` (hash-like free bytes, as oasis-core derives them). */
export const replicaId = (seed: number): Uint8Array => idFrom(sha512_256(Uint8Array.of(seed & 0xff, seed >> 8)).subarray(0, 24))

/** The descriptor a registration stores at `epoch`: 1.0.0 from 0, then 1.minor.0 `after` epochs later. */
export const replicaRuntime = (op: Extract<ReplicaOp, { kind: 'register' }>, epoch: U64): Runtime =>
  runtime([dep('1.0.0', 0), dep(`1.${op.minor}.0`, BigInt(epoch) + BigInt(op.after))], { id: replicaId(op.seed) })

/** A random operation: registrations (new and updates over 40 ids), suspensions, resumptions, advances. */
export const arbReplicaOp: fc.Arbitrary<ReplicaOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('register' as const), seed: fc.nat(39), minor: fc.integer({ min: 1, max: 9 }), after: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('suspend' as const), seed: fc.nat(39) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resume' as const), seed: fc.nat(39) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), by: fc.integer({ min: 1, max: 4 }), prune: fc.boolean() }) }
)
