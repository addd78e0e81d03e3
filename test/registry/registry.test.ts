import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { activeVersions } from '../../src/registry/activeVersions.js'
import { advanceEpoch } from '../../src/registry/advanceEpoch.js'
import { createRegistry, lookupRuntime, type Registry, registerRuntime, runtimeState } from '../../src/registry/registry.js'
import { registryDigest } from '../../src/registry/registryDigest.js'
import { registryRefusal } from '../../src/registry/registryRefusal.js'
import { resumeRuntime, suspendRuntime } from '../../src/registry/suspension.js'
import { STRICT_POLICY } from '../../src/rules/policy.js'
import { verifyRuntimeNew, verifyRuntimeUpdate } from '../../src/rules/update.js'
import { encodeRuntime } from '../../src/schema/descriptors.js'
import { runtimeHash } from '../../src/schema/hash.js'
import type { Runtime } from '../../src/schema/runtime.js'
import { nsId, registryOf, rtN } from '../support/engineFixtures.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import { dep, EXECUTOR, PARAMS_5 } from '../support/rulesFixtures.js'

const v1 = dep('1.0.0', 10)
const v2 = dep('1.1.0', 20)
const v3 = dep('1.2.0', 30)

/** Everything a registry answers, for before/after comparisons. */
const observe = (r: Registry) => ({
  epoch: r.epoch,
  size: r.runtimes.size,
  active: right(activeVersions(r, r.epoch)).map((s) => [s.id, s.runtime, s.suspended, s.active]),
  digest: registryDigest(r),
  schedule: r.schedule.size
})

