/**
 * The engine against a plain recomputation: random registries and random streams of
 * registrations, suspensions and epoch steps, checked after every step against a model that keeps
 * only the descriptors and scans every runtime's deployments (E8, E10, E11), replayed in a second
 * registry (E12), and with the old registries checked again at the end (E1).
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { activeVersions } from '../../src/registry/activeVersions.js'
import { advanceEpoch } from '../../src/registry/advanceEpoch.js'
import { createRegistry, type Registry, registerRuntime } from '../../src/registry/registry.js'
import { registryDigest } from '../../src/registry/registryDigest.js'
import { resumeRuntime, suspendRuntime } from '../../src/registry/suspension.js'
import type { Policy } from '../../src/rules/policy.js'
import { pruneSuperseded } from '../../src/rules/prune.js'
import type { RuleViolation } from '../../src/rules/ruleViolation.js'
import { verifyRuntimeNew, verifyRuntimeUpdate } from '../../src/rules/update.js'
import { versionFromU64, versionToU64 } from '../../src/rules/version.js'
import type { Runtime, VersionInfo } from '../../src/schema/runtime.js'
import { type Model, modelActive, modelAdvance, nsId, rtN } from '../support/engineFixtures.js'
import { deepFreeze, right } from '../support/helpers.js'
import { PARAMS_5, u64Of } from '../support/rulesFixtures.js'

const POLICY: Policy = { maxFutureDeployments: 3 }
const SLOTS = 6

type Op =
  | {
      readonly kind: 'register'
      readonly slot: number
      readonly shape: 'add' | 'prune' | 'cancel' | 'bad' | 'fresh'
      readonly gap: number
      readonly genesis: boolean
    }
  | { readonly kind: 'advance'; readonly delta: number; readonly prune: boolean; readonly backwards: boolean }
  | { readonly kind: 'suspend' | 'resume'; readonly slot: number }

const slot = fc.integer({ min: 0, max: SLOTS - 1 })
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('register' as const),
      slot,
      shape: fc.constantFrom('add' as const, 'add' as const, 'prune' as const, 'cancel' as const, 'bad' as const, 'fresh' as const),
      gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 12 })),
      genesis: fc.boolean()
    })
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      delta: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 15 })),
      prune: fc.boolean(),
      backwards: fc.integer({ min: 0, max: 7 }).map((n) => n === 0)
    })
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('suspend' as const, 'resume' as const), slot }) }
)

const base = fc.constantFrom(0n, 1000n, BigInt(Number.MAX_SAFE_INTEGER) - 20n, (1n << 64n) - 2000n)

const deployment = (version: bigint, validFrom: bigint, asBig: boolean): VersionInfo => ({
  version: versionFromU64(Number(version)),
  valid_from: u64Of(validFrom, asBig)
})

const maxOf = (xs: bigint[]): bigint => xs.reduce((a, b) => (a > b ? a : b), 0n)

/** The descriptor a register op proposes, from what the model has stored. */
const proposal = (o: Extract<Op, { kind: 'register' }>, stored: Runtime | undefined, now: bigint, asBig: boolean): Runtime => {
  if (stored === undefined || o.shape === 'fresh') {
    const first = deployment(1n << 32n, now + BigInt(o.gap), asBig)
    // At genesis, a past deployment may come first.
    const past = o.genesis && now >= 3n ? [deployment(1n << 31n, now - 3n, asBig)] : []
    return rtN(o.slot, [...past, first])
  }
  const ds = stored.deployments ?? []
  switch (o.shape) {
    case 'add': {
      const version = maxOf(ds.map((d) => BigInt(versionToU64(d.version)))) + 1n
      const start = maxOf([now, ...ds.map((d) => BigInt(d.valid_from))]) + BigInt(o.gap)
      return { ...stored, deployments: [...ds, deployment(version, start, asBig)] }
    }
    case 'prune':
      return pruneSuperseded(stored, now).runtime
    case 'cancel':
      return { ...stored, deployments: ds.filter((d) => BigInt(d.valid_from) <= now) }
    case 'bad':
      return { ...stored, kind: stored.kind + 1 }
  }
}

