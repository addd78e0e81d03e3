/**
 * Reconciling a node's installed bundles (spec/nodes.md RC1–RC6).
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { applyReconcilePlan, type InstalledBundle, type ReconcileAction, reconcileHosted } from '../../src/node/reconcileHosted.js'
import type { Runtime, VersionInfo } from '../../src/schema/runtime.js'
import { rtN } from '../support/engineFixtures.js'
import { deepFreeze, left, right } from '../support/helpers.js'

const sum = (n: number): Uint8Array => new Uint8Array(32).fill(n)
const dep = (minor: number, validFrom: number, checksum?: number): VersionInfo => ({
  version: { major: 1, minor },
  valid_from: validFrom,
  ...(checksum === undefined ? {} : { bundle_checksum: sum(checksum) })
})
// 1.3.0 from 1000, 1.4.0 from 1200, 1.5.0 from 1300: at 1250, 1.4.0 is active, 1.5.0 comes in 50 epochs.
const RT: Runtime = deepFreeze(rtN(1, [dep(3, 1000, 3), dep(4, 1200, 4), dep(5, 1300, 5)]))
const OTHER: Runtime = deepFreeze(rtN(2, [dep(0, 0)]))
const bundle = (rt: Runtime, minor: number, checksum?: number): InstalledBundle => ({
  runtime: rt.id,
  version: { major: 1, minor },
  ...(checksum === undefined ? {} : { checksum: sum(checksum) })
})
const brief = (plan: ReadonlyArray<ReconcileAction>): string[] =>
  plan.map((a) => `${a._tag} ${a.runtime[31]} 1.${a.version.minor ?? 0}${'reason' in a ? ` ${a.reason}` : ''}${a.required ? ' required' : ''}`)

describe('reconcileHosted', () => {
  it('RC1: installs the active deployment (required) and, within the pre-warm window, the next one', () => {
    expect(brief(right(reconcileHosted([], [RT], 1250)))).toEqual(['Install 1 1.4 active required'])
    const plan = right(reconcileHosted([], [RT], 1297))
    expect(brief(plan)).toEqual(['Install 1 1.4 active required', 'Install 1 1.5 pre-warm'])
    expect(plan[1]).toMatchObject({ checksum: sum(5), validFrom: 1300, rule: 'RC1' })
    expect(brief(right(reconcileHosted([], [RT], 1297, { preWarmEpochs: 0 })))).toEqual(['Install 1 1.4 active required'])
  })

  it('RC2: replaces a bundle whose checksum is not the one the registry names, or is unknown', () => {
    expect(brief(right(reconcileHosted([bundle(RT, 4, 9)], [RT], 1250)))).toEqual(['Replace 1 1.4 active required'])
    expect(right(reconcileHosted([bundle(RT, 4)], [RT], 1250))[0]).toMatchObject({ _tag: 'Replace', installed: undefined, checksum: sum(4) })
    expect(right(reconcileHosted([bundle(RT, 4, 4)], [RT], 1250))).toEqual([])
    // A deployment without a checksum accepts any bundle of its version.
    expect(right(reconcileHosted([bundle(OTHER, 0, 7)], [OTHER], 5))).toEqual([])
  })

  it('RC3: removes bundles below the active version, as oasis-core cleans up', () => {
    expect(brief(right(reconcileHosted([bundle(RT, 3, 3), bundle(RT, 4, 4)], [RT], 1250)))).toEqual(['Remove 1 1.3 superseded'])
  })

  it('RC4: removes bundles of runtimes not served, versions no longer scheduled, and second copies; keeps later scheduled ones', () => {
    const plan = right(reconcileHosted([bundle(RT, 4, 4), bundle(OTHER, 0), bundle(RT, 9), bundle(RT, 4, 4), bundle(RT, 5, 5)], [RT], 1250))
    expect(brief(plan)).toEqual(['Remove 1 1.4 duplicate', 'Remove 1 1.9 not-scheduled', 'Remove 2 1.0 not-served'])
    expect(plan.map((a) => a.rule)).toEqual(['RC4', 'RC4', 'RC4'])
  })

  it('RC5: only actions for the active deployment are required', () => {
    const plan = right(reconcileHosted([bundle(RT, 3, 3), bundle(RT, 5, 1)], [RT], 1298))
    expect(plan.map((a) => [a._tag, a.required])).toEqual([
      ['Install', true],
      ['Replace', false],
      ['Remove', false]
    ])
  })

  it('RC6: applying the plan and reconciling again gives no action; the plan is the same for the same inputs, whatever their order', () => {
    const bundles = fc.array(
      fc.record({ rt: fc.constantFrom(RT, OTHER, rtN(3, [dep(1, 5)])), minor: fc.integer({ min: 0, max: 9 }), checksum: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }) }),
      { maxLength: 8 }
    )
    fc.assert(
      fc.property(bundles, fc.subarray([RT, OTHER]), fc.integer({ min: 0, max: 1400 }), fc.integer({ min: 0, max: 5 }), (bs, runtimes, epoch, preWarmEpochs) => {
        const installed = deepFreeze(bs.map((b) => bundle(b.rt, b.minor, b.checksum)))
        const plan = right(reconcileHosted(installed, runtimes, epoch, { preWarmEpochs }))
        const after = applyReconcilePlan(installed, plan)
        expect(right(reconcileHosted(after, runtimes, epoch, { preWarmEpochs }))).toEqual([])
        expect(right(reconcileHosted(installed, [...runtimes].reverse(), epoch, { preWarmEpochs }))).toEqual(plan)
      }),
      { numRuns: 300 }
    )
  })

  it('DX2: malformed arguments are refused as values', () => {
    expect(left(reconcileHosted([], [RT], -1))).toMatchObject({ _tag: 'MalformedArgument', argument: 'epoch' })
    expect(left(reconcileHosted([{ runtime: RT.id, version: { major: 70000 } }], [RT], 1))).toMatchObject({ argument: 'installed[0]' })
    expect(left(reconcileHosted([], [RT, RT], 1))).toMatchObject({ argument: 'runtimes[1]' })
    expect(left(reconcileHosted([], [RT], 1, { preWarmEpochs: 1.5 }))).toMatchObject({ argument: 'opts.preWarmEpochs' })
    expect(E.isLeft(reconcileHosted(null as unknown as InstalledBundle[], [RT], 1))).toBe(true)
  })
})
