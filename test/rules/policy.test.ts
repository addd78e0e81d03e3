import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { futureDeploymentLimit, type Policy, STRICT_POLICY } from '../../src/rules/policy.js'
import type { Runtime } from '../../src/schema/runtime.js'
import { verifyRuntimeNew, verifyRuntimeUpdate } from '../../src/rules/update.js'
import { validateDeployments } from '../../src/rules/validation.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import { anyEpoch, anyRuntime, checksum, dep, PARAMS, PARAMS_5, runtime, SGX_V0, sgx, enclave, withDeployments } from '../support/rulesFixtures.js'

const NOW = 1250
const v140 = dep('1.4.0', 1200)
/** 1.4.0 active at NOW. */
const active = deepFreeze(runtime([v140]))
/** 1.4.0 active, 1.5.0 pending from `validFrom`. */
const pendingAt = (validFrom: number, extra = {}) => deepFreeze(runtime([v140, dep('1.5.0', validFrom, extra)]))

const update = (from: Runtime, to: Runtime, policy?: Policy) => verifyRuntimeUpdate(from, deepFreeze(to), NOW, PARAMS_5, policy)
const ok = (from: Runtime, to: Runtime, policy?: Policy) => expect(right(update(from, to, policy))).toBe(to)
const no = (from: Runtime, to: Runtime, policy?: Policy) => left(update(from, to, policy))

