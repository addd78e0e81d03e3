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
import {
  compareStrings,
  emptyMap,
  firstKey,
  getValue,
  mapFromEntries,
  mapFromSorted,
  type PersistentMap,
  removeKey,
  setValue,
  strictlyAscending
} from '../internal/persistentMap.js'
import { checkU64, type CheckedU64, compareU64 } from '../internal/uint64.js'
import { deploymentsOf } from '../rules/deployment.js'
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
  // PERF: one pass and an insertion sort of the few epochs, no intermediate arrays.
  const out: CheckedU64[] = []
  for (const d of deploymentsOf(rt)) {
    const e = checkU64(d.valid_from)
    if (e === undefined || compareU64(e, after) <= 0) continue
    let i = out.length
    while (i > 0 && compareU64(out[i - 1]!, e) > 0) i--
    if (i > 0 && compareU64(out[i - 1]!, e) === 0) continue
    out.splice(i, 0, e)
  }
  return out
}

/**
 * The index of many runtimes at once: `runtimes[i]` under id `ids[i]`, counting deployments
 * after epoch `after`. O(m log m) for m pairs (epoch, id).
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * buildActivationIndex(['ab'], [rt], checkU64(5)!) // 10 → {ab}, 20 → {ab}
 *
 * @category registry
 * @since 0.1.0
 */
export const buildActivationIndex = (ids: ReadonlyArray<string>, runtimes: ReadonlyArray<Runtime>, after: CheckedU64): ActivationIndex => {
  // Bucket the ids by epoch (in input order: already id order when the runtimes are), then sort
  // the few distinct epochs, rather than sorting every (epoch, id) pair. O(m + e log e + sorting
  // of unsorted buckets) for m pairs over e epochs. An epoch is a number up to 2^53 − 1 and a
  // bigint only beyond it (CheckedU64), so the value itself is the bucket key.
  const buckets = new Map<CheckedU64, string[]>()
  for (let i = 0; i < runtimes.length; i++) {
    const id = ids[i]!
    for (const e of activationEpochs(runtimes[i]!, after)) {
      const bucket = buckets.get(e)
      if (bucket === undefined) buckets.set(e, [id])
      else bucket.push(id)
    }
  }
  const epochs = Array.from(buckets.keys()).sort(compareU64)
  const sets = epochs.map((e): ActivationSet => {
    const bucket = buckets.get(e)!
    if (!strictlyAscending(compareStrings, bucket)) {
      return mapFromEntries(
        compareStrings,
        bucket.map((id) => [id, true] as const)
      )
    }
    return mapFromSorted(compareStrings, bucket, new Array<true>(bucket.length).fill(true))
  })
  return mapFromSorted(compareU64, epochs, sets)
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
