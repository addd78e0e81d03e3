/**
 * The runtime-related rules of node registration (R1–R4, RX1–RX3), as oasis-core's
 * `VerifyRegisterNodeArgs`, `VerifyNodeRuntimeEnclaveIDs` and `VerifyNodeUpdate` apply them, with
 * the runtimes looked up in a {@link Registry}.
 *
 * Check order of {@link verifyNodeRuntimes} (the first failure is reported): DX2 `now`; RX2 the
 * node is well formed; then each runtime entry in array order: R1 its (id, version) pair is new,
 * R2 its runtime is registered (suspended counts), and, unless at genesis, R3 its TEE hardware is
 * the runtime's and a TEE entry's version is deployed (then the caller's verifier, when given,
 * accepts its attestation), RX1 (opt-in) a non-TEE entry's version is deployed, RX3 (opt-in) the
 * entry's version is deployed with every code identity admitted.
 *
 * Check order of {@link verifyNodeUpdate}: the proposed node as above; RX2 the current node;
 * R4 id and entity id unchanged; then, unless the current registration has expired, each runtime
 * of the current node in array order: still present, and each of its versions kept with the same
 * TEE presence and hardware, unless the version may go (no active deployment, below the active
 * version, or no longer deployed).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { CheckedU64 } from '../internal/uint64.js'
import { lookupRuntime, type Registry } from '../registry/registry.js'
import { u64Argument } from '../rules/argument.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { unadmittedIdentity } from '../rules/codeIdentity.js'
import { bytesEqual, deploymentRef, deploymentsOf } from '../rules/deployment.js'
import type { RuleViolation } from '../rules/ruleViolation.js'
import { activeAt, deploymentForVersion } from '../rules/selection.js'
import { compareVersions, sameVersion } from '../rules/version.js'
import type { CapabilityTEE, NodeRuntime } from '../schema/node.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import { isExpired, type NodeDescriptor, nodeProblem, nodeRuntimes } from './node.js'
import { type NodeRefusal, nodeRefusal } from './nodeRefusal.js'
import type { TeeVerifier } from './tee.js'

/**
 * Options of {@link verifyNodeRuntimes} and {@link verifyNodeUpdate}.
 *
 * @category node registration
 * @since 0.1.0
 */
export interface NodeRegistrationOptions {
  /** RX1 (opt-in, stricter than oasis-core): a non-TEE entry's version must be deployed too. */
  readonly strictVersions?: boolean
  /** R3: at genesis the TEE checks (and RX1) are skipped, as oasis-core skips them. */
  readonly isGenesis?: boolean
  /** R3: verifies a TEE entry's attestation against its deployment; absent = not checked here. */
  readonly verifyTee?: TeeVerifier
  /**
   * RX3 (opt-in, with PX6 of the rules): every entry must run a deployed version whose code
   * identities are all among these (see `admitCodeIdentity`).
   */
  readonly admittedCodeIdentities?: ReadonlyArray<Uint8Array>
}

const teeOf = (entry: NodeRuntime): CapabilityTEE | undefined => entry.capabilities.tee ?? undefined

const deployedVersions = (rt: Runtime) => deploymentsOf(rt).map((d) => d.version)

// R3: attestation through the caller's verifier; a throw or a non-Either counts as a refusal.
const attestationViolation = (
  verify: TeeVerifier,
  rt: Runtime,
  deployment: VersionInfo,
  node: NodeDescriptor,
  entry: NodeRuntime,
  index: number,
  capability: CapabilityTEE,
  now: U64
): NodeRefusal | RuleViolation | undefined => {
  const refuse = (reason: string) =>
    nodeRefusal('NodeAttestationRejected', { index, runtime_id: entry.id, deployment: deploymentRef(deployment), reason })
  try {
    const verdict: unknown = verify({ runtime: rt, deployment, node, entry, capability, epoch: now })
    const tag = typeof verdict === 'object' && verdict !== null ? (verdict as { readonly _tag?: unknown })._tag : undefined
    if (tag === 'Right') return undefined
    if (tag === 'Left') {
      const reason = (verdict as E.Left<unknown>).left
      return refuse(typeof reason === 'string' ? reason : 'refused')
    }
    return refuse('the verifier returned no Either')
  } catch (e) {
    return refuse(`the verifier failed: ${e instanceof Error ? e.message : typeof e === 'string' ? e : typeof e}`)
  }
}

