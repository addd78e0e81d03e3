/**
 * This project's optional stricter rules (PX1–PX6), on top of oasis-core's. Each is off unless
 * its field is set; leaving `policy` out entirely gives exactly oasis-core's behaviour.
 *
 * The checks run after every oasis-core rule has passed, in id order (PX1, PX2, PX3, PX4), so an
 * update oasis-core refuses is always reported with oasis-core's reason. PX5 replaces D9 inside
 * validation; PX6 runs last.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import { type CheckedU64, compareU64, isU64, u64FromBigint } from '../internal/uint64.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import { U64_REASON } from './argument.js'
import { unadmittedIdentity } from './codeIdentity.js'
import { byVersion, bytesEqual, deploymentRef, deploymentsOf, sameDeployment } from './deployment.js'
import { type RuleViolation, ruleViolation } from './ruleViolation.js'
import { deploymentForVersion } from './selection.js'
import { versionToU64 } from './version.js'

/**
 * Stricter rules a consensus layer may opt into. Every field is optional and off when absent.
 *
 * @category policy
 * @since 0.1.0
 */
export interface Policy {
  /** PX1: a new or amended deployment must start at least this many epochs after `now`. */
  readonly minLeadEpochs?: U64
  /** PX2: a pending deployment starting within this many epochs of `now` can no longer be amended or cancelled. */
  readonly freezeEpochs?: U64
  /** PX3: no deployment may be scheduled below a version that is already pending. */
  readonly noPendingDowngrade?: boolean
  /** PX4: the `tee` and `bundle_checksum` of an already scheduled version cannot change. */
  readonly immutableScheduledIdentity?: boolean
  /** PX5: how many deployments may be pending at once; values above 1 replace D9's limit of one. */
  readonly maxFutureDeployments?: number
  /**
   * PX6: the code identities admitted (trusted, or endorsed by an accepted statement, see
   * `admitCodeIdentity`); every deployment an update adds or amends must have only these.
   */
  readonly admittedCodeIdentities?: ReadonlyArray<Uint8Array>
}

/**
 * A ready-made strict policy: 4 epochs of lead time (oasis-core's e2e helpers use `now + 4`),
 * a 2-epoch freeze window, no pending downgrade, immutable scheduled identities, one pending
 * deployment.
 *
 * @example
 * verifyRuntimeUpdate(current, proposed, now, params, STRICT_POLICY)
 *
 * @category policy
 * @since 0.1.0
 */
export const STRICT_POLICY: Policy = /* @__PURE__ */ Object.freeze({
  minLeadEpochs: 4,
  freezeEpochs: 2,
  noPendingDowngrade: true,
  immutableScheduledIdentity: true,
  maxFutureDeployments: 1
})

/**
 * How many deployments may be pending at once: `maxFutureDeployments` when it is above 1 (PX5),
 * otherwise oasis-core's one (D9).
 *
 * @example
 * futureDeploymentLimit(undefined) // 1
 * futureDeploymentLimit({ maxFutureDeployments: 3 }) // 3
 *
 * @category policy
 * @since 0.1.0
 */
export const futureDeploymentLimit = (policy: Policy | undefined): number => {
  const n = policy?.maxFutureDeployments
  return n !== undefined && Number.isSafeInteger(n) && n > 1 ? n : 1
}

/**
 * The first malformed field of a policy, as `[field, reason]` (DX2), or `undefined`.
 *
 * @example
 * policyProblem({ minLeadEpochs: -1 }) // ['policy.minLeadEpochs', 'not a uint64 …']
 *
 * @category policy
 * @since 0.1.0
 */
export const policyProblem = (policy: Policy | undefined): readonly [string, string] | undefined => {
  if (policy === undefined) return undefined
  if (typeof policy !== 'object' || policy === null) return ['policy', 'not an object']
  for (const key of ['minLeadEpochs', 'freezeEpochs'] as const) {
    const v = policy[key]
    if (v !== undefined && !isU64(v)) return [`policy.${key}`, U64_REASON]
  }
  for (const key of ['noPendingDowngrade', 'immutableScheduledIdentity'] as const) {
    const v = policy[key]
    if (v !== undefined && typeof v !== 'boolean') return [`policy.${key}`, 'not a boolean']
  }
  const m = policy.maxFutureDeployments
  if (m !== undefined && !(Number.isSafeInteger(m) && m >= 0)) {
    return ['policy.maxFutureDeployments', 'not a non-negative integer']
  }
  const a = policy.admittedCodeIdentities
  if (a !== undefined && !(Array.isArray(a) && a.every((x) => x instanceof Uint8Array))) {
    return ['policy.admittedCodeIdentities', 'not an array of Uint8Array']
  }
  return undefined
}


// Only called on values already checked by DX1/DX2, so the conversion is exact.
const big = (x: U64): bigint => (typeof x === 'bigint' ? x : BigInt(x))


const pending = (ds: ReadonlyArray<VersionInfo>, now: U64): ReadonlyArray<VersionInfo> =>
  ds.filter((d) => compareU64(d.valid_from, now) > 0).sort(byVersion)

const isNewOrAmended = (current: Runtime, d: VersionInfo): boolean => {
  const old = deploymentForVersion(current, d.version)
  return old === undefined || !sameDeployment(old, d)
}

/**
 * PX1: every pending deployment that `proposed` adds or amends (all pending ones when `current`
 * is `undefined`, a new registration) must start at epoch `now + minLeadEpochs` or later.
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * checkLeadTime(current, proposed, checkU64(100)!, { minLeadEpochs: 4 }) // LeadTimeTooShort for a start at 102
 *
 * @category policy
 * @since 0.1.0
 */
