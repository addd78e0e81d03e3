/**
 * Typed refusals of the deployment rules. Every member names the rule of `spec/rules.md` it
 * enforces (`rule`), says what is wrong in one line a person can act on (`message`), and carries
 * the data to act on: which deployment, which version, which epoch.
 *
 * oasis-core returns one generic "runtime update not allowed" and keeps the reason in its logs;
 * this library returns the reason. What oasis-core puts in the transaction result for a refusal
 * (module, code, message) is `oasisError(refusal)` (`oasisError.ts`). Each higher layer owns its
 * own refusals (`RegistryRefusal`, `NodeRefusal`, `SchedulerRefusal`, `PlannerRefusal`), built the
 * same way.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import type { DecodeError } from '../codec/decodeError.js'
import { type RefusalMessages, refusalConstructor, type RefusalUnion } from '../codec/refusal.js'
import { quoteShort } from '../internal/text.js'
import { compareU64, formatU64 as ep, type U64 } from '../internal/uint64.js'
import { type DeploymentRef, formatDeployment as dep } from './deployment.js'
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
  MalformedDescriptor: 'DX3',
  RuntimeRegistrationDisabled: 'RR1',
  InvalidDescriptorVersion: 'VR1',
  InvalidRuntimeKind: 'VR2',
  ComputeIdHasKeyManagerFlag: 'VR3',
  SelfKeyManager: 'VR3',
  InvalidExecutorParameters: 'VR4',
  InvalidTxnSchedulerParameters: 'VR5',
  InvalidStorageParameters: 'VR6',
  KeyManagerIdWithoutFlag: 'VR7',
  KeyManagerWithKeyManager: 'VR7',
  KeyManagerWithoutSgx: 'VR7',
  InvalidStakingParameters: 'VR8',
  InvalidAdmissionPolicy: 'VR9',
  InvalidGovernanceModel: 'VR10',
  NoDeploymentInfo: 'D0',
  TestRuntimeNotAllowed: 'VR11',
  GovernanceModelNotEnabled: 'VR12',
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
  RuntimeGovernanceNotCompute: 'VR13',
  KeyManagerRegistrationDisabled: 'RR2',
  UnknownKeyManager: 'RR4',
  NotAKeyManager: 'RR4',
  KeyManagerUserWithoutSgx: 'RR4',
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
  ConsensusGovernanceNotAllowed: 'RR3',
  InvalidVersionString: 'T6',
  LeadTimeTooShort: 'PX1',
  DeploymentFrozen: 'PX2',
  PendingDowngrade: 'PX3',
  ScheduledIdentityChanged: 'PX4',
  TooManyFutureDeployments: 'PX5',
  CodeIdentityNotAdmitted: 'PX6'
} as const

/**
 * The `_tag` of a {@link RuleViolation}.
 *
 * @category errors
 * @since 0.1.0
 */
export type RuleViolationTag = keyof typeof RULE_VIOLATION_RULES

/**
 * Why SGX constraints were refused (D7).
 *
 * @category errors
 * @since 0.1.0
 */
export type SgxConstraintsProblem = 'undecodable' | 'pcs-not-enabled' | 'tdx-not-enabled' | 'fmspc-whitelist-not-allowed'

/**
 * Which executor parameter is out of range (VR4).
 *
 * @category errors
 * @since 0.1.0
 */
export type ExecutorProblem = 'group-size' | 'stragglers' | 'round-timeout' | 'min-live-rounds-percent'

/**
 * Which transaction scheduler parameter is out of range (VR5).
 *
 * @category errors
 * @since 0.1.0
 */
export type TxnSchedulerProblem =
  | 'batch-flush-timeout'
  | 'max-batch-size'
  | 'max-batch-size-bytes'
  | 'propose-batch-timeout'
  | 'batch-flush-after-propose'

/**
 * Which storage parameter is out of range (VR6).
 *
 * @category errors
 * @since 0.1.0
 */
export type StorageProblem = 'checkpoint-interval' | 'checkpoint-num-kept' | 'checkpoint-chunk-size'

/**
 * Which staking parameter is invalid (VR8).
 *
 * @category errors
 * @since 0.1.0
 */
export type StakingProblem = 'reward-equivocation' | 'reward-bad-results' | 'threshold-kind'

/**
 * What is wrong with an admission policy (VR9).
 *
 * @category errors
 * @since 0.1.0
 */
export type AdmissionPolicyProblem = 'not-exactly-one' | 'per-role-not-single-role' | 'max-nodes-not-single-role'

/**
 * The data each refusal carries, by tag.
 *
 * @category errors
 * @since 0.1.0
 */
