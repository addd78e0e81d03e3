/**
 * oasis-core's `VerifyRuntime` on a whole descriptor, as far as it needs no other registry state:
 * `Runtime.ValidateBasic` (VR1–VR10, D0), the test-runtime flag (VR11), the governance model
 * enabled in the parameters (VR12), the TEE hardware (D7), the deployments (D1–D9) and runtime
 * governance for compute runtimes only (VR13); plus the well-formedness check a TypeScript caller
 * needs (DX3) that Go's types make unnecessary.
 *
 * Check order of {@link verifyRuntimeAt} (the first failure is reported; `spec/rules.md`):
 * 1. VR1 descriptor version;
 * 2. by kind: compute (1) VR3 (id flag, own key manager), VR4 executor, VR5 transaction
 *    scheduler, VR6 storage; key manager (2) VR7; any other kind VR2;
 * 3. VR8 staking, VR9 admission policy, VR10 governance model in range, D0 deployments present;
 * 4. VR11 test runtime, VR12 governance model enabled (ErrForbidden);
 * 5. D7 TEE hardware, D1–D9 deployments;
 * 6. VR13 runtime governance needs a compute runtime.
 *
 * Not checked here, because they need other registry state or node configuration: a compute
 * runtime's key manager must be a registered key manager runtime (and the runtime SGX unless a
 * test runtime); entity ids in an admission policy must not be on the node's public-key blacklist.
 *
 * @since 0.1.0
 */
import { isBytes32 } from '../internal/bytes.js'
import { isU64, type CheckedU64 } from '../internal/uint64.js'
import type { ConsensusParameters } from '../schema/params.js'
import type { Runtime, RuntimeAdmissionPolicy } from '../schema/runtime.js'
import { bytesEqual } from './deployment.js'
import type { Policy } from './policy.js'
import { type RuleViolation, ruleViolation } from './ruleViolation.js'
import { GOVERNANCE_CONSENSUS, GOVERNANCE_ENTITY, GOVERNANCE_RUNTIME, KIND_COMPUTE, KIND_KEY_MANAGER, TEE_SGX } from './runtimeKind.js'
import { validateAt } from './validation.js'

// The only runtime descriptor version oasis-core accepts (min = max = latest = 3).
const RUNTIME_DESCRIPTOR_VERSION = 3

const FLAG_TEST = 0x80
const FLAG_KEY_MANAGER = 0x40
// Single roles of a RolesMask: compute 1, observer 2, key manager 4, validator 8, storage RPC 32
// (16 is reserved, as is every bit from 64 up).
const SINGLE_ROLES: ReadonlySet<number> = new Set([1, 2, 4, 8, 32])
const MS = 1_000_000
const SECOND = 1_000_000_000

/**
 * The namespace's test flag (bit 63: 0x80 in the first byte) is set.
 *
 * @example
 * isTestRuntime(Uint8Array.of(0x80, ...new Uint8Array(31))) // true
 *
 * @category verification
 * @since 0.1.0
 */
export const isTestRuntime = (id: Uint8Array): boolean => ((id[0] ?? 0) & FLAG_TEST) !== 0

/**
 * The namespace's key-manager flag (bit 62: 0x40 in the first byte) is set.
 *
 * @example
 * isKeyManagerId(Uint8Array.of(0x40, ...new Uint8Array(31))) // true
 *
 * @category verification
 * @since 0.1.0
 */
export const isKeyManagerId = (id: Uint8Array): boolean => ((id[0] ?? 0) & FLAG_KEY_MANAGER) !== 0

// -------------------------------------------------------------------------------------------------
// DX3: the fields the rules read have their wire types
// -------------------------------------------------------------------------------------------------

type Field = readonly [string, string] | undefined

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null
const absent = (x: unknown): boolean => x === undefined || x === null
const isUint = (bits: 8 | 16 | 32) => (x: unknown): boolean =>
  typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 2 ** bits
const isI64 = (x: unknown): boolean =>
  typeof x === 'bigint' ? x >= -(1n << 63n) && x < 1n << 63n : typeof x === 'number' && Number.isSafeInteger(x)
const isMap = (x: unknown): x is ReadonlyMap<unknown, unknown> => x instanceof Map

