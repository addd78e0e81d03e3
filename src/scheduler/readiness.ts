/**
 * Readiness of a runtime's next deployment (RG1–RG5): how many of its nodes (or how much of their
 * stake) already advertise the next version, how many epochs remain until it activates, and
 * whether a committee could be elected if it activated now. This is the gate peers put before an
 * upgrade: Mithril switches eras once about 95% of signers run a compatible version; celestia's
 * `x/signal` upgrades at 5/6 of voting power. oasis-core has no gate: a runtime whose nodes did not
 * upgrade in time is suspended (S5).
 *
 * Shares are exact: a {@link Fraction} of bigints, plus basis points rounded down for display.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { type CheckedU64, formatU64 } from '../internal/uint64.js'
import { hasRoles, isExpired, type NodeDescriptor, nodeKey, nodeProblem, nodeRuntimes, ROLE_COMPUTE_WORKER } from '../node/node.js'
import { bytesEqual } from '../rules/deployment.js'
import { epochsBetween, malformedValidFrom } from '../rules/epochSpan.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import { activeAt, nextAt } from '../rules/selection.js'
import { formatVersion, sameVersion } from '../rules/version.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import { schedulerArguments } from './eligibility.js'
import { type Feasible, type FeasibilityOptions, feasibilityAt, resolveCommitteeParameters } from './feasibility.js'
import type { SchedulerRefusal } from './schedulerRefusal.js'

/**
 * An exact fraction `numerator / denominator` (bigints, denominator above 0).
 *
 * @category readiness
 * @since 0.1.0
 */
export interface Fraction {
  readonly numerator: bigint
  readonly denominator: bigint
}

/**
 * Mithril's readiness rule of thumb: 95% (19/20) of signers run a compatible version. The default
 * threshold of {@link upgradeReadiness}.
 *
 * @example
 * upgradeReadiness(rt, nodes, epoch, { threshold: MITHRIL_THRESHOLD })
 *
 * @category readiness
 * @since 0.1.0
 */
export const MITHRIL_THRESHOLD: Fraction = /* @__PURE__ */ Object.freeze({ numerator: 19n, denominator: 20n })

/**
 * celestia-app `x/signal`'s upgrade threshold: 5/6 of voting power (use with `weights`).
 *
 * @example
 * upgradeReadiness(rt, nodes, epoch, { weights, threshold: CELESTIA_THRESHOLD })
 *
 * @category readiness
 * @since 0.1.0
 */
export const CELESTIA_THRESHOLD: Fraction = /* @__PURE__ */ Object.freeze({ numerator: 5n, denominator: 6n })

/**
 * Options of {@link upgradeReadiness}: the feasibility options (TEE verifier, suspended nodes,
 * committee sizes) plus stake weights and the readiness threshold.
 *
 * @category readiness
 * @since 0.1.0
 */
export interface ReadinessOptions extends FeasibilityOptions {
  /** RG3: stake per node, keyed by `nodeKey(node.id)` (lower-case hex); a node not listed weighs 0. */
  readonly weights?: ReadonlyMap<string, bigint | number>
  /** RG4: the share needed; default {@link MITHRIL_THRESHOLD} (19/20). */
  readonly threshold?: Fraction
}

/**
 * No deployment is pending after the epoch (RG1).
 *
 * @category readiness
 * @since 0.1.0
 */
export interface NoUpgradePending {
  readonly _tag: 'NoUpgradePending'
  readonly rule: 'RG1'
  readonly message: string
  readonly epoch: U64
  readonly active: VersionInfo | undefined
}

/**
 * The readiness of the pending deployment `next` (RG1–RG5).
 *
 * @category readiness
 * @since 0.1.0
 */
export interface UpgradePending {
  readonly _tag: 'UpgradePending'
  readonly rule: 'RG1'
  readonly message: string
  readonly epoch: U64
  readonly active: VersionInfo | undefined
  readonly next: VersionInfo
  /** RG1: `next.valid_from - epoch`, exact. */
  readonly epochsLeft: U64
  /** RG2: nodes advertising the next version, of the runtime's nodes. */
  readonly nodes: { readonly upgraded: number; readonly total: number }
  /** RG3: the same by stake, when `weights` are given. */
  readonly stake: { readonly upgraded: bigint; readonly total: bigint } | undefined
  /** RG2/RG3: upgraded / total, by stake when weighted; 0/1 when the total is 0. */
  readonly share: Fraction
  /** `share` in basis points (1/10000), rounded down. */
  readonly basisPoints: number
  /** RG4 */
  readonly threshold: Fraction
  readonly thresholdMet: boolean
  /** RG5: the committee if `next` were active now. */
  readonly feasibility: E.Either<SchedulerRefusal | RuleViolation, Feasible>
  /** RG4 and RG5 both hold. */
  readonly ready: boolean
}

