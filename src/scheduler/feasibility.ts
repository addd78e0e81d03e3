/**
 * Whether an executor committee can be elected for a runtime at an epoch (S4): the "insufficient
 * nodes" condition under which oasis-core drops the committee and suspends the runtime (S5).
 *
 * Check order (the first failure is reported): S1 an active deployment; the worker group size is
 * not 0 ("empty committee not allowed"); for the worker role, then for the backup-worker role when
 * its size is not 0: the eligible count reaches the role's minimum pool size ("not enough eligible
 * nodes"), then the role's group size ("committee size exceeds available nodes").
 *
 * Eligibility here is S1–S2 only; the stake, VRF and per-entity filters upstream (S3) can only
 * remove more nodes. So `InsufficientNodes` here means no committee upstream either, while
 * `Feasible` means S1–S2 leave enough nodes.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { CheckedU64 } from '../internal/uint64.js'
import type { NodeDescriptor } from '../node/node.js'
import { deploymentRef } from '../rules/deployment.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import { activeAt } from '../rules/selection.js'
import type { Runtime, SchedulingConstraints, U64, VersionInfo } from '../schema/runtime.js'
import { type Eligibility, type EligibilityOptions, eligibleAt, schedulerArguments } from './eligibility.js'
import { type ExclusionCount, type InsufficientNodesProblem, type SchedulerRefusal, schedulerRefusal } from './schedulerRefusal.js'

/**
 * The sizes an executor committee election checks (S4).
 *
 * @category feasibility
 * @since 0.1.0
 */
export interface CommitteeParameters {
  /** Workers wanted (`executor.group_size`); 0 means no committee. */
  readonly groupSize: number
  /** Minimum eligible nodes for the worker role (`constraints[executor][worker].min_pool_size`). */
  readonly minPoolSize: number
  /** Backup workers wanted (`executor.group_backup_size`); 0 skips the backup checks. */
  readonly backupSize: number
  /** Minimum eligible nodes for the backup-worker role. */
  readonly backupMinPoolSize: number
}

/**
 * Options of {@link committeeFeasibility}: eligibility options plus committee sizes; each size
 * left out is read from the descriptor ({@link committeeParameters}).
 *
 * @category feasibility
 * @since 0.1.0
 */
export interface FeasibilityOptions extends EligibilityOptions, Partial<CommitteeParameters> {}

/**
 * A committee can be elected: the eligibility it rests on and the sizes checked.
 *
 * @category feasibility
 * @since 0.1.0
 */
export interface Feasible {
  readonly _tag: 'Feasible'
  readonly epoch: U64
  readonly deployment: VersionInfo
  /** How many nodes are eligible. */
  readonly eligibleCount: number
  /** The most nodes any checked role needs (group size or minimum pool size). */
  readonly needed: number
  readonly parameters: CommitteeParameters
  readonly eligibility: Eligibility
}

// oasis-core scheduler: CommitteeKind KindComputeExecutor = 1; Role RoleWorker = 1, RoleBackupWorker = 2.
const KIND_COMPUTE_EXECUTOR = 1
type Role = 'worker' | 'backup-worker'
const ROLE_WORKER = 1
const ROLE_BACKUP_WORKER = 2

const isSize = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0

const size = (x: unknown): number => (isSize(x) ? x : 0)

const constraintsOf = (rt: Runtime, role: number): SchedulingConstraints | undefined => {
  const byKind: unknown = rt.constraints
  if (!(byKind instanceof Map)) return undefined
  const byRole: unknown = byKind.get(KIND_COMPUTE_EXECUTOR)
  if (!(byRole instanceof Map)) return undefined
  const cs: unknown = byRole.get(role)
  return typeof cs === 'object' && cs !== null ? (cs as SchedulingConstraints) : undefined
}

