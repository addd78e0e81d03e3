/**
 * Which runtime versions a compute worker should run at an epoch (W6): the active one, plus the
 * next one when it starts within `preWarmEpochs`, as oasis-core's `updateHostedRuntimeVersion`
 * does so that the next version's TEE attestation is ready when it activates.
 *
 * @since 0.1.0
 */
import { checkU64 } from '../internal/uint64.js'
import { epochsBetween } from '../rules/epochSpan.js'
import { activeAt, nextAt } from '../rules/selection.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'

/**
 * oasis-core's default `runtime.pre_warm_epochs`.
 *
 * @example
 * hostedVersions(rt, epoch, DEFAULT_PRE_WARM_EPOCHS)
 *
 * @category hosting
 * @since 0.1.0
 */
export const DEFAULT_PRE_WARM_EPOCHS = 3

/**
 * The versions to host: `active` (if any), `preWarm` (the next deployment, when it starts within
 * the pre-warm window), and both in activation order as `deployments`.
 *
 * @category hosting
 * @since 0.1.0
 */
export interface HostedVersions {
  readonly active: VersionInfo | undefined
  readonly preWarm: VersionInfo | undefined
  readonly deployments: ReadonlyArray<VersionInfo>
}

/**
 * The deployments a worker should run at `epoch` (W6): the active one, plus the next one when
 * `next.valid_from - epoch <= preWarmEpochs` (default 3; 0 disables pre-warming). A malformed
 * `epoch`, `preWarmEpochs` or `valid_from` only disables pre-warming.
 *
 * @example
 * import { hostedVersions } from 'runtime-deployments'
 * // 1.4.0 active since 1200, 1.5.0 from 1300
 * hostedVersions(rt, 1296).deployments // [1.4.0]
 * hostedVersions(rt, 1297).deployments // [1.4.0, 1.5.0]
 *
 * @category hosting
 * @since 0.1.0
 */
export const hostedVersions = (rt: Runtime, epoch: U64, preWarmEpochs: U64 = DEFAULT_PRE_WARM_EPOCHS): HostedVersions => {
  // DX2: an epoch that is not a uint64 hosts nothing.
  const checked = checkU64(epoch)
  if (checked === undefined) return { active: undefined, preWarm: undefined, deployments: [] }
  const active = activeAt(rt, checked)
  const next = nextAt(rt, checked)
  const left = next === undefined ? undefined : epochsBetween(checked, next.valid_from)
  // W6: a window that is not a uint64 disables pre-warming.
  const lead = checkU64(preWarmEpochs)
  // W6: the window is inclusive; `left` is at least 1, so 0 disables pre-warming.
  const preWarm = left !== undefined && lead !== undefined && left <= lead ? next : undefined
  const deployments = [active, preWarm].filter((d): d is VersionInfo => d !== undefined)
  return { active, preWarm, deployments }
}
