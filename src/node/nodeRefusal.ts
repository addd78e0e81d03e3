/**
 * Typed refusals of node registration (R and RX rules of `spec/nodes.md`).
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import { type RefusalMessages, refusalConstructor, type RefusalUnion } from '../codec/refusal.js'
import { formatU64 as ep, type U64 } from '../internal/uint64.js'
import { type DeploymentRef, formatDeployment as dep } from '../rules/deployment.js'
import { formatVersion } from '../rules/version.js'
import type { Version } from '../schema/version.js'

/**
 * The rule each node registration refusal enforces.
 *
 * @example
 * NODE_REFUSAL_RULES.UnknownRuntime // 'R2'
 *
 * @category errors
 * @since 0.1.0
 */
export const NODE_REFUSAL_RULES = {
  DuplicateNodeRuntime: 'R1',
  UnknownRuntime: 'R2',
  NodeTeeHardwareMismatch: 'R3',
  UnknownEnclaveVersion: 'R3',
  NodeAttestationRejected: 'R3',
  NodeIdentityChanged: 'R4',
  NodeRuntimeRemoved: 'R4',
  NodeTeeChanged: 'R4',
  UndeployedNodeVersion: 'RX1',
  MalformedNode: 'RX2',
  NodeCodeIdentityNotAdmitted: 'RX3'
} as const

/**
 * The `_tag` of a {@link NodeRefusal}.
 *
 * @category errors
 * @since 0.1.0
 */
export type NodeRefusalTag = keyof typeof NODE_REFUSAL_RULES

/**
 * The data each node registration refusal carries, by tag.
 *
 * @category errors
 * @since 0.1.0
 */
export interface NodeRefusalData {
  readonly DuplicateNodeRuntime: {
    readonly index: number
    readonly first: number
    readonly runtime_id: Uint8Array
    readonly version: Version
  }
  readonly UnknownRuntime: { readonly index: number; readonly runtime_id: Uint8Array }
  readonly NodeTeeHardwareMismatch: {
    readonly index: number
    readonly runtime_id: Uint8Array
    readonly required: number
    readonly hardware: number | undefined
  }
  readonly UnknownEnclaveVersion: {
    readonly index: number
    readonly runtime_id: Uint8Array
    readonly version: Version
    readonly deployed: ReadonlyArray<Version>
  }
  readonly NodeAttestationRejected: {
    readonly index: number
    readonly runtime_id: Uint8Array
    readonly deployment: DeploymentRef
    readonly reason: string
  }
  readonly NodeIdentityChanged: {
    readonly field: 'id' | 'entity_id'
    readonly current: Uint8Array
    readonly proposed: Uint8Array
  }
  readonly NodeRuntimeRemoved: {
    readonly runtime_id: Uint8Array
    /** `undefined` when every version of the runtime was dropped. */
    readonly version: Version | undefined
    readonly active: DeploymentRef | undefined
    readonly now: U64
  }
  readonly NodeTeeChanged: {
    readonly runtime_id: Uint8Array
    readonly version: Version
    readonly change: 'added' | 'removed' | 'hardware'
    readonly current: number | undefined
    readonly proposed: number | undefined
  }
  readonly UndeployedNodeVersion: {
    readonly index: number
    readonly runtime_id: Uint8Array
    readonly version: Version
    readonly deployed: ReadonlyArray<Version>
  }
  readonly NodeCodeIdentityNotAdmitted: {
    readonly index: number
    readonly runtime_id: Uint8Array
    readonly version: Version
    /** Where the identity comes from; `none` when the version is not deployed or has no code identity. */
    readonly field: 'bundle_checksum' | 'tee' | 'none'
    /** The identity not admitted, in hex; empty for `none`. */
    readonly identity: string
  }
  readonly MalformedNode: {
    readonly argument: 'node' | 'current' | 'proposed'
    readonly field: string
    readonly reason: string
  }
}

