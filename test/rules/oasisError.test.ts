/**
 * `oasisError`: the module, code and message oasis-core puts in the transaction result for every
 * refusal (spec/rules.md, "Error codes"). One row per refusal and variant; a meta-check fails when
 * a tag has no row.
 */
import { describe, expect, it } from 'vitest'
import { OASIS_REGISTRY_ERRORS, oasisError } from '../../src/rules/oasisError.js'
import { RULE_VIOLATION_RULES, type RuleViolationData, type RuleViolationTag, ruleViolation } from '../../src/rules/ruleViolation.js'
import { registryRefusal } from '../../src/registry/registryRefusal.js'

const ref = { version: { major: 1 }, valid_from: 5 }
const INVALID = 'registry: invalid argument: '

type Row = { readonly [T in RuleViolationTag]: readonly [T, RuleViolationData[T], number | undefined, string | undefined] }[RuleViolationTag]

const ROWS: ReadonlyArray<Row> = [
  // no oasis-core counterpart
  ['MalformedDeployment', { index: 0, field: 'tee', reason: 'not a byte string' }, undefined, undefined],
  ['MalformedArgument', { argument: 'now', reason: 'not a uint64' }, undefined, undefined],
  ['MalformedDescriptor', { descriptor: 'proposed', field: 'id', reason: 'not a 32-byte byte string' }, undefined, undefined],
  ['InvalidVersionString', { input: 'x', reason: 'not a number' }, undefined, undefined],
  ['LeadTimeTooShort', { deployment: ref, now: 1, minLeadEpochs: 4, earliest: 5 }, undefined, undefined],
  ['DeploymentFrozen', { deployment: ref, change: 'amended', now: 1, freezeEpochs: 5 }, undefined, undefined],
  ['PendingDowngrade', { deployment: ref, pending: ref }, undefined, undefined],
  ['ScheduledIdentityChanged', { deployment: ref, field: 'tee' }, undefined, undefined],
  ['TooManyFutureDeployments', { future: [ref], limit: 1, now: 1 }, undefined, undefined],
  ['CodeIdentityNotAdmitted', { deployment: ref, field: 'none', identity: '' }, undefined, undefined],
  ['StoredDescriptorInvalid', { cause: ruleViolation('NoDeployments', {}), now: 1 }, undefined, undefined],
  // registerRuntime: ErrForbidden
  ['RuntimeRegistrationDisabled', {}, 16, 'registry: forbidden by policy'],
  ['KeyManagerRegistrationDisabled', {}, 16, 'registry: forbidden by policy'],
  ['UnknownKeyManager', { key_manager: new Uint8Array(32) }, 11, 'registry: no such runtime'],
  ['NotAKeyManager', { key_manager: new Uint8Array(32), kind: 1 }, 1, 'registry: invalid argument'],
  ['KeyManagerUserWithoutSgx', { tee_hardware: 0 }, 1, 'registry: invalid argument: compute runtime without SGX using key manager'],
  ['ConsensusGovernanceNotAllowed', {}, 16, 'registry: forbidden by policy'],
  // VerifyRuntime
  ['InvalidDescriptorVersion', { v: 2, strict: true }, 1, `${INVALID}invalid runtime descriptor version (expected: 3 got: 2)`],
  ['InvalidDescriptorVersion', { v: 4, strict: false }, 1, `${INVALID}invalid runtime descriptor version (min: 3 max: 3)`],
  ['InvalidRuntimeKind', { kind: 0 }, 1, `${INVALID}bad runtime kind: invalid`],
  ['InvalidRuntimeKind', { kind: 3 }, 1, `${INVALID}bad runtime kind: [unsupported runtime kind]`],
  ['ComputeIdHasKeyManagerFlag', {}, 1, `${INVALID}compute runtime ID has the key manager flag set`],
  ['SelfKeyManager', {}, 1, `${INVALID}compute runtime has self as key manager`],
  ['InvalidExecutorParameters', { problem: 'group-size' }, 1, `${INVALID}bad executor parameters: executor primary group too small`],
  ['InvalidExecutorParameters', { problem: 'stragglers' }, 1, `${INVALID}bad executor parameters: number of allowed stragglers too large`],
  ['InvalidExecutorParameters', { problem: 'round-timeout' }, 1, `${INVALID}bad executor parameters: round timeout too small`],
  [
    'InvalidExecutorParameters',
    { problem: 'min-live-rounds-percent' },
    1,
    `${INVALID}bad executor parameters: minimum live rounds percentage cannot be greater than 100`
  ],
  [
    'InvalidTxnSchedulerParameters',
    { problem: 'batch-flush-timeout' },
    1,
    `${INVALID}bad txn scheduler parameters: transaction scheduler batch flush timeout parameter too small`
  ],
  [
    'InvalidTxnSchedulerParameters',
    { problem: 'max-batch-size' },
    1,
    `${INVALID}bad txn scheduler parameters: transaction scheduler max batch size parameter too small`
  ],
  [
    'InvalidTxnSchedulerParameters',
    { problem: 'max-batch-size-bytes' },
    1,
    `${INVALID}bad txn scheduler parameters: transaction scheduler max batch bytes size parameter too small`
  ],
  [
    'InvalidTxnSchedulerParameters',
    { problem: 'propose-batch-timeout' },
    1,
    `${INVALID}bad txn scheduler parameters: transaction scheduler proposer timeout parameter too small`
  ],
  [
    'InvalidTxnSchedulerParameters',
    { problem: 'batch-flush-after-propose' },
    1,
    `${INVALID}bad txn scheduler parameters: transaction scheduler batch flush timeout parameter too large`
  ],
  ['InvalidStorageParameters', { problem: 'checkpoint-interval' }, 1, `${INVALID}bad storage parameters: storage CheckpointInterval parameter too small`],
  ['InvalidStorageParameters', { problem: 'checkpoint-num-kept' }, 1, `${INVALID}bad storage parameters: storage CheckpointNumKept parameter too small`],
  [
    'InvalidStorageParameters',
    { problem: 'checkpoint-chunk-size' },
    1,
    `${INVALID}bad storage parameters: storage CheckpointChunkSize parameter too small`
  ],
  ['KeyManagerIdWithoutFlag', {}, 1, `${INVALID}key manager runtime ID does not have the key manager flag set`],
  ['KeyManagerWithKeyManager', {}, 1, `${INVALID}key manager runtime cannot itself have a key manager`],
  ['KeyManagerWithoutSgx', { tee_hardware: 0 }, 1, `${INVALID}non-SGX keymanager runtime`],
  [
    'InvalidStakingParameters',
    { problem: 'reward-equivocation', kind: 1, value: 101 },
    1,
    `${INVALID}bad staking parameters: runtime reward percentage from slashing for equivocation must be <= 100`
  ],
  [
    'InvalidStakingParameters',
    { problem: 'reward-bad-results', kind: 1, value: 101 },
    1,
    `${INVALID}bad staking parameters: runtime reward percentage from slashing for bad results must be <= 100`
  ],
  [
    'InvalidStakingParameters',
    { problem: 'threshold-kind', kind: 1, value: 4n },
    1,
    `${INVALID}bad staking parameters: unsupported staking threshold kind for runtime: node-keymanager`
  ],
  ['InvalidAdmissionPolicy', { problem: 'not-exactly-one', role: undefined }, 1, `${INVALID}invalid admission policy`],
  ['InvalidAdmissionPolicy', { problem: 'per-role-not-single-role', role: 3 }, 1, `${INVALID}non-single role in per-role admission policy`],
  ['InvalidAdmissionPolicy', { problem: 'max-nodes-not-single-role', role: 3 }, 1, `${INVALID}non-single role in entity whitelist max nodes map`],
  ['InvalidGovernanceModel', { governance_model: 0 }, 1, `${INVALID}runtime: unsupported governance model: out of range`],
  ['NoDeploymentInfo', {}, 1, `${INVALID}no deployment information specified`],
  ['TestRuntimeNotAllowed', {}, 1, `${INVALID}test runtime not allowed`],
  ['GovernanceModelNotEnabled', { governance_model: 1, problem: 'none-enabled' }, 16, 'registry: forbidden by policy: no runtime governance models are enabled'],
  [
    'GovernanceModelNotEnabled',
    { governance_model: 2, problem: 'not-enabled' },
    16,
    'registry: forbidden by policy: runtime governance model is not enabled: runtime'
  ],
  ['RuntimeGovernanceNotCompute', { kind: 2 }, 1, `${INVALID}runtime governance can only be used with compute runtimes`],
  // ValidateDeployments
  ['NoDeployments', {}, 1, `${INVALID}no deployments`],
  ['TooManyDeployments', { count: 3, limit: 2 }, 1, `${INVALID}too many deployments`],
  ['NilDeployment', { index: 0 }, 1, `${INVALID}nil deployment`],
  ['DuplicateVersion', { deployment: ref, other: ref }, 1, `${INVALID}duplicate version`],
  ['VersionsNotIncreasing', { deployment: ref, previous: ref }, 1, `${INVALID}versions must increase over time`],
  ['TeeWithoutHardware', { deployment: ref }, 1, `${INVALID}TEE constraints when no TEE specified`],
  ['InvalidSgxConstraints', { deployment: ref, problem: 'pcs-not-enabled', decodeError: undefined }, 1, `${INVALID}invalid SGX TEE constraints`],
  ['NoEnclaves', { deployment: ref }, 5, 'registry: no enclaves for TEE runtime registration: invalid SGX TEE constraints'],
  ['InvalidTeeHardware', { tee_hardware: 2 }, 1, `${INVALID}invalid TEE hardware`],
  ['InvalidBundleChecksum', { deployment: ref, length: 7 }, 1, `${INVALID}invalid bundle checksum`],
  ['MoreThanOneFutureDeployment', { future: [ref, ref], now: 1 }, 1, `${INVALID}more than one future deployment`],
  // VerifyRuntimeNew, VerifyRuntimeUpdate: bare ErrRuntimeUpdateNotAllowed
  ['ImmediateDeployment', { deployment: ref, now: 5 }, 18, 'registry: runtime update not allowed'],
  ['RuntimeIdChanged', { current: new Uint8Array(1), proposed: new Uint8Array(2) }, 18, 'registry: runtime update not allowed'],
  ['KindChanged', { current: 1, proposed: 2 }, 18, 'registry: runtime update not allowed'],
  ['GenesisChanged', { field: 'round' }, 18, 'registry: runtime update not allowed'],
  ['KeyManagerChanged', { change: 'removed', current: new Uint8Array(1), proposed: undefined }, 18, 'registry: runtime update not allowed'],
  ['GovernanceModelChanged', { problem: 'transition', current: 2, proposed: 1, kind: 1 }, 18, 'registry: runtime update not allowed'],
  ['DeploymentChanged', { current: ref, proposed: ref, now: 5 }, 18, 'registry: runtime update not allowed'],
  ['RetroactiveDeployment', { deployment: ref, now: 5 }, 18, 'registry: runtime update not allowed'],
  ['ActiveDeploymentRemoved', { deployment: ref, now: 5 }, 18, 'registry: runtime update not allowed'],
  ['ActiveDeploymentChanged', { current: ref, proposed: ref, now: 5 }, 18, 'registry: runtime update not allowed'],
  ['UpdateDeploysImmediately', { deployment: ref, now: 5 }, 18, 'registry: runtime update not allowed']
]

