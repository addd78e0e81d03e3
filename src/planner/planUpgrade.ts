/**
 * The upgrade planner (PL1–PL6): from a descriptor and a target version, the descriptor update
 * that schedules it — or `NoChange` when it is already active or scheduled identically (an
 * idempotent reconcile, like Fluence's deployer), or the reason no such update exists.
 *
 * Steps (the first refusal is reported):
 * 1. DX2: `now`, `leadEpochs` (at least 1, `now + leadEpochs` a uint64), `prune` and the target;
 * 2. PL1/PL3: the target's version is active: `NoChange` if its identity (`tee`,
 *    `bundle_checksum`) is the same, otherwise `ActiveIdentityConflict`;
 * 3. PL2: the target's version is below the active one: `PlanDowngrade`;
 * 4. PL1: the target's version is pending with the same identity: `NoChange`, wherever it starts;
 * 5. PL4: build the proposal: pending entries the target replaces are dropped, superseded ones too
 *    when `prune`, and the target is appended at `now + leadEpochs`;
 * 6. PL5: the proposal goes through `verifyRuntimeUpdate` (with the policy, when given); a refusal
 *    there is returned as it is.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { addU64, checkU64, type CheckedU64, compareU64, formatU64 } from '../internal/uint64.js'
import { u64Argument } from '../rules/argument.js'
import { bytesEqual, deploymentRef, deploymentsOf } from '../rules/deployment.js'
import { futureDeploymentLimit, type Policy } from '../rules/policy.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import { activeAt } from '../rules/selection.js'
import { verifyUpdateAt } from '../rules/update.js'
import { paramsViolation } from '../rules/validation.js'
import { compareVersions, formatVersion, isVersionPart, sameVersion } from '../rules/version.js'
import type { ConsensusParameters } from '../schema/params.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import type { Version } from '../schema/version.js'
import { type PlannerRefusal, plannerRefusal } from './plannerRefusal.js'

/**
 * The deployment an operator wants: a version and, optionally, its TEE identity and bundle checksum.
 *
 * @category planning
 * @since 0.1.0
 */
export interface UpgradeTarget {
  readonly version: Version
  readonly tee?: Uint8Array
  readonly bundle_checksum?: Uint8Array
}

/**
 * Options of {@link planUpgrade}.
 *
 * @category planning
 * @since 0.1.0
 */
export interface PlanOptions {
  /** PL4: the new deployment starts at `now + leadEpochs` (at least 1). */
  readonly leadEpochs: U64
  /** PL4: also drop the deployments superseded at `now`. */
  readonly prune?: boolean
  /** PL5: the consensus parameters the update is verified under (default `{}`). */
  readonly params?: ConsensusParameters
  /** PL5: the stricter policy the update must also pass. */
  readonly policy?: Policy
  /** PL5: consensus feature version 26.1 is active (D7). */
  readonly isFeatureVersion261?: boolean
  /** PL5: decode each deployment's `tee` in strict mode (D7, spec/codec.md CX1–CX9). */
  readonly strict?: boolean
}

/**
 * The target is already active or scheduled with the same identity (PL1): nothing to submit.
 *
 * @category planning
 * @since 0.1.0
 */
export interface NoChange {
  readonly _tag: 'NoChange'
  readonly rule: 'PL1'
  readonly message: string
  readonly status: 'active' | 'scheduled'
  readonly deployment: VersionInfo
}

/**
 * The descriptor update to submit (PL4, PL5): it passes `verifyRuntimeUpdate` against the input
 * at `now` (and the policy, when given).
 *
 * @category planning
 * @since 0.1.0
 */
export interface ProposedUpgrade {
  readonly _tag: 'ProposedUpgrade'
  readonly rule: 'PL4'
  readonly message: string
  readonly runtime: Runtime
  /** The new deployment, as appended. */
  readonly deployment: VersionInfo
  /** Pending deployments the target replaces. */
  readonly replaced: ReadonlyArray<VersionInfo>
  /** Superseded deployments dropped (with `prune`). */
  readonly pruned: ReadonlyArray<VersionInfo>
}