export const checkLeadTime = (
  current: Runtime | undefined,
  proposed: Runtime,
  now: CheckedU64,
  policy: Policy | undefined
): RuleViolation | undefined => {
  const lead = policy?.minLeadEpochs
  if (lead === undefined) return undefined
  const earliest = big(now) + big(lead)
  for (const d of pending(deploymentsOf(proposed), now)) {
    if (current !== undefined && !isNewOrAmended(current, d)) continue
    // PX1
    if (big(d.valid_from) < earliest) {
      return ruleViolation('LeadTimeTooShort', {
        deployment: deploymentRef(d),
        now,
        minLeadEpochs: lead,
        earliest: u64FromBigint(earliest)
      })
    }
  }
  return undefined
}

/**
 * PX2: a deployment pending in `current` that starts at or before `now + freezeEpochs` must be
 * kept exactly (`sameDeployment`) in `proposed`: it can be neither amended nor cancelled.
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * checkFreeze(current, proposed, checkU64(100)!, { freezeEpochs: 5 }) // DeploymentFrozen if 1.5.0@104 was changed
 *
 * @category policy
 * @since 0.1.0
 */
export const checkFreeze = (
  current: Runtime,
  proposed: Runtime,
  now: CheckedU64,
  policy: Policy | undefined
): RuleViolation | undefined => {
  const freeze = policy?.freezeEpochs
  if (freeze === undefined) return undefined
  const horizon = big(now) + big(freeze)
  for (const c of pending(deploymentsOf(current), now)) {
    if (big(c.valid_from) > horizon) continue
    const kept = deploymentForVersion(proposed, c.version)
    // PX2
    if (kept === undefined || !sameDeployment(kept, c)) {
      return ruleViolation('DeploymentFrozen', {
        deployment: deploymentRef(c),
        change: kept === undefined ? 'cancelled' : 'amended',
        now,
        freezeEpochs: freeze
      })
    }
  }
  return undefined
}

/**
 * PX3: a pending deployment of a version `current` does not have must be above every version
 * pending in `current` (a schedule can be replaced only by a higher version).
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * checkNoPendingDowngrade(current, proposed, checkU64(100)!, { noPendingDowngrade: true }) // PendingDowngrade for 1.4.1 replacing 1.5.0
 *
 * @category policy
 * @since 0.1.0
 */
export const checkNoPendingDowngrade = (
  current: Runtime,
  proposed: Runtime,
  now: CheckedU64,
  policy: Policy | undefined
): RuleViolation | undefined => {
  if (policy?.noPendingDowngrade !== true) return undefined
  const scheduled = pending(deploymentsOf(current), now)
  const highest = scheduled[scheduled.length - 1]
  if (highest === undefined) return undefined
  for (const d of pending(deploymentsOf(proposed), now)) {
    if (deploymentForVersion(current, d.version) !== undefined) continue
    // PX3
    if (versionToU64(d.version) < versionToU64(highest.version)) {
      return ruleViolation('PendingDowngrade', { deployment: deploymentRef(d), pending: deploymentRef(highest) })
    }
  }
  return undefined
}

/**
 * PX4: a deployment pending in `proposed` whose version `current` already schedules keeps its
 * `tee` and `bundle_checksum` (absent equals empty); only its `valid_from` may move.
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * checkScheduledIdentity(current, proposed, checkU64(100)!, { immutableScheduledIdentity: true }) // ScheduledIdentityChanged
 *
 * @category policy
 * @since 0.1.0
 */
export const checkScheduledIdentity = (
  current: Runtime,
  proposed: Runtime,
  now: CheckedU64,
  policy: Policy | undefined
): RuleViolation | undefined => {
  if (policy?.immutableScheduledIdentity !== true) return undefined
  for (const d of pending(deploymentsOf(proposed), now)) {
    const old = deploymentForVersion(current, d.version)
    if (old === undefined) continue
    // PX4
    if (!bytesEqual(old.tee, d.tee)) {
      return ruleViolation('ScheduledIdentityChanged', { deployment: deploymentRef(d), field: 'tee' })
    }
    if (!bytesEqual(old.bundle_checksum, d.bundle_checksum)) {
      return ruleViolation('ScheduledIdentityChanged', { deployment: deploymentRef(d), field: 'bundle_checksum' })
    }
  }
  return undefined
}

/**
 * PX6: with `admittedCodeIdentities`, every deployment `proposed` adds or amends (every
 * deployment when `current` is `undefined`, a new registration) has at least one code identity
 * and all of them admitted (`codeIdentities`).
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * checkAdmittedIdentities(current, proposed, { admittedCodeIdentities: [] }) // CodeIdentityNotAdmitted for the new 1.5.0
 *
 * @category policy
 * @since 0.1.0
 */
export const checkAdmittedIdentities = (
  current: Runtime | undefined,
  proposed: Runtime,
  policy: Policy | undefined
): RuleViolation | undefined => {
  const admitted = policy?.admittedCodeIdentities
  if (admitted === undefined) return undefined
  for (const d of [...deploymentsOf(proposed)].sort(byVersion)) {
    if (current !== undefined && !isNewOrAmended(current, d)) continue
    // PX6: nothing to admit is not admitted.
    const missing = unadmittedIdentity(proposed, d, admitted)
    if (missing === 'none') return ruleViolation('CodeIdentityNotAdmitted', { deployment: deploymentRef(d), field: 'none', identity: '' })
    if (missing !== undefined) {
      return ruleViolation('CodeIdentityNotAdmitted', { deployment: deploymentRef(d), field: missing.field, identity: bytesToHex(missing.bytes) })
    }
  }
  return undefined
}