/**
 * The outcome of {@link upgradeReadiness}.
 *
 * @category readiness
 * @since 0.1.0
 */
export type UpgradeReadiness = NoUpgradePending | UpgradePending

const bpsOf = (f: Fraction): number => Number((f.numerator * 10000n) / f.denominator)

const percent = (bps: number): string => `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, '0')}%`

const fractionProblem = (f: unknown): string | undefined => {
  if (typeof f !== 'object' || f === null) return 'not a fraction object'
  const { numerator, denominator } = f as Record<string, unknown>
  if (typeof numerator !== 'bigint' || typeof denominator !== 'bigint') return 'numerator and denominator must be bigints'
  if (denominator <= 0n) return 'the denominator must be above 0'
  if (numerator < 0n || numerator > denominator) return 'the fraction must lie between 0 and 1'
  return undefined
}

// RG3: a weight is a non-negative bigint, or a safe non-negative integer number.
const weightOf = (weights: ReadonlyMap<string, unknown>, key: string): bigint | undefined => {
  const w = weights.get(key)
  if (w === undefined) return 0n
  if (typeof w === 'bigint') return w >= 0n ? w : undefined
  return typeof w === 'number' && Number.isSafeInteger(w) && w >= 0 ? BigInt(w) : undefined
}

// RG2: the runtime's nodes: well formed (SX1), first of their id (SX2), not expired (SX3), with the
// compute role, advertising the runtime at some version. Sorted by id is not needed: only counted.
const runtimeNodes = (rt: Runtime, nodes: ReadonlyArray<NodeDescriptor>, epoch: U64): ReadonlyArray<NodeDescriptor> => {
  const seen = new Set<string>()
  const out: NodeDescriptor[] = []
  for (const node of Array.isArray(nodes) ? nodes : []) {
    if (nodeProblem(node) !== undefined) continue
    const key = nodeKey(node.id)
    if (seen.has(key)) continue
    seen.add(key)
    if (isExpired(node, epoch) || !hasRoles(node, ROLE_COMPUTE_WORKER)) continue
    if (nodeRuntimes(node).some((e) => bytesEqual(e.id, rt.id))) out.push(node)
  }
  return out
}

const advertises = (rt: Runtime, node: NodeDescriptor, d: VersionInfo): boolean =>
  nodeRuntimes(node).some((e) => bytesEqual(e.id, rt.id) && sameVersion(e.version, d.version))

const readinessMessage = (r: Omit<UpgradePending, 'message' | 'rule' | '_tag'>): string => {
  const who =
    r.stake === undefined
      ? `${r.nodes.upgraded} of ${r.nodes.total} nodes`
      : `${r.stake.upgraded} of ${r.stake.total} stake (${r.nodes.upgraded} of ${r.nodes.total} nodes)`
  const gate = `${r.thresholdMet ? 'meets' : 'below'} the ${percent(bpsOf(r.threshold))} threshold`
  const committee = E.isRight(r.feasibility) ? 'a committee would be feasible' : `no committee: ${r.feasibility.left.rule}`
  return (
    `${formatVersion(r.next.version)} activates at epoch ${formatU64(r.next.valid_from)} (in ${formatU64(r.epochsLeft)} epochs): ` +
    `${who} advertise it, ${percent(r.basisPoints)}, ${gate}; ${committee}`
  )
}