describe('registry', () => {
  // -----------------------------------------------------------------------------------------------
  // E1 persistence
  // -----------------------------------------------------------------------------------------------
  it('E1: every operation leaves its deep-frozen input registry answering exactly as before', () => {
    const a = deepFreeze(rtN(1, [v1]))
    const b = deepFreeze(rtN(2, [dep('1.0.0', 5)]))
    const r0 = deepFreeze(registryOf([a], 0))
    const seen = observe(r0)
    const r1 = deepFreeze(right(registerRuntime(r0, b, 0, PARAMS_5)))
    const r2 = deepFreeze(right(registerRuntime(r1, deepFreeze(rtN(1, [v1, v2])), 0, PARAMS_5, { maxFutureDeployments: 2 })))
    const r3 = deepFreeze(right(suspendRuntime(r2, a.id)))
    const r4 = deepFreeze(right(advanceEpoch(r3, 25, { prune: true })).registry)
    expect(observe(r0)).toEqual(seen)
    expect(r1.runtimes.size).toBe(2)
    expect(lookupRuntime(r1, a.id)).toEqual({ runtime: a, suspended: false })
    expect(lookupRuntime(r2, a.id)?.runtime.deployments).toEqual([v1, v2])
    expect(lookupRuntime(r3, a.id)?.suspended).toBe(true)
    expect(lookupRuntime(r2, a.id)?.suspended).toBe(false)
    expect(lookupRuntime(r4, a.id)?.runtime.deployments).toEqual([v2])
    expect(lookupRuntime(r3, a.id)?.runtime.deployments).toEqual([v1, v2])
    expect(r3.epoch).toBe(0)
    expect(right(advanceEpoch(r3, 25)).activations).toHaveLength(3)
  })

  it('E1: the inputs of createRegistry and registerRuntime are not mutated', () => {
    const rts = deepFreeze([rtN(3, [v1, v2]), rtN(1, [v3])])
    const r = right(createRegistry(rts, 0))
    expect(rts.map((x) => x.id[31])).toEqual([3, 1])
    const params = deepFreeze({ ...PARAMS_5 })
    const policy = deepFreeze({ ...STRICT_POLICY })
    right(registerRuntime(deepFreeze(r), deepFreeze(rtN(4, [dep('1.0.0', 40)])), 0, params, policy))
  })

  // -----------------------------------------------------------------------------------------------
  // E2 createRegistry
  // -----------------------------------------------------------------------------------------------
  it('E2: builds a registry at the epoch, none suspended, each with its active deployment', () => {
    const a = rtN(2, [v1, v2, v3])
    const b = rtN(1, [v3])
    const r = right(createRegistry([a, b], 20))
    expect(r.epoch).toBe(20)
    const states = right(activeVersions(r, 20))
    expect(states.map((s) => [s.id[31], s.suspended, s.active])).toEqual([
      [1, false, undefined],
      [2, false, v2]
    ])
    expect(states[1]!.runtime).toBe(a)
    expect(states[1]!.hash).toEqual(right(runtimeHash(a)))
  })

  it('E2: no argument gives the empty registry at epoch 0; an empty list too', () => {
    const r = right(createRegistry())
    expect(r.epoch).toBe(0)
    expect(r.runtimes.size).toBe(0)
    expect(right(activeVersions(r, 0))).toEqual([])
    expect(registryDigest(r)).toEqual(registryDigest(right(createRegistry([], 0))))
  })

  it('E2: descriptors are trusted: D and U rules are not applied (several pending, already active)', () => {
    const many = rtN(1, [dep('1.0.0', 0), dep('1.1.0', 10), dep('1.2.0', 20), dep('1.3.0', 30), dep('1.4.0', 40), dep('1.5.0', 50)])
    const r = right(createRegistry([many], 5))
    expect(runtimeState(r, many.id)?.active?.valid_from).toBe(0)
    expect(r.schedule.size).toBe(5)
  })

  it('E2: a repeated id is refused with DuplicateRuntime naming the second index', () => {
    const v = left(createRegistry([rtN(1, [v1]), rtN(2, [v1]), rtN(1, [v2])], 0))
    expect(v).toEqual(registryRefusal('DuplicateRuntime', { id: nsId(1), index: 2 }))
    expect(v.rule).toBe('E2')
  })

  it('E2: a malformed epoch or runtimes list is refused with MalformedArgument (DX2)', () => {
    expect(left(createRegistry([], -1))).toMatchObject({ _tag: 'MalformedArgument', argument: 'epoch' })
    expect(left(createRegistry([], 2 ** 60))).toMatchObject({ _tag: 'MalformedArgument', argument: 'epoch' })
    expect(left(createRegistry({} as unknown as Runtime[], 0))).toMatchObject({ _tag: 'MalformedArgument', argument: 'runtimes' })
    expect(right(createRegistry([], (1n << 64n) - 1n)).epoch).toBe((1n << 64n) - 1n)
  })

  // -----------------------------------------------------------------------------------------------
  // E3 encodability
  // -----------------------------------------------------------------------------------------------
  it('E3: createRegistry refuses a descriptor that does not encode, with the encoder error as cause', () => {
    const bad = rtN(1, [dep('1.0.0', -5)])
    const v = left(createRegistry([rtN(2, [v1]), bad], 0))
    expect(v._tag).toBe('UnencodableRuntime')
    expect(v.rule).toBe('E3')
    expect(v).toMatchObject({ id: nsId(1), cause: left(encodeRuntime(bad)) })
    const badId = rtN(1, [v1], { id: new Uint8Array(3) })
    expect(left(createRegistry([badId], 0))).toMatchObject({ _tag: 'UnencodableRuntime', id: badId.id })
    const textDep = { ...rtN(1, []), deployments: [v1, 'x'] } as unknown as Runtime
    expect(left(createRegistry([textDep], 0))._tag).toBe('UnencodableRuntime')
    expect(left(createRegistry([null as unknown as Runtime], 0))).toMatchObject({ _tag: 'MalformedArgument', rule: 'DX2', argument: 'runtimes[0].id' })
  })

  it('E3: E3 is checked before E2 for each runtime, in array order', () => {
    const bad = rtN(1, [v1], { executor: { ...EXECUTOR, max_messages: 2 ** 32 } })
    expect(left(createRegistry([rtN(1, [v1]), bad], 0))._tag).toBe('UnencodableRuntime')
    expect(left(createRegistry([rtN(1, [v1]), rtN(1, [v1]), bad], 0))._tag).toBe('DuplicateRuntime')
  })

  it('E2: the refusal is the first one in array order, each entry checked for DX2, D2 and E3 before it repeats an id', () => {
    const tooMany = (n: number): Runtime => rtN(n, Array.from({ length: 256 }, (_, i) => dep('1.0.0', i)))
    const unencodable = (n: number): Runtime => rtN(n, [v1], { executor: { ...EXECUTOR, max_messages: 2 ** 32 } })
    const entry = fc.oneof(
      { weight: 6, arbitrary: fc.nat({ max: 5 }).map((n) => rtN(n + 1, [v1])) },
      { weight: 1, arbitrary: fc.constant(null as unknown as Runtime) },
      { weight: 1, arbitrary: fc.nat({ max: 5 }).map((n) => tooMany(n + 1)) },
      { weight: 1, arbitrary: fc.nat({ max: 5 }).map((n) => unencodable(n + 1)) }
    )
    // The rule as written (E2): walk the array once, each entry's own checks before the repeat check.
    const expected = (rts: ReadonlyArray<Runtime>): string | undefined => {
      const seen = new Set<string>()
      for (let i = 0; i < rts.length; i++) {
        const rt = rts[i]!
        if (rt === null) return `MalformedArgument ${i}`
        if ((rt.deployments ?? []).length > 255) return 'TooManyDeployments'
        if (E.isLeft(runtimeHash(rt))) return 'UnencodableRuntime'
        const key = bytesToHex(rt.id)
        if (seen.has(key)) return `DuplicateRuntime ${i}`
        seen.add(key)
      }
      return undefined
    }
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (rts) => {
        const r = createRegistry(rts, 0)
        const got = E.isRight(r)
          ? undefined
          : r.left._tag === 'DuplicateRuntime'
            ? `DuplicateRuntime ${r.left.index}`
            : r.left._tag === 'MalformedArgument'
              ? `MalformedArgument ${/\[(\d+)\]/.exec(r.left.argument)?.[1]}`
              : r.left._tag
        expect(got).toBe(expected(rts))
      }),
      { numRuns: 500 }
    )
  })

  it('E3: registerRuntime refuses a descriptor the rules accept but that does not encode', () => {
    // The rules do not read max_messages (spec/rules.md DX3); on the wire it is a uint32.
    const bad = rtN(1, [v1], { executor: { ...EXECUTOR, max_messages: 2 ** 32 } })
    expect(E.isRight(verifyRuntimeNew(bad, 0, PARAMS_5))).toBe(true)
    const v = left(registerRuntime(registryOf(), bad, 0, PARAMS_5))
    expect(v).toMatchObject({ _tag: 'UnencodableRuntime', rule: 'E3', id: bad.id })
    expect(v.message).toContain('executor.max_messages')
  })

  // -----------------------------------------------------------------------------------------------
  // E4 epoch agreement
  // -----------------------------------------------------------------------------------------------
  it('E4: registerRuntime at another epoch than the registry is refused with EpochMismatch', () => {
    const r = registryOf([], 100)
    const later = left(registerRuntime(r, rtN(1, [dep('1.0.0', 200)]), 101, PARAMS_5))
    expect(later).toEqual(registryRefusal('EpochMismatch', { operation: 'registerRuntime', epoch: 100, requested: 101 }))
    expect(later.message).toContain('advance the registry first')
    const earlier = left(registerRuntime(r, rtN(1, [dep('1.0.0', 200)]), 99n, PARAMS_5))
    expect(earlier).toMatchObject({ _tag: 'EpochMismatch', rule: 'E4', requested: 99n })
    expect(earlier.message).toContain('only its current epoch')
    expect(E.isRight(registerRuntime(r, rtN(1, [dep('1.0.0', 200)]), 100n, PARAMS_5))).toBe(true)
  })

  it('E4: activeVersions at another epoch than the registry is refused with EpochMismatch', () => {
    const r = registryOf([rtN(1, [v1])], 10)
    expect(left(activeVersions(r, 11))).toEqual(registryRefusal('EpochMismatch', { operation: 'activeVersions', epoch: 10, requested: 11 }))
    expect(left(activeVersions(r, 9))._tag).toBe('EpochMismatch')
    expect(right(activeVersions(r, 10n))).toHaveLength(1)
    expect(left(activeVersions(r, -1))).toMatchObject({ _tag: 'MalformedArgument', argument: 'epoch' })
  })

  // -----------------------------------------------------------------------------------------------
  // E5 registration
  // -----------------------------------------------------------------------------------------------
  it('E5: a new id goes through verifyRuntimeNew; its refusal is returned unchanged', () => {
    const r = registryOf([], 10)
    const immediate = rtN(1, [dep('1.0.0', 10)])
    expect(left(registerRuntime(r, immediate, 10, PARAMS_5))).toEqual(left(verifyRuntimeNew(immediate, 10, PARAMS_5)))
    expect(left(registerRuntime(r, immediate, 10, PARAMS_5))._tag).toBe('ImmediateDeployment')
    const early = rtN(1, [dep('1.0.0', 12)])
    expect(left(registerRuntime(r, early, 10, PARAMS_5, STRICT_POLICY))).toEqual(left(verifyRuntimeNew(early, 10, PARAMS_5, STRICT_POLICY)))
    const none = rtN(1, [])
    expect(left(registerRuntime(r, none, 10, PARAMS_5))._tag).toBe('NoDeploymentInfo')
  })

  it('E5: a known id goes through verifyRuntimeUpdate against the stored descriptor', () => {
    const stored = rtN(1, [dep('1.0.0', 5), dep('1.1.0', 20)])
    const r = registryOf([stored], 10)
    const changesActive = rtN(1, [dep('1.0.0', 6), dep('1.1.0', 20)])
    const v = left(registerRuntime(r, changesActive, 10, PARAMS_5))
    expect(v).toEqual(left(verifyRuntimeUpdate(stored, changesActive, 10, PARAMS_5)))
    expect(v.rule).toBe('U8')
    // VerifyRuntime runs before the update rules (spec/rules.md, U-rules check order): a compute id as a key manager
    // is refused by VR7 before U2 could see the kind change.
    const kind = rtN(1, stored.deployments, { kind: 2 })
    expect(left(registerRuntime(r, kind, 10, PARAMS_5))._tag).toBe('KeyManagerIdWithoutFlag')
    // Amending the pending deployment is an accepted update; the schedule follows it.
    const amended = rtN(1, [dep('1.0.0', 5), dep('1.1.0', 30)])
    const r2 = right(registerRuntime(r, amended, 10, PARAMS_5))
    expect(lookupRuntime(r2, amended.id)?.runtime).toBe(amended)
    expect(right(advanceEpoch(r2, 25)).activations).toEqual([])
    expect(right(advanceEpoch(r2, 30)).activations.map((a) => a.epoch)).toEqual([30])
  })

  it('E5: a suspended runtime is verified as an update too', () => {
    const stored = rtN(1, [dep('1.0.0', 5)])
    const r = right(suspendRuntime(registryOf([stored], 10), stored.id))
    const again = rtN(1, [dep('1.0.0', 6)])
    expect(left(registerRuntime(r, again, 10, PARAMS_5))._tag).toBe('DeploymentChanged')
  })

  it('E5: isGenesis and debug_deploy_immediately let a new runtime be active at once, without an activation', () => {
    const r = registryOf([], 10)
    const past = rtN(1, [dep('1.0.0', 3), dep('1.1.0', 8)])
    const g = right(registerRuntime(r, past, 10, PARAMS_5, undefined, { isGenesis: true }))
    expect(runtimeState(g, past.id)?.active).toEqual(dep('1.1.0', 8))
    const now = rtN(2, [dep('1.0.0', 10)])
    const d = right(registerRuntime(r, now, 10, { ...PARAMS_5, debug_deploy_immediately: true }))
    expect(runtimeState(d, now.id)?.active).toEqual(dep('1.0.0', 10))
    expect(right(advanceEpoch(d, 11)).activations).toEqual([])
  })

  it('E5: the check order is DX2 now, E4, DX2 rt.id, then the rules, then E3', () => {
    const r = registryOf([], 10)
    const badBoth = rtN(1, [dep('1.0.0', 10)], { executor: { ...EXECUTOR, max_messages: 2 ** 32 } })
    expect(left(registerRuntime(r, badBoth, 1.5, PARAMS_5))).toMatchObject({ _tag: 'MalformedArgument', argument: 'now' })
    expect(left(registerRuntime(r, { ...badBoth, id: 'x' } as unknown as Runtime, 11, PARAMS_5))._tag).toBe('EpochMismatch')
    expect(left(registerRuntime(r, { ...badBoth, id: 'x' } as unknown as Runtime, 10, PARAMS_5))).toMatchObject({
      _tag: 'MalformedArgument',
      argument: 'rt.id'
    })
    expect(left(registerRuntime(r, null as unknown as Runtime, 10, PARAMS_5))).toMatchObject({ argument: 'rt.id' })
    expect(left(registerRuntime(r, badBoth, 10, PARAMS_5, undefined, null as never))).toMatchObject({ rule: 'DX2', argument: 'options' })
    expect(left(registerRuntime(r, badBoth, 10, PARAMS_5))._tag).toBe('ImmediateDeployment')
  })

  // -----------------------------------------------------------------------------------------------
  // E6 suspension
  // -----------------------------------------------------------------------------------------------
  it('E6: a new runtime is not suspended and registration keeps the flag as it was', () => {
    const a = rtN(1, [dep('1.0.0', 20)])
    const r1 = right(registerRuntime(registryOf([], 10), a, 10, PARAMS_5))
    expect(lookupRuntime(r1, a.id)?.suspended).toBe(false)
    const r2 = right(suspendRuntime(r1, a.id))
    const amended = rtN(1, [dep('1.0.0', 25)])
    const r3 = right(registerRuntime(r2, amended, 10, PARAMS_5))
    expect(lookupRuntime(r3, a.id)).toEqual({ runtime: amended, suspended: true })
    const r4 = right(registerRuntime(right(resumeRuntime(r3, a.id)), rtN(1, [dep('1.0.0', 26)]), 10, PARAMS_5))
    expect(lookupRuntime(r4, a.id)?.suspended).toBe(false)
  })

  it('E6: suspend and resume return the registry itself when the flag already has that value', () => {
    const a = rtN(1, [v1])
    const r = registryOf([a], 0)
    expect(right(resumeRuntime(r, a.id))).toBe(r)
    const s = right(suspendRuntime(r, a.id))
    expect(s).not.toBe(r)
    expect(right(suspendRuntime(s, a.id))).toBe(s)
    expect(right(resumeRuntime(s, a.id)).runtimes.size).toBe(1)
    expect(registryDigest(right(resumeRuntime(s, a.id)))).toEqual(registryDigest(r))
    expect(registryDigest(s)).not.toEqual(registryDigest(r))
  })

  it('E6: suspending or resuming an unknown id is refused with UnregisteredRuntime', () => {
    const r = registryOf([rtN(1, [v1])], 0)
    expect(left(suspendRuntime(r, nsId(2)))).toEqual(registryRefusal('UnregisteredRuntime', { id: nsId(2), operation: 'suspendRuntime' }))
    expect(left(resumeRuntime(r, nsId(2)))).toMatchObject({ _tag: 'UnregisteredRuntime', rule: 'E6', operation: 'resumeRuntime' })
    expect(left(suspendRuntime(r, 'ab' as unknown as Uint8Array))).toMatchObject({ _tag: 'MalformedArgument', argument: 'id' })
  })

  it('E6: a suspended runtime keeps its schedule, activates, and is listed as suspended', () => {
    const a = rtN(1, [v1, v2])
    const r = right(suspendRuntime(registryOf([a], 0), a.id))
    const { registry, activations } = right(advanceEpoch(r, 20))
    expect(activations.map((x) => x.to)).toEqual([v1, v2])
    expect(right(activeVersions(registry, 20)).map((s) => [s.suspended, s.active])).toEqual([[true, v2]])
  })

  // -----------------------------------------------------------------------------------------------
  // E7 lookup
  // -----------------------------------------------------------------------------------------------
  it('E7: lookupRuntime gives exactly { runtime, suspended } by id bytes, or undefined', () => {
    const a = rtN(1, [v1])
    const r = registryOf([a, rtN(2, [v2])], 0)
    const found = lookupRuntime(r, Uint8Array.from(a.id))
    expect(found).toEqual({ runtime: a, suspended: false })
    expect(Object.keys(found!).sort()).toEqual(['runtime', 'suspended'])
    expect(found!.runtime).toBe(a)
    expect(lookupRuntime(r, nsId(3))).toBeUndefined()
    expect(lookupRuntime(r, new Uint8Array(0))).toBeUndefined()
    expect(lookupRuntime(r, null as unknown as Uint8Array)).toBeUndefined()
    expect(runtimeState(r, nsId(3))).toBeUndefined()
    expect(runtimeState(r, a.id)?.hash).toEqual(right(runtimeHash(a)))
  })
})