const REASONS = { u8: 'not a uint8', u16: 'not a uint16', u32: 'not a uint32', u64: 'not a uint64', i64: 'not an int64' }
const CHECKS = { u8: isUint(8), u16: isUint(16), u32: isUint(32), u64: isU64, i64: isI64 }
type Scalar = keyof typeof CHECKS

// A field that Go writes always may be absent here: Go decodes a missing key as its zero value.
const scalarFields = (
  prefix: string,
  value: unknown,
  fields: ReadonlyArray<readonly [string, Scalar]>
): Field => {
  if (absent(value)) return undefined
  if (!isObject(value)) return [prefix, 'not an object']
  for (const [name, type] of fields) {
    const v = value[name]
    if (v !== undefined && !CHECKS[type](v)) return [`${prefix}.${name}`, REASONS[type]]
  }
  return undefined
}

const roleKeys = (field: string, m: unknown): Field => {
  if (absent(m)) return undefined
  if (!isMap(m)) return [field, 'not a Map']
  for (const k of m.keys()) if (typeof k !== 'number') return [field, 'a key is not a number']
  return undefined
}

const admissionField = (policy: unknown): Field => {
  if (absent(policy)) return undefined
  if (!isObject(policy)) return ['admission_policy', 'not an object']
  if (!absent(policy['any_node']) && !isObject(policy['any_node'])) return ['admission_policy.any_node', 'not an object']
  const ewl = policy['entity_whitelist']
  if (!absent(ewl)) {
    if (!isObject(ewl)) return ['admission_policy.entity_whitelist', 'not an object']
    const entities = ewl['entities']
    if (!absent(entities)) {
      if (!isMap(entities)) return ['admission_policy.entity_whitelist.entities', 'not a Map']
      for (const config of entities.values()) {
        if (absent(config)) continue
        if (!isObject(config)) return ['admission_policy.entity_whitelist.entities', 'a value is not an object']
        const bad = roleKeys('admission_policy.entity_whitelist.entities[].max_nodes', config['max_nodes'])
        if (bad !== undefined) return bad
      }
    }
  }
  return roleKeys('admission_policy.per_role', policy['per_role'])
}

const stakingField = (staking: unknown): Field => {
  const bad = scalarFields('staking', staking, [
    ['reward_equivocation', 'u8'],
    ['reward_bad_results', 'u8']
  ])
  if (bad !== undefined || absent(staking)) return bad
  const thresholds = (staking as Record<string, unknown>)['thresholds']
  if (absent(thresholds)) return undefined
  if (!isMap(thresholds)) return ['staking.thresholds', 'not a Map']
  for (const k of thresholds.keys()) {
    if (!(typeof k === 'bigint' || (typeof k === 'number' && Number.isSafeInteger(k)))) {
      return ['staking.thresholds', 'a key is not an integer']
    }
  }
  return undefined
}

const descriptorField = (rt: Runtime): Field => {
  if (!isObject(rt)) return ['', 'not an object']
  const r = rt as unknown as Record<string, unknown>
  for (const [name, type] of [
    ['v', 'u16'],
    ['kind', 'u32'],
    ['tee_hardware', 'u8'],
    ['governance_model', 'u8']
  ] as const) {
    if (!CHECKS[type](r[name])) return [name, REASONS[type]]
  }
  if (!isBytes32(r['id'])) return ['id', 'not a 32-byte byte string']
  if (!absent(r['key_manager']) && !isBytes32(r['key_manager'])) return ['key_manager', 'not a 32-byte byte string']
  const genesis = r['genesis']
  if (!isObject(genesis)) return ['genesis', 'not an object']
  if (!(genesis['state_root'] instanceof Uint8Array)) return ['genesis.state_root', 'not a byte string']
  if (!isU64(genesis['round'])) return ['genesis.round', REASONS.u64]
  return (
    scalarFields('executor', r['executor'], [
      ['group_size', 'u16'],
      ['group_backup_size', 'u16'],
      ['allowed_stragglers', 'u16'],
      ['round_timeout', 'i64'],
      ['min_live_rounds_percent', 'u8']
    ]) ??
    scalarFields('txn_scheduler', r['txn_scheduler'], [
      ['batch_flush_timeout', 'i64'],
      ['max_batch_size', 'u64'],
      ['max_batch_size_bytes', 'u64'],
      ['propose_batch_timeout', 'i64']
    ]) ??
    scalarFields('storage', r['storage'], [
      ['checkpoint_interval', 'u64'],
      ['checkpoint_num_kept', 'u64'],
      ['checkpoint_chunk_size', 'u64']
    ]) ??
    admissionField(r['admission_policy']) ??
    stakingField(r['staking'])
  )
}