/**
 * How ready `rt`'s next deployment is at `epoch` (RG1–RG5): the share of the runtime's nodes —
 * or of their stake, with `weights` — already advertising its version, the epochs left until its
 * `valid_from`, whether that share meets `threshold` (default 19/20), and whether a committee
 * could be elected if it activated now. `NoUpgradePending` when nothing is scheduled. Malformed
 * arguments are refused with `MalformedArgument` (DX2).
 *
 * @example
 * import { upgradeReadiness } from 'runtime-deployments'
 * const r = upgradeReadiness(rt, nodes, 1250, { groupSize: 2, minPoolSize: 2 })
 * // right({ _tag: 'UpgradePending', next: 1.5.0@1300, epochsLeft: 50,
 * //         nodes: { upgraded: 3, total: 4 }, basisPoints: 7500, thresholdMet: false, ready: false, … })
 *
 * @category readiness
 * @since 0.1.0
 */
export const upgradeReadiness = (
  rt: Runtime,
  nodes: ReadonlyArray<NodeDescriptor>,
  epoch: U64,
  opts: ReadinessOptions = {}
): E.Either<SchedulerRefusal | RuleViolation, UpgradeReadiness> => {
  const options: ReadinessOptions = typeof opts === 'object' && opts !== null ? opts : {}
  const checked = schedulerArguments(rt, epoch)
  if (E.isLeft(checked)) return checked
  const threshold = options.threshold ?? MITHRIL_THRESHOLD
  const badThreshold = fractionProblem(threshold)
  if (badThreshold !== undefined) {
    return E.left(ruleViolation('MalformedArgument', { argument: 'opts.threshold', reason: badThreshold }))
  }
  const sizes = resolveCommitteeParameters(rt, options)
  if (E.isLeft(sizes)) return sizes
  const weights: unknown = options.weights
  if (weights !== undefined && !(weights instanceof Map)) {
    return E.left(ruleViolation('MalformedArgument', { argument: 'opts.weights', reason: 'not a Map' }))
  }
  return readinessAt(rt, nodes, checked.right, options, threshold)
}

// RG1–RG5 after the arguments were checked.
const readinessAt = (
  rt: Runtime,
  nodes: ReadonlyArray<NodeDescriptor>,
  epoch: CheckedU64,
  options: ReadinessOptions,
  threshold: Fraction
): E.Either<SchedulerRefusal | RuleViolation, UpgradeReadiness> => {
  const weights: unknown = options.weights
  const active = activeAt(rt, epoch)
  const next = nextAt(rt, epoch)
  // RG1
  if (next === undefined) {
    const message = `no deployment is pending after epoch ${formatU64(epoch)}`
    return E.right({ _tag: 'NoUpgradePending', rule: 'RG1', message, epoch, active })
  }
  // RG1: exact, whatever mix of number and bigint.
  const epochsLeft = epochsBetween(epoch, next.valid_from)
  if (epochsLeft === undefined) return E.left(malformedValidFrom(rt, next))
  // RG2
  const population = runtimeNodes(rt, nodes, epoch)
  const upgraded = population.filter((n) => advertises(rt, n, next))
  // RG3
  let stake: UpgradePending['stake'] = undefined
  if (weights instanceof Map) {
    let total = 0n
    let up = 0n
    for (const node of population) {
      const key = nodeKey(node.id)
      const w = weightOf(weights as ReadonlyMap<string, unknown>, key)
      if (w === undefined) {
        return E.left(
          ruleViolation('MalformedArgument', { argument: `opts.weights[${key}]`, reason: 'not a non-negative integer' })
        )
      }
      total += w
      if (advertises(rt, node, next)) up += w
    }
    stake = { upgraded: up, total }
  }
  const [num, den] = stake === undefined ? [BigInt(upgraded.length), BigInt(population.length)] : [stake.upgraded, stake.total]
  const share: Fraction = den === 0n ? { numerator: 0n, denominator: 1n } : { numerator: num, denominator: den }
  // RG4: no nodes (or no stake) is never ready.
  const thresholdMet = den > 0n && num * threshold.denominator >= threshold.numerator * den
  // RG5: the next deployment's committee, with the nodes as they are now.
  const feasibility = feasibilityAt(rt, next, nodes, epoch, options)
  const result = {
    epoch,
    active,
    next,
    epochsLeft,
    nodes: { upgraded: upgraded.length, total: population.length },
    stake,
    share,
    basisPoints: bpsOf(share),
    threshold,
    thresholdMet,
    feasibility,
    ready: thresholdMet && E.isRight(feasibility)
  }
  return E.right({ _tag: 'UpgradePending', rule: 'RG1', message: readinessMessage(result), ...result })
}
