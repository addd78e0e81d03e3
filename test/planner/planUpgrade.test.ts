import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { MAX_U64 } from '../../src/internal/uint64.js'
import { type PlanOptions, planUpgrade, type ProposedUpgrade, type UpgradePlan, type UpgradeTarget } from '../../src/planner/planUpgrade.js'
import { STRICT_POLICY } from '../../src/rules/policy.js'
import type { Runtime, U64 } from '../../src/schema/runtime.js'
import { verifyRuntimeUpdate } from '../../src/rules/update.js'
import { versionFromU64, versionToU64 } from '../../src/rules/version.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import { NOW, v130, v140, v150 } from '../support/nodeFixtures.js'
import {
  PARAMS,
  anyEpoch,
  anyRuntime,
  checksum,
  dep,
  enclave,
  PARAMS_5,
  runtime,
  SGX_V0,
  sgx,
  validScenario,
  ver,
  withDeployments
} from '../support/rulesFixtures.js'

/** 1.3.0@1000 superseded, 1.4.0@1200 active at NOW = 1250. */
const current = deepFreeze(runtime([v130, v140]))
const pending = deepFreeze(runtime([v130, v140, v150]))
const target = (version: string, extra: Partial<UpgradeTarget> = {}): UpgradeTarget => ({ version: ver(version), ...extra })
const plan = (rt: Runtime, t: UpgradeTarget, opts: Partial<PlanOptions> = {}, now: U64 = NOW) =>
  planUpgrade(rt, deepFreeze(t), now, deepFreeze({ leadEpochs: 4, params: PARAMS_5, ...opts }))
const proposed = (e: E.Either<unknown, UpgradePlan>): ProposedUpgrade => {
  const p = right(e)
  if (p._tag !== 'ProposedUpgrade') throw new Error(`expected a proposal, got ${p._tag}`)
  return p
}