/**
 * The outcome of {@link planUpgrade}.
 *
 * @category planning
 * @since 0.1.0
 */
export type UpgradePlan = NoChange | ProposedUpgrade


const isBytes = (x: unknown): boolean => x === undefined || x instanceof Uint8Array

// DX2: the checked `now` and `now + leadEpochs`, or the first malformed argument.
const checkPlanArguments = (
  target: UpgradeTarget,
  now: U64,
  opts: PlanOptions
): E.Either<RuleViolation, { readonly now: CheckedU64; readonly start: CheckedU64 }> => {
  const bad = (argument: string, reason: string) => E.left(ruleViolation('MalformedArgument', { argument, reason }))
  const checkedNow = u64Argument('now', now)
  if (E.isLeft(checkedNow)) return checkedNow
  if (typeof opts !== 'object' || opts === null) return bad('opts', 'not an object')
  const lead = checkU64(opts.leadEpochs)
  if (lead === undefined || compareU64(lead, 1) < 0) return bad('opts.leadEpochs', 'not a uint64 of at least 1')
  const start = addU64(checkedNow.right, lead)
  if (start === undefined) return bad('opts.leadEpochs', 'now + leadEpochs exceeds 2^64 - 1')
  if (opts.prune !== undefined && typeof opts.prune !== 'boolean') return bad('opts.prune', 'not a boolean')
  if (typeof target !== 'object' || target === null) return bad('target', 'not an object')
  const v: unknown = target.version
  if (typeof v !== 'object' || v === null) return bad('target.version', 'not a version object')
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (!isVersionPart((v as Version)[key])) return bad(`target.version.${key}`, 'not a uint16')
  }
  if (!isBytes(target.tee)) return bad('target.tee', 'not a byte string')
  if (!isBytes(target.bundle_checksum)) return bad('target.bundle_checksum', 'not a byte string')
  return E.right({ now: checkedNow.right, start })
}

// The first identity field that differs (absent equals empty, as oasis-core compares).
const identityDifference = (d: VersionInfo, target: UpgradeTarget): 'tee' | 'bundle_checksum' | undefined =>
  !bytesEqual(d.tee, target.tee) ? 'tee' : !bytesEqual(d.bundle_checksum, target.bundle_checksum) ? 'bundle_checksum' : undefined

const at = (d: VersionInfo): string => `${formatVersion(d.version)}@${formatU64(d.valid_from)}`

const noChange = (status: 'active' | 'scheduled', deployment: VersionInfo): NoChange => ({
  _tag: 'NoChange',
  rule: 'PL1',
  message:
    `${formatVersion(deployment.version)} is already ${status === 'active' ? 'active since' : 'scheduled at'} ` +
    `epoch ${formatU64(deployment.valid_from)} with the same identity: nothing to submit`,
  status,
  deployment
})

/**
 * Plan the descriptor update that brings `rt` to `target` at epoch `now`: `NoChange` (PL1) when
 * the target is already active or pending with the same `tee` and `bundle_checksum`; otherwise a
 * proposal (PL4) that drops the pending deployments the target replaces (those of a version not
 * below it or starting at or after its start, and any beyond the policy's pending limit), drops
 * the superseded ones when `prune`, and appends the target at `now + leadEpochs`. The proposal
 * is verified (PL5), so a `right` proposal always passes `verifyRuntimeUpdate(rt, proposal, now,
 * params, policy)`; otherwise the refusal explains why no such update exists: a downgrade (PL2),
 * a new identity for the active version (PL3), or the verification's own reason (for example
 * `TooManyDeployments` without `prune`, `LeadTimeTooShort` under a policy).
 *
 * @example
 * import { planUpgrade } from 'runtime-deployments'
 * // 1.3.0@1000 superseded, 1.4.0@1200 active at 1250
 * planUpgrade(rt, { version: { major: 1, minor: 5 } }, 1250, { leadEpochs: 4, prune: true, params })
 * // right({ _tag: 'ProposedUpgrade', runtime: { …, deployments: [1.4.0@1200, 1.5.0@1254] }, pruned: [1.3.0@1000], … })
 * planUpgrade(proposal, { version: { major: 1, minor: 5 } }, 1250, { leadEpochs: 4, prune: true, params })
 * // right({ _tag: 'NoChange', status: 'scheduled', … })
 *
 * @category planning
 * @since 0.1.0
 */
