/**
 * Decoders and encoders for the named Oasis wire types.
 *
 * @since 0.1.0
 */
import type * as E from 'fp-ts/lib/Either.js'
import { type ConsensusParameters, ConsensusParametersCodec } from './params.js'
import { type NodeRuntime, NodeRuntimeCodec } from './node.js'
import { type Runtime, RuntimeCodec } from './runtime.js'
import { type SgxConstraints, SgxConstraintsCodec } from './sgx.js'
import { type DecodeOptions, decodeWith, type EncodeError, encodeWith } from '../codec/codec.js'
import type { DecodeError } from '../codec/decodeError.js'

/**
 * Decode a runtime descriptor as oasis-core does (C4): the same inputs accepted and refused, the
 * value Go holds returned in normal form. With `{ strict: true }`, every leniency of oasis-core's
 * decoder is refused as well (CX1–CX5, CX7–CX9); `{ requireCanonical: true }` refuses
 * non-canonical input (CX6). Never throws.
 *
 * @example
 * import { decodeRuntime } from 'runtime-deployments'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { readFileSync } from 'node:fs'
 * const r = decodeRuntime(readFileSync('runtime.cbor'))
 * if (E.isRight(r)) console.log(r.right.deployments)
 * else console.log(`${r.left.rule} ${r.left.path}: ${r.left.message}`)
 * const strict = decodeRuntime(readFileSync('runtime.cbor'), { strict: true })
 *
 * @category codec
 * @since 0.1.0
 */
export const decodeRuntime: (bytes: Uint8Array, opts?: DecodeOptions) => E.Either<DecodeError, Runtime> =
  /* @__PURE__ */ decodeWith(RuntimeCodec)

/**
 * Canonical CBOR of a runtime descriptor, byte-identical to oasis-core's `cbor.Marshal` (C1, C3).
 * A value outside its wire type (a uint16 of 70000, a 31-byte id, 1.5 as an epoch) is refused
 * with an {@link EncodeError} instead of being rounded or truncated.
 *
 * @example
 * import { encodeRuntime } from 'runtime-deployments'
 * const bytes = encodeRuntime(rt) // right(Uint8Array [...])
 *
 * @category codec
 * @since 0.1.0
 */
export const encodeRuntime: (rt: Runtime) => E.Either<EncodeError, Uint8Array> = /* @__PURE__ */ encodeWith(RuntimeCodec)

/**
 * Decode SGX constraints (a deployment's `tee` payload), v0 or v1 (C4.12), as oasis-core does;
 * `{ strict: true }` refuses its leniencies (CX1–CX5, CX7–CX9).
 *
 * @example
 * if (deployment.tee !== undefined) decodeSgxConstraints(deployment.tee) // right(v0 or v1 constraints)
 *
 * @category codec
 * @since 0.1.0
 */
export const decodeSgxConstraints: (bytes: Uint8Array, opts?: DecodeOptions) => E.Either<DecodeError, SgxConstraints> =
  /* @__PURE__ */ decodeWith(SgxConstraintsCodec)

/**
 * Canonical CBOR of SGX constraints (v0 layout without `v`, v1 with `v: 1`).
 *
 * @example
 * encodeSgxConstraints({ v: 1, enclaves: [{ mr_enclave, mr_signer }] })
 *
 * @category codec
 * @since 0.1.0
 */
export const encodeSgxConstraints: (c: SgxConstraints) => E.Either<EncodeError, Uint8Array> =
  /* @__PURE__ */ encodeWith(SgxConstraintsCodec)

/**
 * Decode a node descriptor's runtime entry as oasis-core does; `{ strict: true }` refuses its
 * leniencies (CX1–CX5, CX7–CX9).
 *
 * @example
 * import { readFileSync } from 'node:fs'
 * decodeNodeRuntime(readFileSync('entry.cbor')) // right(entry) or left(DecodeError)
 *
 * @category codec
 * @since 0.1.0
 */
export const decodeNodeRuntime: (bytes: Uint8Array, opts?: DecodeOptions) => E.Either<DecodeError, NodeRuntime> =
  /* @__PURE__ */ decodeWith(NodeRuntimeCodec)

/**
 * Canonical CBOR of a node runtime entry.
 *
 * @example
 * encodeNodeRuntime({ id, version: { patch: 321 }, capabilities: {}, extra_info: null })
 *
 * @category codec
 * @since 0.1.0
 */
export const encodeNodeRuntime: (nr: NodeRuntime) => E.Either<EncodeError, Uint8Array> =
  /* @__PURE__ */ encodeWith(NodeRuntimeCodec)

/**
 * Decode registry consensus parameters as oasis-core does; `{ strict: true }` refuses its
 * leniencies (CX1–CX5, CX7–CX9).
 *
 * @example
 * import { readFileSync } from 'node:fs'
 * decodeConsensusParameters(readFileSync('params.cbor')) // right(params) or left(DecodeError)
 *
 * @category codec
 * @since 0.1.0
 */
export const decodeConsensusParameters: (
  bytes: Uint8Array,
  opts?: DecodeOptions
) => E.Either<DecodeError, ConsensusParameters> = /* @__PURE__ */ decodeWith(ConsensusParametersCodec)

/**
 * Canonical CBOR of registry consensus parameters.
 *
 * @example
 * encodeConsensusParameters({ max_runtime_deployments: 5 })
 *
 * @category codec
 * @since 0.1.0
 */
export const encodeConsensusParameters: (p: ConsensusParameters) => E.Either<EncodeError, Uint8Array> =
  /* @__PURE__ */ encodeWith(ConsensusParametersCodec)
