/**
 * The registry state (E1–E7 of `spec/engine.md`): every runtime by id with its stored
 * descriptor, whether it is suspended, its active deployment at the registry's current epoch and
 * its descriptor hash, plus the activation index of future deployments. A registry is a
 * persistent value: every operation returns a new registry and leaves its input valid and
 * unchanged (E1).
 *
 * Check order of {@link registerRuntime}: DX2 `now`, E4, DX2 `rt.id`, E5 (the first violation of
 * `verifyRuntimeNew` or `verifyRuntimeUpdate`), E3.
 *
 * @since 0.1.0
 */
import { hexKey } from '../internal/bytes.js'
import * as E from 'fp-ts/lib/Either.js'
import { compareStrings, getValue, mapFromSorted, type PersistentMap, setValue, strictlyAscending } from '../internal/persistentMap.js'
import { type CheckedU64, compareU64 } from '../internal/uint64.js'
import { optionsViolation, u64Argument } from '../rules/argument.js'
import { bytesEqual } from '../rules/deployment.js'
import { type Policy } from '../rules/policy.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import { activeAt } from '../rules/selection.js'
import { type NewRuntimeOptions, type UpdateOptions, verifyNewAt, verifyUpdateAt } from '../rules/update.js'
import { paramsViolation } from '../rules/validation.js'
import { runtimeHash } from '../schema/hash.js'
import type { ConsensusParameters } from '../schema/params.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import { type ActivationIndex, buildActivationIndex, firstActivation, reindexRuntime } from './activationIndex.js'
import { type CommitmentLeaf, type CommitmentNode, commitmentFromSorted, commitmentSet, descend } from './commitment.js'
import { type RegistryRefusal, registryRefusal } from './registryRefusal.js'

/**
 * What the registry holds about one runtime.
 *
 * @category registry
 * @since 0.1.0
 */
export interface RuntimeState {
  /** The runtime id (`runtime.id`). */
  readonly id: Uint8Array
  /** The stored descriptor. */
  readonly runtime: Runtime
  /** E6: the runtime is in the suspended set. */
  readonly suspended: boolean
  /** The deployment active at the registry's epoch (A1–A4), kept current by `advanceEpoch`. */
  readonly active: VersionInfo | undefined
  /** `runtimeHash(runtime)`, kept for the commitment (E14). */
  readonly hash: Uint8Array
}

/**
 * A registry of runtimes at an epoch: a persistent value, never mutated (E1).
 *
 * @category registry
 * @since 0.1.0
 */
export interface Registry {
  /** The current epoch: the epoch of the last `advanceEpoch`, or the one the registry was created at. */
  readonly epoch: CheckedU64
  /** Runtimes by id in lowercase hex (so in byte order of the id). */
  readonly runtimes: PersistentMap<string, RuntimeState>
  /** The activation index: epoch → the runtimes with a deployment starting then, for epochs after `epoch`. */
  readonly schedule: ActivationIndex
  /** The earliest epoch of `schedule`, `undefined` when nothing is pending (E8: advancing short of it is O(1)). */
  readonly nextActivation: U64 | undefined
  /** The commitment tree over every runtime (E14), kept current by every operation (E15); `undefined` when empty. */
  readonly commitment: CommitmentNode | undefined
}

/**
 * Options of {@link registerRuntime}: `isGenesis` applies to a new runtime (U0),
 * `isFeatureVersion261` to both (D7).
 *
 * @category registry
 * @since 0.1.0
 */
export type RegisterOptions = NewRuntimeOptions & UpdateOptions

// D2: max_runtime_deployments is a uint8, so no parameters allow more than 255 deployments.
const MAX_STORED_DEPLOYMENTS = 255

const hasId = (rt: unknown): rt is Runtime => typeof rt === 'object' && rt !== null && (rt as Runtime).id instanceof Uint8Array