// R3, RX1 for one entry of a registered runtime.
const enclaveViolation = (
  rt: Runtime,
  node: NodeDescriptor,
  entry: NodeRuntime,
  index: number,
  now: U64,
  opts: NodeRegistrationOptions
): NodeRefusal | RuleViolation | undefined => {
  const tee = teeOf(entry)
  // R3: the entry's TEE hardware (none counts as 0) must be the runtime's.
  const hardware = tee === undefined ? 0 : tee.hardware
  if (hardware !== rt.tee_hardware) {
    return nodeRefusal('NodeTeeHardwareMismatch', {
      index,
      runtime_id: entry.id,
      required: rt.tee_hardware,
      hardware: tee?.hardware
    })
  }
  const deployment = deploymentForVersion(rt, entry.version)
  if (tee === undefined) {
    // RX1: oasis-core does not check a non-TEE entry's version; opt in to refuse undeployed ones.
    if (opts.strictVersions === true && deployment === undefined) {
      return nodeRefusal('UndeployedNodeVersion', { index, runtime_id: entry.id, version: entry.version, deployed: deployedVersions(rt) })
    }
    return undefined
  }
  // R3: a TEE entry runs an enclave of a deployed version.
  if (deployment === undefined) {
    return nodeRefusal('UnknownEnclaveVersion', { index, runtime_id: entry.id, version: entry.version, deployed: deployedVersions(rt) })
  }
  return typeof opts.verifyTee === 'function' ? attestationViolation(opts.verifyTee, rt, deployment, node, entry, index, tee, now) : undefined
}

// RX3: the entry's version is deployed and each of its code identities admitted.
const identityViolation = (rt: Runtime, entry: NodeRuntime, index: number, admitted: ReadonlyArray<Uint8Array>): NodeRefusal | undefined => {
  const missing = unadmittedIdentity(rt, deploymentForVersion(rt, entry.version), admitted)
  const base = { index, runtime_id: entry.id, version: entry.version }
  if (missing === 'none') return nodeRefusal('NodeCodeIdentityNotAdmitted', { ...base, field: 'none', identity: '' })
  return missing === undefined ? undefined : nodeRefusal('NodeCodeIdentityNotAdmitted', { ...base, field: missing.field, identity: bytesToHex(missing.bytes) })
}

const runtimesViolation = (
  node: NodeDescriptor,
  argument: 'node' | 'proposed',
  registry: Registry,
  now: CheckedU64,
  opts: NodeRegistrationOptions
): NodeRefusal | RuleViolation | undefined => {
  const bad = nodeProblem(node)
  // RX2
  if (bad !== undefined) return nodeRefusal('MalformedNode', { argument, field: bad[0], reason: bad[1] })
  const entries = nodeRuntimes(node)
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!
    // R1
    const first = entries.findIndex((e) => bytesEqual(e.id, entry.id) && sameVersion(e.version, entry.version))
    if (first < i) return nodeRefusal('DuplicateNodeRuntime', { index: i, first, runtime_id: entry.id, version: entry.version })
    // R2: active or suspended, the runtime must be registered.
    const found = lookupRuntime(registry, entry.id)
    if (found === undefined) return nodeRefusal('UnknownRuntime', { index: i, runtime_id: entry.id })
    // R3: skipped at genesis, as upstream does.
    if (opts.isGenesis === true) continue
    const violation = enclaveViolation(found.runtime, node, entry, i, now, opts)
    if (violation !== undefined) return violation
    // RX3, after R3 and RX1: skipped at genesis like them.
    const admitted = opts.admittedCodeIdentities
    if (Array.isArray(admitted)) {
      const refused = identityViolation(found.runtime, entry, i, admitted)
      if (refused !== undefined) return refused
    }
  }
  return undefined
}

const optionsOf = (opts: NodeRegistrationOptions | undefined): NodeRegistrationOptions =>
  typeof opts === 'object' && opts !== null ? opts : {}

/**
 * Verify the runtime entries of a node registration against `registry` at epoch `now` (R1–R3,
 * RX1 when `strictVersions`, RX2): no (id, version) pair twice, every runtime registered, TEE
 * hardware matching the runtime's, and a TEE entry's version deployed. Returns the node, or the
 * first violation in the order documented at the top of this module.
 *
 * @example
 * import { verifyNodeRuntimes } from 'runtime-deployments'
 * verifyNodeRuntimes(node, registry, 1250) // right(node)
 * verifyNodeRuntimes({ ...node, runtimes: [entry, entry] }, registry, 1250) // left(DuplicateNodeRuntime, R1)
 *
 * @category node registration
 * @since 0.1.0
 */
export const verifyNodeRuntimes = (
  node: NodeDescriptor,
  registry: Registry,
  now: U64,
  opts?: NodeRegistrationOptions
): E.Either<NodeRefusal | RuleViolation, NodeDescriptor> => {
  const checked = u64Argument('now', now)
  if (E.isLeft(checked)) return checked
  const violation = runtimesViolation(node, 'node', registry, checked.right, optionsOf(opts))
  return violation === undefined ? E.right(node) : E.left(violation)
}

