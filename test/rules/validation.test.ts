import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { oasisError } from '../../src/rules/oasisError.js'
import { verifyRuntimeNew, verifyRuntimeUpdate } from '../../src/rules/update.js'
import { validateDeployments } from '../../src/rules/validation.js'
import { versionToU64 } from '../../src/rules/version.js'
import type { ConsensusParameters } from '../../src/schema/params.js'
import type { Runtime, VersionInfo } from '../../src/schema/runtime.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import {
  anyEpoch,
  anyRuntime,

  dep,
  ALL_MODELS,
  PARAMS,
  PARAMS_5,
  pcsParams,
  runtime,
  SGX_V0,
  SGX_V1,
  SGX_V1_EMPTY,
  SGX_V1_FMSPC,
  SGX_V1_TDX,
  sgx,
  shuffle,
  validScenario,
  ver
} from '../support/rulesFixtures.js'

const sgxRuntime = (deployments: ReadonlyArray<VersionInfo>): Runtime => runtime(deployments, { tee_hardware: 1 })
const withNull = (rt: Runtime, at: number): Runtime => {
  const ds: unknown[] = [...(rt.deployments ?? [])]
  ds.splice(at, 0, null)
  return { ...rt, deployments: ds } as unknown as Runtime
}

describe('validateDeployments', () => {
  // -----------------------------------------------------------------------------------------------
  // upstream TestVerifyRuntime (go/registry/api/api_test.go), now = 10
  // -----------------------------------------------------------------------------------------------
  describe('upstream TestVerifyRuntime (now = 10)', () => {
    const base = runtime([dep('44.0.1', 0)])
    const cases: ReadonlyArray<readonly [string, Runtime, ConsensusParameters, string | undefined]> = [
      ['D1: the base runtime (44.0.1@0, no TEE) is valid', base, {}, undefined],
      ['D3: appending a nil deployment is refused', withNull(base, 1), {}, 'D3'],
      [
        'D2: appending 44.0.2@1 and 44.0.3@2 with default parameters is too many',
        runtime([dep('44.0.1', 0), dep('44.0.2', 1), dep('44.0.3', 2)]),
        {},
        'D2'
      ],
      [
        'D2: the same three with max_runtime_deployments 5 are valid (none in the future)',
        runtime([dep('44.0.1', 0), dep('44.0.2', 1), dep('44.0.3', 2)]),
        PARAMS_5,
        undefined
      ],
      [
        'D8: appending 44.0.2@1 with a 7-byte bundle checksum is refused',
        runtime([dep('44.0.1', 0), dep('44.0.2', 1, { bundle_checksum: new Uint8Array(7) })]),
        {},
        'D8'
      ]
    ]
    it.each(cases)('%s', (_title, rt, params, rule) => {
      const frozen = deepFreeze(rt)
      const direct = validateDeployments(frozen, 10, params)
      // VerifyRuntime runs these checks for every registration; genesis allows the past deployment.
      const registration = verifyRuntimeNew(frozen, 10, { ...params, enable_runtime_governance_models: ALL_MODELS }, undefined, {
        isGenesis: true
      })
      if (rule === undefined) {
        expect(right(direct)).toBe(frozen)
        expect(right(registration)).toBe(frozen)
      } else {
        expect(left(direct).rule).toBe(rule)
        expect(left(registration).rule).toBe(rule)
      }
    })
  })

  // -----------------------------------------------------------------------------------------------
  // D0, D1, D2, D3
  // -----------------------------------------------------------------------------------------------
  it('D0: registration and update verification refuse absent or empty deployments first', () => {
    for (const rt of [runtime(undefined), runtime([])]) {
      expect(left(verifyRuntimeNew(rt, 10, {}, undefined, { isGenesis: true }))._tag).toBe('NoDeploymentInfo')
      expect(left(verifyRuntimeUpdate(runtime([dep('1.0.0', 0)]), rt, 10, {})).rule).toBe('D0')
    }
    // D0 comes before the TEE hardware check and D1–D9.
    expect(left(verifyRuntimeNew(runtime([], { tee_hardware: 7 }), 10, {}))._tag).toBe('NoDeploymentInfo')
  })

  it('D1: validateDeployments refuses absent or empty deployments', () => {
    expect(left(validateDeployments(runtime(undefined), 10, {}))._tag).toBe('NoDeployments')
    expect(left(validateDeployments(runtime([]), 10, {})).rule).toBe('D1')
  })

  it.each([
    [undefined, 2],
    [0, 2],
    [1, 2],
    [2, 2],
    [5, 5],
    [255, 255]
  ])('D2: with max_runtime_deployments %s the limit is %d', (max, limit) => {
    const params: ConsensusParameters = max === undefined ? {} : { max_runtime_deployments: max }
    const many = (n: number) => runtime(Array.from({ length: n }, (_, i) => dep(`1.${i}.0`, i)))
    expect(validateDeployments(many(limit), 1000, params)._tag).toBe('Right')
    const e = left(validateDeployments(many(limit + 1), 1000, params))
    expect(e).toMatchObject({ _tag: 'TooManyDeployments', rule: 'D2', count: limit + 1, limit })
  })

  it('D2: the count check runs before the null check (D3)', () => {
    const rt = withNull(runtime([dep('1.0.0', 0), dep('1.1.0', 1)]), 0)
    expect(left(validateDeployments(rt, 10, {})).rule).toBe('D2')
    expect(left(validateDeployments(rt, 10, PARAMS_5)).rule).toBe('D3')
  })

  it('D3: a null entry is refused with its lowest index', () => {
    const rt = withNull(withNull(runtime([dep('1.0.0', 0), dep('1.1.0', 1)]), 2), 1)
    expect(left(validateDeployments(rt, 10, PARAMS_5))).toMatchObject({ _tag: 'NilDeployment', rule: 'D3', index: 1 })
  })

  // -----------------------------------------------------------------------------------------------
  // DX1, DX2
  // -----------------------------------------------------------------------------------------------
  it.each([
    ['version.major', { version: { major: 70000 }, valid_from: 0 }],
    ['version.minor', { version: { minor: -1 }, valid_from: 0 }],
    ['version.patch', { version: { patch: 1.5 }, valid_from: 0 }],
    ['version', { version: null, valid_from: 0 }],
    ['valid_from', { version: {}, valid_from: 1.5 }],
    ['valid_from', { version: {}, valid_from: 2 ** 60 }],
    ['valid_from', { version: {}, valid_from: -1n }],
    ['valid_from', { version: {}, valid_from: 1n << 64n }],
    ['valid_from', { version: {}, valid_from: '5' }],
    ['tee', { version: {}, valid_from: 0, tee: 'abc' }],
    ['bundle_checksum', { version: {}, valid_from: 0, bundle_checksum: [1, 2] }]
  ])('DX1: a malformed %s is refused, naming the index and field', (field, bad) => {
    const rt = { ...runtime([dep('1.0.0', 0)]), deployments: [dep('0.1.0', 0), bad] } as unknown as Runtime
    expect(left(validateDeployments(rt, 10, {}))).toMatchObject({ _tag: 'MalformedDeployment', rule: 'DX1', index: 1, field })
  })

  it('DX1: a non-array deployments field or a non-object entry is refused', () => {
    const notArray = { ...runtime([]), deployments: 'x' } as unknown as Runtime
    expect(left(validateDeployments(notArray, 10, {}))).toMatchObject({ rule: 'DX1', field: 'deployments' })
    const notObject = { ...runtime([]), deployments: [5] } as unknown as Runtime
    expect(left(validateDeployments(notObject, 10, {}))).toMatchObject({ rule: 'DX1', index: 0 })
  })

  it('DX1: bigint epochs and bigint-safe values are well-formed', () => {
    const rt = runtime([dep('1.0.0', 5n), dep('2.0.0', (1n << 64n) - 1n)])
    expect(validateDeployments(rt, (1n << 64n) - 1n, {})._tag).toBe('Right')
  })

  it.each([
    ['now', 1.5, {}, undefined],
    ['now', -1, {}, undefined],
    ['now', 2 ** 60, {}, undefined],
    ['now', 1n << 64n, {}, undefined],
    ['params.max_runtime_deployments', 10, { max_runtime_deployments: 300 }, undefined],
    ['params.max_runtime_deployments', 10, { max_runtime_deployments: 2.5 }, undefined],
    ['policy.minLeadEpochs', 10, {}, { minLeadEpochs: -3 }],
    ['policy.freezeEpochs', 10, {}, { freezeEpochs: 0.5 }],
    ['policy.noPendingDowngrade', 10, {}, { noPendingDowngrade: 'yes' }],
    ['policy.maxFutureDeployments', 10, {}, { maxFutureDeployments: -1 }]
  ])('DX2: a malformed %s is refused', (argument, now, params, policy) => {
    const rt = runtime([dep('1.0.0', 0)])
    const e = left(validateDeployments(rt, now as number, params as ConsensusParameters, { policy: policy as never }))
    expect(e).toMatchObject({ _tag: 'MalformedArgument', rule: 'DX2', argument })
    expect(left(verifyRuntimeUpdate(rt, rt, now as number, params as ConsensusParameters, policy as never)).rule).toBe('DX2')
  })

  it('DX2: an options argument that is not an object is refused as a value (argument options), in each entry point', () => {
    const rt = runtime([dep('1.0.0', 5)])
    for (const options of [null, 7, 'x']) {
      expect(left(validateDeployments(rt, 1, PARAMS_5, options as never))).toMatchObject({ rule: 'DX2', argument: 'options' })
      expect(left(verifyRuntimeNew(rt, 1, PARAMS_5, undefined, options as never))).toMatchObject({ rule: 'DX2', argument: 'options' })
      expect(left(verifyRuntimeUpdate(rt, rt, 1, PARAMS_5, undefined, options as never))).toMatchObject({ rule: 'DX2', argument: 'options' })
    }
    // validateDeployments reads its policy from the options, so they are checked before `now`.
    expect(left(validateDeployments(rt, -1, PARAMS_5, null as never))).toMatchObject({ argument: 'options' })
    // The other entry points check `now` and `params` first.
    expect(left(verifyRuntimeNew(rt, -1, PARAMS_5, undefined, null as never))).toMatchObject({ argument: 'now' })
  })

  // -----------------------------------------------------------------------------------------------
  // D4, D5, D6
  // -----------------------------------------------------------------------------------------------
  it('D4: a repeated version is refused as oasis-core walks: [2.0.0@200, 2.0.0@50, 1.0.0@100] at 0 is D4, not D5', () => {
    const e = left(validateDeployments(runtime([dep('2.0.0', 200), dep('2.0.0', 50), dep('1.0.0', 100)]), 0, PARAMS_5))
    expect(e).toMatchObject({ _tag: 'DuplicateVersion', rule: 'D4', deployment: { valid_from: 50 }, other: { valid_from: 200 } })
    expect(oasisError(e)).toEqual({ module: 'registry', code: 1, message: 'registry: invalid argument: duplicate version' })
    // The same entries with the duplicate first in the array: 2.0.0@50 then 2.0.0@200 walk in that order.
    expect(left(validateDeployments(runtime([dep('2.0.0', 50), dep('2.0.0', 200), dep('1.0.0', 100)]), 0, PARAMS_5))).toMatchObject({
      _tag: 'VersionsNotIncreasing',
      deployment: { valid_from: 50 }
    })
  })

  it('D4: D4 against D8 follows the array order among entries of one version', () => {
    const bad = dep('1.0.0', 0, { bundle_checksum: new Uint8Array(7) })
    expect(left(validateDeployments(runtime([bad, dep('1.0.0', 5)]), 10, PARAMS_5)).rule).toBe('D8')
    expect(left(validateDeployments(runtime([dep('1.0.0', 5), bad]), 10, PARAMS_5)).rule).toBe('D4')
  })

  it('D5: D5 against D7 follows the array order among entries of one version', () => {
    // 1.0.0@300 (with a tee, refused without TEE hardware) and 1.0.0@100 after 0.9.0@200.
    const withTee = dep('1.0.0', 300, { tee: SGX_V0 })
    expect(left(validateDeployments(runtime([withTee, dep('1.0.0', 100), dep('0.9.0', 200)]), 400, PARAMS_5)).rule).toBe('D7')
    expect(left(validateDeployments(runtime([dep('1.0.0', 100), withTee, dep('0.9.0', 200)]), 400, PARAMS_5)).rule).toBe('D5')
  })

  it('D7: NoEnclaves (code 5) against InvalidSgxConstraints (code 1) follows the array order among entries of one version', () => {
    const noEnclaves = dep('1.0.0', 0, { tee: Uint8Array.of(0xa0) })
    const undecodable = dep('1.0.0', 5, { tee: Uint8Array.of(0xff) })
    const a = left(validateDeployments(sgxRuntime([noEnclaves, undecodable]), 10, PARAMS_5))
    expect(a).toMatchObject({ _tag: 'NoEnclaves' })
    expect(oasisError(a)).toEqual({
      module: 'registry',
      code: 5,
      message: 'registry: no enclaves for TEE runtime registration: invalid SGX TEE constraints'
    })
    const b = left(validateDeployments(sgxRuntime([undecodable, noEnclaves]), 10, PARAMS_5))
    expect(b).toMatchObject({ _tag: 'InvalidSgxConstraints', problem: 'undecodable' })
    expect(oasisError(b)?.code).toBe(1)
  })

  it('D4: a version may appear only once, whatever the spelling of zero parts', () => {
    const rt = runtime([{ version: { major: 1 }, valid_from: 0 }, { version: { major: 1, minor: 0, patch: 0 }, valid_from: 5 }])
    const e = left(validateDeployments(rt, 10, {}))
    expect(e).toMatchObject({ _tag: 'DuplicateVersion', rule: 'D4' })
    expect(e.message).toContain('1.0.0')
  })

  it('D5: rejects a higher version with an earlier valid_from', () => {
    const e = left(validateDeployments(runtime([dep('1.4.0', 100), dep('1.5.0', 90)]), 10, {}))
    expect(e).toMatchObject({
      _tag: 'VersionsNotIncreasing',
      rule: 'D5',
      deployment: { version: ver('1.5.0'), valid_from: 90 },
      previous: { version: ver('1.4.0'), valid_from: 100 }
    })
  })

  it('D5: rejects two versions with the same valid_from', () => {
    expect(left(validateDeployments(runtime([dep('1.4.0', 100), dep('1.5.0', 100)]), 10, {})).rule).toBe('D5')
  })

  it('D5: rejects a downgrade (a later deployment with a lower version)', () => {
    expect(left(validateDeployments(runtime([dep('2.0.0', 0), dep('1.9.0', 20)]), 10, {})).rule).toBe('D5')
  })

  it('D5: the array order itself is not constrained', () => {
    expect(validateDeployments(runtime([dep('1.1.0', 20), dep('1.0.0', 0)]), 10, {})._tag).toBe('Right')
  })

  it('D5: valid_from is compared exactly beyond 2^53 (number against bigint)', () => {
    const near = 2n ** 53n
    expect(validateDeployments(runtime([dep('1.0.0', 9007199254740991), dep('1.1.0', near)]), near, {})._tag).toBe('Right')
    expect(left(validateDeployments(runtime([dep('1.0.0', near), dep('1.1.0', 9007199254740991)]), near, {})).rule).toBe('D5')
  })

  it('D6: a deployment starting exactly at now is active, not future', () => {
    const rt = runtime([dep('1.0.0', 5), dep('1.1.0', 10), dep('1.2.0', 11)])
    expect(validateDeployments(rt, 10, PARAMS_5)._tag).toBe('Right')
    expect(left(validateDeployments(rt, 9, PARAMS_5)).rule).toBe('D9')
  })

  // -----------------------------------------------------------------------------------------------
  // D7
  // -----------------------------------------------------------------------------------------------
  it('D7: without TEE hardware, any present tee is refused, even an empty one', () => {
    expect(left(validateDeployments(runtime([dep('1.0.0', 0, { tee: SGX_V0 })]), 10, {}))._tag).toBe('TeeWithoutHardware')
    expect(left(validateDeployments(runtime([dep('1.0.0', 0, { tee: new Uint8Array(0) })]), 10, {})).rule).toBe('D7')
    expect(validateDeployments(runtime([dep('1.0.0', 0)]), 10, {})._tag).toBe('Right')
  })

  it('D7: SGX v0 constraints (upstream test vector) are valid without TEE features', () => {
    expect(validateDeployments(sgxRuntime([dep('1.0.0', 0, { tee: SGX_V0 })]), 10, {})._tag).toBe('Right')
  })

  it('D7: a tee with a byte after its constraints is read as oasis-core reads it by default, and refused with strict (CX1)', () => {
    const trailing = Uint8Array.from([...SGX_V0, 0x00])
    const rt = sgxRuntime([dep('1.0.0', 20, { tee: trailing })])
    expect(validateDeployments(rt, 10, {})._tag).toBe('Right')
    const e = left(validateDeployments(rt, 10, {}, { strict: true }))
    expect(e).toMatchObject({ _tag: 'InvalidSgxConstraints', rule: 'D7', problem: 'undecodable' })
    if (e._tag === 'InvalidSgxConstraints') expect(e.decodeError?.rule).toBe('CX1')
    // The option reaches D7 through VerifyRuntime too, for a new runtime and for an update.
    const nr = verifyRuntimeNew(rt, 10, PARAMS_5, undefined, { strict: true })
    expect(E.isLeft(nr) && nr.left.rule).toBe('D7')
    expect(right(verifyRuntimeNew(rt, 10, PARAMS_5))).toBe(rt)
    const up = verifyRuntimeUpdate(rt, rt, 10, PARAMS_5, undefined, { strict: true })
    expect(E.isLeft(up) && up.left.rule).toBe('D7')
    expect(right(verifyRuntimeUpdate(rt, rt, 10, PARAMS_5))).toBe(rt)
  })

  it('D7: with SGX, an absent tee reads as empty constraints and fails for lack of enclaves', () => {
    expect(left(validateDeployments(sgxRuntime([dep('1.0.0', 0)]), 10, {}))).toMatchObject({ _tag: 'NoEnclaves', rule: 'D7' })
  })

  it('D7: with SGX, a present but empty tee is not decodable', () => {
    const e = left(validateDeployments(sgxRuntime([dep('1.0.0', 0, { tee: new Uint8Array(0) })]), 10, {}))
    expect(e).toMatchObject({ _tag: 'InvalidSgxConstraints', rule: 'D7', problem: 'undecodable' })
    if (e._tag === 'InvalidSgxConstraints') expect(e.decodeError?._tag).toBe('Truncated')
  })

  it('D7: with SGX, bytes that are not SGX constraints are refused', () => {
    const e = left(validateDeployments(sgxRuntime([dep('1.0.0', 0, { tee: Uint8Array.of(0xa1, 0x61, 0x78, 0x01) })]), 10, {}))
    expect(e).toMatchObject({ _tag: 'InvalidSgxConstraints', problem: 'undecodable' })
  })

  it('D7: v0 constraints without enclaves are refused', () => {
    expect(left(validateDeployments(sgxRuntime([dep('1.0.0', 0, { tee: Uint8Array.of(0xa0) })]), 10, {}))._tag).toBe('NoEnclaves')
  })

  it('D7: v1 constraints need tee_features.sgx.pcs', () => {
    const rt = sgxRuntime([dep('1.0.0', 0, { tee: SGX_V1 })])
    expect(left(validateDeployments(rt, 10, {}))).toMatchObject({ _tag: 'InvalidSgxConstraints', problem: 'pcs-not-enabled' })
    const noPcs: ConsensusParameters = { tee_features: { sgx: { pcs: false }, freshness_proofs: false } }
    expect(left(validateDeployments(rt, 10, noPcs))).toMatchObject({ problem: 'pcs-not-enabled' })
    expect(validateDeployments(rt, 10, pcsParams())._tag).toBe('Right')
  })

  it('D7: v1 constraints without enclaves are refused even with PCS', () => {
    expect(left(validateDeployments(sgxRuntime([dep('1.0.0', 0, { tee: SGX_V1_EMPTY })]), 10, pcsParams()))._tag).toBe(
      'NoEnclaves'
    )
  })

  it('D7: a TDX policy needs tee_features.sgx.tdx (checked after PCS)', () => {
    const rt = sgxRuntime([dep('1.0.0', 0, { tee: SGX_V1_TDX })])
    expect(left(validateDeployments(rt, 10, {}))).toMatchObject({ problem: 'pcs-not-enabled' })
    expect(left(validateDeployments(rt, 10, pcsParams()))).toMatchObject({ problem: 'tdx-not-enabled' })
    expect(validateDeployments(rt, 10, pcsParams(true))._tag).toBe('Right')
  })

  it('D7: a non-empty fmspc_whitelist needs consensus feature version 26.1', () => {
    const rt = sgxRuntime([dep('1.0.0', 0, { tee: SGX_V1_FMSPC })])
    expect(left(validateDeployments(rt, 10, pcsParams()))).toMatchObject({ problem: 'fmspc-whitelist-not-allowed' })
    expect(validateDeployments(rt, 10, pcsParams(), { isFeatureVersion261: true })._tag).toBe('Right')
    const empty = sgx({
      v: 1,
      enclaves: [{ mr_enclave: new Uint8Array(32), mr_signer: new Uint8Array(32) }],
      policy: { pcs: { tcb_validity_period: 1, min_tcb_evaluation_data_number: 1, fmspc_whitelist: [] } }
    })
    expect(validateDeployments(sgxRuntime([dep('1.0.0', 0, { tee: empty })]), 10, pcsParams())._tag).toBe('Right')
  })

  it('D7: TEE hardware other than 0 and 1 is refused', () => {
    const e = left(validateDeployments(runtime([dep('1.0.0', 0)], { tee_hardware: 2 }), 10, {}))
    expect(e).toMatchObject({ _tag: 'InvalidTeeHardware', rule: 'D7', tee_hardware: 2 })
    // Registration checks the hardware before D1–D9 (VerifyRuntime order).
    const both = runtime([dep('1.0.0', 0), dep('1.0.0', 1)], { tee_hardware: 2 })
    expect(left(validateDeployments(both, 10, {})).rule).toBe('D7')
    expect(left(verifyRuntimeNew(runtime([dep('1.0.0', 0), dep('0.9.0', 1)], { tee_hardware: 2 }), 10, PARAMS))._tag).toBe(
      'InvalidTeeHardware'
    )
  })

  it('D7: checks run per deployment in version order (a lower version’s D7 before a higher one’s D5)', () => {
    const rt = runtime([dep('2.0.0', 0), dep('1.0.0', 0, { tee: SGX_V0 })])
    expect(left(validateDeployments(rt, 10, {}))._tag).toBe('TeeWithoutHardware')
    const swapped = runtime([dep('2.0.0', 0, { tee: SGX_V0 }), dep('1.0.0', 0)])
    expect(left(validateDeployments(swapped, 10, {}))._tag).toBe('VersionsNotIncreasing')
  })

  // -----------------------------------------------------------------------------------------------
  // D8, D9
  // -----------------------------------------------------------------------------------------------
  it.each([
    [0, true],
    [32, true],
    [1, false],
    [7, false],
    [31, false],
    [33, false],
    [64, false]
  ])('D8: a %d-byte bundle checksum is valid: %s', (length, ok) => {
    const r = validateDeployments(runtime([dep('1.0.0', 0, { bundle_checksum: new Uint8Array(length) })]), 10, {})
    if (ok) expect(r._tag).toBe('Right')
    else expect(left(r)).toMatchObject({ _tag: 'InvalidBundleChecksum', rule: 'D8', length })
  })

  it('D9: more than one future deployment is refused, listing them', () => {
    const e = left(validateDeployments(runtime([dep('1.0.0', 0), dep('1.1.0', 20), dep('1.2.0', 30)]), 10, PARAMS_5))
    expect(e).toMatchObject({ _tag: 'MoreThanOneFutureDeployment', rule: 'D9', now: 10 })
    if (e._tag === 'MoreThanOneFutureDeployment') expect(e.future.map((d) => d.valid_from)).toEqual([20, 30])
    expect(e.message).toContain('1.1.0, 1.2.0')
  })

  it('D9: all deployments in the future counts too; D8 is reported before D9', () => {
    expect(left(validateDeployments(runtime([dep('1.0.0', 20), dep('1.1.0', 30)]), 10, {})).rule).toBe('D9')
    const rt = runtime([dep('1.0.0', 20), dep('1.1.0', 30, { bundle_checksum: new Uint8Array(3) })])
    expect(left(validateDeployments(rt, 10, {})).rule).toBe('D8')
  })

  // -----------------------------------------------------------------------------------------------
  // properties
  // -----------------------------------------------------------------------------------------------
  it('D5: every generated valid scenario validates, and no future count exceeds one', () => {
    fc.assert(
      fc.property(validScenario(1), ({ rt, now }) => {
        expect(right(validateDeployments(deepFreeze(rt), now, PARAMS_5))).toBe(rt)
      })
    )
  })

  it('D4: acceptance never depends on the array order; the refusal only where a version repeats', () => {
    fc.assert(
      fc.property(anyRuntime, anyEpoch, fc.integer(), (rt, now, seed) => {
        const other = { ...rt, deployments: shuffle(rt.deployments ?? [], seed) }
        const a = validateDeployments(rt, now, PARAMS_5)
        const b = validateDeployments(other, now, PARAMS_5)
        expect(a._tag).toBe(b._tag)
        const versions = (rt.deployments ?? []).map((d) => versionToU64(d.version))
        if (E.isLeft(a) && E.isLeft(b) && new Set(versions).size === versions.length) {
          expect([b.left._tag, b.left.rule, b.left.message]).toEqual([a.left._tag, a.left.rule, a.left.message])
        }
      })
    )
  })

  it('D4: the walk is a stable sort by version only, as oasis-core walks: a reordering of one version changes only which refusal comes first', () => {
    fc.assert(
      fc.property(anyRuntime, anyEpoch, (rt, now) => {
        // Sorting by version (stable) keeps every entry's place among those of its version.
        const sorted = { ...rt, deployments: [...(rt.deployments ?? [])].sort((x, y) => versionToU64(x.version) - versionToU64(y.version)) }
        const a = validateDeployments(rt, now, PARAMS_5)
        const b = validateDeployments(sorted, now, PARAMS_5)
        expect(b._tag).toBe(a._tag)
        if (E.isLeft(a) && E.isLeft(b)) expect([b.left._tag, b.left.message]).toEqual([a.left._tag, a.left.message])
      })
    )
  })

  it('D1: validation never throws and never mutates its (deep-frozen) input', () => {
    fc.assert(
      fc.property(anyRuntime, anyEpoch, fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }), (rt, now, max) => {
        const params = deepFreeze(max === undefined ? {} : { max_runtime_deployments: max })
        const r = validateDeployments(deepFreeze(rt), now, params)
        if (E.isLeft(r)) expect(r.left.message).not.toContain('\n')
      })
    )
  })
})

