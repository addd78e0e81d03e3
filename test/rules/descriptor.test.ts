/**
 * The whole descriptor as oasis-core's `VerifyRuntime` checks it (VR1–VR13, D0), the registration
 * checks that need no other state (RR1–RR3) and the TypeScript well-formedness check (DX3): one
 * table per rule, through `verifyRuntimeNew` and `verifyRuntimeUpdate`, with the oasis-core code.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { oasisError } from '../../src/rules/oasisError.js'
import { verifyRuntimeNew, verifyRuntimeUpdate, type NewRuntimeOptions } from '../../src/rules/update.js'
import type { ConsensusParameters } from '../../src/schema/params.js'
import type { Runtime } from '../../src/schema/runtime.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import { anyEpoch, anyRuntime, dep, EXECUTOR, keyManager, kmId, PARAMS, PARAMS_5, runtime, SGX_V0, STORAGE, TXN_SCHEDULER } from '../support/rulesFixtures.js'

const NOW = 10
/** A new compute runtime whose one deployment starts after NOW: accepted under PARAMS. */
const base = deepFreeze(runtime([dep('1.0.0', 11)]))
/** A new key-manager runtime (SGX, one enclave), accepted under PARAMS. */
const km = deepFreeze(keyManager([dep('1.0.0', 11, { tee: SGX_V0 })]))

const register = (rt: Runtime, params: ConsensusParameters = PARAMS, options: NewRuntimeOptions = {}) =>
  verifyRuntimeNew(deepFreeze(rt), NOW, params, undefined, options)

type Expected = Readonly<Record<string, unknown>> | undefined
type Case = readonly [title: string, rt: Runtime, expected: Expected, code?: number]

/**
 * `rt` as an update of a stored copy of itself that runs 0.9.0 since epoch 5: the proposal keeps
 * 0.9.0 and adds `rt`'s deployments (unless it has none, for D0).
 */
const update = (rt: Runtime, params: ConsensusParameters) => {
  const active = dep('0.9.0', 5, rt.tee_hardware === 1 ? { tee: SGX_V0 } : {})
  const stored = deepFreeze({ ...rt, deployments: [active] })
  const ds = rt.deployments ?? []
  return verifyRuntimeUpdate(stored, deepFreeze(ds.length === 0 ? rt : { ...rt, deployments: [active, ...ds] }), NOW, params)
}

/** Each case through a registration and an update, with its oasis-core code. */
const table = (cases: ReadonlyArray<Case>, params: ConsensusParameters = PARAMS) =>
  it.each(cases.map(([t, rt, e, c]): [string, Runtime, Expected, number | undefined] => [t, rt, e, c]))('%s', (_title, rt, expected, code) => {
    for (const r of [register(rt, params), update(rt, params)]) {
      if (expected === undefined) {
        expect(r._tag).toBe('Right')
      } else {
        const v = left(r)
        expect(v).toMatchObject(expected)
        expect(oasisError(v)?.code).toBe(code)
      }
    }
  })

