/**
 * Which nodes may serve a runtime at an epoch (S1, S2), as oasis-core's scheduler decides in
 * `isSuitableExecutorWorker`, with the reason each other node is left out (SX1–SX5).
 *
 * Check order for each node (the first failing check is its reason):
 * 1. SX1 the node is well formed; 2. SX2 it is the first well-formed descriptor with its id;
 * 3. SX3 its registration has not expired;
 * 4. S1 the runtime has a deployment active at the epoch;
 * 5. S2 the node has the compute role; it advertises the runtime id with exactly the active
 *    version (the first such entry counts); it is not suspended; its TEE matches: no TEE for a
 *    runtime without TEE hardware, the runtime's hardware otherwise, and then the caller's
 *    verifier accepts its attestation against the active deployment's `tee` (SX5: no verifier,
 *    or a verifier that throws, excludes the node).
 *
 * The stake, VRF, validator-set and per-entity limits (upstream S3) need state this library does
 * not have; they can only remove more nodes.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type RefusalMessages, refusalConstructor, type RefusalUnion } from '../codec/refusal.js'
import { describeThrown } from '../internal/text.js'
import { type CheckedU64, formatU64 } from '../internal/uint64.js'
import {
  compareNodeIds,
  hasRoles,
  isExpired,
  type NodeDescriptor,
  nodeKey,
  nodeProblem,
  nodeRuntimes,
  ROLE_COMPUTE_WORKER
} from '../node/node.js'
import type { TeeVerifier } from '../node/tee.js'
import { u64Argument } from '../rules/argument.js'
import { bytesEqual, deploymentRef } from '../rules/deployment.js'
import type { DeploymentRef } from '../rules/deployment.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import { activeAt } from '../rules/selection.js'
import { formatVersion, sameVersion } from '../rules/version.js'
import type { NodeRuntime } from '../schema/node.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import type { Version } from '../schema/version.js'

/**
 * Options of {@link eligibleNodes}.
 *
 * @category eligibility
 * @since 0.1.0
 */
export interface EligibilityOptions {
  /** S2: verifies attestations of TEE runtimes; without it no node of a TEE runtime is eligible (SX5). */
  readonly verifyTee?: TeeVerifier
  /** S2: ids of the nodes suspended for this runtime at the epoch. */
  readonly suspended?: ReadonlyArray<Uint8Array>
}

/**
 * The rule each exclusion reason enforces.
 *
 * @example
 * EXCLUSION_RULES.VersionNotAdvertised // 'S2'
 *
 * @category eligibility
 * @since 0.1.0
 */
export const EXCLUSION_RULES = {
  MalformedNode: 'SX1',
  DuplicateNode: 'SX2',
  NodeExpired: 'SX3',
  NoActiveDeployment: 'S1',
  MissingComputeRole: 'S2',
  RuntimeNotAdvertised: 'S2',
  VersionNotAdvertised: 'S2',
  NodeSuspended: 'S2',
  UnexpectedTee: 'S2',
  TeeHardwareMismatch: 'S2',
  AttestationRejected: 'S2',
  AttestationUnverified: 'SX5'
} as const

/**
 * The `_tag` of an {@link ExclusionReason}.
 *
 * @category eligibility
 * @since 0.1.0
 */
export type ExclusionTag = keyof typeof EXCLUSION_RULES

/**
 * The data each exclusion reason carries, by tag.
 *
 * @category eligibility
 * @since 0.1.0
 */
export interface ExclusionData {
  readonly MalformedNode: { readonly field: string; readonly reason: string }
  readonly DuplicateNode: { readonly id: Uint8Array }
  readonly NodeExpired: { readonly expiration: U64; readonly epoch: U64 }
  readonly NoActiveDeployment: { readonly epoch: U64 }
  readonly MissingComputeRole: { readonly roles: number }
  readonly RuntimeNotAdvertised: { readonly runtime_id: Uint8Array }
  readonly VersionNotAdvertised: { readonly required: Version; readonly advertised: ReadonlyArray<Version> }
  readonly NodeSuspended: { readonly epoch: U64 }
  readonly UnexpectedTee: { readonly hardware: number }
  readonly TeeHardwareMismatch: { readonly required: number; readonly hardware: number | undefined }
  readonly AttestationRejected: { readonly deployment: DeploymentRef; readonly reason: string }
  readonly AttestationUnverified: {
    readonly deployment: DeploymentRef
    readonly problem: 'no-verifier' | 'verifier-failed'
    readonly detail: string
  }
}