/**
 * A node registration refusal: its tag, rule, one-line message and data.
 *
 * @example
 * import { nodeRefusal } from 'runtime-deployments'
 * nodeRefusal('UnknownRuntime', { index: 0, runtime_id: new Uint8Array(32) }).rule // 'R2'
 *
 * @category errors
 * @since 0.1.0
 */
export type NodeRefusal = RefusalUnion<typeof NODE_REFUSAL_RULES, NodeRefusalData>

const versionList = (vs: ReadonlyArray<Version>): string => (vs.length === 0 ? 'none' : vs.map(formatVersion).join(', '))

const teeName = (hw: number | undefined): string => (hw === undefined ? 'no TEE' : `TEE hardware ${hw}`)

const MESSAGES: RefusalMessages<NodeRefusalData> = {
  DuplicateNodeRuntime: (d) =>
    `runtimes[${d.index}] repeats runtime ${bytesToHex(d.runtime_id)} version ${formatVersion(d.version)} ` +
    `of runtimes[${d.first}]: each (runtime, version) pair may appear once`,
  UnknownRuntime: (d) => `runtimes[${d.index}] names runtime ${bytesToHex(d.runtime_id)}, which is not registered`,
  NodeTeeHardwareMismatch: (d) =>
    `runtimes[${d.index}] advertises ${d.hardware === undefined ? 'no TEE' : `TEE hardware ${d.hardware}`} ` +
    `for runtime ${bytesToHex(d.runtime_id)}, which requires TEE hardware ${d.required}`,
  UnknownEnclaveVersion: (d) =>
    `runtimes[${d.index}] runs enclave version ${formatVersion(d.version)} of runtime ${bytesToHex(d.runtime_id)}, ` +
    `which has no such deployment (deployed: ${versionList(d.deployed)})`,
  NodeAttestationRejected: (d) =>
    `runtimes[${d.index}]'s attestation does not satisfy ${dep(d.deployment)} of runtime ${bytesToHex(d.runtime_id)}: ${d.reason}`,
  NodeIdentityChanged: (d) => `the node's ${d.field} cannot change (${bytesToHex(d.current)} → ${bytesToHex(d.proposed)})`,
  NodeRuntimeRemoved: (d) =>
    d.version === undefined
      ? `runtime ${bytesToHex(d.runtime_id)} cannot be dropped from a registered node: keep at least one of its versions`
      : `version ${formatVersion(d.version)} of runtime ${bytesToHex(d.runtime_id)} cannot be dropped: ` +
        `it is still deployed and not below the active ${d.active === undefined ? 'version' : dep(d.active)} at epoch ${ep(d.now)}`,
  NodeTeeChanged: (d) =>
    `the TEE capability of runtime ${bytesToHex(d.runtime_id)} version ${formatVersion(d.version)} cannot change ` +
    `(${teeName(d.current)} → ${teeName(d.proposed)}): re-register the node instead`,
  UndeployedNodeVersion: (d) =>
    `runtimes[${d.index}] advertises version ${formatVersion(d.version)} of runtime ${bytesToHex(d.runtime_id)}, ` +
    `which has no such deployment (deployed: ${versionList(d.deployed)})`,
  NodeCodeIdentityNotAdmitted: (d) =>
    `runtimes[${d.index}] runs version ${formatVersion(d.version)} of runtime ${bytesToHex(d.runtime_id)}, ` +
    (d.field === 'none'
      ? 'which has no deployed code identity to admit'
      : `whose code identity is neither trusted nor endorsed (${d.field} ${d.identity})`),
  MalformedNode: (d) => `the ${d.argument} node descriptor is malformed: ${d.field === '' ? 'node' : d.field} is ${d.reason}`
}

/**
 * Build a {@link NodeRefusal}; the rule and the message derive from the tag and the data.
 *
 * @example
 * nodeRefusal('UnknownRuntime', { index: 0, runtime_id: new Uint8Array(32) }).rule // 'R2'
 *
 * @category constructors
 * @since 0.1.0
 */
export const nodeRefusal = refusalConstructor(NODE_REFUSAL_RULES, MESSAGES)
