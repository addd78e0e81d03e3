/**
 * Typed refusals of the deployment rules. Every member names the rule of `spec/rules.md` it
 * enforces (`rule`), says what is wrong in one line a person can act on (`message`), and carries
 * the data to act on: which deployment, which version, which epoch.
 *
 * oasis-core returns one generic "runtime update not allowed" and keeps the reason in its logs;
 * this library returns the reason.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import type { DecodeError } from '../codec/decodeError.js'
import { compareU64, formatU64 } from '../internal/uint64.js'
import type { U64 } from '../schema/runtime.js'
import type { Version } from '../schema/version.js'
import { formatVersion } from './version.js'

/**
 * The rule each refusal enforces (ids of `spec/rules.md`).
 *
 * @example
 * RULE_VIOLATION_RULES.VersionsNotIncreasing // 'D5'
 *
 * @category errors
 * @since 0.1.0
 */
export const RULE_VIOLATION_RULES = {
  MalformedDeployment: 'DX1',
  MalformedArgument: 'DX2',
  NoDeploymentInfo: 'D0',
  NoDeployments: 'D1',
  TooManyDeployments: 'D2',
  NilDeployment: 'D3',
  DuplicateVersion: 'D4',
  VersionsNotIncreasing: 'D5',
  TeeWithoutHardware: 'D7',
  InvalidSgxConstraints: 'D7',
  NoEnclaves: 'D7',
  InvalidTeeHardware: 'D7',
  InvalidBundleChecksum: 'D8',
  MoreThanOneFutureDeployment: 'D9',
  ImmediateDeployment: 'U0',
  RuntimeIdChanged: 'U1',
  KindChanged: 'U2',
  GenesisChanged: 'U3',
  KeyManagerChanged: 'U4',
  GovernanceModelChanged: 'U5',
  StoredDescriptorInvalid: 'U6',
  DeploymentChanged: 'U8',
  RetroactiveDeployment: 'U8',
  ActiveDeploymentRemoved: 'U9',
  ActiveDeploymentChanged: 'U9',
  UpdateDeploysImmediately: 'U10',
  InvalidVersionString: 'T6',
  LeadTimeTooShort: 'PX1',
  DeploymentFrozen: 'PX2',
  PendingDowngrade: 'PX3',
  ScheduledIdentityChanged: 'PX4',
  TooManyFutureDeployments: 'PX5',
  InsufficientNodes: 'S4',
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
  PlanDowngrade: 'PL2',
  ActiveIdentityConflict: 'PL3',
  DuplicateRuntime: 'E2',
  UnencodableRuntime: 'E3',
  EpochMismatch: 'E4',
  UnregisteredRuntime: 'E6',
  EpochRegression: 'E9',
  ForkIdRemoteForkPassed: 'F1.1',
  ForkIdRemoteStale: 'F2',
  ForkIdIncompatible: 'F4'
} as const

/**
 * The `_tag` of a {@link RuleViolation}.
 *
 * @category errors
 * @since 0.1.0
 */
export type RuleViolationTag = keyof typeof RULE_VIOLATION_RULES

/**
 * A deployment as named in a refusal: its version and the epoch it is valid from.
 *
 * @category errors
 * @since 0.1.0
 */
export interface DeploymentRef {
  readonly version: Version
  readonly valid_from: U64
}

/**
 * Why SGX constraints were refused (D7).
 *
 * @category errors
 * @since 0.1.0
 */
export type SgxConstraintsProblem = 'undecodable' | 'pcs-not-enabled' | 'tdx-not-enabled' | 'fmspc-whitelist-not-allowed'

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
 * The data each refusal carries, by tag.
 *
 * @category errors
 * @since 0.1.0
 */