interface Step {
  readonly registry: Registry
  readonly digest: string
}

/** Run `ops` on a registry and on the model, checking them against each other after each step. */
const run = (start: bigint, ops: ReadonlyArray<Op>, asBig: boolean): Step[] => {
  let model: Model = { epoch: start, runtimes: new Map() }
  let registry = deepFreeze(right(createRegistry([], u64Of(start, asBig))))
  const steps: Step[] = [{ registry, digest: bytesToHex(registryDigest(registry)) }]
  for (const o of ops) {
    const now = model.epoch
    if (o.kind === 'register') {
      const key = bytesToHex(nsId(o.slot))
      const stored = model.runtimes.get(key)
      const rt = deepFreeze(proposal(o, stored?.runtime, now, asBig))
      const at = u64Of(now, asBig)
      const expected: E.Either<RuleViolation, Runtime> =
        stored === undefined
          ? verifyRuntimeNew(rt, at, PARAMS_5, POLICY, { isGenesis: o.genesis })
          : verifyRuntimeUpdate(stored.runtime, rt, at, PARAMS_5, POLICY)
      const got = registerRuntime(registry, rt, at, PARAMS_5, POLICY, { isGenesis: o.genesis })
      // E5: the rule functions decide, and their refusal comes back unchanged.
      expect(E.isRight(got)).toBe(E.isRight(expected))
      if (E.isLeft(got)) expect(got.left).toEqual((expected as E.Left<RuleViolation>).left)
      else {
        registry = deepFreeze(got.right)
        const runtimes = new Map(model.runtimes)
        runtimes.set(key, { runtime: rt, suspended: stored?.suspended ?? false })
        model = { ...model, runtimes }
      }
    } else if (o.kind === 'advance') {
      const target = o.backwards ? now - 1n : now + BigInt(o.delta)
      if (target < 0n || target >= 1n << 64n) continue
      const got = advanceEpoch(registry, u64Of(target, asBig), { prune: o.prune })
      if (o.backwards) {
        // E9
        expect(E.isLeft(got) && got.left._tag).toBe('EpochRegression')
        continue
      }
      const out = right(got)
      const expected = modelAdvance(model, target, o.prune)
      // E8: same activations, same order.
      expect(out.activations.map((a) => [bytesToHex(a.id), BigInt(a.epoch), a.from, a.to])).toEqual(
        expected.activations.map((a) => [a.id, a.epoch, a.from, a.to])
      )
      // E10: pruned exactly what pruneSuperseded drops from the runtimes that activated.
      const expectedPruned = Array.from(new Set(expected.activations.map((a) => a.id)))
        .sort()
        .map((id) => [id, pruneSuperseded(model.runtimes.get(id)!.runtime, target).removed] as const)
        .filter(([, removed]) => o.prune && removed.length > 0)
      expect(out.pruned.map((p) => [bytesToHex(p.id), p.removed])).toEqual(expectedPruned)
      registry = deepFreeze(out.registry)
      model = expected.model
    } else {
      const key = bytesToHex(nsId(o.slot))
      const stored = model.runtimes.get(key)
      const got = (o.kind === 'suspend' ? suspendRuntime : resumeRuntime)(registry, nsId(o.slot))
      expect(E.isRight(got)).toBe(stored !== undefined)
      if (E.isRight(got) && stored !== undefined) {
        registry = deepFreeze(got.right)
        const runtimes = new Map(model.runtimes)
        runtimes.set(key, { ...stored, suspended: o.kind === 'suspend' })
        model = { ...model, runtimes }
      }
    }
    // E11: the kept state equals the recomputation from the descriptors.
    expect(BigInt(registry.epoch)).toBe(model.epoch)
    // E8: the next activation is the earliest start after the epoch.
    const starts = Array.from(model.runtimes.values()).flatMap((r) => (r.runtime.deployments ?? []).map((d) => BigInt(d.valid_from)))
    const future = starts.filter((e) => e > model.epoch)
    expect(registry.nextActivation === undefined ? undefined : BigInt(registry.nextActivation)).toBe(
      future.length === 0 ? undefined : future.reduce((a, b) => (a < b ? a : b))
    )
    expect(right(activeVersions(registry, registry.epoch)).map((s) => [bytesToHex(s.id), s.runtime, s.suspended, s.active])).toEqual(
      modelActive(model).map((m) => [m.id, m.runtime, m.suspended, m.active])
    )
    steps.push({ registry, digest: bytesToHex(registryDigest(registry)) })
  }
  return steps
}

