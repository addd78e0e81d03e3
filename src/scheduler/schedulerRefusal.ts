/**
 * Typed refusals of the scheduler (S4 of `spec/scheduler.md`).
 *
 * @since 0.1.0
 */
import { type RefusalMessages, refusalConstructor, type RefusalUnion } from '../codec/refusal.js'
import { formatU64 as ep, type U64 } from '../internal/uint64.js'
import { type DeploymentRef, formatDeployment as dep } from '../rules/deployment.js'

/**
 * The rule each scheduler refusal enforces.
 *
 * @example
 * SCHEDULER_REFUSAL_RULES.InsufficientNodes // 'S4'
 *
 * @category errors
 * @since 0.1.0
 */
export const SCHEDULER_REFUSAL_RULES = {
  InsufficientNodes: 'S4'
} as const

/**
 * The `_tag` of a {@link SchedulerRefusal}.
 *
 * @category errors
 * @since 0.1.0
 */
export type SchedulerRefusalTag = keyof typeof SCHEDULER_REFUSAL_RULES

/**
 * Why no committee can be elected (S4), in the scheduler's check order.
 *
 * @category errors
 * @since 0.1.0
 */
export type InsufficientNodesProblem =
  | 'no-active-deployment'
  | 'empty-committee'
  | 'below-min-pool-size'
  | 'group-size-exceeds-nodes'

/**
 * How many nodes one exclusion reason left out (S4): its `_tag`, its rule, and the count.
 *
 * @category errors
 * @since 0.1.0
 */
export interface ExclusionCount {
  readonly reason: string
  readonly rule: string
  readonly count: number
}

/**
 * The data each scheduler refusal carries, by tag.
 *
 * @category errors
 * @since 0.1.0
 */
export interface SchedulerRefusalData {
  readonly InsufficientNodes: {
    readonly problem: InsufficientNodesProblem
    readonly role: 'worker' | 'backup-worker'
    readonly epoch: U64
    readonly deployment: DeploymentRef | undefined
    readonly eligible: number
    readonly needed: number
    readonly exclusions: ReadonlyArray<ExclusionCount>
  }
}

/**
 * A scheduler refusal: its tag, rule, one-line message and data.
 *
 * @example
 * import { schedulerRefusal } from 'runtime-deployments'
 * schedulerRefusal('InsufficientNodes', { problem: 'empty-committee', role: 'worker', epoch: 10, deployment: undefined, eligible: 0, needed: 0, exclusions: [] }).rule // 'S4'
 *
 * @category errors
 * @since 0.1.0
 */
export type SchedulerRefusal = RefusalUnion<typeof SCHEDULER_REFUSAL_RULES, SchedulerRefusalData>

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`

const roleName = (role: 'worker' | 'backup-worker'): string => (role === 'worker' ? 'worker' : 'backup worker')

const INSUFFICIENT: {
  readonly [P in InsufficientNodesProblem]: (d: SchedulerRefusalData['InsufficientNodes']) => string
} = {
  'no-active-deployment': () => 'no committee: the runtime has no active deployment',
  'empty-committee': () => 'no committee: the executor group size is 0 (an empty committee is not allowed)',
  'below-min-pool-size': (d) =>
    `not enough eligible nodes for ${d.deployment === undefined ? 'the runtime' : dep(d.deployment)}: ` +
    `${plural(d.eligible, 'node')}, the ${roleName(d.role)} minimum pool size is ${d.needed}`,
  'group-size-exceeds-nodes': (d) =>
    `not enough eligible nodes for ${d.deployment === undefined ? 'the runtime' : dep(d.deployment)}: ` +
    `${plural(d.eligible, 'node')}, the ${roleName(d.role)} group needs ${d.needed}`
}

const exclusionCounts = (cs: ReadonlyArray<ExclusionCount>): string => cs.map((c) => `${c.count} ${c.reason} (${c.rule})`).join(', ')

const MESSAGES: RefusalMessages<SchedulerRefusalData> = {
  InsufficientNodes: (d) =>
    `at epoch ${ep(d.epoch)}, ${INSUFFICIENT[d.problem](d)}; the runtime would be suspended` +
    (d.exclusions.length === 0 ? '' : ` (excluded: ${exclusionCounts(d.exclusions)})`)
}

/**
 * Build a {@link SchedulerRefusal}; the rule and the message derive from the tag and the data.
 *
 * @example
 * schedulerRefusal('InsufficientNodes', { problem: 'empty-committee', role: 'worker', epoch: 10, deployment: undefined, eligible: 0, needed: 0, exclusions: [] }).rule // 'S4'
 *
 * @category constructors
 * @since 0.1.0
 */
export const schedulerRefusal = refusalConstructor(SCHEDULER_REFUSAL_RULES, MESSAGES)
