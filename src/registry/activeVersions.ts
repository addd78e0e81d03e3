/**
 * The scheduler's once-per-epoch pass (E11): every runtime with its active deployment at the
 * registry's epoch, read from the state `advanceEpoch` keeps current, in one pass over the
 * registry, without looking at any runtime's deployments.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { mapValues } from '../internal/persistentMap.js'
import { compareU64 } from '../internal/uint64.js'
import { u64Argument } from '../rules/argument.js'
import type { RuleViolation } from '../rules/ruleViolation.js'
import type { U64 } from '../schema/runtime.js'
import type { Registry, RuntimeState } from './registry.js'
import { type RegistryRefusal, registryRefusal } from './registryRefusal.js'

/**
 * Every runtime of the registry, in id order, with its active deployment at `epoch` (`active`,
 * `undefined` when none has started) and its suspended flag (E11). `epoch` must be the
 * registry's epoch (E4): advance the registry first. O(n), no per-runtime scan of deployments.
 *
 * @example
 * import { activeVersions } from 'runtime-deployments'
 * activeVersions(registry, registry.epoch) // right([{ id, runtime, suspended: false, active: { version, valid_from, … }, hash }, …])
 * activeVersions(registry, 0) // left(EpochMismatch) unless the registry is at epoch 0
 *
 * @category engine
 * @since 0.1.0
 */
export const activeVersions = (registry: Registry, epoch: U64): E.Either<RegistryRefusal | RuleViolation, ReadonlyArray<RuntimeState>> => {
  const checked = u64Argument('epoch', epoch)
  if (E.isLeft(checked)) return checked
  // E4
  if (compareU64(checked.right, registry.epoch) !== 0) {
    return E.left(registryRefusal('EpochMismatch', { operation: 'activeVersions', epoch: registry.epoch, requested: epoch }))
  }
  // E11
  return E.right(mapValues(registry.runtimes))
}