describe('VerifyRuntime', () => {
  describe('VR1 descriptor version', () => {
    table([
      ['VR1: version 3 is accepted', base, undefined],
      ['VR1: version 2 is refused', { ...base, v: 2 }, { _tag: 'InvalidDescriptorVersion', rule: 'VR1', v: 2, strict: true }, 1],
      ['VR1: version 4 is refused', { ...base, v: 4 }, { rule: 'VR1', v: 4 }, 1],
      ['VR1: an absent v (0) is refused', { ...base, v: 0 }, { rule: 'VR1', v: 0 }, 1]
    ])

    it('VR1: at genesis the range check refuses the same versions, with the range message', () => {
      const e = left(register({ ...base, v: 2 }, PARAMS, { isGenesis: true }))
      expect(e).toMatchObject({ rule: 'VR1', strict: false })
      expect(oasisError(e)?.message).toBe('registry: invalid argument: invalid runtime descriptor version (min: 3 max: 3)')
      expect(oasisError(left(register({ ...base, v: 2 })))?.message).toBe(
        'registry: invalid argument: invalid runtime descriptor version (expected: 3 got: 2)'
      )
      expect(register(base, PARAMS, { isGenesis: true })._tag).toBe('Right')
    })
  })

  describe('VR2 kind', () => {
    table([
      ['VR2: kind 0 is refused', { ...base, kind: 0 }, { _tag: 'InvalidRuntimeKind', rule: 'VR2', kind: 0 }, 1],
      ['VR2: kind 3 is refused', { ...base, kind: 3 }, { _tag: 'InvalidRuntimeKind', kind: 3 }, 1]
    ])

    it('VR2: the message names the kind as oasis-core does', () => {
      expect(oasisError(left(register({ ...base, kind: 0 })))?.message).toBe('registry: invalid argument: bad runtime kind: invalid')
      expect(oasisError(left(register({ ...base, kind: 7 })))?.message).toBe(
        'registry: invalid argument: bad runtime kind: [unsupported runtime kind]'
      )
    })
  })

  describe('VR3 compute runtime identity', () => {
    table([
      ['VR3: a compute runtime id with the key-manager flag is refused', { ...base, id: kmId() }, { _tag: 'ComputeIdHasKeyManagerFlag', rule: 'VR3' }, 1],
      ['VR3: a compute runtime cannot be its own key manager', { ...base, key_manager: base.id.slice() }, { _tag: 'SelfKeyManager', rule: 'VR3' }, 1],
      ['VR3: another key manager is accepted (its kind needs registry state)', { ...base, key_manager: kmId() }, undefined]
    ])
  })

  describe('VR4 executor parameters', () => {
    const ex = (e: Partial<typeof EXECUTOR>): Runtime => ({ ...base, executor: { ...EXECUTOR, ...e } })
    table([
      ['VR4: group_size 0 is refused', ex({ group_size: 0 }), { _tag: 'InvalidExecutorParameters', rule: 'VR4', problem: 'group-size' }, 1],
      ['VR4: an absent executor reads as zeros (group_size 0)', { ...base, executor: undefined }, { problem: 'group-size' }, 1],
      ['VR4: more stragglers than the group is refused', ex({ group_size: 2, allowed_stragglers: 3, group_backup_size: 0 }), { problem: 'stragglers' }, 1],
      ['VR4: more stragglers than a non-zero backup group is refused', ex({ group_size: 3, group_backup_size: 1, allowed_stragglers: 2 }), { problem: 'stragglers' }, 1],
      ['VR4: stragglers up to the group, without backup group, are accepted', ex({ group_size: 3, group_backup_size: 0, allowed_stragglers: 3 }), undefined],
      ['VR4: round_timeout 0 is refused', ex({ round_timeout: 0 }), { problem: 'round-timeout' }, 1],
      ['VR4: a negative round_timeout is refused', ex({ round_timeout: -5n }), { problem: 'round-timeout' }, 1],
      ['VR4: min_live_rounds_percent 101 is refused', ex({ min_live_rounds_percent: 101 }), { problem: 'min-live-rounds-percent' }, 1],
      ['VR4: min_live_rounds_percent 100 is accepted', ex({ min_live_rounds_percent: 100 }), undefined],
      ['VR4: group size is checked before stragglers and timeout', ex({ group_size: 0, allowed_stragglers: 9, round_timeout: 0 }), { problem: 'group-size' }, 1]
    ])

    it('VR4: the message is oasis-core\'s', () => {
      expect(oasisError(left(register(ex({ round_timeout: 0 }))))?.message).toBe(
        'registry: invalid argument: bad executor parameters: round timeout too small'
      )
    })
  })

  describe('VR5 transaction scheduler parameters', () => {
    const ts = (t: Partial<typeof TXN_SCHEDULER>): Runtime => ({ ...base, txn_scheduler: { ...TXN_SCHEDULER, ...t } })
    table([
      ['VR5: an absent txn_scheduler reads as zeros (flush timeout 0)', { ...base, txn_scheduler: undefined }, { _tag: 'InvalidTxnSchedulerParameters', rule: 'VR5', problem: 'batch-flush-timeout' }, 1],
      ['VR5: a batch flush timeout under 50 ms is refused', ts({ batch_flush_timeout: 49_999_999 }), { problem: 'batch-flush-timeout' }, 1],
      ['VR5: max_batch_size 0 is refused', ts({ max_batch_size: 0 }), { problem: 'max-batch-size' }, 1],
      ['VR5: max_batch_size_bytes 1023 is refused', ts({ max_batch_size_bytes: 1023n }), { problem: 'max-batch-size-bytes' }, 1],
      ['VR5: a propose timeout under 1 s is refused', ts({ propose_batch_timeout: 999_999_999 }), { problem: 'propose-batch-timeout' }, 1],
      ['VR5: a flush timeout above the propose timeout is refused', ts({ batch_flush_timeout: 3_000_000_000n }), { problem: 'batch-flush-after-propose' }, 1],
      ['VR5: the lowest values are accepted (50 ms, 1, 1024, 1 s)', ts({ batch_flush_timeout: 50_000_000, max_batch_size: 1, max_batch_size_bytes: 1024, propose_batch_timeout: 1_000_000_000 }), undefined],
      ['VR5: a flush timeout equal to the propose timeout is accepted', ts({ batch_flush_timeout: 2_000_000_000 }), undefined]
    ])
  })

  describe('VR6 storage parameters', () => {
    const st = (s: Partial<typeof STORAGE>): Runtime => ({ ...base, storage: { ...STORAGE, ...s } })
    table([
      ['VR6: checkpoints off (interval 0) need nothing else', st({}), undefined],
      ['VR6: an absent storage reads as zeros', { ...base, storage: undefined }, undefined],
      ['VR6: an interval under 10 is refused', st({ checkpoint_interval: 9 }), { _tag: 'InvalidStorageParameters', rule: 'VR6', problem: 'checkpoint-interval' }, 1],
      ['VR6: no kept checkpoints is refused', st({ checkpoint_interval: 10n, checkpoint_chunk_size: 1 << 20 }), { problem: 'checkpoint-num-kept' }, 1],
      ['VR6: a chunk size under 1 MiB is refused', st({ checkpoint_interval: 10, checkpoint_num_kept: 1, checkpoint_chunk_size: (1 << 20) - 1 }), { problem: 'checkpoint-chunk-size' }, 1],
      ['VR6: the lowest values are accepted (10, 1, 1 MiB)', st({ checkpoint_interval: 10, checkpoint_num_kept: 1, checkpoint_chunk_size: 1 << 20 }), undefined]
    ])
  })

  describe('VR7 key manager runtime', () => {
    table([
      ['VR7: a key manager (SGX, flagged id) is accepted, without executor, scheduler or storage checks', km, undefined],
      ['VR7: a key manager id without the key-manager flag is refused', { ...km, id: base.id }, { _tag: 'KeyManagerIdWithoutFlag', rule: 'VR7' }, 1],
      ['VR7: a key manager cannot have a key manager', { ...km, key_manager: kmId(0x22) }, { _tag: 'KeyManagerWithKeyManager', rule: 'VR7' }, 1],
      ['VR7: a key manager without SGX is refused', { ...km, tee_hardware: 0, deployments: [dep('1.0.0', 11)] }, { _tag: 'KeyManagerWithoutSgx', rule: 'VR7', tee_hardware: 0 }, 1]
    ])

    it('VR7: a test key manager may run without SGX', () => {
      const test = { ...km, id: kmId(0x11, true), tee_hardware: 0, deployments: [dep('1.0.0', 11)] }
      expect(register(test, { ...PARAMS, debug_allow_test_runtimes: true })._tag).toBe('Right')
    })
  })

  describe('VR8 staking parameters', () => {
    const q = Uint8Array.of(1)
    table([
      ['VR8: reward_equivocation above 100 is refused', { ...base, staking: { reward_equivocation: 101 } }, { _tag: 'InvalidStakingParameters', rule: 'VR8', problem: 'reward-equivocation', value: 101 }, 1],
      ['VR8: reward_bad_results above 100 is refused', { ...base, staking: { reward_bad_results: 101 } }, { problem: 'reward-bad-results' }, 1],
      ['VR8: rewards of 100 are accepted', { ...base, staking: { reward_equivocation: 100, reward_bad_results: 100 } }, undefined],
      ['VR8: compute thresholds node-compute and node-observer are accepted', { ...base, staking: { thresholds: new Map<number | bigint, Uint8Array>([[2, q], [3n, q]]) } }, undefined],
      ['VR8: a node-keymanager threshold on a compute runtime is refused', { ...base, staking: { thresholds: new Map([[4n, q]]) } }, { problem: 'threshold-kind', value: 4n }, 1],
      ['VR8: the lowest offending threshold kind is reported', { ...base, staking: { thresholds: new Map([[7, q], [2, q], [5, q]]) } }, { problem: 'threshold-kind', value: 5 }, 1],
      ['VR8: a key manager takes node-keymanager only', { ...km, staking: { thresholds: new Map([[2, q]]) } }, { problem: 'threshold-kind', kind: 2, value: 2 }, 1],
      ['VR8: a key manager node-keymanager threshold is accepted', { ...km, staking: { thresholds: new Map([[4, q]]) } }, undefined]
    ])

    it('VR8: the message names the threshold kind as oasis-core does', () => {
      const e = left(register({ ...base, staking: { thresholds: new Map([[0, q]]) } }))
      expect(oasisError(e)?.message).toBe('registry: invalid argument: bad staking parameters: unsupported staking threshold kind for runtime: entity')
    })
  })

  describe('VR9 admission policy', () => {
    const whitelist = { entities: new Map([[new Uint8Array(32).fill(5), { max_nodes: new Map([[1, 2]]) }]]) }
    table([
      ['VR9: any_node alone is accepted', base, undefined],
      ['VR9: an entity whitelist alone is accepted', { ...base, admission_policy: { entity_whitelist: whitelist } }, undefined],
      ['VR9: a present per_role, even empty, counts as set', { ...base, admission_policy: { per_role: new Map() } }, undefined],
      ['VR9: a whitelist with nil entities is accepted', { ...base, admission_policy: { entity_whitelist: { entities: null } } }, undefined],
      ['VR9: neither is refused', { ...base, admission_policy: {} }, { _tag: 'InvalidAdmissionPolicy', rule: 'VR9', problem: 'not-exactly-one' }, 1],
      ['VR9: both any_node and a whitelist are refused', { ...base, admission_policy: { any_node: {}, entity_whitelist: whitelist } }, { problem: 'not-exactly-one' }, 1],
      ['VR9: both any_node and per_role are refused', { ...base, admission_policy: { any_node: new Map<never, never>(), per_role: new Map() } }, { problem: 'not-exactly-one' }, 1],
      ['VR9: a max_nodes key of two roles is refused', { ...base, admission_policy: { entity_whitelist: { entities: new Map([[new Uint8Array(32), { max_nodes: new Map([[6, 1]]) }]]) } } }, { problem: 'max-nodes-not-single-role', role: 6 }, 1],
      ['VR9: a per_role key of two roles is refused', { ...base, admission_policy: { per_role: new Map([[3, {}]]) } }, { problem: 'per-role-not-single-role', role: 3 }, 1],
      ['VR9: the reserved role 16 is not a single role', { ...base, admission_policy: { per_role: new Map([[16, {}]]) } }, { role: 16 }, 1],
      ['VR9: every single role (1, 2, 4, 8, 32) is accepted', { ...base, admission_policy: { per_role: new Map([1, 2, 4, 8, 32].map((r) => [r, {}])) } }, undefined]
    ])

    it('VR9: an absent admission policy sets neither', () => {
      expect(left(register({ ...base, admission_policy: undefined } as unknown as Runtime))).toMatchObject({ problem: 'not-exactly-one' })
    })
  })

  describe('VR10 governance model', () => {
    table([
      ['VR10: governance model 0 is refused', { ...base, governance_model: 0 }, { _tag: 'InvalidGovernanceModel', rule: 'VR10' }, 1],
      ['VR10: governance model 4 is refused', { ...base, governance_model: 4 }, { governance_model: 4 }, 1]
    ])

    it('VR10: checked before D0, which ends ValidateBasic', () => {
      expect(left(register({ ...base, governance_model: 0, deployments: [] })).rule).toBe('VR10')
      expect(left(register({ ...base, kind: 9, deployments: [] })).rule).toBe('VR2')
    })
  })

  describe('VR11 test runtimes', () => {
    const test = { ...base, id: Uint8Array.of(0x80, ...new Uint8Array(31)) }
    table([['VR11: a test runtime without debug_allow_test_runtimes is refused', test, { _tag: 'TestRuntimeNotAllowed', rule: 'VR11' }, 1]])
    table([['VR11: a test runtime with debug_allow_test_runtimes is accepted', test, undefined]], { ...PARAMS, debug_allow_test_runtimes: true })

    it('VR11: checked after D0 and before VR12', () => {
      expect(left(register({ ...test, deployments: [] })).rule).toBe('D0')
      expect(left(register(test, {})).rule).toBe('VR11')
    })
  })

  describe('VR12 governance model enabled', () => {
    table([['VR12: no enabled model refuses every registration with ErrForbidden', base, { _tag: 'GovernanceModelNotEnabled', rule: 'VR12', problem: 'none-enabled' }, 16]], {})
    table([['VR12: an empty map enables none', base, { problem: 'none-enabled' }, 16]], { enable_runtime_governance_models: new Map() })
    table([['VR12: a model mapped to false is not enabled', base, { problem: 'not-enabled', governance_model: 1 }, 16]], {
      enable_runtime_governance_models: new Map([[1, false], [2, true]])
    })
    table([['VR12: a model mapped to true is enabled', base, undefined]], { enable_runtime_governance_models: new Map([[1, true]]) })

    it('VR12: the messages are oasis-core\'s', () => {
      expect(oasisError(left(register(base, {})))?.message).toBe('registry: forbidden by policy: no runtime governance models are enabled')
      expect(oasisError(left(register(base, { enable_runtime_governance_models: new Map([[2, true]]) })))?.message).toBe(
        'registry: forbidden by policy: runtime governance model is not enabled: entity'
      )
    })

    it('VR12: checked before the TEE hardware and the deployments', () => {
      expect(left(register({ ...base, tee_hardware: 2 }, {})).rule).toBe('VR12')
      expect(left(register({ ...base, deployments: [dep('1.0.0', 11), dep('1.0.0', 12)] }, {})).rule).toBe('VR12')
      expect(left(register({ ...base, tee_hardware: 2 })).rule).toBe('D7')
    })
  })

  describe('VR13 runtime governance', () => {
    table([
      ['VR13: runtime governance for a compute runtime is accepted', { ...base, governance_model: 2 }, undefined],
      ['VR13: runtime governance for a key manager is refused', { ...km, governance_model: 2 }, { _tag: 'RuntimeGovernanceNotCompute', rule: 'VR13', kind: 2 }, 1]
    ])

    it('VR13: checked after D1–D9', () => {
      expect(left(register({ ...km, governance_model: 2, deployments: [dep('1.0.0', 11, { tee: SGX_V0 }), dep('0.9.0', 12, { tee: SGX_V0 })] })).rule).toBe('D5')
    })
  })

  it('VR1: the first failing check is reported in oasis-core\'s order', () => {
    const everything: Runtime = { ...base, v: 2, kind: 0, governance_model: 0, admission_policy: {}, deployments: [] }
    expect(left(register(everything, {})).rule).toBe('VR1')
    expect(left(register({ ...everything, v: 3 }, {})).rule).toBe('VR2')
    expect(left(register({ ...everything, v: 3, kind: 1, executor: undefined }, {})).rule).toBe('VR4')
    expect(left(register({ ...everything, v: 3, kind: 1 }, {})).rule).toBe('VR9')
    expect(left(register({ ...everything, v: 3, kind: 1, admission_policy: base.admission_policy }, {})).rule).toBe('VR10')
    expect(left(register({ ...base, staking: { reward_bad_results: 200 }, admission_policy: {} })).rule).toBe('VR8')
  })
})

