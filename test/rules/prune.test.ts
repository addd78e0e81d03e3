import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareU64 } from '../../src/internal/uint64.js'
import { STRICT_POLICY } from '../../src/rules/policy.js'
import { pruneSuperseded } from '../../src/rules/prune.js'
import type { Runtime } from '../../src/schema/runtime.js'
import { activeDeployment, nextDeployment } from '../../src/rules/selection.js'
import { verifyRuntimeUpdate } from '../../src/rules/update.js'
import { deepFreeze, right } from '../support/helpers.js'
import { anyEpoch, anyRuntime, big, dep, PARAMS_5, runtime, u64Of, validScenario } from '../support/rulesFixtures.js'

const a = dep('1.0.0', 0)
const b = dep('1.1.0', 10)
const c = dep('1.2.0', 20)
const d = dep('1.3.0', 30)

describe('pruneSuperseded', () => {
  it('PR1: drops exactly the deployments below the active one', () => {
    const rt = deepFreeze(runtime([c, a, d, b]))
    const { runtime: pruned, removed } = pruneSuperseded(rt, 25)
    expect(pruned.deployments).toEqual([c, d])
    expect(removed).toEqual([a, b])
    expect(pruned).toEqual({ ...rt, deployments: [c, d] })
  })

  it('DX2: at an epoch that is not a uint64 nothing is superseded', () => {
    const rt = runtime([dep('1.0.0', 0), dep('1.1.0', 10), dep('1.2.0', 20)])
    for (const bad of [Number.NaN, Infinity, 1.5, -1, 2n ** 64n]) {
      const r = pruneSuperseded(rt, bad)
      expect(r.removed, String(bad)).toEqual([])
      expect(r.runtime).toBe(rt)
    }
  })

  it('PR1: with no active deployment nothing is dropped', () => {
    const rt = deepFreeze(runtime([b, c]))
    expect(pruneSuperseded(rt, 5)).toEqual({ runtime: rt, removed: [] })
    expect(pruneSuperseded(runtime([]), 5).removed).toEqual([])
    expect(pruneSuperseded(runtime(undefined), 5).removed).toEqual([])
  })

  it('PR1: the deployment starting exactly at the epoch is active and supersedes the earlier ones', () => {
    expect(pruneSuperseded(deepFreeze(runtime([a, b, c])), 10).removed).toEqual([a])
  })

  it('PR2: keeps the active and future deployments in array order and returns the input when nothing is dropped', () => {
    const rt = deepFreeze(runtime([d, b, c]))
    const r = pruneSuperseded(rt, 10)
    expect(r.runtime).toBe(rt)
    expect(r.removed).toEqual([])
  })

  it('PR2: pruning twice at the same epoch drops nothing the second time', () => {
    const once = pruneSuperseded(deepFreeze(runtime([a, b, c, d])), 21).runtime
    const twice = pruneSuperseded(once, 21)
    expect(twice.runtime).toBe(once)
    expect(twice.removed).toEqual([])
  })

  it('PR2: entries validation would refuse (null) are kept in place', () => {
    const rt = { ...runtime([]), deployments: [a, null, c] } as unknown as Runtime
    expect(pruneSuperseded(rt, 25).runtime.deployments).toEqual([null, c])
  })

  it('PR1: epochs beyond 2^53 are compared exactly', () => {
    const far = 2n ** 60n
    const rt = deepFreeze(runtime([dep('1.0.0', Number.MAX_SAFE_INTEGER), dep('1.1.0', far), dep('1.2.0', far + 1n)]))
    expect(pruneSuperseded(rt, far).removed.map((x) => x.valid_from)).toEqual([Number.MAX_SAFE_INTEGER])
    expect(pruneSuperseded(rt, far - 1n).removed).toEqual([])
  })

  it('PR3: the pruned descriptor is an accepted update of the input', () => {
    const rt = deepFreeze(runtime([a, b, c, d]))
    const { runtime: pruned } = pruneSuperseded(rt, 25)
    expect(right(verifyRuntimeUpdate(rt, pruned, 25, PARAMS_5))).toBe(pruned)
  })

  // -----------------------------------------------------------------------------------------------
  // properties
  // -----------------------------------------------------------------------------------------------
  it('PR2: idempotent for every descriptor and epoch', () => {
    fc.assert(
      fc.property(anyRuntime, anyEpoch, (rt, e) => {
        const once = pruneSuperseded(deepFreeze(rt), e).runtime
        const twice = pruneSuperseded(once, e)
        expect(twice.runtime).toBe(once)
        expect(twice.removed).toEqual([])
      })
    )
  })

  it('PR3: selection is unchanged at every epoch from the prune epoch on', () => {
    fc.assert(
      fc.property(validScenario(3), fc.array(fc.bigInt({ min: 0n, max: 120n }), { maxLength: 6 }), ({ rt, now }, offsets) => {
        const { runtime: pruned } = pruneSuperseded(deepFreeze(rt), now)
        for (const off of [0n, 1n, ...offsets]) {
          const e = u64Of(big(now) + off)
          expect(activeDeployment(pruned, e)).toBe(activeDeployment(rt, e))
          expect(nextDeployment(pruned, e)).toBe(nextDeployment(rt, e))
        }
      })
    )
  })

  it('PR3: the pruned descriptor passes verifyRuntimeUpdate against its input, with or without a policy', () => {
    fc.assert(
      fc.property(validScenario(3), ({ rt, now }) => {
        const input = deepFreeze(rt)
        const { runtime: pruned, removed } = pruneSuperseded(input, now)
        const policy = { ...STRICT_POLICY, maxFutureDeployments: 3 }
        expect(right(verifyRuntimeUpdate(input, pruned, now, PARAMS_5, policy))).toBe(pruned)
        const pending = (input.deployments ?? []).filter((x) => compareU64(x.valid_from, now) > 0).length
        if (pending <= 1) expect(right(verifyRuntimeUpdate(input, pruned, now, PARAMS_5))).toBe(pruned)
        // PR1: everything removed started before the active deployment.
        const active = activeDeployment(input, now)!
        for (const x of removed) expect(compareU64(x.valid_from, active.valid_from)).toBe(-1)
        expect((pruned.deployments ?? []).length + removed.length).toBe((input.deployments ?? []).length)
      })
    )
  })
})
