/**
 * The caller-supplied TEE attestation verifier that node registration (R3) and scheduler
 * eligibility (S2) share.
 *
 * @since 0.1.0
 */
import type * as E from 'fp-ts/lib/Either.js'
import type { CapabilityTEE, NodeRuntime } from '../schema/node.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import type { NodeDescriptor } from './node.js'

/**
 * What a TEE verifier is asked: does this node runtime entry's attestation satisfy the
 * constraints of `deployment` (its `tee`) at `epoch`?
 *
 * @category nodes
 * @since 0.1.0
 */
export interface TeeCheck {
  readonly runtime: Runtime
  /** The deployment whose `tee` constraints apply (the active one for {@link eligibleNodes}). */
  readonly deployment: VersionInfo
  readonly node: NodeDescriptor
  readonly entry: NodeRuntime
  readonly capability: CapabilityTEE
  readonly epoch: U64
}

/**
 * Attestation verifier for TEE runtimes: a deterministic, pure function the caller supplies
 * (oasis-core's `CapabilityTEE.Verify`). `right` accepts; `left` carries the reason for refusing.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * const verifyTee: TeeVerifier = ({ capability }) =>
 *   capability.attestation === null ? E.left('no attestation') : E.right(undefined)
 *
 * @category nodes
 * @since 0.1.0
 */
export type TeeVerifier = (check: TeeCheck) => E.Either<string, unknown>
