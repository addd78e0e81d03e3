/**
 * Which deployment of a runtime applies at an epoch (A1–A4), which comes next (N1–N3), and which
 * deployment carries a version (V1). Every function reads `valid_from` values, never the position
 * of a deployment in the array, except to break ties exactly as oasis-core does (A3, N3); ties
 * cannot occur in a valid descriptor (D5). oasis-core once assumed a sorted array here (#6096).
 *
 * PERF: one pass over the deployments, no allocation.
 *
 * @since 0.1.0
 */
import { checkU64, type CheckedU64 } from '../internal/uint64.js'
import { deploymentsOf } from './deployment.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import type { Version } from '../schema/version.js'
import { sameVersion } from './version.js'

/**
 * The deployment active at `epoch`: of those with `valid_from <= epoch` (A1), the one with the
 * largest `valid_from` (A2); on a tie the first in array order (A3); `undefined` when none
 * qualifies or there are no deployments (A4).
 *
 * @example
 * // deployments 0.1.0@0, 0.2.0@10, 0.3.0@20, in any order
 * activeDeployment(rt, 9)?.version // { minor: 1 }
 * activeDeployment(rt, 10)?.version // { minor: 2 }
 *
 * @category selection
 * @since 0.1.0
 */
export const activeDeployment = (rt: Runtime, epoch: U64): VersionInfo | undefined => {
  // DX2: an epoch that is not a uint64 selects nothing.
  const checked = checkU64(epoch)
  return checked === undefined ? undefined : activeAt(rt, checked)
}

/**
 * {@link activeDeployment} at an epoch already checked where it entered the library.
 *
 * @example
 * activeAt(rt, checkU64(10)!)?.version // { minor: 2 }
 */
export const activeAt = (rt: Runtime, epoch: CheckedU64): VersionInfo | undefined => {
  // A4: no deployments, no active deployment.
  let active: VersionInfo | undefined
  for (const d of deploymentsOf(rt)) {
    // A1. Written as a negated `<=` so that a `valid_from` that is not a number (NaN, which
    // validation refuses with DX1) never qualifies; number and bigint compare exactly.
    if (!(d.valid_from <= epoch)) continue
    // A2, A3: strictly greater, so the first of equal valid_from values stays.
    if (active === undefined || active.valid_from < d.valid_from) active = d
  }
  return active
}

/**
 * The next deployment after `epoch`: of those with `valid_from > epoch` (N1), the one with the
 * smallest `valid_from` (N2); on a tie the last in array order (N3); `undefined` when none.
 *
 * @example
 * // deployments 0.1.0@0, 0.2.0@10, 0.3.0@20, in any order
 * nextDeployment(rt, 9)?.version // { minor: 2 }
 * nextDeployment(rt, 20) // undefined
 *
 * @category selection
 * @since 0.1.0
 */
export const nextDeployment = (rt: Runtime, epoch: U64): VersionInfo | undefined => {
  // DX2: an epoch that is not a uint64 selects nothing.
  const checked = checkU64(epoch)
  return checked === undefined ? undefined : nextAt(rt, checked)
}

/**
 * {@link nextDeployment} at an epoch already checked where it entered the library.
 *
 * @example
 * nextAt(rt, checkU64(9)!)?.version // { minor: 2 }
 */
export const nextAt = (rt: Runtime, epoch: CheckedU64): VersionInfo | undefined => {
  let next: VersionInfo | undefined
  for (const d of deploymentsOf(rt)) {
    // N1. Negated `>` so that a NaN `valid_from` (refused by DX1) never qualifies.
    if (!(d.valid_from > epoch)) continue
    // N2, N3: less or equal, so the last of equal valid_from values wins.
    if (next === undefined || d.valid_from <= next.valid_from) next = d
  }
  return next
}

/**
 * The first deployment whose version equals `version` (absent parts are 0), or `undefined` (V1).
 *
 * @example
 * deploymentForVersion(rt, { minor: 2 })?.valid_from // 10
 * deploymentForVersion(rt, { minor: 99 }) // undefined
 *
 * @category selection
 * @since 0.1.0
 */
export const deploymentForVersion = (rt: Runtime, version: Version): VersionInfo | undefined =>
  deploymentsOf(rt).find((d) => sameVersion(d.version, version))