/**
 * Why a node was left out of a committee: its tag, rule, one-line message and data.
 *
 * @example
 * import { exclusion } from 'runtime-deployments'
 * exclusion('NodeExpired', { expiration: 5, epoch: 10 }).rule // 'SX3'
 *
 * @category eligibility
 * @since 0.1.0
 */
export type ExclusionReason = RefusalUnion<typeof EXCLUSION_RULES, ExclusionData>

const versions = (vs: ReadonlyArray<Version>): string => (vs.length === 0 ? 'none' : vs.map(formatVersion).join(', '))

const dep = (d: DeploymentRef): string => `deployment ${formatVersion(d.version)} (valid_from ${formatU64(d.valid_from)})`

const EXCLUSION_MESSAGES: RefusalMessages<ExclusionData> = {
  MalformedNode: (d) => `the node descriptor is malformed: ${d.field === '' ? 'node' : d.field} is ${d.reason}`,
  DuplicateNode: (d) => `node ${bytesToHex(d.id)} is listed more than once: only its first descriptor counts`,
  NodeExpired: (d) => `the node's registration expired at epoch ${formatU64(d.expiration)} (epoch is ${formatU64(d.epoch)})`,
  NoActiveDeployment: (d) => `the runtime has no deployment active at epoch ${formatU64(d.epoch)}, so no node can serve it`,
  MissingComputeRole: (d) => `the node does not have the compute worker role (roles ${d.roles})`,
  RuntimeNotAdvertised: (d) => `the node does not advertise runtime ${bytesToHex(d.runtime_id)}`,
  VersionNotAdvertised: (d) =>
    `the node advertises version ${versions(d.advertised)}, not the active version ${formatVersion(d.required)}`,
  NodeSuspended: (d) => `the node is suspended for this runtime at epoch ${formatU64(d.epoch)}`,
  UnexpectedTee: (d) => `the node advertises TEE hardware ${d.hardware} but the runtime uses no TEE`,
  TeeHardwareMismatch: (d) =>
    `the node advertises ${d.hardware === undefined ? 'no TEE' : `TEE hardware ${d.hardware}`}, ` +
    `the runtime requires TEE hardware ${d.required}`,
  AttestationRejected: (d) => `the node's attestation does not satisfy ${dep(d.deployment)}: ${d.reason}`,
  AttestationUnverified: (d) =>
    d.problem === 'no-verifier'
      ? `the node's attestation for ${dep(d.deployment)} cannot be checked: no TEE verifier was given`
      : `the TEE verifier failed on the node's attestation for ${dep(d.deployment)}: ${d.detail}`
}

/**
 * Build an {@link ExclusionReason}; rule and message derive from the tag and data.
 *
 * @example
 * exclusion('NodeSuspended', { epoch: 10 }).message // 'the node is suspended for this runtime at epoch 10'
 *
 * @category eligibility
 * @since 0.1.0
 */
export const exclusion = refusalConstructor(EXCLUSION_RULES, EXCLUSION_MESSAGES)

/**
 * A node left out, and why.
 *
 * @category eligibility
 * @since 0.1.0
 */
export interface ExcludedNode {
  readonly node: NodeDescriptor
  readonly reason: ExclusionReason
}

/**
 * The outcome of {@link eligibleNodes}: the deployment the nodes were matched against, the
 * eligible nodes and the excluded ones with their reasons, each sorted by node id (SX4).
 *
 * @category eligibility
 * @since 0.1.0
 */
export interface Eligibility {
  readonly epoch: U64
  /** The deployment nodes must run (the active one), or `undefined` (S1). */
  readonly deployment: VersionInfo | undefined
  readonly eligible: ReadonlyArray<NodeDescriptor>
  readonly excluded: ReadonlyArray<ExcludedNode>
}

const TEE_NONE = 0

