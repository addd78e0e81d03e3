/**
 * Suspending and resuming a runtime (E6): the registry records whether each runtime is in the
 * suspended set, as oasis-core keeps an active and a suspended set. Registration keeps the flag;
 * only these two functions change it.
 *
 * @since 0.1.0
 */
import { hexKey } from '../internal/bytes.js'
import * as E from 'fp-ts/lib/Either.js'
import { getValue } from '../internal/persistentMap.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import { type Registry, storeRuntime } from './registry.js'
import { type RegistryRefusal, registryRefusal } from './registryRefusal.js'

const setSuspended = (
  registry: Registry,
  id: Uint8Array,
  suspended: boolean,
  operation: 'suspendRuntime' | 'resumeRuntime'
): E.Either<RegistryRefusal | RuleViolation, Registry> => {
  // DX2
  if (!(id instanceof Uint8Array)) return E.left(ruleViolation('MalformedArgument', { argument: 'id', reason: 'not a byte string' }))
  const state = getValue(registry.runtimes, hexKey(id))
  // E6
  if (state === undefined) return E.left(registryRefusal('UnregisteredRuntime', { id, operation }))
  if (state.suspended === suspended) return E.right(registry)
  return E.right(storeRuntime(registry, { ...state, suspended }, state.runtime))
}

/**
 * Move runtime `id` to the suspended set (E6); the registry itself when it is already there.
 * O(log n).
 *
 * @example
 * import { suspendRuntime } from 'runtime-deployments'
 * suspendRuntime(registry, rt.id) // right(registry with rt suspended), or left(UnregisteredRuntime)
 *
 * @category registry
 * @since 0.1.0
 */
export const suspendRuntime = (registry: Registry, id: Uint8Array): E.Either<RegistryRefusal | RuleViolation, Registry> =>
  setSuspended(registry, id, true, 'suspendRuntime')

/**
 * Move runtime `id` back to the active set (E6); the registry itself when it is not suspended.
 * O(log n).
 *
 * @example
 * import { resumeRuntime } from 'runtime-deployments'
 * resumeRuntime(registry, rt.id) // right(registry with rt resumed), or left(UnregisteredRuntime)
 *
 * @category registry
 * @since 0.1.0
 */
export const resumeRuntime = (registry: Registry, id: Uint8Array): E.Either<RegistryRefusal | RuleViolation, Registry> =>
  setSuspended(registry, id, false, 'resumeRuntime')