describe('registration transaction', () => {
  it('RR1: disabled runtime registration refuses everything outside genesis, first', () => {
    const params = { ...PARAMS, disable_runtime_registration: true }
    const e = left(register({ ...base, v: 2 }, params))
    expect(e).toMatchObject({ _tag: 'RuntimeRegistrationDisabled', rule: 'RR1' })
    expect(oasisError(e)).toEqual({ module: 'registry', code: 16, message: 'registry: forbidden by policy' })
    expect(left(verifyRuntimeUpdate(base, base, NOW, params)).rule).toBe('RR1')
    expect(register({ ...base, deployments: [dep('1.0.0', 0)] }, params, { isGenesis: true })._tag).toBe('Right')
  })

  it('RR2: disabled key manager registration refuses key managers after VerifyRuntime, outside genesis', () => {
    const params = { ...PARAMS, disable_km_runtime_registration: true }
    const e = left(register(km, params))
    expect(e).toMatchObject({ _tag: 'KeyManagerRegistrationDisabled', rule: 'RR2' })
    expect(oasisError(e)?.code).toBe(16)
    expect(register(base, params)._tag).toBe('Right')
    expect(left(register({ ...km, deployments: [dep('1.0.0', 11)] }, params)).rule).toBe('D7')
    expect(register(km, params, { isGenesis: true })._tag).toBe('Right')
    const stored = deepFreeze({ ...km, deployments: [dep('1.0.0', 5, { tee: SGX_V0 })] })
    expect(left(verifyRuntimeUpdate(stored, { ...stored, kind: 1 }, NOW, params)).rule).toBe('VR3')
    expect(left(verifyRuntimeUpdate(stored, stored, NOW, params)).rule).toBe('RR2')
  })

  it('RR3: a consensus-governed runtime is refused outside genesis, after U0', () => {
    const consensus = { ...base, governance_model: 3 }
    const e = left(register(consensus))
    expect(e).toMatchObject({ _tag: 'ConsensusGovernanceNotAllowed', rule: 'RR3' })
    expect(oasisError(e)?.code).toBe(16)
    expect(left(register({ ...consensus, deployments: [dep('1.0.0', 10)] })).rule).toBe('U0')
    expect(register({ ...consensus, deployments: [dep('1.0.0', 10)] }, PARAMS, { isGenesis: true })._tag).toBe('Right')
    const stored = deepFreeze({ ...consensus, deployments: [dep('1.0.0', 5)] })
    expect(left(verifyRuntimeUpdate(stored, stored, NOW, PARAMS)).rule).toBe('RR3')
    expect(left(verifyRuntimeUpdate(stored, { ...stored, governance_model: 2 }, NOW, PARAMS)).rule).toBe('U5')
  })
})