// S2 (TEE part), SX5.
const teeExclusion = (
  rt: Runtime,
  deployment: VersionInfo,
  node: NodeDescriptor,
  entry: NodeRuntime,
  epoch: CheckedU64,
  verify: TeeVerifier | undefined
): ExclusionReason | undefined => {
  const capability = entry.capabilities.tee ?? undefined
  if (rt.tee_hardware === TEE_NONE) {
    // S2: a runtime without TEE needs an entry without TEE.
    return capability === undefined ? undefined : exclusion('UnexpectedTee', { hardware: capability.hardware })
  }
  // S2: the entry's TEE hardware must be the runtime's.
  if (capability === undefined || capability.hardware !== rt.tee_hardware) {
    return exclusion('TeeHardwareMismatch', { required: rt.tee_hardware, hardware: capability?.hardware })
  }
  const ref = deploymentRef(deployment)
  // SX5: without a verifier the attestation cannot be checked, so the node is not eligible.
  if (typeof verify !== 'function') {
    return exclusion('AttestationUnverified', { deployment: ref, problem: 'no-verifier', detail: 'no verifier' })
  }
  try {
    const verdict: unknown = verify({ runtime: rt, deployment, node, entry, capability, epoch })
    const tag = typeof verdict === 'object' && verdict !== null ? (verdict as { readonly _tag?: unknown })._tag : undefined
    if (tag === 'Right') return undefined
    if (tag === 'Left') {
      const reason = (verdict as E.Left<unknown>).left
      // S2: the verifier refused the attestation.
      return exclusion('AttestationRejected', { deployment: ref, reason: typeof reason === 'string' ? reason : 'refused' })
    }
    return exclusion('AttestationUnverified', { deployment: ref, problem: 'verifier-failed', detail: 'it returned no Either' })
  } catch (e) {
    // SX5: a verifier that throws leaves the node out rather than crashing the caller.
    return exclusion('AttestationUnverified', { deployment: ref, problem: 'verifier-failed', detail: describeThrown(e) })
  }
}

// S1, S2 (and SX3) for one well-formed, first-of-its-id node.
const nodeExclusion = (
  rt: Runtime,
  deployment: VersionInfo | undefined,
  node: NodeDescriptor,
  epoch: CheckedU64,
  suspended: ReadonlySet<string>,
  verify: TeeVerifier | undefined
): ExclusionReason | undefined => {
  // SX3
  if (isExpired(node, epoch)) return exclusion('NodeExpired', { expiration: node.expiration!, epoch })
  // S1
  if (deployment === undefined) return exclusion('NoActiveDeployment', { epoch })
  // S2: compute role.
  if (!hasRoles(node, ROLE_COMPUTE_WORKER)) return exclusion('MissingComputeRole', { roles: node.roles })
  // S2: the first entry with the runtime id and exactly the active version.
  const forRuntime = nodeRuntimes(node).filter((e) => bytesEqual(e.id, rt.id))
  const entry = forRuntime.find((e) => sameVersion(e.version, deployment.version))
  if (entry === undefined) {
    return forRuntime.length === 0
      ? exclusion('RuntimeNotAdvertised', { runtime_id: rt.id })
      : exclusion('VersionNotAdvertised', { required: deployment.version, advertised: forRuntime.map((e) => e.version) })
  }
  // S2: suspended for this runtime.
  if (suspended.has(nodeKey(node.id))) return exclusion('NodeSuspended', { epoch })
  return teeExclusion(rt, deployment, node, entry, epoch, verify)
}

const suspendedSet = (ids: ReadonlyArray<Uint8Array> | undefined): ReadonlySet<string> => {
  const list: unknown = ids
  if (!Array.isArray(list)) return new Set()
  return new Set(list.filter((id): id is Uint8Array => id instanceof Uint8Array).map((id) => bytesToHex(id)))
}

/**
 * The checked epoch of a scheduler query, or its DX2 refusal: `epoch` must be a uint64 and `rt`
 * a descriptor with a byte-string `id` (without one it names no runtime).
 *
 * @example
 * schedulerArguments(rt, 10n) // right(10)
 * schedulerArguments({ ...rt, id: undefined as unknown as Uint8Array }, 10) // left(MalformedArgument for 'rt.id')
 *
 * @category eligibility
 * @since 0.1.0
 */