/**
 * The committee sizes a runtime descriptor asks for (S4): `executor.group_size` and
 * `group_backup_size`, and the `min_pool_size` constraints of the executor committee's worker and
 * backup-worker roles. Absent or malformed values read as 0.
 *
 * @example
 * committeeParameters(rt) // { groupSize: 2, minPoolSize: 0, backupSize: 1, backupMinPoolSize: 0 }
 *
 * @category feasibility
 * @since 0.1.0
 */
export const committeeParameters = (rt: Runtime): CommitteeParameters => ({
  groupSize: size(rt.executor?.group_size),
  minPoolSize: size(constraintsOf(rt, ROLE_WORKER)?.min_pool_size?.limit),
  backupSize: size(rt.executor?.group_backup_size),
  backupMinPoolSize: size(constraintsOf(rt, ROLE_BACKUP_WORKER)?.min_pool_size?.limit)
})

const PARAMETER_KEYS = ['groupSize', 'minPoolSize', 'backupSize', 'backupMinPoolSize'] as const

/**
 * The committee sizes to check: the options' where given, the descriptor's otherwise; or the
 * first malformed option (DX2).
 *
 * @example
 * resolveCommitteeParameters(rt, { groupSize: 3 }) // right({ groupSize: 3, …descriptor's others })
 *
 * @category feasibility
 * @since 0.1.0
 */
export const resolveCommitteeParameters = (
  rt: Runtime,
  opts: Partial<CommitteeParameters>
): E.Either<SchedulerRefusal | RuleViolation, CommitteeParameters> => {
  // DX2
  if (typeof opts !== 'object' || opts === null) {
    return E.left(ruleViolation('MalformedArgument', { argument: 'opts', reason: 'not an object' }))
  }
  const fromDescriptor = committeeParameters(rt)
  const out: Record<(typeof PARAMETER_KEYS)[number], number> = { ...fromDescriptor }
  for (const key of PARAMETER_KEYS) {
    const v: unknown = opts[key]
    if (v === undefined) continue
    // DX2
    if (!isSize(v)) return E.left(ruleViolation('MalformedArgument', { argument: `opts.${key}`, reason: 'not a non-negative integer' }))
    out[key] = v
  }
  return E.right(out)
}

/**
 * The exclusion reasons of an eligibility, counted: most frequent first, then by tag.
 *
 * @example
 * import { eligibleNodes } from './eligibility.js'
 * pipe(eligibleNodes(rt, nodes, 10), E.map(exclusionCounts)) // right([{ reason: 'VersionNotAdvertised', rule: 'S2', count: 3 }, …])
 *
 * @category feasibility
 * @since 0.1.0
 */
export const exclusionCounts = (eligibility: Eligibility): ReadonlyArray<ExclusionCount> => {
  const counts = new Map<string, ExclusionCount>()
  // `filter` drops the holes of a sparse array, which `for … of` would yield as undefined.
  for (const { reason } of eligibility.excluded.filter((x) => typeof x === 'object' && x !== null)) {
    const c = counts.get(reason._tag)
    counts.set(reason._tag, { reason: reason._tag, rule: reason.rule, count: (c?.count ?? 0) + 1 })
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0))
}

/**
 * Feasibility of the committee when `deployment` is the version nodes must run: the S4 checks over
 * {@link eligibleNodesFor}. {@link committeeFeasibility} passes the active deployment.
 *
 * @example
 * committeeFeasibilityFor(rt, nextDeployment(rt, 10), nodes, 10, { groupSize: 2, minPoolSize: 2 })
 *
 * @category feasibility
 * @since 0.1.0
 */
export const committeeFeasibilityFor = (
  rt: Runtime,
  deployment: VersionInfo | undefined,
  nodes: ReadonlyArray<NodeDescriptor>,
  epoch: U64,
  opts: FeasibilityOptions = {}
): E.Either<SchedulerRefusal | RuleViolation, Feasible> =>
  pipe(
    schedulerArguments(rt, epoch),
    E.chainW((checked) => feasibilityAt(rt, deployment, nodes, checked, opts))
  )

