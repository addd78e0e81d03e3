/**
 * Hashes of wire values: SHA-512/256 of their canonical CBOR (C7), as oasis-core's `hash.NewFrom`.
 *
 * @since 0.1.0
 */
import type * as E from 'fp-ts/lib/Either.js'
import { type EncodeError, encodeThen } from '../codec/codec.js'
import { sha512_256 } from '../internal/sha.js'
import { type NodeRuntime, NodeRuntimeCodec } from './node.js'
import { type Runtime, RuntimeCodec } from './runtime.js'
import { type SgxConstraints, SgxConstraintsCodec } from './sgx.js'

/**
 * SHA-512/256 of a byte string (oasis-core `hash.NewFromBytes`), with `node:crypto` where it is
 * available and `@noble/hashes` otherwise; the result owns its buffer (C8).
 *
 * @example
 * import { bytesToHex } from '@noble/hashes/utils.js'
 * bytesToHex(hashBytes(new Uint8Array(0))) // 'c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a'
 *
 * @category hashing
 * @since 0.1.0
 */
export const hashBytes = (bytes: Uint8Array): Uint8Array => sha512_256(bytes)

/**
 * SHA-512/256 of `encodeRuntime(rt)`: the descriptor hash oasis-core computes (C7).
 *
 * @example
 * import { runtimeHash } from 'runtime-deployments'
 * runtimeHash(rt) // right(Uint8Array(32) [...])
 *
 * @category hashing
 * @since 0.1.0
 */
export const runtimeHash: (rt: Runtime) => E.Either<EncodeError, Uint8Array> = /* @__PURE__ */ encodeThen(RuntimeCodec, sha512_256)

/**
 * SHA-512/256 of the canonical encoding of SGX constraints.
 *
 * @example
 * sgxConstraintsHash({ enclaves: [{ mr_enclave, mr_signer }] })
 *
 * @category hashing
 * @since 0.1.0
 */
export const sgxConstraintsHash: (c: SgxConstraints) => E.Either<EncodeError, Uint8Array> =
  /* @__PURE__ */ encodeThen(SgxConstraintsCodec, sha512_256)

/**
 * SHA-512/256 of the canonical encoding of a node runtime entry.
 *
 * @example
 * nodeRuntimeHash(entry)
 *
 * @category hashing
 * @since 0.1.0
 */
export const nodeRuntimeHash: (nr: NodeRuntime) => E.Either<EncodeError, Uint8Array> =
  /* @__PURE__ */ encodeThen(NodeRuntimeCodec, sha512_256)