export interface RuleViolationData {
  readonly MalformedDeployment: { readonly index: number | undefined; readonly field: string; readonly reason: string }
  readonly MalformedArgument: { readonly argument: string; readonly reason: string }
  readonly NoDeploymentInfo: Record<string, never>
  readonly NoDeployments: Record<string, never>
  readonly TooManyDeployments: { readonly count: number; readonly limit: number }
  readonly NilDeployment: { readonly index: number }
  readonly DuplicateVersion: { readonly deployment: DeploymentRef; readonly other: DeploymentRef }
  readonly VersionsNotIncreasing: { readonly deployment: DeploymentRef; readonly previous: DeploymentRef }
  readonly TeeWithoutHardware: { readonly deployment: DeploymentRef }
  readonly InvalidSgxConstraints: {
    readonly deployment: DeploymentRef
    readonly problem: SgxConstraintsProblem
    readonly decodeError: DecodeError | undefined
  }
  readonly NoEnclaves: { readonly deployment: DeploymentRef }
  readonly InvalidTeeHardware: { readonly tee_hardware: number }
  readonly InvalidBundleChecksum: { readonly deployment: DeploymentRef; readonly length: number }
  readonly MoreThanOneFutureDeployment: { readonly future: ReadonlyArray<DeploymentRef>; readonly now: U64 }
  readonly ImmediateDeployment: { readonly deployment: DeploymentRef; readonly now: U64 }
  readonly RuntimeIdChanged: { readonly current: Uint8Array; readonly proposed: Uint8Array }
  readonly KindChanged: { readonly current: number; readonly proposed: number }
  readonly GenesisChanged: { readonly field: 'state_root' | 'round' }
  readonly KeyManagerChanged: {
    readonly change: 'removed' | 'replaced'
    readonly current: Uint8Array
    readonly proposed: Uint8Array | undefined
  }
  readonly GovernanceModelChanged: {
    readonly problem: 'transition' | 'runtime-governance-needs-compute'
    readonly current: number
    readonly proposed: number
    readonly kind: number
  }
  readonly StoredDescriptorInvalid: { readonly cause: RuleViolation; readonly now: U64 }
  readonly DeploymentChanged: { readonly current: DeploymentRef; readonly proposed: DeploymentRef; readonly now: U64 }
  readonly RetroactiveDeployment: { readonly deployment: DeploymentRef; readonly now: U64 }
  readonly ActiveDeploymentRemoved: { readonly deployment: DeploymentRef; readonly now: U64 }
  readonly ActiveDeploymentChanged: { readonly current: DeploymentRef; readonly proposed: DeploymentRef; readonly now: U64 }
  readonly UpdateDeploysImmediately: { readonly deployment: DeploymentRef; readonly now: U64 }
  readonly InvalidVersionString: { readonly input: string; readonly reason: string }
  readonly LeadTimeTooShort: {
    readonly deployment: DeploymentRef
    readonly now: U64
    readonly minLeadEpochs: U64
    readonly earliest: U64
  }
  readonly DeploymentFrozen: {
    readonly deployment: DeploymentRef
    readonly change: 'amended' | 'cancelled'
    readonly now: U64
    readonly freezeEpochs: U64
  }
  readonly PendingDowngrade: { readonly deployment: DeploymentRef; readonly pending: DeploymentRef }
  readonly ScheduledIdentityChanged: { readonly deployment: DeploymentRef; readonly field: 'tee' | 'bundle_checksum' }
  readonly TooManyFutureDeployments: {
    readonly future: ReadonlyArray<DeploymentRef>
    readonly limit: number
    readonly now: U64
  }
  readonly InsufficientNodes: {
    readonly problem: InsufficientNodesProblem
    readonly role: 'worker' | 'backup-worker'
    readonly epoch: U64
    readonly deployment: DeploymentRef | undefined
    readonly eligible: number
    readonly needed: number
    readonly exclusions: ReadonlyArray<ExclusionCount>
  }
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
  readonly MalformedNode: {
    readonly argument: 'node' | 'current' | 'proposed'
    readonly field: string
    readonly reason: string
  }
  readonly PlanDowngrade: { readonly target: Version; readonly active: DeploymentRef }
  readonly ActiveIdentityConflict: {
    readonly target: Version
    readonly active: DeploymentRef
    readonly field: 'tee' | 'bundle_checksum'
  }
  readonly DuplicateRuntime: { readonly id: Uint8Array; readonly index: number }
  readonly UnencodableRuntime: { readonly id: Uint8Array | undefined; readonly cause: DecodeError }
  readonly EpochMismatch: {
    readonly operation: 'registerRuntime' | 'activeVersions'
    readonly epoch: U64
    readonly requested: U64
  }
  readonly UnregisteredRuntime: { readonly id: Uint8Array; readonly operation: 'suspendRuntime' | 'resumeRuntime' }
  readonly EpochRegression: { readonly epoch: U64; readonly requested: U64 }
  readonly ForkIdRemoteForkPassed: ForkIdRefusal<'local-incompatible-or-stale'>
  readonly ForkIdRemoteStale: ForkIdRefusal<'remote-stale'> & { readonly expectedNext: U64 }
  readonly ForkIdIncompatible: ForkIdRefusal<'local-incompatible-or-stale'>
}