const hashOrViolation = (rt: Runtime): E.Either<RegistryRefusal | RuleViolation, Uint8Array> => {
  const hash = runtimeHash(rt)
  if (E.isRight(hash)) return hash
  // E3
  const id: unknown = typeof rt === 'object' && rt !== null ? rt.id : undefined
  return E.left(registryRefusal('UnencodableRuntime', { id: id instanceof Uint8Array ? id : undefined, cause: hash.left }))
}

/**
 * A registry holding `runtimes`, none suspended, at `epoch` (E2). The descriptors are taken as
 * trusted state (a genesis document or a snapshot): each must encode (E3) and ids must be
 * unique, but the D and U rules are not applied; to verify genesis descriptors, start from an
 * empty registry and register each with `{ isGenesis: true }`. O(n log n).
 *
 * @example
 * import { createRegistry } from 'runtime-deployments'
 * createRegistry() // right(empty registry at epoch 0)
 * createRegistry([rt1, rt2], 100) // right(registry at epoch 100), or DuplicateRuntime / UnencodableRuntime
 *
 * @category registry
 * @since 0.1.0
 */
export const createRegistry = (runtimes: ReadonlyArray<Runtime> = [], epoch: U64 = 0): E.Either<RegistryRefusal | RuleViolation, Registry> =>
  buildRegistry(runtimes, epoch, undefined)

/**
 * {@link createRegistry} with, for each runtime, its suspended flag (`suspended[i]` for
 * `runtimes[i]`; all false when `undefined`): the builder behind `createRegistry` and
 * `restoreRegistry`, with the same checks in the same order (E2).
 *
 * @example
 * buildRegistry([rt1, rt2], 100, [false, true]) // right(registry with rt2 suspended)
 *
 * @category registry
 * @since 0.1.0
 */
export const buildRegistry = (
  runtimes: ReadonlyArray<Runtime>,
  epoch: U64,
  suspended: ReadonlyArray<boolean> | undefined
): E.Either<RegistryRefusal | RuleViolation, Registry> => {
  const checked = u64Argument('epoch', epoch)
  if (E.isLeft(checked)) return checked
  // DX2
  if (!Array.isArray(runtimes)) return E.left(ruleViolation('MalformedArgument', { argument: 'runtimes', reason: 'not an array' }))
  const keys: string[] = []
  const values: RuntimeState[] = []
  // The first refusal other than a duplicate, found where the loop stops (its index is keys.length).
  let refused: RegistryRefusal | RuleViolation | undefined
  for (let index = 0; index < runtimes.length; index++) {
    const runtime = runtimes[index]
    // DX2: a hole or an entry without a byte-string id names no runtime.
    if (!hasId(runtime)) {
      refused = ruleViolation('MalformedArgument', { argument: `runtimes[${index}].id`, reason: 'not a byte string' })
      break
    }
    // E2: trusted state still holds no more deployments than any parameters allow (D2).
    const count = Array.isArray(runtime.deployments) ? runtime.deployments.length : 0
    if (count > MAX_STORED_DEPLOYMENTS) {
      refused = ruleViolation('TooManyDeployments', { count, limit: MAX_STORED_DEPLOYMENTS })
      break
    }
    const hash = hashOrViolation(runtime)
    if (E.isLeft(hash)) {
      refused = hash.left
      break
    }
    keys.push(hexKey(runtime.id))
    values.push({ id: runtime.id, runtime, suspended: suspended?.[index] === true, active: activeAt(runtime, checked.right), hash: hash.right })
  }
  // Bulk build from id order (E13, E15): sorted once (not at all when the input is already in id
  // order, as a genesis document or a snapshot is), then every structure built bottom-up.
  const order = strictlyAscending(compareStrings, keys) ? undefined : sortedOrder(keys)
  // E2: a repeated id, at the first index that repeats one, when that comes before any other
  // refusal (which the entry at its own index meets first): found among neighbours in id order.
  const repeated = order === undefined ? undefined : firstRepeat(keys, order)
  if (repeated !== undefined) return E.left(registryRefusal('DuplicateRuntime', { id: values[repeated]!.id, index: repeated }))
  if (refused !== undefined) return E.left(refused)
  const sortedKeys = order === undefined ? keys : order.map((i) => keys[i]!)
  const sortedValues = order === undefined ? values : order.map((i) => values[i]!)
  const schedule = buildActivationIndex(sortedKeys, sortedValues.map(runtimeOf), checked.right)
  return E.right({
    epoch: checked.right,
    runtimes: mapFromSorted(compareStrings, sortedKeys, sortedValues),
    schedule,
    nextActivation: firstActivation(schedule),
    commitment: commitmentOfStates(sortedValues)
  })
}