/**
 * DX3: the first field of a descriptor that the rules read and that is not of its wire type
 * (`v`, `kind`, `tee_hardware`, `governance_model`, `id`, `key_manager`, `genesis`, the executor,
 * transaction scheduler and storage parameters, the admission policy's maps, the staking
 * percentages and threshold keys), or `undefined`. A field Go always writes may be absent: Go
 * reads a missing key as its zero value. Deployments are checked by DX1.
 *
 * @example
 * malformedDescriptor({ ...rt, id: new Uint8Array(3) }, 'proposed') // MalformedDescriptor for 'id'
 *
 * @category verification
 * @since 0.1.0
 */
export const malformedDescriptor = (rt: Runtime, descriptor: 'proposed' | 'current'): RuleViolation | undefined => {
  const bad = descriptorField(rt)
  // DX3
  return bad === undefined ? undefined : ruleViolation('MalformedDescriptor', { descriptor, field: bad[0], reason: bad[1] })
}

// -------------------------------------------------------------------------------------------------
// Runtime.ValidateBasic (VR1–VR10, D0)
// -------------------------------------------------------------------------------------------------

// After DX3 every field read below has its wire type; absent ones read as Go's zero value.
type Num = number | bigint
const n = (x: Num | undefined | null): Num => x ?? 0

// VR4: ExecutorParameters.ValidateBasic, in oasis-core's order.
const executorViolation = (rt: Runtime): RuleViolation | undefined => {
  const e = rt.executor
  const groupSize = n(e?.group_size)
  const backup = n(e?.group_backup_size)
  const stragglers = n(e?.allowed_stragglers)
  const problem =
    groupSize <= 0
      ? 'group-size'
      : stragglers > groupSize || (backup > 0 && stragglers > backup)
        ? 'stragglers'
        : n(e?.round_timeout) <= 0
          ? 'round-timeout'
          : n(e?.min_live_rounds_percent) > 100
            ? 'min-live-rounds-percent'
            : undefined
  return problem === undefined ? undefined : ruleViolation('InvalidExecutorParameters', { problem })
}

// VR5: TxnSchedulerParameters.ValidateBasic. The reference gives the conditions but not their
// order; they are checked in field order, the cross-field condition last (one code either way).
const txnSchedulerViolation = (rt: Runtime): RuleViolation | undefined => {
  const t = rt.txn_scheduler
  const flush = n(t?.batch_flush_timeout)
  const propose = n(t?.propose_batch_timeout)
  const problem =
    flush < 50 * MS
      ? 'batch-flush-timeout'
      : n(t?.max_batch_size) < 1
        ? 'max-batch-size'
        : n(t?.max_batch_size_bytes) < 1024
          ? 'max-batch-size-bytes'
          : propose < SECOND
            ? 'propose-batch-timeout'
            : flush > propose
              ? 'batch-flush-after-propose'
              : undefined
  return problem === undefined ? undefined : ruleViolation('InvalidTxnSchedulerParameters', { problem })
}

// VR6: StorageParameters.ValidateBasic (the node-local debug flag that skips it is not modelled).
const storageViolation = (rt: Runtime): RuleViolation | undefined => {
  const s = rt.storage
  // uint64 values (number or bigint): `<= 0` is `== 0`.
  if (n(s?.checkpoint_interval) <= 0) return undefined
  const problem =
    n(s?.checkpoint_interval) < 10
      ? 'checkpoint-interval'
      : n(s?.checkpoint_num_kept) <= 0
        ? 'checkpoint-num-kept'
        : n(s?.checkpoint_chunk_size) < 1024 * 1024
          ? 'checkpoint-chunk-size'
          : undefined
  return problem === undefined ? undefined : ruleViolation('InvalidStorageParameters', { problem })
}