describe('planUpgrade', () => {
  // -----------------------------------------------------------------------------------------------
  // PL1–PL3
  // -----------------------------------------------------------------------------------------------
  it('PL1: the active version with the same identity needs no change', () => {
    const r = right(plan(current, target('1.4.0')))
    expect(r).toMatchObject({ _tag: 'NoChange', rule: 'PL1', status: 'active' })
    expect(r._tag === 'NoChange' && r.deployment).toBe(v140)
    expect(r.message).toBe('1.4.0 is already active since epoch 1200 with the same identity: nothing to submit')
  })

  it('PL1: a version scheduled with the same identity needs no change, wherever it starts', () => {
    const r = right(plan(pending, target('1.5.0'), { leadEpochs: 10 }))
    expect(r).toMatchObject({ _tag: 'NoChange', status: 'scheduled' })
    expect(r.message).toBe('1.5.0 is already scheduled at epoch 1300 with the same identity: nothing to submit')
    expect(right(plan(pending, target('1.5.0', { bundle_checksum: new Uint8Array(0) })))._tag).toBe('NoChange')
  })

  it('PL2: a target below the active version is a downgrade', () => {
    const e = left(plan(current, target('1.3.5')))
    expect(e).toMatchObject({ _tag: 'PlanDowngrade', rule: 'PL2', target: ver('1.3.5'), active: { valid_from: 1200 } })
    expect(e.message).toBe(
      'version 1.3.5 is below the active deployment 1.4.0 (valid_from 1200): versions only move forward; schedule a higher version instead'
    )
    expect(left(plan(current, target('1.3.0'))).rule).toBe('PL2')
  })

  it('PL3: the active version with another identity is refused: a new identity needs a new version', () => {
    expect(left(plan(current, target('1.4.0', { bundle_checksum: checksum(9) })))).toMatchObject({
      _tag: 'ActiveIdentityConflict',
      rule: 'PL3',
      field: 'bundle_checksum'
    })
    const sgxRt = deepFreeze(runtime([dep('1.4.0', 1200, { tee: SGX_V0 })], { tee_hardware: 1 }))
    expect(left(plan(sgxRt, target('1.4.0', { tee: sgx({ enclaves: [enclave(9)] }) })))).toMatchObject({ field: 'tee' })
    expect(right(plan(sgxRt, target('1.4.0', { tee: SGX_V0.slice() })))._tag).toBe('NoChange')
  })

  // -----------------------------------------------------------------------------------------------
  // PL4
  // -----------------------------------------------------------------------------------------------
  it('PL4: a new version is appended at now + leadEpochs, the other entries kept in order', () => {
    const p = proposed(plan(current, target('1.5.0', { bundle_checksum: checksum(5) })))
    expect(p).toMatchObject({ rule: 'PL4', replaced: [], pruned: [] })
    expect(p.deployment).toEqual({ version: ver('1.5.0'), valid_from: 1254, bundle_checksum: checksum(5) })
    expect(p.runtime.deployments).toEqual([v130, v140, p.deployment])
    expect(p.runtime.deployments![0]).toBe(v130)
    expect('tee' in p.deployment).toBe(false)
    expect(p.message).toBe('schedule 1.5.0@1254')
  })

  it('PL4: with prune, superseded deployments are dropped too', () => {
    const p = proposed(plan(current, target('1.5.0'), { prune: true }))
    expect(p.pruned).toEqual([v130])
    expect(p.runtime.deployments).toEqual([v140, p.deployment])
    expect(p.message).toBe('schedule 1.5.0@1254, pruning 1.3.0@1000')
  })

  it('PL4: a pending deployment is replaced by a higher version, or by the same version with a new identity', () => {
    const higher = proposed(plan(pending, target('1.6.0')))
    expect(higher.replaced).toEqual([v150])
    expect(higher.runtime.deployments).toEqual([v130, v140, dep('1.6.0', 1254)])
    expect(higher.message).toBe('schedule 1.6.0@1254, replacing 1.5.0@1300')
    const amended = proposed(plan(pending, target('1.5.0', { bundle_checksum: checksum(1) })))
    expect(amended.replaced).toEqual([v150])
    expect(amended.deployment).toMatchObject({ valid_from: 1254, bundle_checksum: checksum(1) })
  })

  it('PL4: a lower pending target replaces the pending one (oasis-core allows it; PX3 refuses it)', () => {
    expect(proposed(plan(pending, target('1.4.5'))).replaced).toEqual([v150])
    expect(left(plan(pending, target('1.4.5'), { policy: { noPendingDowngrade: true } }))).toMatchObject({
      _tag: 'PendingDowngrade',
      rule: 'PX3'
    })
  })

  it('PL4: with several pending deployments allowed (PX5), earlier lower ones are kept', () => {
    const policy = { maxFutureDeployments: 3 }
    const kept = proposed(plan(pending, target('1.6.0'), { leadEpochs: 60, policy }))
    expect(kept.replaced).toEqual([])
    expect(kept.runtime.deployments).toEqual([v130, v140, v150, dep('1.6.0', 1310)])
    // Starting before 1.5.0 would break D5, so 1.5.0 is replaced.
    expect(proposed(plan(pending, target('1.6.0'), { leadEpochs: 50, policy })).replaced).toEqual([v150])
    // With room for only two pending, the latest extra one goes.
    const two = deepFreeze(withDeployments(pending, [v140, v150, dep('1.6.0', 1400)]))
    const p = proposed(plan(two, target('1.7.0'), { leadEpochs: 200, policy: { maxFutureDeployments: 2 } }))
    expect(p.replaced).toEqual([dep('1.6.0', 1400)])
    expect(p.runtime.deployments).toEqual([v140, v150, dep('1.7.0', 1450)])
  })

  it('PL4: malformed arguments are refused (DX2)', () => {
    const cases: Array<[UpgradeTarget, Partial<PlanOptions>, U64, string]> = [
      [target('1.5.0'), { leadEpochs: 0 }, NOW, 'opts.leadEpochs'],
      [target('1.5.0'), { leadEpochs: -3 }, NOW, 'opts.leadEpochs'],
      [target('1.5.0'), { leadEpochs: 5 }, MAX_U64 - 1n, 'opts.leadEpochs'],
      [target('1.5.0'), { prune: 'yes' as never }, NOW, 'opts.prune'],
      [{ version: { major: 70000 } }, {}, NOW, 'target.version.major'],
      [{ version: null as never }, {}, NOW, 'target.version'],
      [{ ...target('1.5.0'), tee: [1] as never }, {}, NOW, 'target.tee'],
      [{ ...target('1.5.0'), bundle_checksum: 'ab' as never }, {}, NOW, 'target.bundle_checksum'],
      [target('1.5.0'), {}, 1.5, 'now']
    ]
    for (const [t, opts, now, argument] of cases) {
      expect(left(plan(current, t, opts, now))).toMatchObject({ _tag: 'MalformedArgument', rule: 'DX2', argument })
    }
    expect(left(planUpgrade(current, target('1.5.0'), NOW, null as never))).toMatchObject({ argument: 'opts' })
  })

  // -----------------------------------------------------------------------------------------------
  // PL5, PL6
  // -----------------------------------------------------------------------------------------------
  it('PL5: when verification refuses the proposal, its reason is returned', () => {
    expect(left(plan(current, target('1.5.0'), { params: PARAMS }))).toMatchObject({ _tag: 'TooManyDeployments', rule: 'D2' })
    expect(proposed(plan(current, target('1.5.0'), { params: PARAMS, prune: true })).runtime.deployments).toHaveLength(2)
    expect(left(plan(current, target('1.5.0'), { policy: STRICT_POLICY, leadEpochs: 3 }))).toMatchObject({
      _tag: 'LeadTimeTooShort',
      rule: 'PX1',
      earliest: 1254
    })
    const soon = deepFreeze(withDeployments(current, [v130, v140, dep('1.5.0', 1251)]))
    expect(left(plan(soon, target('1.6.0'), { policy: STRICT_POLICY }))).toMatchObject({ _tag: 'DeploymentFrozen', rule: 'PX2' })
    const sgxRt = deepFreeze(runtime([dep('1.4.0', 1200, { tee: SGX_V0 })], { tee_hardware: 1 }))
    expect(left(plan(sgxRt, target('1.5.0')))).toMatchObject({ _tag: 'NoEnclaves', rule: 'D7' })
    expect(proposed(plan(sgxRt, target('1.5.0', { tee: SGX_V0 }))).deployment.tee).toBe(SGX_V0)
    const stored = deepFreeze(runtime([dep('1.0.0', 0), dep('1.1.0', 10), dep('1.2.0', 20)]))
    expect(left(plan(stored, target('1.3.0'), { params: PARAMS, prune: true }, 25))).toMatchObject({ rule: 'U6' })
  })

  const targetAbove = (rt: Runtime, bump: number): UpgradeTarget => {
    const top = Math.max(...(rt.deployments ?? []).map((d) => versionToU64(d.version)))
    return { version: versionFromU64(top + bump) }
  }

  it('PL5: a proposal always passes verifyRuntimeUpdate (and the policy); a higher target with prune always gets one', () => {
    fc.assert(
      fc.property(
        validScenario(1),
        fc.integer({ min: 1, max: 70000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        fc.constantFrom(undefined, STRICT_POLICY, { maxFutureDeployments: 3 }),
        fc.option(fc.integer({ min: 0, max: 300000 }), { nil: undefined }),
        ({ rt, now }, bump, lead, prune, policy, anyVersion) => {
          const frozen = deepFreeze(rt)
          const t = anyVersion === undefined ? targetAbove(rt, bump) : { version: versionFromU64(anyVersion) }
          const opts = { leadEpochs: lead, prune, params: PARAMS_5, ...(policy === undefined ? {} : { policy }) }
          const r = planUpgrade(frozen, t, now, opts)
          if (E.isRight(r) && r.right._tag === 'ProposedUpgrade') {
            expect(right(verifyRuntimeUpdate(frozen, r.right.runtime, now, PARAMS_5, policy))).toBe(r.right.runtime)
          }
          if (anyVersion === undefined && prune && policy === undefined) expect(proposed(r).deployment.version).toEqual(t.version)
        }
      )
    )
  })

  it('PL6: planning the same target again gives NoChange, now and at every later epoch', () => {
    fc.assert(
      fc.property(validScenario(1), fc.integer({ min: 1, max: 70000 }), fc.integer({ min: 1, max: 30 }), fc.boolean(), ({ rt, now }, bump, lead, prune) => {
        const t = targetAbove(rt, bump)
        const planned = planUpgrade(deepFreeze(rt), t, now, { leadEpochs: lead, prune, params: PARAMS_5 })
        // Without prune a full descriptor is refused (D2); there is nothing to plan twice then.
        if (E.isLeft(planned)) {
          expect(planned.left.rule).toBe('D2')
          return
        }
        const first = proposed(planned)
        for (const later of [0n, 1n, BigInt(lead) - 1n, BigInt(lead), BigInt(lead) + 7n]) {
          const at = BigInt(now) + later
          const again = right(planUpgrade(deepFreeze(first.runtime), t, at, { leadEpochs: lead, prune, params: PARAMS_5 }))
          expect(again._tag).toBe('NoChange')
        }
      })
    )
  })

  it('PL5: planning never throws and never mutates its (deep-frozen) inputs', () => {
    fc.assert(
      fc.property(
        anyRuntime,
        anyEpoch,
        fc.record({ major: fc.nat(3), minor: fc.nat(3) }),
        fc.oneof(fc.integer({ min: 0, max: 10 }), fc.bigInt({ min: 0n, max: MAX_U64 })),
        fc.boolean(),
        (rt, now, version, lead, prune) => {
          planUpgrade(deepFreeze(rt), deepFreeze({ version }), now, deepFreeze({ leadEpochs: lead, prune, policy: STRICT_POLICY }))
        }
      )
    )
  })
})