const runtimeOf = (state: RuntimeState): Runtime => state.runtime

// The indices of `keys` in key order; equal keys in index order (the sort is stable).
const sortedOrder = (keys: ReadonlyArray<string>): number[] =>
  Array.from(keys, (_, i) => i).sort((a, b) => compareStrings(keys[a]!, keys[b]!))

// The smallest index whose key some earlier index holds, or `undefined`: in each run of equal
// keys (in index order), the second index.
const firstRepeat = (keys: ReadonlyArray<string>, order: ReadonlyArray<number>): number | undefined => {
  let first: number | undefined
  for (let j = 1; j < order.length; j++) {
    const i = order[j]!
    const previous = order[j - 1]!
    if (keys[i] !== keys[previous]) continue
    if (j >= 2 && keys[order[j - 2]!] === keys[i]) continue
    if (first === undefined || i < first) first = i
  }
  return first
}

/**
 * The stored descriptor of runtime `id` and whether it is suspended, or `undefined` when the
 * registry has no such runtime (E7). O(log n).
 *
 * @example
 * import { lookupRuntime } from 'runtime-deployments'
 * lookupRuntime(registry, rt.id) // { runtime: rt, suspended: false }
 *
 * @category registry
 * @since 0.1.0
 */
export const lookupRuntime = (registry: Registry, id: Uint8Array): { runtime: Runtime; suspended: boolean } | undefined => {
  if (!(id instanceof Uint8Array)) return undefined
  const state = getValue(registry.runtimes, hexKey(id))
  return state === undefined ? undefined : { runtime: state.runtime, suspended: state.suspended }
}

/**
 * The full state of runtime `id` (descriptor, suspension, active deployment, hash), or
 * `undefined`. O(log n).
 *
 * @example
 * runtimeState(registry, rt.id)?.active?.version // { major: 1 }
 *
 * @category registry
 * @since 0.1.0
 */
export const runtimeState = (registry: Registry, id: Uint8Array): RuntimeState | undefined =>
  id instanceof Uint8Array ? getValue(registry.runtimes, hexKey(id)) : undefined

/**
 * A registry with `state` stored under its id and the activation index updated from `previous`
 * (the descriptor stored so far, if any). O(d log n).
 *
 * @example
 * storeRuntime(registry, { ...state, suspended: true }, state.runtime)
 *
 * @category registry
 * @since 0.1.0
 */
export const storeRuntime = (registry: Registry, state: RuntimeState, previous: Runtime | undefined): Registry => {
  const id = hexKey(state.id)
  const runtimes = setValue(registry.runtimes, id, state)
  // E15: the leaf and the nodes above it, O(depth) hashes.
  const commitment = commitmentWith(registry.commitment, state)
  if (previous === state.runtime) return { ...registry, runtimes, commitment }
  const schedule = reindexRuntime(registry.schedule, id, previous, state.runtime, registry.epoch)
  return { epoch: registry.epoch, runtimes, schedule, nextActivation: firstActivation(schedule), commitment }
}

/**
 * The commitment tree of `states` (in id order, as the registry lists them), built in one pass
 * (E14). O(n) hashes.
 *
 * @example
 * import { mapValues } from '../internal/persistentMap.js'
 * commitmentOfStates(mapValues(registry.runtimes)) // the tree of registry.commitment
 *
 * @category commitment
 * @since 0.1.0
 */