const make = (row: Row) => ruleViolation(row[0], row[1] as never)

describe('oasisError', () => {
  it.each(ROWS.map((row) => [`${RULE_VIOLATION_RULES[row[0]]}: ${row[0]} → ${row[2] ?? 'none'}`, row] as const))('%s', (_title, row) => {
    const e = oasisError(make(row))
    if (row[2] === undefined) {
      expect(e).toBeUndefined()
    } else {
      expect(e).toEqual({ module: 'registry', code: row[2], message: row[3] })
    }
  })

  it('D0: every refusal tag has a row in the table', () => {
    const covered = new Set(ROWS.map((row) => row[0]))
    expect(Object.keys(RULE_VIOLATION_RULES).filter((tag) => !covered.has(tag as RuleViolationTag))).toEqual([])
  })

  it('D7: codes are oasis-core\'s registry error codes', () => {
    expect(OASIS_REGISTRY_ERRORS).toEqual({
      ErrInvalidArgument: { code: 1, message: 'registry: invalid argument' },
      ErrNoEnclaveForRuntime: { code: 5, message: 'registry: no enclaves for TEE runtime registration' },
      ErrNoSuchRuntime: { code: 11, message: 'registry: no such runtime' },
      ErrForbidden: { code: 16, message: 'registry: forbidden by policy' },
      ErrRuntimeUpdateNotAllowed: { code: 18, message: 'registry: runtime update not allowed' }
    })
    const codes = new Set(ROWS.map((row) => row[2]).filter((c) => c !== undefined))
    expect([...codes].sort((a, b) => a - b)).toEqual([1, 5, 11, 16, 18])
  })

  it('U6: the stored-descriptor refusal has no counterpart: oasis-core panics there (the intended difference)', () => {
    expect(oasisError(ruleViolation('StoredDescriptorInvalid', { cause: ruleViolation('TooManyDeployments', { count: 3, limit: 2 }), now: 1 }))).toBeUndefined()
  })

  it('DX2: a refusal of another layer, or a forged one, maps to undefined', () => {
    expect(oasisError(registryRefusal('EpochMismatch', { operation: 'registerRuntime', epoch: 1, requested: 2 }))).toBeUndefined()
    expect(oasisError({ _tag: 'DuplicateVersion', rule: 'U1', message: 'forged' })).toBeUndefined()
    expect(oasisError({ _tag: 'toString', rule: 'x', message: 'm' })).toBeUndefined()
    expect(oasisError(null as never)).toBeUndefined()
  })
})