// R4: TEE presence and hardware of a kept (id, version) cannot change; RAK and attestation may.
const teeChange = (current: NodeRuntime, proposed: NodeRuntime): NodeRefusal | RuleViolation | undefined => {
  const was = teeOf(current)
  const is = teeOf(proposed)
  const data = { runtime_id: current.id, version: current.version, current: was?.hardware, proposed: is?.hardware }
  if (was === undefined && is !== undefined) return nodeRefusal('NodeTeeChanged', { ...data, change: 'added' })
  if (was !== undefined && is === undefined) return nodeRefusal('NodeTeeChanged', { ...data, change: 'removed' })
  if (was !== undefined && is !== undefined && was.hardware !== is.hardware) {
    return nodeRefusal('NodeTeeChanged', { ...data, change: 'hardware' })
  }
  return undefined
}

// R4: the runtime changes of a node update whose current registration has not expired.
const runtimeChangesViolation = (
  current: NodeDescriptor,
  proposed: NodeDescriptor,
  registry: Registry,
  now: CheckedU64
): NodeRefusal | RuleViolation | undefined => {
  const next = nodeRuntimes(proposed)
  for (const entry of nodeRuntimes(current)) {
    // R4: a runtime cannot be dropped altogether while the registration is active.
    if (!next.some((e) => bytesEqual(e.id, entry.id))) {
      return nodeRefusal('NodeRuntimeRemoved', { runtime_id: entry.id, version: undefined, active: undefined, now })
    }
    const found = lookupRuntime(registry, entry.id)
    // R2 passed on the proposed node, which still lists this runtime, so it is registered.
    if (found === undefined) continue
    const kept = next.find((e) => bytesEqual(e.id, entry.id) && sameVersion(e.version, entry.version))
    if (kept !== undefined) {
      const changed = teeChange(entry, kept)
      if (changed !== undefined) return changed
      continue
    }
    const active = activeAt(found.runtime, now)
    // R4: a version may go when nothing is active, when it is below the active version, or when
    // it is no longer deployed.
    if (active === undefined) continue
    if (compareVersions(entry.version, active.version) < 0) continue
    if (deploymentForVersion(found.runtime, entry.version) === undefined) continue
    return nodeRefusal('NodeRuntimeRemoved', { runtime_id: entry.id, version: entry.version, active: deploymentRef(active), now })
  }
  return undefined
}

/**
 * Verify a node's re-registration (R4) at epoch `now`: the proposed node passes
 * {@link verifyNodeRuntimes}; its id and entity id are unchanged; and, while the current
 * registration has not expired, it keeps every runtime of the current one, and every version
 * still needed (deployed and not below the active version) with the same TEE presence and
 * hardware. Returns the proposed node, or the first violation.
 *
 * @example
 * import { verifyNodeUpdate } from 'runtime-deployments'
 * // the node advertised 1.4.0 (active) and 1.5.0 (pending); dropping 1.4.0 is refused
 * verifyNodeUpdate(node, { ...node, runtimes: [entry150] }, registry, 1250) // left(NodeRuntimeRemoved, R4)
 *
 * @category node registration
 * @since 0.1.0
 */
export const verifyNodeUpdate = (
  current: NodeDescriptor,
  proposed: NodeDescriptor,
  registry: Registry,
  now: U64,
  opts?: NodeRegistrationOptions
): E.Either<NodeRefusal | RuleViolation, NodeDescriptor> => {
  const checked = u64Argument('now', now)
  if (E.isLeft(checked)) return checked
  const invalid = runtimesViolation(proposed, 'proposed', registry, checked.right, optionsOf(opts))
  if (invalid !== undefined) return E.left(invalid)
  const bad = nodeProblem(current)
  // RX2
  if (bad !== undefined) return E.left(nodeRefusal('MalformedNode', { argument: 'current', field: bad[0], reason: bad[1] }))
  // R4: the node's identity cannot change.
  for (const field of ['id', 'entity_id'] as const) {
    if (!bytesEqual(current[field], proposed[field])) {
      return E.left(nodeRefusal('NodeIdentityChanged', { field, current: current[field], proposed: proposed[field] }))
    }
  }
  // R4: only an active (unexpired) registration constrains its runtimes.
  if (isExpired(current, checked.right)) return E.right(proposed)
  const violation = runtimeChangesViolation(current, proposed, registry, checked.right)
  return violation === undefined ? E.right(proposed) : E.left(violation)
}