/**
 * A fork identifier as named in a refusal (F-rules of `spec/engine.md`): a 4-byte CRC32 and the
 * next fork point (0 when none).
 *
 * @category errors
 * @since 0.1.0
 */
export interface ForkIdRef {
  readonly hash: Uint8Array
  readonly next: U64
}

/**
 * What every fork-identifier refusal carries: EIP-2124's error name, both identifiers and the
 * local head.
 *
 * @category errors
 * @since 0.1.0
 */
export interface ForkIdRefusal<Err extends 'remote-stale' | 'local-incompatible-or-stale'> {
  readonly error: Err
  readonly local: ForkIdRef
  readonly remote: ForkIdRef
  readonly head: U64
}

/**
 * One member of the {@link RuleViolation} union.
 *
 * @category errors
 * @since 0.1.0
 */
export type RuleViolationOf<T extends RuleViolationTag> = {
  readonly _tag: T
  /** The `spec/rules.md` rule id. */
  readonly rule: (typeof RULE_VIOLATION_RULES)[T]
  /** One line a person can act on. */
  readonly message: string
} & RuleViolationData[T]

/**
 * Why a descriptor, an update or a version string was refused.
 *
 * @example
 * import { validateDeployments } from 'runtime-deployments'
 * const r = validateDeployments(rt, 10, {})
 * // r.left._tag === 'VersionsNotIncreasing', r.left.rule === 'D5', r.left.deployment.version …
 *
 * @category errors
 * @since 0.1.0
 */
export type RuleViolation = { readonly [T in RuleViolationTag]: RuleViolationOf<T> }[RuleViolationTag]

const ep = formatU64

const dep = (d: DeploymentRef): string => `deployment ${formatVersion(d.version)} (valid_from ${ep(d.valid_from)})`

const entryPath = (index: number, field: string): string =>
  field === '' ? `deployments[${index}]` : `deployments[${index}].${field}`

const versions = (ds: ReadonlyArray<DeploymentRef>): string => ds.map((d) => formatVersion(d.version)).join(', ')

