import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { checkU64 } from '../../src/internal/uint64.js'
import { STRICT_POLICY } from '../../src/rules/policy.js'
import { oasisError } from '../../src/rules/oasisError.js'
import {
  checkActiveDeployment,
  checkConsensusGovernance,
  checkGovernanceModel,
  UPDATE_CHECKS,
  verifyRuntimeNew,
  verifyRuntimeUpdate
} from '../../src/rules/update.js'
import type { ConsensusParameters } from '../../src/schema/params.js'
import type { Runtime } from '../../src/schema/runtime.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import {
  anyEpoch,
  anyRuntime,
  checksum,
  dep,
  PARAMS,
  PARAMS_5,
  pcsParams,
  runtime,
  SGX_V0,
  SGX_V1,
  sgx,
  enclave,
  kmId,
  shuffle,
  validScenario,
  withDeployments
} from '../support/rulesFixtures.js'

const NOW = 1250
const v130 = dep('1.3.0', 1000)
const v140 = dep('1.4.0', 1200)
const v150 = dep('1.5.0', 1300)
/** 1.3.0 superseded, 1.4.0 active at NOW. */
const current = deepFreeze(runtime([v130, v140]))
const update = (proposed: Runtime, params: ConsensusParameters = PARAMS_5, from: Runtime = current) =>
  verifyRuntimeUpdate(from, deepFreeze(proposed), NOW, params)
const accepted = (proposed: Runtime, params?: ConsensusParameters, from?: Runtime) =>
  expect(right(update(proposed, params, from))).toBe(proposed)
const refused = (proposed: Runtime, params?: ConsensusParameters, from?: Runtime) => left(update(proposed, params, from))

describe('verifyRuntimeNew', () => {
  it('U0: a new runtime whose one deployment starts after now is accepted', () => {
    const rt = deepFreeze(runtime([dep('1.0.0', 11)]))
    expect(right(verifyRuntimeNew(rt, 10, PARAMS))).toBe(rt)
  })

  it('U0: a new runtime with a deployment active at now is refused', () => {
    const e = left(verifyRuntimeNew(runtime([dep('1.0.0', 10)]), 10, PARAMS))
    expect(e).toMatchObject({ _tag: 'ImmediateDeployment', rule: 'U0', now: 10, deployment: { valid_from: 10 } })
    expect(e.message).toBe(
      "deployment 1.0.0 (valid_from 10) would be active immediately (now is 10): a new runtime's deployment must start after now"
    )
  })

  it('U0: debug_deploy_immediately lets a new runtime be active immediately', () => {
    expect(verifyRuntimeNew(runtime([dep('1.0.0', 0)]), 10, { ...PARAMS, debug_deploy_immediately: true })._tag).toBe('Right')
  })

  it('U0: at genesis past and superseded deployments are allowed', () => {
    const rt = runtime([dep('1.0.0', 0), dep('1.1.0', 5), dep('1.2.0', 20)])
    expect(verifyRuntimeNew(rt, 10, PARAMS_5, undefined, { isGenesis: true })._tag).toBe('Right')
    expect(left(verifyRuntimeNew(rt, 10, PARAMS_5)).rule).toBe('U0')
  })

  it('U0: with D9, a new registration after genesis has exactly one deployment', () => {
    expect(left(verifyRuntimeNew(runtime([dep('1.0.0', 11), dep('1.1.0', 12)]), 10, PARAMS_5)).rule).toBe('D9')
    expect(left(verifyRuntimeNew(runtime([dep('1.0.0', 9), dep('1.1.0', 12)]), 10, PARAMS_5)).rule).toBe('U0')
  })
})

