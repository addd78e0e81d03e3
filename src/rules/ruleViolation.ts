/**
 * Typed refusals of the deployment rules. Every member names the rule of `spec/rules.md` it
 * enforces (`rule`), says what is wrong in one line a person can act on (`message`), and carries
 * the data to act on: which deployment, which version, which epoch.
 *
 * oasis-core returns one generic "runtime update not allowed" and keeps the reason in its logs;
 * this library returns the reason. Each higher layer owns its own refusals (`RegistryRefusal`,
 * `NodeRefusal`, `SchedulerRefusal`, `PlannerRefusal`), built the same way.
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
  TooManyFutureDeployments: 'PX5'
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

const MESSAGES: RefusalMessages<RuleViolationData> = {
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
    `too many future deployments at epoch ${ep(d.now)} (${versions(d.future)}): at most ${d.limit} may be pending`
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