describe('policy', () => {
  // -----------------------------------------------------------------------------------------------
  // PX1 minimum lead time
  // -----------------------------------------------------------------------------------------------
  describe('PX1', () => {
    const lead: Policy = { minLeadEpochs: 4 }

    it('PX1: off, a deployment may start the epoch after now', () => {
      ok(active, runtime([v140, dep('1.5.0', 1251)]))
      ok(active, runtime([v140, dep('1.5.0', 1251)]), {})
    })

    it('PX1: on, a new deployment must start at now + minLeadEpochs or later', () => {
      const e = no(active, runtime([v140, dep('1.5.0', 1253)]), lead)
      expect(e).toMatchObject({ _tag: 'LeadTimeTooShort', rule: 'PX1', earliest: 1254, minLeadEpochs: 4, now: NOW })
      expect(e.message).toBe(
        'deployment 1.5.0 (valid_from 1253) starts too soon: with a lead time of 4 epochs it must start at epoch 1254 or later (now is 1250)'
      )
      ok(active, runtime([v140, dep('1.5.0', 1254)]), lead)
    })

    it('PX1: on, an amended pending deployment needs the lead time; an unchanged one does not', () => {
      const pending = pendingAt(1252)
      expect(no(pending, runtime([v140, dep('1.5.0', 1252, { bundle_checksum: checksum(1) })]), lead).rule).toBe('PX1')
      ok(pending, runtime([v140, dep('1.5.0', 1252)]), lead)
      ok(pending, runtime([v140, dep('1.5.0', 1260, { bundle_checksum: checksum(1) })]), lead)
    })

    it('PX1: on, a new registration needs the lead time, except at genesis', () => {
      expect(left(verifyRuntimeNew(runtime([dep('1.0.0', 12)]), 10, PARAMS, lead)).rule).toBe('PX1')
      expect(verifyRuntimeNew(runtime([dep('1.0.0', 14)]), 10, PARAMS, lead)._tag).toBe('Right')
      expect(verifyRuntimeNew(runtime([dep('1.0.0', 0), dep('1.1.0', 12)]), 10, PARAMS, lead, { isGenesis: true })._tag).toBe('Right')
      expect(verifyRuntimeNew(runtime([dep('1.0.0', 12)]), 10, PARAMS)._tag).toBe('Right')
    })

    it('PX1: the earliest epoch is exact near 2^64', () => {
      const now = (1n << 64n) - 10n
      const stored = deepFreeze(runtime([dep('1.0.0', 5)]))
      const e = left(verifyRuntimeUpdate(stored, runtime([dep('1.0.0', 5), dep('2.0.0', now + 3n)]), now, PARAMS, lead))
      expect(e).toMatchObject({ rule: 'PX1', earliest: now + 4n })
      expect(verifyRuntimeUpdate(stored, runtime([dep('1.0.0', 5), dep('2.0.0', now + 4n)]), now, PARAMS, lead)._tag).toBe('Right')
    })

    it('PX1: oasis-core rules are reported first (a retroactive addition is U8, not PX1)', () => {
      expect(no(active, runtime([v140, dep('1.5.0', 1250)]), lead).rule).toBe('U8')
    })
  })

  // -----------------------------------------------------------------------------------------------
  // PX2 freeze window
  // -----------------------------------------------------------------------------------------------
  describe('PX2', () => {
    const freeze: Policy = { freezeEpochs: 5 }

    it('PX2: off, a pending deployment may be cancelled or amended until it starts', () => {
      ok(pendingAt(1251), active)
      ok(pendingAt(1251), runtime([v140, dep('1.5.0', 1252)]))
    })

    it('PX2: on, a pending deployment within the window cannot be cancelled', () => {
      const e = no(pendingAt(1255), active, freeze)
      expect(e).toMatchObject({ _tag: 'DeploymentFrozen', rule: 'PX2', change: 'cancelled', deployment: { valid_from: 1255 } })
      expect(e.message).toBe('deployment 1.5.0 (valid_from 1255) cannot be cancelled: it is frozen within 5 epochs of its start (now is 1250)')
    })

    it('PX2: on, a pending deployment within the window cannot be amended, nor replaced by another version', () => {
      expect(no(pendingAt(1255), runtime([v140, dep('1.5.0', 1258)]), freeze)).toMatchObject({ rule: 'PX2', change: 'amended' })
      expect(no(pendingAt(1255), runtime([v140, dep('1.6.0', 1255)]), freeze)).toMatchObject({ rule: 'PX2', change: 'cancelled' })
      ok(pendingAt(1255), runtime([v140, dep('1.5.0', 1255)]), freeze)
    })

    it('PX2: on, a pending deployment starting after the window can still be amended or cancelled', () => {
      ok(pendingAt(1256), active, freeze)
      ok(pendingAt(1256), runtime([v140, dep('1.5.0', 1300)]), freeze)
    })
  })

  // -----------------------------------------------------------------------------------------------
  // PX3 no pending downgrade
  // -----------------------------------------------------------------------------------------------
  describe('PX3', () => {
    const noDowngrade: Policy = { noPendingDowngrade: true }

    it('PX3: off, a pending deployment may be replaced by a lower version (oasis-core #5962)', () => {
      ok(pendingAt(1300), runtime([v140, dep('1.4.1', 1300)]))
    })

    it('PX3: on, a pending deployment cannot be replaced by a lower version', () => {
      const e = no(pendingAt(1300), runtime([v140, dep('1.4.1', 1300)]), noDowngrade)
      expect(e).toMatchObject({ _tag: 'PendingDowngrade', rule: 'PX3', deployment: { valid_from: 1300 }, pending: { valid_from: 1300 } })
      expect(e.message).toBe(
        'deployment 1.4.1 (valid_from 1300) would schedule a lower version than the pending deployment 1.5.0 (valid_from 1300): schedule a higher version instead'
      )
    })

    it('PX3: on, replacing with a higher version, cancelling, or amending the same version is allowed', () => {
      ok(pendingAt(1300), runtime([v140, dep('1.6.0', 1300)]), noDowngrade)
      ok(pendingAt(1300), active, noDowngrade)
      ok(pendingAt(1300), runtime([v140, dep('1.5.0', 1400)]), noDowngrade)
    })

    it('PX3: on, with several pending deployments, a new one below a pending version is refused', () => {
      const policy: Policy = { noPendingDowngrade: true, maxFutureDeployments: 3 }
      const two = deepFreeze(runtime([v140, dep('1.5.0', 1300), dep('1.7.0', 1400)]))
      expect(no(two, runtime([v140, dep('1.5.0', 1300), dep('1.6.0', 1350), dep('1.7.0', 1400)]), policy).rule).toBe('PX3')
      ok(two, runtime([v140, dep('1.5.0', 1300), dep('1.7.0', 1400), dep('1.8.0', 1500)]), policy)
    })
  })

  // -----------------------------------------------------------------------------------------------
  // PX4 identity of a scheduled version
  // -----------------------------------------------------------------------------------------------
  describe('PX4', () => {
    const frozenIdentity: Policy = { immutableScheduledIdentity: true }
    const sgxPending = deepFreeze(runtime([dep('1.4.0', 1200, { tee: SGX_V0 }), dep('1.5.0', 1300, { tee: SGX_V0 })], { tee_hardware: 1 }))
    const otherTee = sgx({ enclaves: [enclave(9)] })

    it('PX4: off, the tee and checksum of a scheduled version may change (oasis-core #5962)', () => {
      ok(pendingAt(1300), runtime([v140, dep('1.5.0', 1300, { bundle_checksum: checksum(1) })]))
      ok(sgxPending, withDeployments(sgxPending, [dep('1.4.0', 1200, { tee: SGX_V0 }), dep('1.5.0', 1300, { tee: otherTee })]))
    })

    it('PX4: on, the checksum of a scheduled version cannot change', () => {
      const e = no(pendingAt(1300, { bundle_checksum: checksum(1) }), runtime([v140, dep('1.5.0', 1300, { bundle_checksum: checksum(2) })]), frozenIdentity)
      expect(e).toMatchObject({ _tag: 'ScheduledIdentityChanged', rule: 'PX4', field: 'bundle_checksum' })
      expect(e.message).toBe('deployment 1.5.0 (valid_from 1300) cannot change its bundle_checksum: a new identity needs a new version')
    })

    it('PX4: on, the tee of a scheduled version cannot change', () => {
      const to = withDeployments(sgxPending, [dep('1.4.0', 1200, { tee: SGX_V0 }), dep('1.5.0', 1300, { tee: otherTee })])
      expect(no(sgxPending, to, frozenIdentity)).toMatchObject({ rule: 'PX4', field: 'tee' })
    })

    it('PX4: on, moving valid_from or scheduling a new version with a new identity is allowed', () => {
      ok(pendingAt(1300, { bundle_checksum: checksum(1) }), runtime([v140, dep('1.5.0', 1350, { bundle_checksum: checksum(1) })]), frozenIdentity)
      ok(pendingAt(1300, { bundle_checksum: checksum(1) }), runtime([v140, dep('1.5.1', 1300, { bundle_checksum: checksum(2) })]), frozenIdentity)
      // absent and empty are the same checksum
      ok(pendingAt(1300), runtime([v140, dep('1.5.0', 1300, { bundle_checksum: new Uint8Array(0) })]), frozenIdentity)
    })
  })

  // -----------------------------------------------------------------------------------------------
  // PX5 several pending deployments
  // -----------------------------------------------------------------------------------------------
  describe('PX5', () => {
    const three = runtime([v140, dep('1.5.0', 1300), dep('1.6.0', 1400), dep('1.7.0', 1500)])

    it('PX5: off, or with maxFutureDeployments 0 or 1, D9 allows one pending deployment', () => {
      expect(futureDeploymentLimit(undefined)).toBe(1)
      expect(futureDeploymentLimit({ maxFutureDeployments: 0 })).toBe(1)
      for (const policy of [undefined, {}, { maxFutureDeployments: 1 }]) {
        expect(no(active, runtime([v140, dep('1.5.0', 1300), dep('1.6.0', 1400)]), policy).rule).toBe('D9')
      }
    })

    it('PX5: on, up to maxFutureDeployments deployments may be pending', () => {
      ok(active, runtime([v140, dep('1.5.0', 1300), dep('1.6.0', 1400)]), { maxFutureDeployments: 2 })
      ok(active, three, { maxFutureDeployments: 3 })
      const e = no(active, three, { maxFutureDeployments: 2 })
      expect(e).toMatchObject({ _tag: 'TooManyFutureDeployments', rule: 'PX5', limit: 2 })
      expect(e.message).toBe('too many future deployments at epoch 1250 (1.5.0, 1.6.0, 1.7.0): at most 2 may be pending')
    })

    it('PX5: on, D2 still limits the total, and validateDeployments takes the policy as an option', () => {
      expect(left(verifyRuntimeUpdate(active, three, NOW, PARAMS, { maxFutureDeployments: 5 })).rule).toBe('D2')
      expect(validateDeployments(three, NOW, PARAMS_5, { policy: { maxFutureDeployments: 3 } })._tag).toBe('Right')
      expect(left(validateDeployments(three, NOW, PARAMS_5)).rule).toBe('D9')
    })

    it('PX5: on, a stored descriptor with several pending deployments passes U6 under the same policy', () => {
      const stored = deepFreeze(three)
      ok(stored, stored, { maxFutureDeployments: 3 })
      expect(no(stored, stored).rule).toBe('D9')
      expect(no(stored, runtime([v140, dep('1.5.0', 1300)]))).toMatchObject({ rule: 'U6', cause: { rule: 'D9' } })
    })
  })

  // -----------------------------------------------------------------------------------------------
  // PX6 admitted code identities
  // -----------------------------------------------------------------------------------------------
  describe('PX6', () => {
    const admitted = (...ids: Uint8Array[]): Policy => ({ admittedCodeIdentities: ids })
    const enclaveId = (n: number) => Uint8Array.from([...enclave(n).mr_enclave, ...enclave(n).mr_signer])
    const sgxActive = deepFreeze(runtime([dep('1.4.0', 1200, { tee: sgx({ enclaves: [enclave(1)] }) })], { tee_hardware: 1 }))

    it('PX6: off, a deployment with any identity, or none, is accepted', () => {
      ok(active, runtime([v140, dep('1.5.0', 1300, { bundle_checksum: checksum(7) })]))
      ok(active, runtime([v140, dep('1.5.0', 1300)]))
    })

    it('PX6: on, a new deployment needs its bundle checksum admitted', () => {
      const to = runtime([v140, dep('1.5.0', 1300, { bundle_checksum: checksum(7) })])
      const e = no(active, to, admitted(checksum(8)))
      expect(e).toMatchObject({ _tag: 'CodeIdentityNotAdmitted', rule: 'PX6', field: 'bundle_checksum', identity: '07'.repeat(32) })
      expect(e.message).toBe(`deployment 1.5.0 (valid_from 1300) has a code identity that is neither trusted nor endorsed (bundle_checksum ${'07'.repeat(32)})`)
      ok(active, to, admitted(checksum(8), checksum(7)))
    })

    it('PX6: on, a deployment without any code identity is refused; unchanged deployments are not judged', () => {
      expect(no(active, runtime([v140, dep('1.5.0', 1300)]), admitted(checksum(7)))).toMatchObject({ rule: 'PX6', field: 'none' })
      // 1.4.0 has no identity but is unchanged: only 1.5.0 is judged.
      ok(active, runtime([v140, dep('1.5.0', 1300, { bundle_checksum: checksum(7) })]), admitted(checksum(7)))
    })

    it('PX6: on, every SGX enclave of the tee must be admitted, as mr_enclave ‖ mr_signer', () => {
      const to = withDeployments(sgxActive, [sgxActive.deployments![0]!, dep('1.5.0', 1300, { tee: sgx({ enclaves: [enclave(2), enclave(3)] }) })])
      expect(no(sgxActive, to, admitted(enclaveId(2)))).toMatchObject({ rule: 'PX6', field: 'tee', identity: Buffer.from(enclaveId(3)).toString('hex') })
      ok(sgxActive, to, admitted(enclaveId(3), enclaveId(2)))
    })

    it('PX6: on, an amended deployment is judged again; a new registration too, except at genesis', () => {
      const pending = pendingAt(1300, { bundle_checksum: checksum(7) })
      expect(no(pending, runtime([v140, dep('1.5.0', 1300, { bundle_checksum: checksum(9) })]), admitted(checksum(7))).rule).toBe('PX6')
      const fresh = runtime([dep('1.0.0', 20, { bundle_checksum: checksum(5) })])
      expect(left(verifyRuntimeNew(fresh, 10, PARAMS, admitted())).rule).toBe('PX6')
      expect(verifyRuntimeNew(fresh, 10, PARAMS, admitted(checksum(5)))._tag).toBe('Right')
      expect(verifyRuntimeNew(fresh, 10, PARAMS, admitted(), { isGenesis: true })._tag).toBe('Right')
    })

    it('PX6: a malformed list is a DX2 argument error', () => {
      expect(no(active, active, { admittedCodeIdentities: ['00'] as never })).toMatchObject({ rule: 'DX2', argument: 'policy.admittedCodeIdentities' })
    })
  })

  // -----------------------------------------------------------------------------------------------
  // all together
  // -----------------------------------------------------------------------------------------------
  it('PX1: STRICT_POLICY is frozen and combines the rules', () => {
    expect(Object.isFrozen(STRICT_POLICY)).toBe(true)
    expect(no(active, runtime([v140, dep('1.5.0', 1253)]), STRICT_POLICY).rule).toBe('PX1')
    expect(no(pendingAt(1252), active, STRICT_POLICY).rule).toBe('PX2')
    ok(active, runtime([v140, dep('1.5.0', 1254)]), STRICT_POLICY)
  })

  it('PX5: an empty policy behaves exactly as no policy', () => {
    fc.assert(
      fc.property(anyRuntime, anyRuntime, anyEpoch, (a, b, now) => {
        expect(verifyRuntimeUpdate(a, b, now, PARAMS_5, {})).toEqual(verifyRuntimeUpdate(a, b, now, PARAMS_5))
        expect(verifyRuntimeNew(b, now, PARAMS_5, {})).toEqual(verifyRuntimeNew(b, now, PARAMS_5))
      })
    )
  })

  it('PX2: a policy never accepts an update that oasis-core refuses', () => {
    fc.assert(
      fc.property(anyRuntime, anyRuntime, anyEpoch, (a, b, now) => {
        const upstream = verifyRuntimeUpdate(a, b, now, PARAMS_5)
        const strict = verifyRuntimeUpdate(a, b, now, PARAMS_5, STRICT_POLICY)
        if (upstream._tag === 'Left') expect(strict).toEqual(upstream)
      })
    )
  })
})
