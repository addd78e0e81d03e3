import { describe, expect, it } from 'vitest'
import { decodeSgxConstraints } from '../../src/schema/descriptors.js'
import { RULE_VIOLATION_RULES, type RuleViolationData, type RuleViolationTag, ruleViolation } from '../../src/rules/ruleViolation.js'
import { left } from '../support/helpers.js'
import { refusalTableTests } from '../support/refusals.js'

const ref = { version: { major: 1, minor: 4 }, valid_from: 1200 }
const later = { version: { major: 1, minor: 5 }, valid_from: 1300n }
const cause = ruleViolation('TooManyDeployments', { count: 6, limit: 5 })

// One sample of every member, so every message template is exercised.
const SAMPLES: { readonly [T in RuleViolationTag]: RuleViolationData[T] } = {
  MalformedDeployment: { index: 2, field: 'valid_from', reason: 'not a uint64' },
  MalformedArgument: { argument: 'now', reason: 'not a uint64' },
  MalformedDescriptor: { descriptor: 'proposed', field: 'executor.group_size', reason: 'not a uint16' },
  RuntimeRegistrationDisabled: {},
  InvalidDescriptorVersion: { v: 2, strict: true },
  InvalidRuntimeKind: { kind: 0 },
  ComputeIdHasKeyManagerFlag: {},
  SelfKeyManager: {},
  InvalidExecutorParameters: { problem: 'stragglers' },
  InvalidTxnSchedulerParameters: { problem: 'batch-flush-after-propose' },
  InvalidStorageParameters: { problem: 'checkpoint-chunk-size' },
  KeyManagerIdWithoutFlag: {},
  KeyManagerWithKeyManager: {},
  KeyManagerWithoutSgx: { tee_hardware: 0 },
  InvalidStakingParameters: { problem: 'threshold-kind', kind: 1, value: 4n },
  InvalidAdmissionPolicy: { problem: 'per-role-not-single-role', role: 3 },
  InvalidGovernanceModel: { governance_model: 0 },
  TestRuntimeNotAllowed: {},
  GovernanceModelNotEnabled: { governance_model: 2, problem: 'not-enabled' },
  RuntimeGovernanceNotCompute: { kind: 2 },
  KeyManagerRegistrationDisabled: {},
  UnknownKeyManager: { key_manager: new Uint8Array(32).fill(0x40) },
  NotAKeyManager: { key_manager: new Uint8Array(32).fill(0x40), kind: 1 },
  KeyManagerUserWithoutSgx: { tee_hardware: 0 },
  ConsensusGovernanceNotAllowed: {},
  NoDeploymentInfo: {},
  NoDeployments: {},
  TooManyDeployments: { count: 6, limit: 5 },
  NilDeployment: { index: 1 },
  DuplicateVersion: { deployment: later, other: ref },
  VersionsNotIncreasing: { deployment: later, previous: ref },
  TeeWithoutHardware: { deployment: ref },
  InvalidSgxConstraints: { deployment: ref, problem: 'undecodable', decodeError: left(decodeSgxConstraints(new Uint8Array(0))) },
  NoEnclaves: { deployment: ref },
  InvalidTeeHardware: { tee_hardware: 2 },
  InvalidBundleChecksum: { deployment: ref, length: 7 },
  MoreThanOneFutureDeployment: { future: [ref, later], now: 10 },
  ImmediateDeployment: { deployment: ref, now: 1250 },
  RuntimeIdChanged: { current: new Uint8Array(2), proposed: Uint8Array.of(1, 2) },
  KindChanged: { current: 1, proposed: 2 },
  GenesisChanged: { field: 'round' },
  KeyManagerChanged: { change: 'replaced', current: Uint8Array.of(0xab), proposed: Uint8Array.of(0xcd) },
  GovernanceModelChanged: { problem: 'transition', current: 2, proposed: 1, kind: 1 },
  StoredDescriptorInvalid: { cause, now: 7 },
  DeploymentChanged: { current: ref, proposed: { ...ref, valid_from: 1201 }, now: 1250 },
  RetroactiveDeployment: { deployment: ref, now: 1250 },
  ActiveDeploymentRemoved: { deployment: ref, now: 1250 },
  ActiveDeploymentChanged: { current: ref, proposed: later, now: 1250 },
  UpdateDeploysImmediately: { deployment: ref, now: 1250 },
  InvalidVersionString: { input: 'a.b', reason: 'the major part "a" is not a decimal number' },
  LeadTimeTooShort: { deployment: later, now: 1250, minLeadEpochs: 100, earliest: 1350 },
  DeploymentFrozen: { deployment: later, change: 'amended', now: 1299, freezeEpochs: 3 },
  PendingDowngrade: { deployment: ref, pending: later },
  ScheduledIdentityChanged: { deployment: later, field: 'tee' },
  TooManyFutureDeployments: { future: [ref, later], limit: 1, now: 10 },
  CodeIdentityNotAdmitted: { deployment: later, field: 'bundle_checksum', identity: 'ab' }
}

describe('ruleViolation', () => {
  refusalTableTests('D0', RULE_VIOLATION_RULES, ruleViolation, SAMPLES)

  it('U8: the message names the deployment, when it became active, and now', () => {
    expect(ruleViolation('DeploymentChanged', SAMPLES.DeploymentChanged).message).toBe(
      'deployment 1.4.0 (valid_from 1200) cannot change: it became active at epoch 1200, now is 1250'
    )
  })

  it('U6: the message of a stored-descriptor failure embeds its cause', () => {
    expect(ruleViolation('StoredDescriptorInvalid', SAMPLES.StoredDescriptorInvalid).message).toContain(
      'D2: too many deployments: 6 given, at most 5 allowed'
    )
  })

  it('D5: bigint epochs are rendered without a suffix', () => {
    expect(ruleViolation('VersionsNotIncreasing', SAMPLES.VersionsNotIncreasing).message).toBe(
      'deployment 1.5.0 (valid_from 1300) must start after deployment 1.4.0 (valid_from 1200): a higher version needs a later valid_from'
    )
  })
})