describe('DX3', () => {
  const malformed = (patch: Record<string, unknown>): Runtime => ({ ...base, ...patch }) as unknown as Runtime
  it.each([
    ['v', malformed({ v: '3' })],
    ['v', malformed({ v: 70000 })],
    ['kind', malformed({ kind: -1 })],
    ['tee_hardware', malformed({ tee_hardware: 256 })],
    ['governance_model', malformed({ governance_model: 1.5 })],
    ['id', malformed({ id: new Uint8Array(31) })],
    ['id', malformed({ id: 'abc' })],
    ['key_manager', malformed({ key_manager: new Uint8Array(3) })],
    ['genesis', malformed({ genesis: undefined })],
    ['genesis.state_root', malformed({ genesis: { round: 0 } })],
    ['genesis.round', malformed({ genesis: { state_root: new Uint8Array(32), round: -1 } })],
    ['executor', malformed({ executor: 5 })],
    ['executor.group_size', malformed({ executor: { ...EXECUTOR, group_size: 70000 } })],
    ['executor.round_timeout', malformed({ executor: { ...EXECUTOR, round_timeout: 1.5 } })],
    ['executor.round_timeout', malformed({ executor: { ...EXECUTOR, round_timeout: 1n << 63n } })],
    ['txn_scheduler.batch_flush_timeout', malformed({ txn_scheduler: { ...TXN_SCHEDULER, batch_flush_timeout: '1' } })],
    ['storage.checkpoint_interval', malformed({ storage: { ...STORAGE, checkpoint_interval: -1 } })],
    ['admission_policy', malformed({ admission_policy: 5 })],
    ['admission_policy.any_node', malformed({ admission_policy: { any_node: 1 } })],
    ['admission_policy.per_role', malformed({ admission_policy: { per_role: { 1: {} } } })],
    ['admission_policy.per_role', malformed({ admission_policy: { per_role: new Map([['1', {}]]) } })],
    ['admission_policy.entity_whitelist.entities', malformed({ admission_policy: { entity_whitelist: { entities: {} } } })],
    ['admission_policy.entity_whitelist.entities[].max_nodes', malformed({ admission_policy: { entity_whitelist: { entities: new Map([[new Uint8Array(32), { max_nodes: {} }]]) } } })],
    ['staking.reward_equivocation', malformed({ staking: { reward_equivocation: 300 } })],
    ['staking.thresholds', malformed({ staking: { thresholds: { 2: Uint8Array.of(1) } } })],
    ['staking.thresholds', malformed({ staking: { thresholds: new Map([[2.5, Uint8Array.of(1)]]) } })]
  ])('DX3: a malformed %s is refused, naming the field, with no oasis-core counterpart', (field, rt) => {
    const e = left(register(rt))
    expect(e).toMatchObject({ _tag: 'MalformedDescriptor', rule: 'DX3', descriptor: 'proposed', field })
    expect(oasisError(e)).toBeUndefined()
  })

  it('DX3: a descriptor that is not an object is refused, not thrown at', () => {
    const e = left(verifyRuntimeNew(null as unknown as Runtime, NOW, PARAMS))
    expect(e).toMatchObject({ rule: 'DX3', field: '' })
    expect(e.message).toBe('the proposed descriptor is malformed: not an object')
    expect(left(verifyRuntimeUpdate(base, 7 as unknown as Runtime, NOW, PARAMS))).toMatchObject({ rule: 'DX3', descriptor: 'proposed' })
    expect(left(verifyRuntimeUpdate(undefined as unknown as Runtime, base, NOW, PARAMS))).toMatchObject({ rule: 'DX3', descriptor: 'current' })
  })

  it('DX3: a malformed stored descriptor is refused naming it, after the proposed one', () => {
    const stored = { ...base, genesis: null } as unknown as Runtime
    expect(left(verifyRuntimeUpdate(stored, base, NOW, PARAMS))).toMatchObject({ rule: 'DX3', descriptor: 'current', field: 'genesis' })
    expect(left(verifyRuntimeUpdate(stored, malformed({ v: -3 }), NOW, PARAMS))).toMatchObject({ descriptor: 'proposed', field: 'v' })
  })

  it('DX3: checked after DX2 and before RR1', () => {
    expect(left(verifyRuntimeNew(malformed({ v: 'x' }), -1, PARAMS)).rule).toBe('DX2')
    expect(left(register(malformed({ v: 'x' }), { ...PARAMS, disable_runtime_registration: true })).rule).toBe('DX3')
    expect(left(verifyRuntimeNew(base, NOW, { enable_runtime_governance_models: { 1: true } } as never)).rule).toBe('DX2')
  })

  it('DX3: registration and update verification never throw on arbitrary descriptors, and every refusal but DX and U6 has a code', () => {
    fc.assert(
      fc.property(anyRuntime, anyRuntime, anyEpoch, fc.boolean(), (a, b, now, genesis) => {
        for (const r of [verifyRuntimeNew(b, now, PARAMS_5, undefined, { isGenesis: genesis }), verifyRuntimeUpdate(a, b, now, PARAMS_5)]) {
          if (E.isLeft(r) && !['DX1', 'DX2', 'DX3', 'U6'].includes(r.left.rule)) expect(oasisError(r.left)).toBeDefined()
        }
      })
    )
    expect(right(register(base))).toBe(base)
  })
})
