/**
 * RR4: the key manager a compute runtime names, checked against the registry as oasis-core's
 * `VerifyRegisterComputeRuntimeArgs` does (registerRuntime and the genesis sanity check).
 *
 * @since 0.1.0
 */
import type { Runtime } from '../schema/runtime.js'
import { isTestRuntime } from './descriptor.js'
import { type RuleViolation, ruleViolation } from './ruleViolation.js'
import { KIND_COMPUTE, KIND_KEY_MANAGER, TEE_SGX } from './runtimeKind.js'

/**
 * The runtimes a registration is checked against: the registered runtime (active or suspended)
 * with this id, or `undefined`.
 *
 * @category verification
 * @since 0.1.0
 */
export type RuntimeLookup = (id: Uint8Array) => Runtime | undefined

/**
 * RR4: a compute runtime that names a key manager needs that key manager registered, active or
 * suspended (`UnknownKeyManager`), of kind key manager (`NotAKeyManager`), and, unless its own id
 * carries the test flag, its own `tee_hardware` must be Intel SGX (`KeyManagerUserWithoutSgx`),
 * in this order. Any other runtime passes. A lookup that throws finds nothing.
 *
 * @example
 * import { checkKeyManagerReference } from 'runtime-deployments'
 * checkKeyManagerReference({ ...rt, kind: 1, key_manager: new Uint8Array(32).fill(0x40) }, () => undefined) // UnknownKeyManager (RR4)
 *
 * @category verification
 * @since 0.1.0
 */
export const checkKeyManagerReference = (rt: Runtime, lookup: RuntimeLookup): RuleViolation | undefined => {
  const id = rt.key_manager
  if (rt.kind !== KIND_COMPUTE || !(id instanceof Uint8Array)) return undefined
  let km: Runtime | undefined
  try {
    km = lookup(id)
  } catch {
    km = undefined
  }
  // RR4, in VerifyRegisterComputeRuntimeArgs' order.
  if (typeof km !== 'object' || km === null) return ruleViolation('UnknownKeyManager', { key_manager: id })
  if (km.kind !== KIND_KEY_MANAGER) return ruleViolation('NotAKeyManager', { key_manager: id, kind: km.kind })
  if (!isTestRuntime(rt.id) && rt.tee_hardware !== TEE_SGX) return ruleViolation('KeyManagerUserWithoutSgx', { tee_hardware: rt.tee_hardware })
  return undefined
}