export interface RuleViolationData {
  readonly MalformedDeployment: { readonly index: number | undefined; readonly field: string; readonly reason: string }
  readonly MalformedArgument: { readonly argument: string; readonly reason: string }
  readonly MalformedDescriptor: {
    readonly descriptor: 'proposed' | 'current'
    readonly field: string
    readonly reason: string
  }
  readonly RuntimeRegistrationDisabled: Record<string, never>
  /** `strict`: a transaction (v must be 3); otherwise genesis (v within 3..3). */
  readonly InvalidDescriptorVersion: { readonly v: number; readonly strict: boolean }
  readonly InvalidRuntimeKind: { readonly kind: number }
  readonly ComputeIdHasKeyManagerFlag: Record<string, never>
  readonly SelfKeyManager: Record<string, never>
  readonly InvalidExecutorParameters: { readonly problem: ExecutorProblem }
  readonly InvalidTxnSchedulerParameters: { readonly problem: TxnSchedulerProblem }
  readonly InvalidStorageParameters: { readonly problem: StorageProblem }
  readonly KeyManagerIdWithoutFlag: Record<string, never>
  readonly KeyManagerWithKeyManager: Record<string, never>
  readonly KeyManagerWithoutSgx: { readonly tee_hardware: number }
  /** `value`: the percentage, or the threshold kind. */
  readonly InvalidStakingParameters: { readonly problem: StakingProblem; readonly kind: number; readonly value: number | bigint }
  /** `role`: the offending map key, for the single-role problems. */
  readonly InvalidAdmissionPolicy: { readonly problem: AdmissionPolicyProblem; readonly role: number | undefined }
  readonly InvalidGovernanceModel: { readonly governance_model: number }
  readonly TestRuntimeNotAllowed: Record<string, never>
  readonly GovernanceModelNotEnabled: { readonly governance_model: number; readonly problem: 'none-enabled' | 'not-enabled' }
  readonly RuntimeGovernanceNotCompute: { readonly kind: number }
  readonly KeyManagerRegistrationDisabled: Record<string, never>
  readonly UnknownKeyManager: { readonly key_manager: Uint8Array }
  readonly NotAKeyManager: { readonly key_manager: Uint8Array; readonly kind: number }
  readonly KeyManagerUserWithoutSgx: { readonly tee_hardware: number }
  readonly ConsensusGovernanceNotAllowed: Record<string, never>
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
  readonly CodeIdentityNotAdmitted: {
    readonly deployment: DeploymentRef
    /** Where the identity comes from; `none` when the deployment has no code identity at all. */
    readonly field: 'bundle_checksum' | 'tee' | 'none'
    /** The identity not admitted, in hex; empty for `none`. */
    readonly identity: string
  }
  readonly TooManyFutureDeployments: {
    readonly future: ReadonlyArray<DeploymentRef>
    readonly limit: number
    readonly now: U64
  }
}

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
export type RuleViolation = RefusalUnion<typeof RULE_VIOLATION_RULES, RuleViolationData>

const entryPath = (index: number, field: string): string =>
  field === '' ? `deployments[${index}]` : `deployments[${index}].${field}`

const versions = (ds: ReadonlyArray<DeploymentRef>): string => ds.map((d) => formatVersion(d.version)).join(', ')

const SGX_PROBLEMS: { readonly [P in SgxConstraintsProblem]: string } = {
  undecodable: 'they are not valid SGX constraints CBOR',
  'pcs-not-enabled': 'v1 constraints need tee_features.sgx.pcs',
  'tdx-not-enabled': 'a TDX policy needs tee_features.sgx.tdx',
  'fmspc-whitelist-not-allowed': 'fmspc_whitelist must be empty before consensus feature version 26.1'
}

const EXECUTOR_PROBLEMS: { readonly [P in ExecutorProblem]: string } = {
  'group-size': 'group_size must be at least 1',
  stragglers: 'allowed_stragglers must not exceed group_size, nor group_backup_size when that is set',
  'round-timeout': 'round_timeout must be above 0',
  'min-live-rounds-percent': 'min_live_rounds_percent must be at most 100'
}

const TXN_SCHEDULER_PROBLEMS: { readonly [P in TxnSchedulerProblem]: string } = {
  'batch-flush-timeout': 'batch_flush_timeout must be at least 50 ms (50000000 ns)',
  'max-batch-size': 'max_batch_size must be at least 1',
  'max-batch-size-bytes': 'max_batch_size_bytes must be at least 1024',
  'propose-batch-timeout': 'propose_batch_timeout must be at least 1 s (1000000000 ns)',
  'batch-flush-after-propose': 'batch_flush_timeout must not exceed propose_batch_timeout'
}

const STORAGE_PROBLEMS: { readonly [P in StorageProblem]: string } = {
  'checkpoint-interval': 'a non-zero checkpoint_interval must be at least 10',
  'checkpoint-num-kept': 'checkpoint_num_kept must be at least 1 when checkpoints are on',
  'checkpoint-chunk-size': 'checkpoint_chunk_size must be at least 1048576 when checkpoints are on'
}

