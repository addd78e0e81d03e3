/**
 * The code identities of a deployment (PX6): what must be trusted or endorsed before the
 * deployment may be scheduled.
 *
 * @since 0.1.0
 */
import { concatBytes } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { bytesEqual } from './deployment.js'
import { decodeSgxConstraints } from '../schema/descriptors.js'
import type { Runtime, VersionInfo } from '../schema/runtime.js'
import { TEE_SGX } from './runtimeKind.js'

/**
 * One code identity of a deployment: its bytes and where they come from.
 *
 * @category policy
 * @since 0.1.0
 */
export interface CodeIdentity {
  readonly field: 'bundle_checksum' | 'tee'
  readonly bytes: Uint8Array
}

/**
 * The code identities of a deployment of `rt` (PX6): its `bundle_checksum` when not empty, and,
 * for an SGX runtime, every enclave its `tee` constraints allow, each as the 64 bytes
 * `mr_enclave ‖ mr_signer`. Empty when the deployment has neither, or when its `tee` does not
 * decode (D7 refuses such a deployment before PX6 runs).
 *
 * @example
 * import { codeIdentities } from 'runtime-deployments'
 * codeIdentities(rt, { ...deployment, bundle_checksum: new Uint8Array(32) }) // [{ field: 'bundle_checksum', bytes }]
 *
 * @category policy
 * @since 0.1.0
 */
export const codeIdentities = (rt: Pick<Runtime, 'tee_hardware'>, d: VersionInfo): ReadonlyArray<CodeIdentity> => {
  const out: CodeIdentity[] = []
  if (d.bundle_checksum !== undefined && d.bundle_checksum.length > 0) out.push({ field: 'bundle_checksum', bytes: d.bundle_checksum })
  if (rt.tee_hardware === TEE_SGX && d.tee !== undefined && d.tee.length > 0) {
    const constraints = decodeSgxConstraints(d.tee)
    if (E.isRight(constraints)) {
      for (const e of constraints.right.enclaves ?? []) {
        out.push({ field: 'tee', bytes: concatBytes(e.mr_enclave, e.mr_signer) })
      }
    }
  }
  return out
}

/**
 * The first code identity of deployment `d` of `rt` that `admitted` lacks (compared bytewise):
 * `'none'` when there is nothing to admit (no such deployment, or one without a code identity),
 * `undefined` when every identity is admitted. The one test behind PX6 and RX3.
 *
 * @example
 * unadmittedIdentity(rt, { ...deployment, bundle_checksum: new Uint8Array(32) }, []) // { field: 'bundle_checksum', bytes }
 *
 * @category policy
 * @since 0.1.0
 */
export const unadmittedIdentity = (
  rt: Pick<Runtime, 'tee_hardware'>,
  d: VersionInfo | undefined,
  admitted: ReadonlyArray<Uint8Array>
): CodeIdentity | 'none' | undefined => {
  const ids = d === undefined ? [] : codeIdentities(rt, d)
  if (ids.length === 0) return 'none'
  return ids.find((id) => !admitted.some((a) => bytesEqual(a, id.bytes)))
}
