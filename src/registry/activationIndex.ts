/**
 * The activation index of a registry (E8): for each epoch after the registry's current one at
 * which some deployment starts, the set of runtimes (ids in lowercase hex) with a deployment
 * starting then. Both levels are persistent sorted maps, so `advanceEpoch` reads the due epochs
 * from the front of the index instead of scanning every runtime: it costs O((k + 1) log n) for
 * k activations among n runtimes, and drops each due epoch with one removal.
 *
 * Invariant: the index holds exactly the pairs (`valid_from`, id) of the stored descriptors with
 * `valid_from` after the registry's epoch; no epoch has an empty set.
 *
 * @since 0.1.0
 */
import { deploymentsOf } from '../rules/deployment.js'
import { checkU64, type CheckedU64, compareU64 } from '../internal/uint64.js'
import {
  compareStrings,
  emptyMap,
  firstKey,
  getValue,
  mapFromEntries,
  type PersistentMap,
  removeKey,
  setValue
} from '../internal/persistentMap.js'
import type { Runtime } from '../schema/runtime.js'

/**
 * The runtimes (ids in lowercase hex) with a deployment starting at one epoch.
 *
 * @category registry
 * @since 0.1.0
 */
export type ActivationSet = PersistentMap<string, true>

/**
 * The activation index: epoch → the runtimes with a deployment starting then.
 *
 * @category registry
 * @since 0.1.0
 */
export type ActivationIndex = PersistentMap<CheckedU64, ActivationSet>

/**
 * The empty activation index.
 *
 * @example
 * emptyActivationIndex().size // 0
 *
 * @category registry
 * @since 0.1.0
 */
export const emptyActivationIndex = (): ActivationIndex => emptyMap<CheckedU64, ActivationSet>(compareU64)

/**
 * The distinct `valid_from` values of a runtime after epoch `after`, ascending. O(d log d).
 *
 * @example
 * // deployments 1.0.0@0, 1.1.0@10, 1.2.0@20
 * import { checkU64 } from '../internal/uint64.js'
 * activationEpochs(rt, checkU64(5)!) // [10, 20]
 *
 * @category registry
 * @since 0.1.0
 */
export const activationEpochs = (rt: Runtime, after: CheckedU64): CheckedU64[] => {
  // DX1: a `valid_from` that is not a uint64 never activates (validation refuses it).
  const epochs = deploymentsOf(rt)
    .map((d) => checkU64(d.valid_from))
    .filter((e): e is CheckedU64 => e !== undefined && compareU64(e, after) > 0)
    .sort(compareU64)
  return epochs.filter((e, i) => i === 0 || compareU64(epochs[i - 1]!, e) !== 0)
}

/**
 * The index of many runtimes at once, from `[id, runtime]` pairs, counting deployments after
 * epoch `after`. O(m log m) for m pairs (epoch, id).
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * buildActivationIndex([['ab', rt]], checkU64(5)!) // 10 → {ab}, 20 → {ab}
 *
 * @category registry
 * @since 0.1.0
 */
export const buildActivationIndex = (runtimes: ReadonlyArray<readonly [string, Runtime]>, after: CheckedU64): ActivationIndex => {
  const pairs: Array<readonly [CheckedU64, string]> = []
  for (const [id, rt] of runtimes) for (const e of activationEpochs(rt, after)) pairs.push([e, id])
  pairs.sort((a, b) => compareU64(a[0], b[0]) || compareStrings(a[1], b[1]))
  const sets: Array<readonly [CheckedU64, ActivationSet]> = []
  let start = 0
  for (let i = 1; i <= pairs.length; i++) {
    if (i < pairs.length && compareU64(pairs[i]![0], pairs[start]![0]) === 0) continue
    const ids = pairs.slice(start, i).map(([, id]) => [id, true] as const)
    sets.push([pairs[start]![0], mapFromEntries(compareStrings, ids)])
    start = i
  }
  return mapFromEntries(compareU64, sets)
}

const withId = (index: ActivationIndex, epoch: CheckedU64, id: string): ActivationIndex =>
  setValue(index, epoch, setValue(getValue(index, epoch) ?? emptyMap<string, true>(compareStrings), id, true))

const withoutId = (index: ActivationIndex, epoch: CheckedU64, id: string): ActivationIndex => {
  const set = getValue(index, epoch)
  if (set === undefined) return index
  const rest = removeKey(set, id)
  return rest.size === 0 ? removeKey(index, epoch) : setValue(index, epoch, rest)
}

/**
 * The index with runtime `id`'s activations of `previous` (as stored, if any) replaced by those
 * of `next`, both counted after epoch `after`. O(d log n).
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * reindexRuntime(index, 'ab', undefined, rt, checkU64(5)!) // rt's future activations added
 *
 * @category registry
 * @since 0.1.0
 */
export const reindexRuntime = (
  index: ActivationIndex,
  id: string,
  previous: Runtime | undefined,
  next: Runtime,
  after: CheckedU64
): ActivationIndex => {
  let out = index
  if (previous !== undefined) for (const e of activationEpochs(previous, after)) out = withoutId(out, e, id)
  for (const e of activationEpochs(next, after)) out = withId(out, e, id)
  return out
}

/**
 * The earliest epoch in the index: the registry's next activation, or `undefined` when no
 * deployment is pending. O(log n).
 *
 * @example
 * firstActivation(index) // 10
 *
 * @category registry
 * @since 0.1.0
 */
export const firstActivation = (index: ActivationIndex): CheckedU64 | undefined => firstKey(index)