export const schedulerArguments = (rt: Runtime, epoch: U64): E.Either<RuleViolation, CheckedU64> => {
  const checked = u64Argument('epoch', epoch)
  if (E.isLeft(checked)) return checked
  // DX2
  return typeof rt === 'object' && rt !== null && rt.id instanceof Uint8Array
    ? checked
    : E.left(ruleViolation('MalformedArgument', { argument: 'rt.id', reason: 'not a byte string' }))
}

/**
 * Eligibility of `nodes` to serve `rt` at `epoch` when `deployment` is the version they must run:
 * {@link eligibleNodes} with the deployment chosen by the caller (for example the next one, to ask
 * whether its committee would be feasible).
 *
 * @example
 * eligibleNodesFor(rt, nextDeployment(rt, 10), nodes, 10) // who could serve the next version today
 *
 * @category eligibility
 * @since 0.1.0
 */
export const eligibleNodesFor = (
  rt: Runtime,
  deployment: VersionInfo | undefined,
  nodes: ReadonlyArray<NodeDescriptor>,
  epoch: U64,
  opts: EligibilityOptions = {}
): E.Either<RuleViolation, Eligibility> =>
  pipe(
    schedulerArguments(rt, epoch),
    E.map((checked) => eligibleAt(rt, deployment, nodes, checked, opts))
  )

/**
 * {@link eligibleNodesFor} at an epoch already checked where it entered the library.
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * const epoch = checkU64(1250)!
 * eligibleAt(rt, activeAt(rt, epoch), nodes, epoch, {}).eligible // the nodes that can run the active deployment
 */
export const eligibleAt = (
  rt: Runtime,
  deployment: VersionInfo | undefined,
  nodes: ReadonlyArray<NodeDescriptor>,
  epoch: CheckedU64,
  opts: EligibilityOptions
): Eligibility => {
  const list: ReadonlyArray<NodeDescriptor> = Array.isArray(nodes) ? nodes : []
  const options: EligibilityOptions = typeof opts === 'object' && opts !== null ? opts : {}
  const suspended = suspendedSet(options.suspended)
  // SX4: walk the nodes by id; equal ids keep their input order (the sort is stable).
  const sorted = list.slice().sort(compareNodeIds)
  const seen = new Set<string>()
  const eligible: NodeDescriptor[] = []
  const excluded: ExcludedNode[] = []
  for (const node of sorted) {
    const bad = nodeProblem(node)
    // SX1
    if (bad !== undefined) {
      excluded.push({ node, reason: exclusion('MalformedNode', { field: bad[0], reason: bad[1] }) })
      continue
    }
    const key = nodeKey(node.id)
    // SX2
    if (seen.has(key)) {
      excluded.push({ node, reason: exclusion('DuplicateNode', { id: node.id }) })
      continue
    }
    seen.add(key)
    const reason = nodeExclusion(rt, deployment, node, epoch, suspended, options.verifyTee)
    if (reason === undefined) eligible.push(node)
    else excluded.push({ node, reason })
  }
  return { epoch, deployment, eligible, excluded }
}

/**
 * The nodes that may serve runtime `rt` at `epoch` (S1, S2): compute nodes advertising the
 * runtime with exactly the active version, not suspended, whose TEE matches the runtime's and,
 * for TEE runtimes, whose attestation `opts.verifyTee` accepts against the active deployment's
 * `tee`. Every other node is listed with its reason. Both lists are sorted by node id (SX4).
 *
 * @example
 * import { eligibleNodes } from 'runtime-deployments'
 * // runtime 1.0.0 active; node1 advertises 1.0.1, node3 advertises 1.0.0
 * eligibleNodes(rt, [node1, node3], epoch)
 * // right({ eligible: [node3], excluded: [{ node: node1, reason: { _tag: 'VersionNotAdvertised', rule: 'S2', … } }], … })
 *
 * @category eligibility
 * @since 0.1.0
 */
export const eligibleNodes = (
  rt: Runtime,
  nodes: ReadonlyArray<NodeDescriptor>,
  epoch: U64,
  opts: EligibilityOptions = {}
): E.Either<RuleViolation, Eligibility> =>
  pipe(
    schedulerArguments(rt, epoch),
    E.map((checked) => eligibleAt(rt, activeAt(rt, checked), nodes, checked, opts))
  )