export const planUpgrade = (
  rt: Runtime,
  target: UpgradeTarget,
  now: U64,
  opts: PlanOptions
): E.Either<PlannerRefusal | RuleViolation, UpgradePlan> => {
  const checked = checkPlanArguments(target, now, opts)
  // DX2
  if (E.isLeft(checked)) return checked
  return planAt(rt, target, checked.right.now, checked.right.start, opts)
}

// PL1–PL5 after the arguments were checked; `start` is `now + leadEpochs`.
const planAt = (
  rt: Runtime,
  target: UpgradeTarget,
  now: CheckedU64,
  start: CheckedU64,
  opts: PlanOptions
): E.Either<PlannerRefusal | RuleViolation, UpgradePlan> => {
  const active = activeAt(rt, now)
  if (active !== undefined) {
    if (sameVersion(active.version, target.version)) {
      const field = identityDifference(active, target)
      // PL1, PL3
      if (field === undefined) return E.right(noChange('active', active))
      return E.left(plannerRefusal('ActiveIdentityConflict', { target: target.version, active: deploymentRef(active), field }))
    }
    // PL2
    if (compareVersions(target.version, active.version) < 0) {
      return E.left(plannerRefusal('PlanDowngrade', { target: target.version, active: deploymentRef(active) }))
    }
  }
  const all = deploymentsOf(rt)
  const pending = all.filter((d) => compareU64(d.valid_from, now) > 0).sort((a, b) => compareU64(a.valid_from, b.valid_from))
  const same = pending.find((d) => sameVersion(d.version, target.version))
  // PL1: scheduled with the same identity, wherever it starts.
  if (same !== undefined && identityDifference(same, target) === undefined) return E.right(noChange('scheduled', same))

  // PL4: pending entries below the target and starting before it stay, earliest first, while
  // the pending limit (D9, or PX5) leaves room for the target; the others are replaced.
  const room = futureDeploymentLimit(opts.policy) - 1
  const kept = pending.filter((d) => compareVersions(d.version, target.version) < 0 && compareU64(d.valid_from, start) < 0).slice(0, room)
  const replaced = pending.filter((d) => !kept.includes(d))
  // PL4: superseded entries (below the active one's valid_from), when asked.
  const pruned = opts.prune === true && active !== undefined ? all.filter((d) => compareU64(d.valid_from, active.valid_from) < 0) : []
  const deployment: VersionInfo = {
    version: target.version,
    valid_from: start,
    ...(target.tee === undefined ? {} : { tee: target.tee }),
    ...(target.bundle_checksum === undefined ? {} : { bundle_checksum: target.bundle_checksum })
  }
  const dropped = new Set<VersionInfo>([...replaced, ...pruned])
  const raw: unknown = rt.deployments
  const rest = (Array.isArray(raw) ? (raw as ReadonlyArray<VersionInfo>) : []).filter((d) => !dropped.has(d))
  const runtime: Runtime = { ...rt, deployments: [...rest, deployment] }
  // PL5
  const params = opts.params ?? {}
  const badParams = paramsViolation(params, opts.policy)
  if (badParams !== undefined) return E.left(badParams)
  const verified = verifyUpdateAt(rt, runtime, now, params, opts.policy, { isFeatureVersion261: opts.isFeatureVersion261, strict: opts.strict })
  if (E.isLeft(verified)) return verified
  const message =
    `schedule ${at(deployment)}` +
    (replaced.length === 0 ? '' : `, replacing ${replaced.map(at).join(', ')}`) +
    (pruned.length === 0 ? '' : `, pruning ${pruned.map(at).join(', ')}`)
  return E.right({ _tag: 'ProposedUpgrade', rule: 'PL4', message, runtime, deployment, replaced, pruned })
}
