import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { planUpgrade } from '../../src/planner/planUpgrade.js'
import type { Runtime } from '../../src/schema/runtime.js'
import type { Version } from '../../src/schema/version.js'
import { isSupported, type SupportedVersions, supportVerdict } from '../../src/node/supportVerdict.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import { computeRuntime, NOW, v130, v140, v150 } from '../support/nodeFixtures.js'
import { anyEpoch, anyRuntime, dep, PARAMS_5, ver } from '../support/rulesFixtures.js'

const rt = deepFreeze(computeRuntime([v130, v140, v150]))
const V13 = ver('1.3.0')
const V14 = ver('1.4.0')
const V15 = ver('1.5.0')
const verdict = (supported: SupportedVersions, epoch: number | bigint = NOW, warnEpochs: number | bigint = 100, r: Runtime = rt) =>
  right(supportVerdict(deepFreeze(supported), r, epoch, { warnEpochs }))

describe('supportVerdict', () => {
  it('W1: Supported when the binary runs the active and the next version', () => {
    const v = verdict([V14, V15])
    expect(v).toMatchObject({ _tag: 'Supported', rule: 'W1', active: v140, next: v150, nextSupported: true })
    expect(v.message).toBe(
      'this binary supports the active 1.4.0 (from epoch 1200) and the next, 1.5.0 (from epoch 1300)'
    )
  })

  it('W1: Supported while an unsupported next deployment is further away than warnEpochs', () => {
    const v = verdict([V14], NOW, 49)
    expect(v).toMatchObject({ _tag: 'Supported', nextSupported: false })
    expect(v.message).toContain('the next, 1.5.0 (from epoch 1300), is not supported yet')
  })

  it('W1: Supported when nothing is active yet and the first deployment is supported, or nothing is pending', () => {
    const future = deepFreeze(computeRuntime([dep('1.0.0', 100)]))
    expect(verdict([ver('1.0.0')], 5, 10, future)).toMatchObject({ _tag: 'Supported', active: undefined })
    expect(verdict([V15], 1300)).toMatchObject({ _tag: 'Supported', active: v150, next: undefined, nextSupported: undefined })
  })

  it('W2: UpgradeSoon when the unsupported next deployment starts within warnEpochs (inclusive)', () => {
    const v = verdict([V14], NOW, 50)
    expect(v).toMatchObject({ _tag: 'UpgradeSoon', rule: 'W2', version: V15, valid_from: 1300, epochsLeft: 50, active: v140 })
    expect(v.message).toBe(
      'runtime version 1.5.0 activates at epoch 1300, in 50 epochs, and this binary does not support it: ' +
        'install a binary supporting 1.5.0 before then'
    )
    expect(verdict([V14], 1299, 1)).toMatchObject({ _tag: 'UpgradeSoon', epochsLeft: 1 })
    expect(verdict([V14], 1299, 0)._tag).toBe('Supported')
  })

  it('W2: epochs and windows beyond 2^53 are exact', () => {
    const far = 2n ** 60n
    const big = deepFreeze(computeRuntime([dep('1.0.0', 5), dep('2.0.0', far + 10n)]))
    expect(verdict([ver('1.0.0')], far, 10n, big)).toMatchObject({ _tag: 'UpgradeSoon', epochsLeft: 10 })
    expect(verdict([ver('1.0.0')], far, 9, big)._tag).toBe('Supported')
    expect(verdict([ver('1.0.0')], 5, far + 5n, big)).toMatchObject({ _tag: 'UpgradeSoon', epochsLeft: far + 5n })
  })

  it('W2: UpgradeSoon also before the first deployment activates', () => {
    const future = deepFreeze(computeRuntime([dep('1.0.0', 100)]))
    expect(verdict([V14], 95, 10, future)).toMatchObject({ _tag: 'UpgradeSoon', active: undefined, epochsLeft: 5 })
  })

  it('W3: Unsupported when the active version is not supported: stop, install the active version', () => {
    const v = verdict([V13], NOW)
    expect(v).toMatchObject({ _tag: 'Unsupported', rule: 'W3', install: V14, active: v140, next: v150 })
    expect(v.message).toBe(
      'the active runtime version 1.4.0 (from epoch 1200) is not supported by this binary: ' +
        'stop and install a binary supporting 1.4.0 and 1.5.0 (from epoch 1300)'
    )
    expect(verdict([V13, V15], NOW).message).toBe(
      'the active runtime version 1.4.0 (from epoch 1200) is not supported by this binary: stop and install a binary supporting 1.4.0'
    )
  })

  it('W4: TooNew when every supported version is above the active one (the binary was updated too early)', () => {
    const v = verdict([V15, ver('1.6.0')], NOW)
    expect(v).toMatchObject({ _tag: 'TooNew', rule: 'W4', install: V14, lowestSupported: V15, usableFrom: 1300 })
    expect(v.message).toBe(
      'this binary supports only versions from 1.5.0, above the active 1.4.0 (from epoch 1200): ' +
        'it was updated too early; run a binary supporting 1.4.0 until epoch 1300'
    )
    expect(verdict([ver('1.6.0')], NOW)).toMatchObject({ _tag: 'TooNew', usableFrom: undefined })
    expect(verdict({ min: ver('1.4.1'), max: ver('2.0.0') }, NOW)).toMatchObject({ _tag: 'TooNew', lowestSupported: ver('1.4.1') })
  })

  it('W5: a set matches by T1 equality; a range is inclusive in T3 order', () => {
    expect(isSupported([{ major: 1, minor: 4, patch: 0 }], V14)).toBe(true)
    expect(isSupported({ min: V14, max: V15 }, V14)).toBe(true)
    expect(isSupported({ min: V14, max: V15 }, V15)).toBe(true)
    expect(isSupported({ min: V14, max: V15 }, ver('1.4.65535'))).toBe(true)
    expect(isSupported({ min: V14, max: V15 }, ver('1.5.1'))).toBe(false)
    expect(verdict({ min: V13, max: V15 })._tag).toBe('Supported')
  })

  it('W5: an empty set or an inverted range supports nothing: Unsupported, never TooNew', () => {
    expect(verdict([])).toMatchObject({ _tag: 'Unsupported' })
    expect(verdict({ min: ver('2.0.0'), max: ver('1.9.0') })).toMatchObject({ _tag: 'Unsupported' })
  })

  it('W5: malformed arguments are refused (DX2)', () => {
    expect(left(supportVerdict([V14], rt, -1, { warnEpochs: 1 }))).toMatchObject({ _tag: 'MalformedArgument', argument: 'epoch' })
    expect(left(supportVerdict([V14], rt, NOW, { warnEpochs: 1.5 }))).toMatchObject({ argument: 'opts.warnEpochs' })
    expect(left(supportVerdict([V14], rt, NOW, undefined as never))).toMatchObject({ argument: 'opts.warnEpochs' })
    expect(left(supportVerdict([{ major: 70000 }], rt, NOW, { warnEpochs: 1 }))).toMatchObject({ argument: 'supported' })
    expect(left(supportVerdict({ min: V14 } as never, rt, NOW, { warnEpochs: 1 }))).toMatchObject({ argument: 'supported' })
    expect(left(supportVerdict('1.4.0' as never, rt, NOW, { warnEpochs: 1 }))).toMatchObject({ argument: 'supported' })
  })

  // -----------------------------------------------------------------------------------------------
  // timeline
  // -----------------------------------------------------------------------------------------------
  /** Tags of the verdicts at every epoch 0..end, upgrades planned at `updates` with `lead`. */
  const timeline = (
    supported: SupportedVersions,
    updates: ReadonlyArray<readonly [number, number]>,
    lead: number,
    warnEpochs: number,
    end: number
  ): string[] => {
    let current: Runtime = computeRuntime([dep('1.0.0', 0)])
    const tags: string[] = []
    for (let epoch = 0; epoch <= end; epoch++) {
      for (const [at, minor] of updates) {
        if (at !== epoch) continue
        const plan = planUpgrade(current, { version: { major: 1, minor } }, epoch, { leadEpochs: lead, prune: true, params: PARAMS_5 })
        if (E.isRight(plan) && plan.right._tag === 'ProposedUpgrade') current = plan.right.runtime
      }
      tags.push(right(supportVerdict(supported, current, epoch, { warnEpochs }))._tag)
    }
    return tags
  }

  const directJump = (tags: ReadonlyArray<string>): boolean => tags.some((t, i) => t === 'Supported' && tags[i + 1] === 'Unsupported')

  it('W2: over a timeline, with warnEpochs ≥ the lead time, Supported never turns Unsupported without UpgradeSoon between', () => {
    const supportedArb: fc.Arbitrary<SupportedVersions> = fc.oneof(
      fc.subarray([0, 1, 2, 3, 4, 5, 6]).map((ms) => ms.map((minor): Version => ({ major: 1, minor }))),
      fc.record({ lo: fc.integer({ min: 0, max: 6 }), hi: fc.integer({ min: 0, max: 6 }) }).map(({ lo, hi }) => ({
        min: { major: 1, minor: lo },
        max: { major: 1, minor: hi }
      }))
    )
    fc.assert(
      fc.property(
        supportedArb,
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 6 })), { maxLength: 8 }),
        (supported, lead, slack, updates) => {
          const tags = timeline(supported, updates, lead, lead + slack, 80)
          expect(directJump(tags)).toBe(false)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('W2: without a warning window an upgrade does jump from Supported to Unsupported', () => {
    const tags = timeline([{ major: 1 }], [[10, 1]], 4, 0, 20)
    expect(tags.slice(12, 16)).toEqual(['Supported', 'Supported', 'Unsupported', 'Unsupported'])
    expect(directJump(tags)).toBe(true)
    const warned = timeline([{ major: 1 }], [[10, 1]], 4, 4, 20)
    expect(warned.slice(9, 15)).toEqual(['Supported', 'UpgradeSoon', 'UpgradeSoon', 'UpgradeSoon', 'UpgradeSoon', 'Unsupported'])
  })

  it('W1: the verdict never throws and never mutates its inputs', () => {
    fc.assert(
      fc.property(anyRuntime, anyEpoch, anyEpoch, fc.array(fc.record({ major: fc.nat(3), minor: fc.nat(3) })), (r, epoch, warn, sup) => {
        const v = supportVerdict(deepFreeze(sup), deepFreeze(r), epoch, deepFreeze({ warnEpochs: warn }))
        if (E.isRight(v)) expect(['W1', 'W2', 'W3', 'W4']).toContain(v.right.rule)
      })
    )
  })
})
