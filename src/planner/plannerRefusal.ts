/**
 * Typed refusals of the upgrade planner (PL rules of `spec/planner.md`).
 *
 * @since 0.1.0
 */
import { type RefusalMessages, refusalConstructor, type RefusalUnion } from '../codec/refusal.js'
import { type DeploymentRef, formatDeployment as dep } from '../rules/deployment.js'
import { formatVersion } from '../rules/version.js'
import type { Version } from '../schema/version.js'

/**
 * The rule each planner refusal enforces.
 *
 * @example
 * PLANNER_REFUSAL_RULES.PlanDowngrade // 'PL2'
 *
 * @category errors
 * @since 0.1.0
 */
export const PLANNER_REFUSAL_RULES = {
  PlanDowngrade: 'PL2',
  ActiveIdentityConflict: 'PL3'
} as const

/**
 * The `_tag` of a {@link PlannerRefusal}.
 *
 * @category errors
 * @since 0.1.0
 */
export type PlannerRefusalTag = keyof typeof PLANNER_REFUSAL_RULES

/**
 * The data each planner refusal carries, by tag.
 *
 * @category errors
 * @since 0.1.0
 */
export interface PlannerRefusalData {
  readonly PlanDowngrade: { readonly target: Version; readonly active: DeploymentRef }
  readonly ActiveIdentityConflict: {
    readonly target: Version
    readonly active: DeploymentRef
    readonly field: 'tee' | 'bundle_checksum'
  }
}

/**
 * A planner refusal: its tag, rule, one-line message and data.
 *
 * @example
 * import { plannerRefusal } from 'runtime-deployments'
 * plannerRefusal('PlanDowngrade', { target: { major: 1 }, active: { version: { major: 2 }, valid_from: 5 } }).rule // 'PL2'
 *
 * @category errors
 * @since 0.1.0
 */
export type PlannerRefusal = RefusalUnion<typeof PLANNER_REFUSAL_RULES, PlannerRefusalData>

const MESSAGES: RefusalMessages<PlannerRefusalData> = {
  PlanDowngrade: (d) =>
    `version ${formatVersion(d.target)} is below the active ${dep(d.active)}: ` +
    'versions only move forward; schedule a higher version instead',
  ActiveIdentityConflict: (d) =>
    `version ${formatVersion(d.target)} is already active (${dep(d.active)}) with a different ${d.field}: ` +
    'a new identity needs a new version'
}

/**
 * Build a {@link PlannerRefusal}; the rule and the message derive from the tag and the data.
 *
 * @example
 * plannerRefusal('PlanDowngrade', { target: { major: 1 }, active: { version: { major: 2 }, valid_from: 5 } }).rule // 'PL2'
 *
 * @category constructors
 * @since 0.1.0
 */
export const plannerRefusal = refusalConstructor(PLANNER_REFUSAL_RULES, MESSAGES)
