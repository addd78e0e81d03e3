/**
 * Moving a registry from its epoch to a later one (E8–E10): every activation in between, in
 * (epoch, runtime id) order, and optionally the consensus-side pruning of the runtimes that
 * activated (the ADR's "MAY prune", PR1–PR3).
 *
 * Only the due keys of the activation index are read, so the cost is O((k + 1) log n) for k
 * activations among n runtimes (plus O(d) per activating runtime to select its deployment), and
 * O(1) when the epoch advanced to is before the registry's next activation.
 *
 * Check order: DX2 `epoch`, DX2 `opts`, E9.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { compareStrings, mapKeys, removeKey, takeWhile, updateSorted } from '../internal/persistentMap.js'
import { type CheckedU64, compareU64 } from '../internal/uint64.js'
import { u64Argument } from '../rules/argument.js'
import { deploymentsOf } from '../rules/deployment.js'
import { pruneAt } from '../rules/prune.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import { runtimeHash } from '../schema/hash.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import { firstActivation } from './activationIndex.js'
import { commitmentWith, type Registry, runtimeState, type RuntimeState } from './registry.js'
import { type RegistryRefusal, registryRefusal } from './registryRefusal.js'

/**
 * Options of {@link advanceEpoch}.
 *
 * @category engine
 * @since 0.1.0
 */
export interface AdvanceOptions {
  /** E10: prune the superseded deployments of every runtime that activates (the ADR's "MAY prune"). */
  readonly prune?: boolean
}

/**
 * One change of a runtime's active deployment (E8).
 *
 * @category engine
 * @since 0.1.0
 */
export interface Activation {
  readonly id: Uint8Array
  /** The epoch at which `to` becomes active: its `valid_from`. */
  readonly epoch: U64
  /** The deployment active until then, `undefined` for a runtime's first activation. */
  readonly from: VersionInfo | undefined
  readonly to: VersionInfo
}

/**
 * The deployments pruned from one runtime (E10).
 *
 * @category engine
 * @since 0.1.0
 */
export interface PrunedDeployments {
  readonly id: Uint8Array
  /** The epoch the registry advanced to, at which the deployments were superseded. */
  readonly epoch: U64
  /** In their array order (PR2). */
  readonly removed: ReadonlyArray<VersionInfo>
}

/**
 * The result of {@link advanceEpoch}.
 *
 * @category engine
 * @since 0.1.0
 */
export interface AdvanceResult {
  readonly registry: Registry
  /** In (epoch, runtime id) order. */
  readonly activations: ReadonlyArray<Activation>
  /** In runtime id order; empty unless `prune` was asked for. */
  readonly pruned: ReadonlyArray<PrunedDeployments>
}

const NO_OPTIONS: AdvanceOptions = Object.freeze({})
const NOTHING: ReadonlyArray<never> = Object.freeze([])

const optionsProblem = (opts: unknown): RegistryRefusal | RuleViolation | undefined => {
  if (typeof opts !== 'object' || opts === null) {
    return ruleViolation('MalformedArgument', { argument: 'opts', reason: 'not an object' })
  }
  const prune = (opts as AdvanceOptions).prune
  if (prune !== undefined && typeof prune !== 'boolean') {
    return ruleViolation('MalformedArgument', { argument: 'opts.prune', reason: 'not a boolean' })
  }
  return undefined
}

// E10: prune one runtime at `epoch`; undefined when nothing is superseded.
const pruned = (state: RuntimeState, epoch: CheckedU64): { state: RuntimeState; removed: ReadonlyArray<VersionInfo> } | undefined => {
  const { runtime, removed } = pruneAt(state.runtime, epoch)
  if (removed.length === 0) return undefined
  // A stored descriptor encodes (E3), so one with fewer deployments does too; should it not,
  // the runtime is left unpruned rather than stored without a hash.
  const hash = runtimeHash(runtime)
  return E.isLeft(hash) ? undefined : { state: { ...state, runtime, hash: hash.right }, removed }
}

// A1–A3 at each of `epochs` (ascending) with one sort of the deployments: the same answers as
// `activeAt` at each epoch. Stored descriptors encode (E3), so every `valid_from` is a uint64.
const activeAtEach = (
  rt: Runtime,
  epochs: ReadonlyArray<CheckedU64>
): Array<readonly [CheckedU64, VersionInfo | undefined]> => {
  // Stable: equal valid_from keep their array order, and A3 picks the first of them.
  const sorted = deploymentsOf(rt)
    .slice()
    .sort((a, b) => compareU64(a.valid_from, b.valid_from))
  const out: Array<readonly [CheckedU64, VersionInfo | undefined]> = []
  let next = 0
  let active: VersionInfo | undefined
  for (const at of epochs) {
    while (next < sorted.length && compareU64(sorted[next]!.valid_from, at) <= 0) {
      const d = sorted[next]!
      // A2, A3: a strictly later valid_from replaces; an equal one keeps the first.
      if (active === undefined || compareU64(active.valid_from, d.valid_from) < 0) active = d
      next++
    }
    out.push([at, active])
  }
  return out
}