export const commitmentOfStates = (states: ReadonlyArray<RuntimeState>): CommitmentNode | undefined =>
  commitmentFromSorted(states.map(leafOf))

/**
 * The commitment leaf of a runtime state: its id, descriptor hash and suspended flag (E14).
 *
 * @example
 * leafOf(state).suspended // state.suspended
 *
 * @category commitment
 * @since 0.1.0
 */
export const leafOf = (state: RuntimeState): CommitmentLeaf => ({ id: state.id, runtimeHash: state.hash, suspended: state.suspended })

/**
 * The commitment tree `tree` with the leaf of `state` set from its hash and suspended flag (E15):
 * `tree` itself when the leaf is already that, else O(depth) hashes.
 *
 * @example
 * commitmentWith(registry.commitment, { ...state, suspended: true })
 *
 * @category commitment
 * @since 0.1.0
 */
export const commitmentWith = (tree: CommitmentNode | undefined, state: RuntimeState): CommitmentNode => {
  const at = descend(tree, state.id)?.leaf
  if (
    tree !== undefined &&
    at !== undefined &&
    at.suspended === state.suspended &&
    bytesEqual(at.id, state.id) &&
    bytesEqual(at.runtimeHash, state.hash)
  ) {
    return tree
  }
  return commitmentSet(tree, leafOf(state))
}

/**
 * Register a runtime at epoch `now`, which must be the registry's epoch (E4): a new id goes
 * through `verifyRuntimeNew`, a known id through `verifyRuntimeUpdate` against the stored
 * descriptor (E5), and the descriptor must encode (E3). A known runtime keeps its suspended flag;
 * a new one is not suspended (E6). O(d log n) for d deployments, plus the rules' own cost.
 *
 * @example
 * import { registerRuntime } from 'runtime-deployments'
 * // a registry at epoch 100
 * registerRuntime(registry, rt, 100, { max_runtime_deployments: 5 }) // right(new registry)
 * registerRuntime(registry, rt, 101, params) // left(EpochMismatch)
 *
 * @category registry
 * @since 0.1.0
 */
export const registerRuntime = (
  registry: Registry,
  rt: Runtime,
  now: U64,
  params: ConsensusParameters,
  policy?: Policy,
  options: RegisterOptions = {}
): E.Either<RegistryRefusal | RuleViolation, Registry> => {
  const checked = u64Argument('now', now)
  if (E.isLeft(checked)) return checked
  // E4
  if (compareU64(checked.right, registry.epoch) !== 0) {
    return E.left(registryRefusal('EpochMismatch', { operation: 'registerRuntime', epoch: registry.epoch, requested: now }))
  }
  // DX2
  if (typeof rt !== 'object' || rt === null || !(rt.id instanceof Uint8Array)) {
    return E.left(ruleViolation('MalformedArgument', { argument: 'rt.id', reason: 'not a byte string' }))
  }
  const bad = paramsViolation(params, policy) ?? optionsViolation(options)
  if (bad !== undefined) return E.left(bad)
  const stored = getValue(registry.runtimes, hexKey(rt.id))
  // RR4: the key manager a compute runtime names is looked up among this registry's runtimes.
  const withLookup = { ...options, lookupRuntime: (id: Uint8Array) => lookupRuntime(registry, id)?.runtime }
  // E5
  const verified =
    stored === undefined
      ? verifyNewAt(rt, checked.right, params, policy, withLookup)
      : verifyUpdateAt(stored.runtime, rt, checked.right, params, policy, withLookup)
  if (E.isLeft(verified)) return verified
  // E3
  const hash = hashOrViolation(rt)
  if (E.isLeft(hash)) return hash
  // E6: the suspended flag is kept as it was.
  const state: RuntimeState = {
    id: rt.id,
    runtime: rt,
    suspended: stored?.suspended ?? false,
    active: activeAt(rt, checked.right),
    hash: hash.right
  }
  return E.right(storeRuntime(registry, state, stored?.runtime))
}