describe('engine properties', () => {
  it('E8: activations, pruning and active versions equal a plain recomputation at every epoch', () => {
    fc.assert(
      fc.property(base, fc.array(op, { minLength: 1, maxLength: 60, size: 'max' }), fc.boolean(), (start, ops, asBig) => {
        run(start, ops, asBig)
      }),
      { numRuns: 150 }
    )
  })

  it('E12: replaying the same stream in a second registry gives the same digest at every step', () => {
    fc.assert(
      fc.property(base, fc.array(op, { minLength: 1, maxLength: 40, size: 'max' }), fc.boolean(), (start, ops, asBig) => {
        const first = run(start, ops, asBig).map((s) => s.digest)
        // The second replay holds epochs in the other representation: the digest does not care.
        const second = run(start, ops, !asBig).map((s) => s.digest)
        expect(second).toEqual(first)
      }),
      { numRuns: 60 }
    )
  })

  it('E1: every registry of a stream still answers as it did when it was made', () => {
    fc.assert(
      fc.property(base, fc.array(op, { minLength: 1, maxLength: 40, size: 'max' }), (start, ops) => {
        const steps = run(start, ops, false)
        for (const s of steps) expect(bytesToHex(registryDigest(s.registry))).toBe(s.digest)
      }),
      { numRuns: 40 }
    )
  })

  it('E12: the order of registrations and suspensions within an epoch does not change the digest', () => {
    const entry = fc.record({
      gap: fc.integer({ min: 1, max: 20 }),
      version: fc.integer({ min: 0, max: 0xffff }),
      suspend: fc.boolean()
    })
    fc.assert(
      fc.property(
        base,
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 500 }), entry), { minLength: 1, maxLength: 12, selector: ([n]) => n }),
        fc.integer(),
        fc.integer({ min: 0, max: 40 }),
        (start, entries, seed, later) => {
          const build = (order: ReadonlyArray<(typeof entries)[number]>): Registry => {
            let r = right(createRegistry([], start))
            for (const [n, e] of order) {
              r = right(registerRuntime(r, rtN(n, [{ version: { minor: e.version }, valid_from: u64Of(start + BigInt(e.gap)) }]), start, PARAMS_5))
            }
            for (const [n, e] of order) if (e.suspend) r = right(suspendRuntime(r, nsId(n)))
            return r
          }
          const shuffled = entries
            .map((e, i) => [e, Math.sin(seed + i)] as const)
            .sort((a, b) => a[1] - b[1])
            .map(([e]) => e)
          const a = build(entries)
          const b = build(shuffled)
          expect(registryDigest(b)).toEqual(registryDigest(a))
          const target = start + BigInt(later)
          const a2 = right(advanceEpoch(a, target))
          const b2 = right(advanceEpoch(b, target))
          expect(registryDigest(b2.registry)).toEqual(registryDigest(a2.registry))
          expect(b2.activations).toEqual(a2.activations)
        }
      ),
      { numRuns: 100 }
    )
  })
})