/**
 * Advance the registry to `epoch` (E8): every runtime whose active deployment changes at an
 * epoch in (registry epoch, `epoch`] is listed once per change, in (epoch, id) order, and the
 * registry's epoch and active deployments move to `epoch`. With `{ prune: true }` the runtimes
 * that activated drop their superseded deployments (E10). The same epoch returns the registry
 * itself and nothing else; an earlier one is `EpochRegression` (E9). O(1) before the registry's
 * `nextActivation`, otherwise O((j + k) log n + Σ d log d) for k activations over j due epochs, d the
 * deployments of each runtime that activates (one sort each, whatever the number of its due epochs).
 *
 * @example
 * import { advanceEpoch } from 'runtime-deployments'
 * const r = advanceEpoch(registry, 120, { prune: true })
 * // right({ registry, activations: [{ id, epoch: 110, from: v1, to: v2 }], pruned: [{ id, epoch: 120, removed: [v1] }] })
 *
 * @category engine
 * @since 0.1.0
 */
export const advanceEpoch = (
  registry: Registry,
  epoch: U64,
  opts: AdvanceOptions = NO_OPTIONS
): E.Either<RegistryRefusal | RuleViolation, AdvanceResult> => {
  const checked = u64Argument('epoch', epoch)
  if (E.isLeft(checked)) return checked
  const bad = optionsProblem(opts)
  if (bad !== undefined) return E.left(bad)
  return advanceTo(registry, checked.right, opts)
}

const advanceTo = (
  registry: Registry,
  epoch: CheckedU64,
  opts: AdvanceOptions
): E.Either<RegistryRefusal | RuleViolation, AdvanceResult> => {
  // E9
  const order = compareU64(epoch, registry.epoch)
  if (order < 0) return E.left(registryRefusal('EpochRegression', { epoch: registry.epoch, requested: epoch }))
  if (order === 0) return E.right({ registry, activations: NOTHING, pruned: NOTHING })
  // E8: nothing starts before the next activation, so only the epoch moves. O(1).
  if (registry.nextActivation === undefined || compareU64(epoch, registry.nextActivation) < 0) {
    return E.right({ registry: { ...registry, epoch }, activations: NOTHING, pruned: NOTHING })
  }

  // E8: the due epochs, in order; the index only holds epochs after the registry's.
  const due = takeWhile(registry.schedule, (e: CheckedU64) => compareU64(e, epoch) <= 0)
  let schedule = registry.schedule
  const dueOf = new Map<string, CheckedU64[]>()
  for (const [at, ids] of due) {
    schedule = removeKey(schedule, at)
    for (const id of mapKeys(ids)) {
      const list = dueOf.get(id)
      if (list === undefined) dueOf.set(id, [at])
      else list.push(at)
    }
  }
  // One pass over the runtimes with a due epoch, in id order; each walks its own deployments once
  // for all its due epochs (O(d log d + k) for d deployments and k due epochs, not O(k·d)).
  const found: Array<{ readonly at: CheckedU64; readonly id: string; readonly activation: Activation }> = []
  const activated = new Set<string>()
  let runtimes = updateSorted(registry.runtimes, Array.from(dueOf.keys()).sort(compareStrings), (id, state) => {
    let active = state.active
    for (const [at, to] of activeAtEach(state.runtime, dueOf.get(id)!)) {
      if (to === undefined || to === active) continue
      found.push({ at, id, activation: { id: state.id, epoch: to.valid_from, from: active, to } })
      active = to
    }
    if (active === state.active) return state
    activated.add(id)
    return { ...state, active }
  })
  // E8: activations in (epoch, id) order.
  found.sort((a, b) => compareU64(a.at, b.at) || compareStrings(a.id, b.id))
  const activations = found.map((f) => f.activation)

  // E10
  const prunedList: PrunedDeployments[] = []
  if (opts.prune === true) {
    runtimes = updateSorted(runtimes, Array.from(activated).sort(compareStrings), (_id, state) => {
      const p = pruned(state, epoch)
      if (p === undefined) return state
      prunedList.push({ id: state.id, epoch, removed: p.removed })
      return p.state
    })
  }

  // E15: each pruned runtime's leaf (its descriptor hash changed), O(depth) hashes each.
  let commitment = registry.commitment
  for (const p of prunedList) {
    const state = runtimeState({ ...registry, runtimes }, p.id)
    if (state !== undefined) commitment = commitmentWith(commitment, state)
  }
  const next: Registry = { epoch, runtimes, schedule, nextActivation: firstActivation(schedule), commitment }
  return E.right({ registry: next, activations, pruned: prunedList })
}
