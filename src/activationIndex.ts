/**
 * The activation index of a registry (E8): one key per (epoch, runtime) at which a deployment of
 * that runtime starts after the registry's current epoch, in epoch order, then runtime id order.
 * `advanceEpoch` reads the due keys from the front of the index instead of scanning every
 * runtime, so it costs O((k + 1) log n) for k due keys among n runtimes.
 *
 * Invariant: the index holds exactly the keys `(valid_from, id)` of the stored descriptors with
 * `valid_from` above the registry's epoch, each distinct `valid_from` of a runtime once.
 *
 * @since 0.2.0
 */
import { compareU64 } from './epoch.js'
import { compareStrings, type PersistentMap, removeKey, setValue } from './persistentMap.js'
import type { Runtime, U64 } from './schema/runtime.js'
import { deploymentsOf } from './deployment.js'

/**
 * A key of the activation index: an epoch at which a deployment of runtime `id` (lowercase hex)
 * starts.
 *
 * @category registry
 * @since 0.2.0
 */
export interface ActivationKey {
  readonly epoch: U64
  readonly id: string
}

/**
 * The activation index: keys in (epoch, id) order; the value carries nothing.
 *
 * @category registry
 * @since 0.2.0
 */
export type ActivationIndex = PersistentMap<ActivationKey, true>

/**
 * Order of activation keys: by epoch (exact uint64 comparison), then by runtime id.
 *
 * @example
 * compareActivationKeys({ epoch: 5, id: 'bb' }, { epoch: 5n, id: 'aa' }) // 1
 *
 * @category registry
 * @since 0.2.0
 */
export const compareActivationKeys = (a: ActivationKey, b: ActivationKey): number =>
  compareU64(a.epoch, b.epoch) || compareStrings(a.id, b.id)

/**
 * The index keys of one runtime: the distinct `valid_from` values above `after`, for runtime `id`.
 * O(d log d) for d deployments.
 *
 * @example
 * // deployments 1.0.0@0, 1.1.0@10, 1.2.0@20
 * activationKeys(rt, 'ab', 5) // [{ epoch: 10, id: 'ab' }, { epoch: 20, id: 'ab' }]
 *
 * @category registry
 * @since 0.2.0
 */
export const activationKeys = (rt: Runtime, id: string, after: U64): ActivationKey[] => {
  const epochs = deploymentsOf(rt)
    .map((d) => d.valid_from)
    .filter((e) => compareU64(e, after) > 0)
    .sort(compareU64)
  const keys: ActivationKey[] = []
  for (const epoch of epochs) {
    const last = keys[keys.length - 1]
    if (last === undefined || compareU64(last.epoch, epoch) !== 0) keys.push({ epoch, id })
  }
  return keys
}

/**
 * The index with the keys of `previous` (as stored, if any) replaced by those of `next`, both
 * taken after epoch `after`. O(d log n).
 *
 * @example
 * reindexRuntime(index, 'ab', undefined, rt, 5) // rt's future activations added
 *
 * @category registry
 * @since 0.2.0
 */
export const reindexRuntime = (
  index: ActivationIndex,
  id: string,
  previous: Runtime | undefined,
  next: Runtime,
  after: U64
): ActivationIndex => {
  let out = index
  if (previous !== undefined) for (const k of activationKeys(previous, id, after)) out = removeKey(out, k)
  for (const k of activationKeys(next, id, after)) out = setValue(out, k, true)
  return out
}