const ADMISSION_PROBLEMS: { readonly [P in AdmissionPolicyProblem]: string } = {
  'not-exactly-one': 'set either any_node, or entity_whitelist and/or per_role, not both and not neither',
  'per-role-not-single-role': 'a per_role key must be a single role',
  'max-nodes-not-single-role': 'an entity_whitelist max_nodes key must be a single role'
}

const stakingProblem = (d: RuleViolationData['InvalidStakingParameters']): string =>
  d.problem === 'threshold-kind'
    ? `threshold kind ${String(d.value)} is not allowed for a runtime of kind ${d.kind} ` +
      '(compute: 2 node-compute, 3 node-observer; key manager: 4 node-keymanager)'
    : `${d.problem === 'reward-equivocation' ? 'reward_equivocation' : 'reward_bad_results'} is ${String(d.value)}, at most 100`

const MESSAGES: RefusalMessages<RuleViolationData> = {
  MalformedDeployment: (d) => `${d.index === undefined ? d.field : entryPath(d.index, d.field)} is malformed: ${d.reason}`,
  MalformedArgument: (d) => `argument ${d.argument} is malformed: ${d.reason}`,
  MalformedDescriptor: (d) =>
    d.field === ''
      ? `the ${d.descriptor} descriptor is malformed: ${d.reason}`
      : `the ${d.descriptor} descriptor's ${d.field} is malformed: ${d.reason}`,
  RuntimeRegistrationDisabled: () => 'runtime registration is disabled (disable_runtime_registration)',
  InvalidDescriptorVersion: (d) =>
    d.strict ? `descriptor version ${d.v} is not supported: it must be 3` : `descriptor version ${d.v} is outside 3..3`,
  InvalidRuntimeKind: (d) => `invalid runtime kind ${d.kind}: expected 1 (compute) or 2 (key manager)`,
  ComputeIdHasKeyManagerFlag: () => 'a compute runtime id cannot carry the key manager flag (0x40 in its first byte)',
  SelfKeyManager: () => 'a compute runtime cannot be its own key manager',
  InvalidExecutorParameters: (d) => `invalid executor parameters: ${EXECUTOR_PROBLEMS[d.problem]}`,
  InvalidTxnSchedulerParameters: (d) => `invalid transaction scheduler parameters: ${TXN_SCHEDULER_PROBLEMS[d.problem]}`,
  InvalidStorageParameters: (d) => `invalid storage parameters: ${STORAGE_PROBLEMS[d.problem]}`,
  KeyManagerIdWithoutFlag: () => 'a key manager runtime id must carry the key manager flag (0x40 in its first byte)',
  KeyManagerWithKeyManager: () => 'a key manager runtime cannot itself have a key manager',
  KeyManagerWithoutSgx: (d) => `a key manager runtime needs Intel SGX (tee_hardware 1), unless it is a test runtime; it has ${d.tee_hardware}`,
  InvalidStakingParameters: (d) => `invalid staking parameters: ${stakingProblem(d)}`,
  InvalidAdmissionPolicy: (d) =>
    `invalid admission policy: ${ADMISSION_PROBLEMS[d.problem]}${d.role === undefined ? '' : ` (key ${d.role})`}`,
  InvalidGovernanceModel: (d) => `invalid governance model ${d.governance_model}: expected 1 (entity), 2 (runtime) or 3 (consensus)`,
  TestRuntimeNotAllowed: () => 'a test runtime (id flag 0x80) needs debug_allow_test_runtimes',
  GovernanceModelNotEnabled: (d) =>
    d.problem === 'none-enabled'
      ? 'no runtime governance model is enabled (enable_runtime_governance_models is empty)'
      : `governance model ${d.governance_model} is not enabled in enable_runtime_governance_models`,
  RuntimeGovernanceNotCompute: (d) => `runtime governance (2) needs a compute runtime, this runtime's kind is ${d.kind}`,
  KeyManagerRegistrationDisabled: () => 'key manager runtime registration is disabled (disable_km_runtime_registration)',
  UnknownKeyManager: (d) => `the key manager ${bytesToHex(d.key_manager)} is not a registered runtime`,
  NotAKeyManager: (d) => `the key manager ${bytesToHex(d.key_manager)} is a runtime of kind ${d.kind}, not a key manager (2)`,
  KeyManagerUserWithoutSgx: (d) => `a compute runtime using a key manager needs Intel SGX (tee_hardware 1), unless it is a test runtime; it has ${d.tee_hardware}`,
  ConsensusGovernanceNotAllowed: () => 'a consensus-governed runtime (governance model 3) can only be registered at genesis',
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
  InvalidVersionString: (d) => `invalid version string ${quoteShort(d.input)}: ${d.reason}`,
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
  CodeIdentityNotAdmitted: (d) =>
    d.field === 'none'
      ? `${dep(d.deployment)} has no code identity (bundle_checksum or SGX enclave) to admit`
      : `${dep(d.deployment)} has a code identity that is neither trusted nor endorsed (${d.field} ${d.identity})`
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
export const ruleViolation = refusalConstructor(RULE_VIOLATION_RULES, MESSAGES)
