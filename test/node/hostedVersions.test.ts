import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_PRE_WARM_EPOCHS, hostedVersions } from '../../src/node/hostedVersions.js'
import { activeDeployment, nextDeployment } from '../../src/rules/selection.js'
import { compareU64 } from '../../src/internal/uint64.js'
import { deepFreeze } from '../support/helpers.js'
import { computeRuntime, v130, v140, v150 } from '../support/nodeFixtures.js'
import { anyEpoch, anyRuntime, dep } from '../support/rulesFixtures.js'

const rt = deepFreeze(computeRuntime([v150, v130, v140]))

describe('hostedVersions', () => {
  it('W6: the active version, plus the next one within the default pre-warm window of 3 epochs', () => {
    expect(DEFAULT_PRE_WARM_EPOCHS).toBe(3)
    expect(hostedVersions(rt, 1296)).toEqual({ active: v140, preWarm: undefined, deployments: [v140] })
    expect(hostedVersions(rt, 1297)).toEqual({ active: v140, preWarm: v150, deployments: [v140, v150] })
    expect(hostedVersions(rt, 1299).deployments).toEqual([v140, v150])
    expect(hostedVersions(rt, 1300)).toEqual({ active: v150, preWarm: undefined, deployments: [v150] })
  })

  it('W6: a window that is not a uint64 disables pre-warming; an epoch that is not one hosts nothing', () => {
    for (const bad of [1.5, Infinity, Number.NaN, -1, 2n ** 70n]) {
      expect(hostedVersions(rt, 1299, bad as number).deployments, String(bad)).toEqual([v140])
    }
    for (const bad of [Number.NaN, Infinity, -1, 0.5]) {
      expect(hostedVersions(rt, bad), String(bad)).toEqual({ active: undefined, preWarm: undefined, deployments: [] })
    }
  })

  it('W6: the window is configurable; 0 disables pre-warming', () => {
    expect(hostedVersions(rt, 1250, 50).deployments).toEqual([v140, v150])
    expect(hostedVersions(rt, 1250, 49).deployments).toEqual([v140])
    expect(hostedVersions(rt, 1299, 0).deployments).toEqual([v140])
    expect(hostedVersions(rt, 1250, 50n).preWarm).toBe(v150)
  })

  it('W6: before the first deployment only the pre-warmed one is hosted; epochs beyond 2^53 are exact', () => {
    const future = deepFreeze(computeRuntime([dep('1.0.0', 100)]))
    expect(hostedVersions(future, 96).deployments).toEqual([])
    expect(hostedVersions(future, 97).deployments.map((d) => d.valid_from)).toEqual([100])
    const far = 2n ** 60n
    const big = deepFreeze(computeRuntime([dep('1.0.0', 5), dep('2.0.0', far + 3n)]))
    expect(hostedVersions(big, far).deployments).toHaveLength(2)
    expect(hostedVersions(big, far - 1n).deployments).toHaveLength(1)
  })

  it('W6: a malformed window or valid_from only disables pre-warming', () => {
    expect(hostedVersions(rt, 1299, -1).deployments).toEqual([v140])
    expect(hostedVersions(rt, 1299, Number.NaN).deployments).toEqual([v140])
    const bad = deepFreeze(computeRuntime([v140, { ...v150, valid_from: 1299.5 }]))
    expect(hostedVersions(bad, 1299).deployments).toEqual([v140])
  })

  it('W6: hosted versions are the active one and, at most, the next one; never throws or mutates', () => {
    fc.assert(
      fc.property(anyRuntime, anyEpoch, fc.integer({ min: 0, max: 100 }), (r, epoch, window) => {
        const h = hostedVersions(deepFreeze(r), epoch, window)
        expect(h.active).toBe(activeDeployment(r, epoch))
        if (h.preWarm !== undefined) {
          expect(h.preWarm).toBe(nextDeployment(r, epoch))
          expect(compareU64(h.preWarm.valid_from, epoch)).toBe(1)
        }
        expect(h.deployments.length).toBeLessThanOrEqual(2)
      })
    )
  })
})
