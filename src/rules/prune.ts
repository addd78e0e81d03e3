/**
 * Consensus-side pruning of superseded deployments at an epoch transition (PR1–PR3): the ADR's
 * "consensus layer MAY prune", which oasis-core never implemented (its owners prune by hand
 * through an update, §2.3 of the reference).
 *
 * @since 0.1.0
 */
import { checkU64, type CheckedU64, compareU64 } from '../internal/uint64.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import { deploymentsOf } from './deployment.js'
import { activeAt } from './selection.js'

/**
 * The result of {@link pruneSuperseded}: the pruned runtime and the deployments it dropped, in
 * their original array order.
 *
 * @category pruning
 * @since 0.1.0
 */
export interface PruneResult {
  readonly runtime: Runtime
  readonly removed: ReadonlyArray<VersionInfo>
}

/**
 * Drop the deployments superseded at `epoch`: those whose `valid_from` is below the active
 * deployment's (PR1). The active deployment and every future one are kept in their array order;
 * with no active deployment nothing is dropped, and when nothing is dropped the input runtime
 * itself is returned (PR2). The result is an update `verifyRuntimeUpdate` accepts at `epoch`,
 * and selection at every epoch ≥ `epoch` is unchanged (PR3).
 *
 * @example
 * import { pruneSuperseded } from 'runtime-deployments'
 * // deployments 1.0.0@0, 1.1.0@10, 1.2.0@20
 * const { runtime, removed } = pruneSuperseded(rt, 15)
 * // runtime.deployments: 1.1.0@10, 1.2.0@20; removed: 1.0.0@0
 *
 * @category pruning
 * @since 0.1.0
 */
export const pruneSuperseded = (rt: Runtime, epoch: U64): PruneResult => {
  // DX2: an epoch that is not a uint64 supersedes nothing.
  const checked = checkU64(epoch)
  return checked === undefined ? { runtime: rt, removed: [] } : pruneAt(rt, checked)
}

/**
 * {@link pruneSuperseded} at an epoch already checked where it entered the library.
 *
 * @example
 * pruneAt(rt, checkU64(15)!).removed // the deployments superseded at epoch 15
 */
export const pruneAt = (rt: Runtime, epoch: CheckedU64): PruneResult => {
  const active = activeAt(rt, epoch)
  if (active === undefined) return { runtime: rt, removed: [] }
  // PR1
  const superseded = (d: VersionInfo): boolean => compareU64(d.valid_from, active.valid_from) < 0
  const removed = deploymentsOf(rt).filter(superseded)
  if (removed.length === 0) return { runtime: rt, removed }
  // PR2: anything else (the active, the future, entries validation would refuse) stays in place.
  // PR3: the kept entries are the input's own objects, so selection at every epoch ≥ `epoch` is unchanged.
  const gone = new Set(removed)
  const kept = (rt.deployments ?? []).filter((d) => !gone.has(d))
  return { runtime: { ...rt, deployments: kept }, removed }
}