const SGX_PROBLEMS: { readonly [P in SgxConstraintsProblem]: string } = {
  undecodable: 'they are not valid SGX constraints CBOR',
  'pcs-not-enabled': 'v1 constraints need tee_features.sgx.pcs',
  'tdx-not-enabled': 'a TDX policy needs tee_features.sgx.tdx',
  'fmspc-whitelist-not-allowed': 'fmspc_whitelist must be empty before consensus feature version 26.1'
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`

const roleName = (role: 'worker' | 'backup-worker'): string => (role === 'worker' ? 'worker' : 'backup worker')

const INSUFFICIENT: {
  readonly [P in InsufficientNodesProblem]: (d: RuleViolationData['InsufficientNodes']) => string
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

const versionList = (vs: ReadonlyArray<Version>): string => (vs.length === 0 ? 'none' : vs.map(formatVersion).join(', '))

const teeName = (hw: number | undefined): string => (hw === undefined ? 'no TEE' : `TEE hardware ${hw}`)

const forkRef = (f: ForkIdRef): string => `${bytesToHex(f.hash)}/${ep(f.next)}`

const MESSAGES: { readonly [T in RuleViolationTag]: (d: RuleViolationData[T]) => string } = {
  MalformedDeployment: (d) => `${d.index === undefined ? d.field : entryPath(d.index, d.field)} is malformed: ${d.reason}`,
  MalformedArgument: (d) => `argument ${d.argument} is malformed: ${d.reason}`,
  NoDeploymentInfo: () => 'no deployment information specified: a runtime needs at least one deployment',
  NoDeployments: () => 'no deployments: a runtime needs at least one deployment',
  TooManyDeployments: (d) =>
    `too many deployments: ${d.count} given, at most ${d.limit} allowed; remove superseded deployments first`,
  NilDeployment: (d) => `deployments[${d.index}] is null: remove the empty entry`,
  DuplicateVersion: (d) => `${dep(d.deployment)} duplicates the version of ${dep(d.other)}: each version may appear once`,
  VersionsNotIncreasing: (d) =>
    `${dep(d.deployment)} must start after ${dep(d.previous)}: a higher version needs a later valid_from`,
  TeeWithoutHardware: (d) => `${dep(d.deployment)} has TEE constraints but the runtime has no TEE hardware (tee_hardware 0)`,
  InvalidSgxConstraints: (d) => `${dep(d.deployment)} has invalid SGX TEE constraints: ${SGX_PROBLEMS[d.problem]}`,
  NoEnclaves: (d) => `${dep(d.deployment)} lists no enclaves: an SGX runtime deployment needs at least one enclave identity`,
  InvalidTeeHardware: (d) => `invalid TEE hardware ${d.tee_hardware}: expected 0 (none) or 1 (Intel SGX)`,
  InvalidBundleChecksum: (d) => `${dep(d.deployment)} has a ${d.length}-byte bundle checksum: it must be absent or 32 bytes`,
  MoreThanOneFutureDeployment: (d) =>
    `more than one future deployment at epoch ${ep(d.now)} (${versions(d.future)}): only one may be pending`,
  ImmediateDeployment: (d) =>
    `${dep(d.deployment)} would be active immediately (now is ${ep(d.now)}): ` +
    "a new runtime's deployment must start after now",
  RuntimeIdChanged: (d) => `the runtime id cannot change (${bytesToHex(d.current)} → ${bytesToHex(d.proposed)})`,
  KindChanged: (d) => `the runtime kind cannot change (${d.current} → ${d.proposed})`,
  GenesisChanged: (d) => `the runtime genesis cannot change (${d.field} differs)`,
  KeyManagerChanged: (d) =>
    d.change === 'removed'
      ? `the key manager ${bytesToHex(d.current)} cannot be removed`
      : `the key manager cannot change (${bytesToHex(d.current)} → ${d.proposed === undefined ? 'none' : bytesToHex(d.proposed)})`,
  GovernanceModelChanged: (d) =>
    d.problem === 'transition'
      ? `the governance model cannot change from ${d.current} to ${d.proposed}: only entity (1) → runtime (2) is allowed`
      : `runtime governance (2) needs a compute runtime, this runtime's kind is ${d.kind}`,
  StoredDescriptorInvalid: (d) =>
    `the stored descriptor is invalid at epoch ${ep(d.now)} (${d.cause.rule}: ${d.cause.message}); ` +
    'parameters may have changed since it was stored',
  DeploymentChanged: (d) =>
    compareU64(d.current.valid_from, d.now) <= 0
      ? `${dep(d.current)} cannot change: it became active at epoch ${ep(d.current.valid_from)}, now is ${ep(d.now)}`
      : `${dep(d.current)} cannot move to valid_from ${ep(d.proposed.valid_from)}: ` +
        `it must stay after now (${ep(d.now)})`,
  RetroactiveDeployment: (d) =>
    `${dep(d.deployment)} cannot be added: a new deployment must start after now (${ep(d.now)})`,
  ActiveDeploymentRemoved: (d) =>
    `${dep(d.deployment)} is active at epoch ${ep(d.now)} and cannot be removed`,
  ActiveDeploymentChanged: (d) =>
    `${dep(d.current)} is active at epoch ${ep(d.now)} and must be kept exactly; ` +
    `the update would make ${dep(d.proposed)} active`,
  UpdateDeploysImmediately: (d) =>
    `${dep(d.deployment)} would be active immediately (now is ${ep(d.now)}): an update cannot deploy immediately`,
  InvalidVersionString: (d) => `invalid version string ${JSON.stringify(d.input)}: ${d.reason}`,
  LeadTimeTooShort: (d) =>
    `${dep(d.deployment)} starts too soon: with a lead time of ${ep(d.minLeadEpochs)} epochs ` +
    `it must start at epoch ${ep(d.earliest)} or later (now is ${ep(d.now)})`,
  DeploymentFrozen: (d) =>
    `${dep(d.deployment)} cannot be ${d.change}: ` +
    `it is frozen within ${ep(d.freezeEpochs)} epochs of its start (now is ${ep(d.now)})`,
  PendingDowngrade: (d) =>
    `${dep(d.deployment)} would schedule a lower version than the pending ${dep(d.pending)}: ` +
    'schedule a higher version instead',
  ScheduledIdentityChanged: (d) =>
    `${dep(d.deployment)} cannot change its ${d.field}: a new identity needs a new version`,
  TooManyFutureDeployments: (d) =>
    `too many future deployments at epoch ${ep(d.now)} (${versions(d.future)}): at most ${d.limit} may be pending`,
  InsufficientNodes: (d) =>
    `at epoch ${ep(d.epoch)}, ${INSUFFICIENT[d.problem](d)}; the runtime would be suspended` +
    (d.exclusions.length === 0 ? '' : ` (excluded: ${exclusionCounts(d.exclusions)})`),
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
  MalformedNode: (d) => `the ${d.argument} node descriptor is malformed: ${d.field === '' ? 'node' : d.field} is ${d.reason}`,
  PlanDowngrade: (d) =>
    `version ${formatVersion(d.target)} is below the active ${dep(d.active)}: ` +
    'versions only move forward; schedule a higher version instead',
  ActiveIdentityConflict: (d) =>
    `version ${formatVersion(d.target)} is already active (${dep(d.active)}) with a different ${d.field}: ` +
    'a new identity needs a new version',
  DuplicateRuntime: (d) => `runtime ${bytesToHex(d.id)} is given twice (again at runtimes[${d.index}]): each id may appear once`,
  UnencodableRuntime: (d) =>
    `runtime ${d.id instanceof Uint8Array ? bytesToHex(d.id) : '(no id)'} cannot be stored: ` +
    `it does not encode (${d.cause.rule} at ${d.cause.path === '' ? 'the top' : d.cause.path}: ${d.cause.message})`,
  EpochMismatch: (d) =>
    `${d.operation} asked for epoch ${ep(d.requested)} but the registry is at epoch ${ep(d.epoch)}: ` +
    (compareU64(d.requested, d.epoch) > 0 ? 'advance the registry first' : 'a registry keeps only its current epoch'),
  UnregisteredRuntime: (d) => `${d.operation}: no runtime ${bytesToHex(d.id)} in the registry; register it first`,
  EpochRegression: (d) => `cannot go back from epoch ${ep(d.epoch)} to epoch ${ep(d.requested)}: epochs only advance`,
  ForkIdRemoteForkPassed: (d) =>
    `the remote announces a fork at ${ep(d.remote.next)}, already passed locally (head ${ep(d.head)}) ` +
    'without the local schedule having it: local incompatible or stale',
  ForkIdRemoteStale: (d) =>
    `the remote fork id ${forkRef(d.remote)} is a past local state but announces next ${ep(d.remote.next)}, ` +
    `not the local fork at ${ep(d.expectedNext)}: remote stale`,
  ForkIdIncompatible: (d) =>
    `the remote fork hash ${bytesToHex(d.remote.hash)} matches no past, current or future local state ` +
    `(local is ${forkRef(d.local)}): local incompatible or stale`
}

/**
 * Build a {@link RuleViolation}; the rule and the message are derived from the tag and the data,
 * so the three never disagree.
 *
 * @example
 * const v = ruleViolation('TooManyDeployments', { count: 6, limit: 5 })
 * // v.rule === 'D2', v.message === 'too many deployments: 6 given, at most 5 allowed; …'
 *
 * @category constructors
 * @since 0.1.0
 */
export const ruleViolation = <T extends RuleViolationTag>(tag: T, data: RuleViolationData[T]): RuleViolation =>
  ({ _tag: tag, rule: RULE_VIOLATION_RULES[tag], message: MESSAGES[tag](data), ...data }) as RuleViolationOf<T> as RuleViolation