// VR8: RuntimeStakingParameters.ValidateBasic. Threshold kinds allowed: compute 2 (node-compute)
// and 3 (node-observer), key manager 4 (node-keymanager). Go walks the map in random order; the
// lowest offending kind is reported here (one code either way).
const stakingViolation = (rt: Runtime): RuleViolation | undefined => {
  const s = rt.staking
  const kind = rt.kind
  if (n(s?.reward_equivocation) > 100) {
    return ruleViolation('InvalidStakingParameters', { problem: 'reward-equivocation', kind, value: n(s?.reward_equivocation) })
  }
  if (n(s?.reward_bad_results) > 100) {
    return ruleViolation('InvalidStakingParameters', { problem: 'reward-bad-results', kind, value: n(s?.reward_bad_results) })
  }
  const allowed = kind === KIND_COMPUTE ? [2, 3] : [4]
  const bad = [...(s?.thresholds?.keys() ?? [])]
    .filter((k) => !allowed.some((a) => (typeof k === 'bigint' ? k === BigInt(a) : k === a)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return bad.length === 0 ? undefined : ruleViolation('InvalidStakingParameters', { problem: 'threshold-kind', kind, value: bad[0]! })
}

const firstNonSingleRole = (m: ReadonlyMap<number, unknown> | null | undefined): number | undefined => {
  for (const k of m?.keys() ?? []) if (!SINGLE_ROLES.has(k)) return k
  return undefined
}

// VR9: RuntimeAdmissionPolicy.ValidateBasic: exactly one of any_node, (entity_whitelist or
// per_role) is set; max_nodes and per_role keys are single roles. The entity-id check (the
// node's public-key blacklist) needs node configuration and is not applied.
const admissionViolation = (rt: Runtime): RuleViolation | undefined => {
  const p: RuntimeAdmissionPolicy = rt.admission_policy ?? {}
  const anyNode = !absent(p.any_node)
  const restricted = !absent(p.entity_whitelist) || !absent(p.per_role)
  if (anyNode === restricted) return ruleViolation('InvalidAdmissionPolicy', { problem: 'not-exactly-one', role: undefined })
  for (const config of p.entity_whitelist?.entities?.values() ?? []) {
    const role = firstNonSingleRole(config?.max_nodes)
    if (role !== undefined) return ruleViolation('InvalidAdmissionPolicy', { problem: 'max-nodes-not-single-role', role })
  }
  const role = firstNonSingleRole(p.per_role)
  return role === undefined ? undefined : ruleViolation('InvalidAdmissionPolicy', { problem: 'per-role-not-single-role', role })
}

const kindViolation = (rt: Runtime): RuleViolation | undefined => {
  switch (rt.kind) {
    case KIND_COMPUTE:
      // VR3
      if (isKeyManagerId(rt.id)) return ruleViolation('ComputeIdHasKeyManagerFlag', {})
      if (!absent(rt.key_manager) && bytesEqual(rt.id, rt.key_manager)) return ruleViolation('SelfKeyManager', {})
      return executorViolation(rt) ?? txnSchedulerViolation(rt) ?? storageViolation(rt)
    case KIND_KEY_MANAGER:
      // VR7
      if (!isKeyManagerId(rt.id)) return ruleViolation('KeyManagerIdWithoutFlag', {})
      if (!absent(rt.key_manager)) return ruleViolation('KeyManagerWithKeyManager', {})
      if (!isTestRuntime(rt.id) && rt.tee_hardware !== TEE_SGX) {
        return ruleViolation('KeyManagerWithoutSgx', { tee_hardware: rt.tee_hardware })
      }
      return undefined
    default:
      // VR2
      return ruleViolation('InvalidRuntimeKind', { kind: rt.kind })
  }
}

/**
 * oasis-core's `Runtime.ValidateBasic(strict)` on a descriptor DX3 accepted: VR1, VR2/VR3–VR7 by
 * kind, VR8, VR9, VR10, D0, in that order. `strict` (every transaction) requires `v` = 3; at
 * genesis `v` must lie in 3..3, which accepts the same values with another message.
 *
 * @example
 * validateBasic({ ...rt, v: 2 }, true) // InvalidDescriptorVersion (VR1)
 *
 * @category verification
 * @since 0.1.0
 */
export const validateBasic = (rt: Runtime, strict: boolean): RuleViolation | undefined => {
  // VR1
  if (rt.v !== RUNTIME_DESCRIPTOR_VERSION) return ruleViolation('InvalidDescriptorVersion', { v: rt.v, strict })
  const invalid = kindViolation(rt) ?? stakingViolation(rt) ?? admissionViolation(rt)
  if (invalid !== undefined) return invalid
  // VR10
  if (rt.governance_model < GOVERNANCE_ENTITY || rt.governance_model > GOVERNANCE_CONSENSUS) {
    return ruleViolation('InvalidGovernanceModel', { governance_model: rt.governance_model })
  }
  const ds: unknown = rt.deployments
  // D0
  if (ds === undefined || ds === null || (Array.isArray(ds) && ds.length === 0)) return ruleViolation('NoDeploymentInfo', {})
  return undefined
}

// -------------------------------------------------------------------------------------------------
// VerifyRuntime
// -------------------------------------------------------------------------------------------------

/**
 * Options of {@link verifyRuntimeAt}.
 *
 * @category verification
 * @since 0.1.0
 */
export interface VerifyRuntimeOptions {
  /** The descriptor is part of the genesis state (VR1's range form). */
  readonly isGenesis?: boolean
  /** D7: consensus feature version 26.1 is active (`fmspc_whitelist` allowed). */
  readonly isFeatureVersion261?: boolean
  /** PX5: the stricter policy, for its `maxFutureDeployments`. */
  readonly policy?: Policy
  /**
   * D7: decode each deployment's `tee` in strict mode (spec/codec.md CX1–CX9) instead of
   * oasis-core's lenient reading; off by default, as oasis-core.
   */
  readonly strict?: boolean
}

/**
 * oasis-core's `VerifyRuntime` on a descriptor DX3 accepted, with `now` and `params` checked
 * (DX2): `validateBasic` (VR1–VR10, D0), VR11, VR12, D7 (TEE hardware 0 or 1), D1–D9, VR13.
 * Every refusal is `ErrInvalidArgument` in oasis-core except VR12 (`ErrForbidden`) and D7's
 * `NoEnclaves` (`ErrNoEnclaveForRuntime`); see `oasisError`.
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * verifyRuntimeAt(rt, checkU64(10)!, { enable_runtime_governance_models: new Map([[1, true]]) }, {}) // undefined
 *
 * @category verification
 * @since 0.1.0
 */
export const verifyRuntimeAt = (
  rt: Runtime,
  now: CheckedU64,
  params: ConsensusParameters,
  options: VerifyRuntimeOptions
): RuleViolation | undefined => {
  const basic = validateBasic(rt, options.isGenesis !== true)
  if (basic !== undefined) return basic
  // VR11
  if (isTestRuntime(rt.id) && params.debug_allow_test_runtimes !== true) return ruleViolation('TestRuntimeNotAllowed', {})
  // VR12: an absent or empty map enables no model.
  const models = params.enable_runtime_governance_models
  const governance_model = rt.governance_model
  if (models === undefined || models === null || models.size === 0) {
    return ruleViolation('GovernanceModelNotEnabled', { governance_model, problem: 'none-enabled' })
  }
  if (models.get(governance_model) !== true) {
    return ruleViolation('GovernanceModelNotEnabled', { governance_model, problem: 'not-enabled' })
  }
  // D7: TEE hardware ≥ 2 is reserved.
  if (rt.tee_hardware !== 0 && rt.tee_hardware !== TEE_SGX) {
    return ruleViolation('InvalidTeeHardware', { tee_hardware: rt.tee_hardware })
  }
  const deployments = validateAt(rt, now, params, { isFeatureVersion261: options.isFeatureVersion261, policy: options.policy, strict: options.strict })
  if (deployments !== undefined) return deployments
  // VR13
  if (governance_model === GOVERNANCE_RUNTIME && rt.kind !== KIND_COMPUTE) {
    return ruleViolation('RuntimeGovernanceNotCompute', { kind: rt.kind })
  }
  return undefined
}