/**
 * {@link committeeFeasibilityFor} at an epoch already checked where it entered the library.
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * const epoch = checkU64(1250)!
 * feasibilityAt(rt, activeAt(rt, epoch), nodes, epoch, {}) // right(Feasible) or left(InsufficientNodes)
 */
export const feasibilityAt = (
  rt: Runtime,
  deployment: VersionInfo | undefined,
  nodes: ReadonlyArray<NodeDescriptor>,
  epoch: CheckedU64,
  opts: FeasibilityOptions
): E.Either<SchedulerRefusal | RuleViolation, Feasible> => {
  const options: FeasibilityOptions = typeof opts === 'object' && opts !== null ? opts : {}
  const resolved = resolveCommitteeParameters(rt, options)
  if (E.isLeft(resolved)) return resolved
  const parameters = resolved.right
  const eligibility = eligibleAt(rt, deployment, nodes, epoch, options)
  const eligible = eligibility.eligible.length
  const base = {
    epoch,
    deployment: deployment === undefined ? undefined : deploymentRef(deployment),
    eligible,
    exclusions: exclusionCounts(eligibility)
  }
  const fail = (problem: InsufficientNodesProblem, role: Role, needed: number): E.Either<SchedulerRefusal | RuleViolation, Feasible> =>
    E.left(schedulerRefusal('InsufficientNodes', { problem, role, needed, ...base }))
  // S1
  if (deployment === undefined) return fail('no-active-deployment', 'worker', parameters.groupSize)
  // S4: "empty committee not allowed".
  if (parameters.groupSize === 0) return fail('empty-committee', 'worker', 0)
  const roles: ReadonlyArray<readonly [Role, number, number]> = [
    ['worker', parameters.groupSize, parameters.minPoolSize],
    ['backup-worker', parameters.backupSize, parameters.backupMinPoolSize]
  ]
  for (const [role, groupSize, minPoolSize] of roles) {
    // S4: a role of size 0 (backup workers) is not elected.
    if (groupSize === 0) continue
    // S4: "not enough eligible nodes".
    if (eligible < minPoolSize) return fail('below-min-pool-size', role, minPoolSize)
    // S4: "committee size exceeds available nodes".
    if (eligible < groupSize) return fail('group-size-exceeds-nodes', role, groupSize)
  }
  const needed = Math.max(
    parameters.groupSize,
    parameters.minPoolSize,
    parameters.backupSize === 0 ? 0 : Math.max(parameters.backupSize, parameters.backupMinPoolSize)
  )
  return E.right({ _tag: 'Feasible', epoch, deployment, eligibleCount: eligible, needed, parameters, eligibility })
}

/**
 * Whether an executor committee for `rt` can be elected at `epoch` (S4): `right(Feasible)`, or
 * `left(InsufficientNodes)` with the eligible count, the count needed, and the exclusion reasons
 * counted — the signal that the runtime would be suspended. Sizes default to the descriptor's
 * ({@link committeeParameters}); a malformed size is refused with `MalformedArgument` (DX2).
 *
 * @example
 * import { committeeFeasibility } from 'runtime-deployments'
 * // 1.0.0 active, group size 2; node1 advertises 1.0.1, node3 1.0.0
 * committeeFeasibility(rt, [node1, node3], epoch, { groupSize: 2, minPoolSize: 0 })
 * // left({ _tag: 'InsufficientNodes', rule: 'S4', eligible: 1, needed: 2,
 * //        exclusions: [{ reason: 'VersionNotAdvertised', rule: 'S2', count: 1 }], … })
 *
 * @category feasibility
 * @since 0.1.0
 */
export const committeeFeasibility = (
  rt: Runtime,
  nodes: ReadonlyArray<NodeDescriptor>,
  epoch: U64,
  opts: FeasibilityOptions = {}
): E.Either<SchedulerRefusal | RuleViolation, Feasible> =>
  pipe(
    schedulerArguments(rt, epoch),
    E.chainW((checked) => feasibilityAt(rt, activeAt(rt, checked), nodes, checked, opts))
  )