describe('verifyRuntimeUpdate', () => {
  // -----------------------------------------------------------------------------------------------
  // U1–U5
  // -----------------------------------------------------------------------------------------------
  it('U1: the runtime id cannot change', () => {
    const id = new Uint8Array(32).fill(9)
    expect(refused({ ...current, id })).toMatchObject({ _tag: 'RuntimeIdChanged', rule: 'U1', proposed: id })
  })

  it('U2: the runtime kind cannot change', () => {
    // A proposal VerifyRuntime accepts as a key manager (a test id with the key-manager flag).
    const testParams = { ...PARAMS_5, debug_allow_test_runtimes: true }
    const from = deepFreeze(runtime([v130, v140], { id: kmId(0x11, true) }))
    const e = refused({ ...from, kind: 2, executor: undefined, txn_scheduler: undefined, storage: undefined }, testParams, from)
    expect(e).toMatchObject({ _tag: 'KindChanged', rule: 'U2', current: 1, proposed: 2 })
    expect(oasisError(e)).toEqual({ module: 'registry', code: 18, message: 'registry: runtime update not allowed' })
  })

  it('U2: a kind change VerifyRuntime refuses is reported with VerifyRuntime\'s rule and ErrInvalidArgument', () => {
    // current {kind 1, governance 1}, proposed {kind 2, governance 2} (issue 10)
    const e = refused({ ...current, kind: 2, governance_model: 2 })
    expect(e).toMatchObject({ _tag: 'KeyManagerIdWithoutFlag', rule: 'VR7' })
    expect(oasisError(e)?.code).toBe(1)
    // With a key manager id that passes VR7, VR13 refuses before U2 and U5.
    const testParams = { ...PARAMS_5, debug_allow_test_runtimes: true }
    const from = deepFreeze(runtime([v130, v140], { id: kmId(0x11, true) }))
    const e2 = refused({ ...from, kind: 2, governance_model: 2 }, testParams, from)
    expect(e2).toMatchObject({ _tag: 'RuntimeGovernanceNotCompute', rule: 'VR13', kind: 2 })
    expect(oasisError(e2)).toEqual({
      module: 'registry',
      code: 1,
      message: 'registry: invalid argument: runtime governance can only be used with compute runtimes'
    })
  })

  it('U3: the genesis state root and round cannot change', () => {
    expect(refused({ ...current, genesis: { ...current.genesis, round: 1 } })).toMatchObject({ rule: 'U3', field: 'round' })
    const root = new Uint8Array(32).fill(3)
    expect(refused({ ...current, genesis: { ...current.genesis, state_root: root } })).toMatchObject({
      rule: 'U3',
      field: 'state_root'
    })
    accepted({ ...current, genesis: { ...current.genesis, round: 0n } })
  })

  it('U4: a key manager can be set, but once set neither removed nor replaced', () => {
    const km = new Uint8Array(32).fill(0x40)
    const withKm = deepFreeze({ ...current, key_manager: km })
    accepted(withKm)
    expect(refused(current, PARAMS_5, withKm)).toMatchObject({ _tag: 'KeyManagerChanged', rule: 'U4', change: 'removed' })
    const other = new Uint8Array(32).fill(0x41)
    expect(refused({ ...current, key_manager: other }, PARAMS_5, withKm)).toMatchObject({ rule: 'U4', change: 'replaced' })
    accepted({ ...current, key_manager: km.slice() }, PARAMS_5, withKm)
  })

  it('U5: the governance model may only change from entity to runtime, for compute runtimes', () => {
    accepted({ ...current, governance_model: 2 })
    const runtimeGoverned = deepFreeze({ ...current, governance_model: 2 })
    expect(refused(current, PARAMS_5, runtimeGoverned)).toMatchObject({ rule: 'U5', problem: 'transition' })
    expect(refused({ ...current, governance_model: 3 })).toMatchObject({ rule: 'U5', current: 1, proposed: 3 })
  })

  it('U5: runtime governance for a key manager is refused by VR13 first; U5 keeps it as a second line (direct check)', () => {
    const km = runtime([v140], { kind: 2, governance_model: 2 })
    const ctx = { current: km, proposed: km, now: checkU64(NOW)!, params: PARAMS_5, policy: undefined, options: {} }
    expect(checkGovernanceModel(ctx)).toMatchObject({ rule: 'U5', problem: 'runtime-governance-needs-compute' })
  })

  // -----------------------------------------------------------------------------------------------
  // U6, U7
  // -----------------------------------------------------------------------------------------------
  it('U6: a stored descriptor invalid under lowered max_runtime_deployments is refused as a value, not a crash', () => {
    const stored = deepFreeze(runtime([dep('1.0.0', 0), dep('1.1.0', 10), dep('1.2.0', 20)]))
    const proposed = runtime([dep('1.1.0', 10), dep('1.2.0', 20)])
    expect(verifyRuntimeUpdate(stored, proposed, 25, PARAMS_5)._tag).toBe('Right')
    const e = left(verifyRuntimeUpdate(stored, proposed, 25, PARAMS))
    expect(e).toMatchObject({ _tag: 'StoredDescriptorInvalid', rule: 'U6', cause: { rule: 'D2', count: 3, limit: 2 } })
    expect(e.message).toContain('D2: too many deployments')
  })

  it('U6: a stored descriptor invalid after tee_features changed is refused with its D7 cause', () => {
    const stored = deepFreeze(runtime([dep('1.0.0', 0, { tee: SGX_V1 })], { tee_hardware: 1 }))
    expect(verifyRuntimeUpdate(stored, stored, 5, pcsParams())._tag).toBe('Right')
    expect(left(verifyRuntimeUpdate(stored, withDeployments(stored, [dep('1.0.0', 0, { tee: SGX_V0 })]), 5, pcsParams())).rule).toBe(
      'U8'
    )
    const noPcs: ConsensusParameters = { ...PARAMS, tee_features: { sgx: { pcs: false }, freshness_proofs: false } }
    const fresh = withDeployments(stored, [dep('1.1.0', 0, { tee: SGX_V0 })])
    expect(left(verifyRuntimeUpdate(stored, fresh, 5, noPcs))).toMatchObject({
      rule: 'U6',
      cause: { rule: 'D7', problem: 'pcs-not-enabled' }
    })
  })

  it('U6: the identity rules U1–U5 are reported before the stored descriptor is checked', () => {
    const stored = deepFreeze(runtime([dep('1.0.0', 0), dep('1.1.0', 10), dep('1.2.0', 20)]))
    const otherId = new Uint8Array(32).fill(9)
    expect(left(verifyRuntimeUpdate(stored, { ...runtime([dep('1.2.0', 20)]), id: otherId }, 25, PARAMS)).rule).toBe('U1')
  })

  it('U7: an invalid proposed descriptor is reported with its D rule, before U1', () => {
    const proposed = { ...runtime([dep('1.4.0', 1200), dep('1.5.0', 1100)]), id: new Uint8Array(32).fill(9) }
    expect(refused(proposed)).toMatchObject({ _tag: 'VersionsNotIncreasing', rule: 'D5' })
    expect(refused({ ...current, deployments: [v130, v140, dep('1.5.0', 1300, { bundle_checksum: new Uint8Array(5) })] }).rule).toBe(
      'D8'
    )
  })

  // -----------------------------------------------------------------------------------------------
  // U8, U9, U10
  // -----------------------------------------------------------------------------------------------
  it('U8: an active deployment cannot change; the message says when it became active', () => {
    const e = refused(withDeployments(current, [v130, dep('1.4.0', 1200, { bundle_checksum: checksum(1) })]))
    expect(e).toMatchObject({ _tag: 'DeploymentChanged', rule: 'U8', now: NOW, current: { valid_from: 1200 } })
    expect(e.message).toBe('deployment 1.4.0 (valid_from 1200) cannot change: it became active at epoch 1200, now is 1250')
  })

  it('U8: a retroactive addition is refused', () => {
    const e = refused(withDeployments(current, [v130, v140, dep('1.4.1', 1250)]))
    expect(e).toMatchObject({ _tag: 'RetroactiveDeployment', rule: 'U8', deployment: { valid_from: 1250 } })
    expect(e.message).toBe('deployment 1.4.1 (valid_from 1250) cannot be added: a new deployment must start after now (1250)')
  })

  it('U8: a pruned deployment cannot be re-added', () => {
    const pruned = deepFreeze(runtime([v140]))
    expect(refused(current, PARAMS_5, pruned)).toMatchObject({ _tag: 'RetroactiveDeployment', deployment: { valid_from: 1000 } })
  })

  it('U9: the active deployment cannot be removed', () => {
    const onlyActive = deepFreeze(runtime([v140]))
    const e = refused(withDeployments(current, [dep('1.5.0', 1300)]), PARAMS_5, onlyActive)
    expect(e).toMatchObject({ _tag: 'ActiveDeploymentRemoved', rule: 'U9', deployment: { valid_from: 1200 } })
    expect(e.message).toBe('deployment 1.4.0 (valid_from 1200) is active at epoch 1250 and cannot be removed')
  })

  it('U9: removing the active deployment while a superseded one remains changes the active one', () => {
    expect(refused(withDeployments(current, [v130]))).toMatchObject({
      _tag: 'ActiveDeploymentChanged',
      rule: 'U9',
      current: { valid_from: 1200 },
      proposed: { valid_from: 1000 }
    })
  })

  it('U9: moving the active deployment into the future is refused', () => {
    expect(refused(withDeployments(current, [v130, dep('1.4.0', 1260)]))).toMatchObject({
      _tag: 'ActiveDeploymentChanged',
      rule: 'U9',
      current: { valid_from: 1200 },
      proposed: { valid_from: 1000 }
    })
  })

  it('U10: an update cannot make a deployment active where none was (direct check)', () => {
    const pendingOnly = runtime([dep('1.0.0', 1300)])
    const ctx = { current: pendingOnly, proposed: runtime([dep('1.0.0', 1000)]), now: checkU64(NOW)!, params: {}, policy: undefined, options: {} }
    expect(checkActiveDeployment(ctx)).toMatchObject({ _tag: 'UpdateDeploysImmediately', rule: 'U10', deployment: { valid_from: 1000 } })
  })

  it('U10: debug_deploy_immediately does not apply to updates (U8 reports it first)', () => {
    const pendingOnly = deepFreeze(runtime([dep('1.0.0', 1300)]))
    const e = refused(runtime([dep('1.0.0', 1250)]), { ...PARAMS, debug_deploy_immediately: true }, pendingOnly)
    expect(e).toMatchObject({ _tag: 'DeploymentChanged', rule: 'U8' })
    expect(e.message).toBe('deployment 1.0.0 (valid_from 1300) cannot move to valid_from 1250: it must stay after now (1250)')
  })

  it('U8: check order is U1–U6, U8, U9/U10, RR3, then PX1–PX4 and PX6', () => {
    expect(UPDATE_CHECKS.map(([rule]) => rule)).toEqual([
      'U1',
      'U2',
      'U3',
      'U4',
      'U5',
      'U6',
      'U8',
      'U9/U10',
      'RR3',
      'PX1',
      'PX2',
      'PX3',
      'PX4',
      'PX6'
    ])
  })

  it('RR3: a consensus-governed runtime cannot be updated by a transaction (direct check)', () => {
    const ctx = { current: runtime([v140], { governance_model: 3 }), proposed: current, now: checkU64(NOW)!, params: PARAMS_5, policy: undefined, options: {} }
    expect(checkConsensusGovernance(ctx)).toMatchObject({ _tag: 'ConsensusGovernanceNotAllowed', rule: 'RR3' })
    expect(checkConsensusGovernance({ ...ctx, current })).toBeUndefined()
  })

  it('U8: epochs beyond 2^53 are compared exactly (bigint now against number valid_from)', () => {
    const far = 2n ** 60n
    const stored = deepFreeze(runtime([dep('1.0.0', 5)]))
    expect(verifyRuntimeUpdate(stored, runtime([dep('1.0.0', 5), dep('2.0.0', far + 1n)]), far, PARAMS_5)._tag).toBe('Right')
    expect(left(verifyRuntimeUpdate(stored, runtime([dep('1.0.0', 5), dep('2.0.0', far)]), far, PARAMS_5)).rule).toBe('U8')
  })

  // -----------------------------------------------------------------------------------------------
  // reference §2.3: one test per operation
  // -----------------------------------------------------------------------------------------------
  describe('§2.3 operation table (now = 1250; 1.3.0@1000 superseded, 1.4.0@1200 active)', () => {
    it('U8: adding one future deployment above every earlier one is allowed', () => {
      accepted(withDeployments(current, [v130, v140, v150]))
      accepted(withDeployments(current, [v150, v130, v140]))
    })

    it('D9: adding a second future deployment is refused', () => {
      const pending = deepFreeze(withDeployments(current, [v130, v140, v150]))
      expect(refused(withDeployments(current, [v130, v140, v150, dep('1.6.0', 1400)]), PARAMS_5, pending)).toMatchObject({
        _tag: 'MoreThanOneFutureDeployment',
        rule: 'D9'
      })
    })

    it('U8: adding an entry with valid_from <= now is refused', () => {
      expect(refused(withDeployments(current, [v130, v140, dep('1.4.1', 1249)])).rule).toBe('U8')
      expect(refused(withDeployments(current, [dep('1.2.0', 900), v130, v140])).rule).toBe('U8')
    })

    it('U9: removing superseded entries (owner-driven pruning) is allowed', () => {
      accepted(withDeployments(current, [v140]))
      accepted(withDeployments(current, [v140, v150]))
    })

    it('U9: removing the active entry is refused', () => {
      expect(refused(withDeployments(current, [v130, v150])).rule).toBe('U9')
    })

    it.each([
      ['the TEE', { tee: new Uint8Array(0) }, 'D7'],
      ['the checksum', { bundle_checksum: checksum(2) }, 'U8'],
      ['valid_from (earlier)', { valid_from: 1100 }, 'U8'],
      ['valid_from (into the future)', { valid_from: 1251 }, 'U9']
    ])('U8: modifying %s of the active entry is refused', (_what, change, rule) => {
      expect(refused(withDeployments(current, [v130, { ...v140, ...change }])).rule).toBe(rule)
    })

    it('U8: modifying the TEE of the active entry of an SGX runtime is refused', () => {
      const sgxCurrent = deepFreeze(runtime([dep('1.4.0', 1200, { tee: SGX_V0 })], { tee_hardware: 1 }))
      const other = sgx({ enclaves: [enclave(9)] })
      expect(refused(withDeployments(sgxCurrent, [dep('1.4.0', 1200, { tee: other })]), PARAMS_5, sgxCurrent)).toMatchObject({
        _tag: 'DeploymentChanged',
        rule: 'U8'
      })
    })

    it.each([
      ['the checksum', { bundle_checksum: checksum(2) }, 'U8'],
      ['valid_from', { valid_from: 900 }, 'U8'],
      ['valid_from (into the future, past the active one)', { valid_from: 1260 }, 'D5']
    ])('U8: modifying %s of a superseded entry is refused', (_what, change, rule) => {
      expect(refused(withDeployments(current, [{ ...v130, ...change }, v140])).rule).toBe(rule)
    })

    it('U8: aborting a pending entry by omitting it is allowed', () => {
      const pending = deepFreeze(withDeployments(current, [v130, v140, v150]))
      accepted(current, PARAMS_5, pending)
    })

    it.each([
      ['its checksum', dep('1.5.0', 1300, { bundle_checksum: checksum(3) })],
      ['its valid_from to another epoch after now', dep('1.5.0', 1251)],
      ['its version', dep('1.6.0', 1300)]
    ])('U8: amending a pending entry (%s) is allowed', (_what, amended) => {
      const pending = deepFreeze(withDeployments(current, [v130, v140, v150]))
      accepted(withDeployments(current, [v130, v140, amended]), PARAMS_5, pending)
    })

    it('U8: amending the TEE of a pending entry is allowed', () => {
      const sgxCurrent = deepFreeze(runtime([dep('1.4.0', 1200, { tee: SGX_V0 }), dep('1.5.0', 1300, { tee: SGX_V0 })], { tee_hardware: 1 }))
      const other = sgx({ enclaves: [enclave(9)] })
      accepted(withDeployments(sgxCurrent, [dep('1.4.0', 1200, { tee: SGX_V0 }), dep('1.5.0', 1300, { tee: other })]), PARAMS_5, sgxCurrent)
    })

    it('U8: moving a pending entry to valid_from <= now is refused', () => {
      const pending = deepFreeze(withDeployments(current, [v130, v140, v150]))
      expect(refused(withDeployments(current, [v130, v140, dep('1.5.0', 1250)]), PARAMS_5, pending)._tag).toBe('DeploymentChanged')
    })

    it('D5: a future entry with a version below the active one (a downgrade) is refused', () => {
      expect(refused(withDeployments(current, [v130, v140, dep('1.3.5', 1300)])).rule).toBe('D5')
    })

    it('D7: changing tee_hardware is refused once a deployment is active (its tee must pass D7)', () => {
      expect(refused({ ...current, tee_hardware: 1 })).toMatchObject({ _tag: 'NoEnclaves', rule: 'D7' })
      const sgxCurrent = deepFreeze(runtime([dep('1.4.0', 1200, { tee: SGX_V0 })], { tee_hardware: 1 }))
      expect(refused({ ...sgxCurrent, tee_hardware: 0 }, PARAMS_5, sgxCurrent)._tag).toBe('TeeWithoutHardware')
    })

    it('D7: tee_hardware may change while every deployment is still in the future', () => {
      const future = deepFreeze(runtime([dep('1.0.0', 1300)]))
      accepted(runtime([dep('1.0.0', 1300, { tee: SGX_V0 })], { tee_hardware: 1 }), PARAMS_5, future)
    })

    it('U9: a pending entry that became active before the update executed must be kept exactly (race)', () => {
      const built = deepFreeze(withDeployments(current, [v140, dep('1.5.0', 1250)]))
      // Built at epoch 1249 to amend 1.5.0's checksum; executed at 1250, when 1.5.0 is active.
      expect(refused(withDeployments(current, [v140, dep('1.5.0', 1250, { bundle_checksum: checksum(4) })]), PARAMS_5, built).rule).toBe('U8')
      accepted(withDeployments(current, [dep('1.5.0', 1250)]), PARAMS_5, built)
    })
  })

  // -----------------------------------------------------------------------------------------------
  // properties
  // -----------------------------------------------------------------------------------------------
  it('U8: verifyRuntimeUpdate(d, d, now) accepts every valid d, with or without the strict policy', () => {
    fc.assert(
      fc.property(validScenario(1), ({ rt, now }) => {
        const d = deepFreeze(rt)
        expect(right(verifyRuntimeUpdate(d, d, now, PARAMS_5))).toBe(d)
        expect(right(verifyRuntimeUpdate(d, d, now, PARAMS_5, STRICT_POLICY))).toBe(d)
        expect(right(verifyRuntimeUpdate(d, d, now, PARAMS_5, { maxFutureDeployments: 3 }))).toBe(d)
      })
    )
  })

  it('U8: acceptance never depends on the order of either array; the refusal only where a version repeats', () => {
    const repeats = (rt: Runtime): boolean => {
      const vs = (rt.deployments ?? []).map((d) => `${d.version.major ?? 0}.${d.version.minor ?? 0}.${d.version.patch ?? 0}`)
      return new Set(vs).size !== vs.length
    }
    fc.assert(
      fc.property(anyRuntime, anyRuntime, anyEpoch, fc.integer(), (a, b, now, seed) => {
        const a2 = { ...a, deployments: shuffle(a.deployments ?? [], seed) }
        const b2 = { ...b, deployments: shuffle(b.deployments ?? [], seed + 1) }
        const x = verifyRuntimeUpdate(a, b, now, PARAMS_5)
        const y = verifyRuntimeUpdate(a2, b2, now, PARAMS_5)
        expect(y._tag).toBe(x._tag)
        if (E.isLeft(x) && E.isLeft(y) && !repeats(a) && !repeats(b)) {
          expect([y.left.rule, y.left.message]).toEqual([x.left.rule, x.left.message])
        }
      })
    )
  })

  it('U6: update verification never throws and never mutates its (deep-frozen) inputs', () => {
    fc.assert(
      fc.property(anyRuntime, anyRuntime, anyEpoch, fc.boolean(), (a, b, now, strict) => {
        const params = deepFreeze({ ...PARAMS_5 })
        const policy = strict ? STRICT_POLICY : undefined
        verifyRuntimeUpdate(deepFreeze(a), deepFreeze(b), now, params, policy)
        verifyRuntimeNew(deepFreeze(b), now, params, policy)
        verifyRuntimeNew(deepFreeze(b), now, params, policy, { isGenesis: true })
      })
    )
  })
})
