import { describe, expect, it } from 'vitest'
import { activeVersions } from '../../src/registry/activeVersions.js'
import { type AdvanceOptions, advanceEpoch } from '../../src/registry/advanceEpoch.js'
import { lookupRuntime, registerRuntime, runtimeState } from '../../src/registry/registry.js'
import { registryDigest } from '../../src/registry/registryDigest.js'
import { registryRefusal } from '../../src/registry/registryRefusal.js'
import { suspendRuntime } from '../../src/registry/suspension.js'
import { pruneSuperseded } from '../../src/rules/prune.js'
import { runtimeHash } from '../../src/schema/hash.js'
import type { Runtime } from '../../src/schema/runtime.js'
import { nsId, registryOf, rtN } from '../support/engineFixtures.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import { dep, PARAMS_5 } from '../support/rulesFixtures.js'

const a0 = dep('1.0.0', 0)
const a1 = dep('1.1.0', 10)
const a2 = dep('1.2.0', 20)
const b1 = dep('2.0.0', 10)
const b2 = dep('2.1.0', 15)

describe('advanceEpoch', () => {
  // -----------------------------------------------------------------------------------------------
  // E8 activations
  // -----------------------------------------------------------------------------------------------
  it('E8: one step lists every runtime whose active deployment changes, by id', () => {
    const A = deepFreeze(rtN(2, [a2, a0, a1]))
    const B = deepFreeze(rtN(1, [b1]))
    const r = deepFreeze(registryOf([A, B], 9))
    const { registry, activations, pruned } = right(advanceEpoch(r, 10))
    expect(activations).toEqual([
      { id: B.id, epoch: 10, from: undefined, to: b1 },
      { id: A.id, epoch: 10, from: a0, to: a1 }
    ])
    expect(pruned).toEqual([])
    expect(registry.epoch).toBe(10)
    expect(right(activeVersions(registry, 10)).map((s) => s.active)).toEqual([b1, a1])
    expect(lookupRuntime(registry, A.id)?.runtime).toBe(A)
  })

  it('E8: skipping epochs yields every activation in between, each at its own epoch, in (epoch, id) order', () => {
    const A = rtN(2, [a0, a1, a2])
    const B = rtN(1, [b1, b2])
    const { registry, activations } = right(advanceEpoch(registryOf([A, B], 0), 1000))
    expect(activations.map((x) => [x.id[31], x.epoch, x.from?.version, x.to.version])).toEqual([
      [1, 10, undefined, b1.version],
      [2, 10, a0.version, a1.version],
      [1, 15, b1.version, b2.version],
      [2, 20, a1.version, a2.version]
    ])
    expect(registry.schedule.size).toBe(0)
    expect(right(activeVersions(registry, 1000)).map((s) => s.active)).toEqual([b2, a2])
  })

  it('E8: stepping one epoch at a time gives the same activations and state as one skip', () => {
    const rts = [rtN(1, [b1, b2]), rtN(2, [a0, a1, a2]), rtN(3, [dep('0.1.0', 12), dep('0.2.0', 13)])]
    let r = registryOf(rts, 0)
    const stepped = []
    for (let e = 1; e <= 25; e++) {
      const out = right(advanceEpoch(r, e))
      stepped.push(...out.activations)
      r = out.registry
    }
    const skipped = right(advanceEpoch(registryOf(rts, 0), 25))
    expect(stepped).toEqual(skipped.activations)
    expect(registryDigest(r)).toEqual(registryDigest(skipped.registry))
    expect(right(activeVersions(r, 25))).toEqual(right(activeVersions(skipped.registry, 25)))
  })

  it('E8: advancing short of the next activation only moves the epoch, sharing both maps', () => {
    const r = registryOf([rtN(1, [a0, a1]), rtN(2, [b1, b2])], 0)
    expect(r.nextActivation).toBe(10)
    const out = right(advanceEpoch(r, 9))
    expect(out.activations).toEqual([])
    expect(out.registry.epoch).toBe(9)
    expect(out.registry.runtimes).toBe(r.runtimes)
    expect(out.registry.schedule).toBe(r.schedule)
    const at10 = right(advanceEpoch(out.registry, 10)).registry
    expect(at10.nextActivation).toBe(15)
    expect(right(advanceEpoch(at10, 15)).registry.nextActivation).toBeUndefined()
    expect(right(advanceEpoch(at10, 14)).registry.runtimes).toBe(at10.runtimes)
  })

  it('E8: epochs beyond 2^53, given as number or bigint, are compared exactly', () => {
    const far = 2n ** 60n
    const A = rtN(1, [dep('1.0.0', Number.MAX_SAFE_INTEGER), dep('1.1.0', far), dep('1.2.0', far + 1n)])
    const r = registryOf([A], Number.MAX_SAFE_INTEGER)
    expect(right(advanceEpoch(r, far - 1n)).activations).toEqual([])
    const { activations, registry } = right(advanceEpoch(r, far + 1n))
    expect(activations.map((x) => x.epoch)).toEqual([far, far + 1n])
    expect(right(advanceEpoch(registry, (1n << 64n) - 1n)).activations).toEqual([])
  })

  it('E8: a deployment that does not change the active one (a tie, A3) is no activation', () => {
    const tie = rtN(1, [dep('1.0.0', 10), dep('1.1.0', 10)])
    const { activations, registry } = right(advanceEpoch(registryOf([tie], 0), 10))
    expect(activations).toEqual([{ id: tie.id, epoch: 10, from: undefined, to: dep('1.0.0', 10) }])
    expect(registry.schedule.size).toBe(0)
  })

  it('E8: a registration after an advance is indexed from the registry epoch', () => {
    const A = rtN(1, [a0, a1])
    const r = right(advanceEpoch(registryOf([A], 0), 12)).registry
    const withNext = rtN(1, [a0, a1, dep('1.2.0', 14)])
    const r2 = right(registerRuntime(r, withNext, 12, PARAMS_5))
    expect(r2.schedule.size).toBe(1)
    const { activations } = right(advanceEpoch(r2, 20))
    expect(activations).toEqual([{ id: A.id, epoch: 14, from: a1, to: dep('1.2.0', 14) }])
  })

  it('E8: cancelling a pending deployment removes its activation', () => {
    const A = rtN(1, [a0, a1])
    const r = right(registerRuntime(registryOf([A], 5), rtN(1, [a0]), 5, PARAMS_5))
    expect(r.schedule.size).toBe(0)
    expect(right(advanceEpoch(r, 50)).activations).toEqual([])
  })

  // -----------------------------------------------------------------------------------------------
  // E9 same epoch, going backwards
  // -----------------------------------------------------------------------------------------------
  it('E9: advancing to the same epoch returns the registry itself with nothing to report', () => {
    const r = registryOf([rtN(1, [a0, a1])], 10)
    const out = right(advanceEpoch(r, 10n, { prune: true }))
    expect(out.registry).toBe(r)
    expect(out.activations).toEqual([])
    expect(out.pruned).toEqual([])
  })

  it('E9: going backwards is refused with EpochRegression', () => {
    const r = registryOf([rtN(1, [a0, a1])], 10)
    const v = left(advanceEpoch(r, 9))
    expect(v).toEqual(registryRefusal('EpochRegression', { epoch: 10, requested: 9 }))
    expect(v.rule).toBe('E9')
    expect(v.message).toBe('cannot go back from epoch 10 to epoch 9: epochs only advance')
  })

  it('E9: a malformed epoch or options object is refused with MalformedArgument (DX2), epoch first', () => {
    const r = registryOf([], 10)
    expect(left(advanceEpoch(r, 1.5))).toMatchObject({ _tag: 'MalformedArgument', argument: 'epoch' })
    expect(left(advanceEpoch(r, 1n << 64n))).toMatchObject({ _tag: 'MalformedArgument', argument: 'epoch' })
    expect(left(advanceEpoch(r, 1, null as unknown as AdvanceOptions))).toMatchObject({ argument: 'opts' })
    expect(left(advanceEpoch(r, 1, { prune: 'yes' } as unknown as AdvanceOptions))).toMatchObject({ argument: 'opts.prune' })
    expect(left(advanceEpoch(r, -1, null as unknown as AdvanceOptions))).toMatchObject({ argument: 'epoch' })
  })

  // -----------------------------------------------------------------------------------------------
  // E10 pruning
  // -----------------------------------------------------------------------------------------------
  it('E10: with prune, each activating runtime drops its superseded deployments, listed by id', () => {
    const A = deepFreeze(rtN(2, [a0, a1, a2]))
    const B = deepFreeze(rtN(1, [b1, b2]))
    const C = deepFreeze(rtN(3, [dep('3.0.0', 1), dep('3.1.0', 2)]))
    const r = registryOf([A, B, C], 5)
    const { registry, activations, pruned } = right(advanceEpoch(r, 16, { prune: true }))
    expect(activations).toHaveLength(3)
    expect(pruned).toEqual([
      { id: B.id, epoch: 16, removed: [b1] },
      { id: A.id, epoch: 16, removed: [a0] }
    ])
    expect(lookupRuntime(registry, A.id)?.runtime.deployments).toEqual([a1, a2])
    expect(lookupRuntime(registry, B.id)?.runtime.deployments).toEqual([b2])
    // C did not activate in this advance: its superseded 3.0.0 stays until its next activation.
    expect(lookupRuntime(registry, C.id)?.runtime).toBe(C)
    expect(runtimeState(registry, A.id)?.hash).toEqual(right(runtimeHash(pruneSuperseded(A, 16).runtime)))
    expect(runtimeState(registry, A.id)?.active).toBe(a1)
    const later = right(advanceEpoch(registry, 20, { prune: true }))
    expect(later.pruned).toEqual([{ id: A.id, epoch: 20, removed: [a1] }])
  })

  it('E10: a runtime whose first deployment activates has nothing to prune and is not listed', () => {
    const B = rtN(1, [b1])
    const out = right(advanceEpoch(registryOf([B], 0), 10, { prune: true }))
    expect(out.activations).toHaveLength(1)
    expect(out.pruned).toEqual([])
    expect(lookupRuntime(out.registry, B.id)?.runtime).toBe(B)
  })

  it('E10: without the option nothing is pruned and no descriptor changes', () => {
    const A = rtN(2, [a0, a1, a2])
    const out = right(advanceEpoch(registryOf([A], 0), 30))
    expect(out.pruned).toEqual([])
    expect(lookupRuntime(out.registry, A.id)?.runtime).toBe(A)
    expect(right(advanceEpoch(registryOf([A], 0), 30, { prune: false })).pruned).toEqual([])
  })

  it('E10: a pruned descriptor is an update the registry accepts at that epoch, and selection is unchanged', () => {
    const A = rtN(2, [a0, a1, a2])
    const plain = right(advanceEpoch(registryOf([A], 0), 15)).registry
    const pruned = right(advanceEpoch(registryOf([A], 0), 15, { prune: true })).registry
    const stored = lookupRuntime(pruned, A.id)!.runtime
    expect(lookupRuntime(right(registerRuntime(plain, stored, 15, PARAMS_5)), A.id)?.runtime).toBe(stored)
    expect(right(advanceEpoch(pruned, 40)).activations).toEqual(right(advanceEpoch(plain, 40)).activations)
  })

  // -----------------------------------------------------------------------------------------------
  // E11 activeVersions
  // -----------------------------------------------------------------------------------------------
  it('E11: lists every runtime in id order with its active deployment, undefined before the first', () => {
    const ids = [7, 300, 2, 65536, 1]
    const rts: Runtime[] = ids.map((n) => rtN(n, [dep('1.0.0', n)]))
    const r = right(advanceEpoch(registryOf(rts, 0), 10)).registry
    const states = right(activeVersions(r, 10))
    expect(states.map((s) => s.id)).toEqual([1, 2, 7, 300, 65536].map(nsId))
    expect(states.map((s) => s.active?.valid_from)).toEqual([1, 2, 7, undefined, undefined])
    expect(states.map((s) => s.suspended)).toEqual([false, false, false, false, false])
  })

  it('E11: reads no deployment: the state kept by advanceEpoch is returned as is', () => {
    const A = rtN(1, [a0, a1])
    const r = right(suspendRuntime(right(advanceEpoch(registryOf([A], 0), 10)).registry, A.id))
    // A getter that counts reads of `deployments` after the registry was built.
    let reads = 0
    const spy = new Proxy(A, {
      get: (t, p) => {
        if (p === 'deployments') reads++
        return Reflect.get(t, p)
      }
    })
    // One runtime: the map's root is a leaf holding its one state.
    const root = r.runtimes.root!
    if (root.kind !== 'leaf') throw new Error('expected a leaf root for one runtime')
    const withSpy = { ...r, runtimes: { ...r.runtimes, root: { ...root, values: [{ ...root.values[0]!, runtime: spy }] } } }
    const states = right(activeVersions(withSpy, 10))
    expect(reads).toBe(0)
    expect(states[0]).toMatchObject({ suspended: true, active: a1 })
  })
})
