import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareU64 } from '../../src/internal/uint64.js'
import type { Runtime, VersionInfo } from '../../src/schema/runtime.js'
import { activeDeployment, deploymentForVersion, nextDeployment } from '../../src/rules/selection.js'
import { deepFreeze } from '../support/helpers.js'
import { anyEpoch, anyRuntime, dep, runtime, shuffle, validScenario, ver } from '../support/rulesFixtures.js'

// go/registry/api/runtime_test.go TestDeployments: [0.1.0@0, 0.2.0@10, 0.3.0@20], in every order.
const FIXTURE = [dep('0.1.0', 0), dep('0.2.0', 10), dep('0.3.0', 20)]
const ORDERS: ReadonlyArray<ReadonlyArray<VersionInfo>> = [
  [FIXTURE[0]!, FIXTURE[1]!, FIXTURE[2]!],
  [FIXTURE[2]!, FIXTURE[1]!, FIXTURE[0]!],
  [FIXTURE[1]!, FIXTURE[2]!, FIXTURE[0]!],
  [FIXTURE[2]!, FIXTURE[0]!, FIXTURE[1]!]
]

const minor = (d: VersionInfo | undefined): number | undefined => (d === undefined ? undefined : (d.version.minor ?? 0))

describe('selection', () => {
  // -----------------------------------------------------------------------------------------------
  // upstream TestDeployments
  // -----------------------------------------------------------------------------------------------
  describe.each(ORDERS.map((o, i) => [i, deepFreeze(runtime(o))] as const))('order #%d', (_i, rt) => {
    it.each([
      [0, 1],
      [1, 1],
      [9, 1],
      [10, 2],
      [20, 3],
      [50, 3],
      [100, 3],
      [1000, 3]
    ])('A2: active minor version at epoch %d is %d', (epoch, expected) => {
      expect(minor(activeDeployment(rt, epoch))).toBe(expected)
    })

    it.each([
      [0, 2],
      [1, 2],
      [9, 2],
      [10, 3],
      [20, undefined],
      [1000, undefined]
    ])('N2: next minor version at epoch %d is %s', (epoch, expected) => {
      expect(minor(nextDeployment(rt, epoch))).toBe(expected)
    })

    it.each([
      ['0.1.0', 0],
      ['0.2.0', 10],
      ['0.3.0', 20],
      ['0.99.0', undefined]
    ])('V1: deployment for %s starts at %s', (version, validFrom) => {
      expect(deploymentForVersion(rt, ver(version))?.valid_from).toBe(validFrom)
    })
  })

  it('A4: a runtime without deployments has no active or next deployment', () => {
    expect(activeDeployment(runtime(undefined), 0)).toBeUndefined()
    expect(activeDeployment(runtime([]), 0)).toBeUndefined()
    expect(nextDeployment(runtime([]), 0)).toBeUndefined()
    expect(deploymentForVersion(runtime(undefined), {})).toBeUndefined()
  })

  it('DX2: an epoch that is not a uint64 selects nothing (NaN, ±Infinity, fractions, negatives, beyond 2^64 − 1)', () => {
    const rt = runtime([dep('1.0.0', 0), dep('1.1.0', 10)])
    for (const bad of [Number.NaN, Infinity, -Infinity, 1.5, -1, 2 ** 60, 2n ** 64n, -1n]) {
      expect(activeDeployment(rt, bad), String(bad)).toBeUndefined()
      expect(nextDeployment(rt, bad), String(bad)).toBeUndefined()
    }
    expect(activeDeployment(rt, -0)?.valid_from).toBe(0)
  })

  it('DX1: a deployment whose valid_from is NaN is neither active nor next at any epoch', () => {
    const rt = runtime([dep('1.0.0', 0), { ...dep('1.1.0', 0), valid_from: Number.NaN }])
    for (const epoch of [0, 5, 2n ** 64n - 1n]) {
      expect(activeDeployment(rt, epoch)?.version).toEqual(ver('1.0.0'))
      expect(nextDeployment(rt, epoch)).toBeUndefined()
    }
  })

  it('A1: a deployment starting after the epoch is not active', () => {
    expect(activeDeployment(runtime([dep('1.0.0', 5)]), 4)).toBeUndefined()
    expect(activeDeployment(runtime([dep('1.0.0', 5)]), 5)?.valid_from).toBe(5)
  })

  it('N1: a deployment starting at the epoch is not next', () => {
    expect(nextDeployment(runtime([dep('1.0.0', 5)]), 5)).toBeUndefined()
    expect(nextDeployment(runtime([dep('1.0.0', 5)]), 4)?.valid_from).toBe(5)
  })

  it('N2: the next deployment is the earliest future one, not the first future one in the array (#6096)', () => {
    const rt = runtime([dep('1.0.0', 0), dep('1.2.0', 30), dep('1.1.0', 20)])
    expect(nextDeployment(rt, 5)?.version).toEqual(ver('1.1.0'))
  })

  it('A3: among equal valid_from the first in array order is active', () => {
    const a = dep('1.0.0', 7)
    const b = dep('2.0.0', 7)
    expect(activeDeployment(runtime([a, b]), 9)).toBe(a)
    expect(activeDeployment(runtime([b, a]), 9)).toBe(b)
  })

  it('N3: among equal valid_from the last in array order is next', () => {
    const a = dep('1.0.0', 7)
    const b = dep('2.0.0', 7)
    expect(nextDeployment(runtime([a, b]), 1)).toBe(b)
    expect(nextDeployment(runtime([b, a]), 1)).toBe(a)
  })

  it('V1: the first deployment of the version wins, and absent parts are 0', () => {
    const a = dep('1.0.0', 1)
    const b = dep('1.0.0', 2)
    expect(deploymentForVersion(runtime([a, b]), { major: 1, minor: 0, patch: 0 })).toBe(a)
  })

  it('A2: valid_from is compared exactly across number and bigint, beyond 2^53', () => {
    const big = 2n ** 60n
    const rt = runtime([dep('1.0.0', Number.MAX_SAFE_INTEGER), dep('2.0.0', big), dep('3.0.0', big + 1n)])
    expect(activeDeployment(rt, big)?.version).toEqual(ver('2.0.0'))
    expect(activeDeployment(rt, big - 1n)?.version).toEqual(ver('1.0.0'))
    expect(activeDeployment(rt, (1n << 64n) - 1n)?.version).toEqual(ver('3.0.0'))
    expect(nextDeployment(rt, big)?.version).toEqual(ver('3.0.0'))
    expect(nextDeployment(rt, 9007199254740991n)?.version).toEqual(ver('2.0.0'))
    expect(activeDeployment(runtime([dep('1.0.0', 10n)]), 10)?.version).toEqual(ver('1.0.0'))
  })

  it('A4: null entries (refused by validation, D3) are ignored, not dereferenced', () => {
    const rt = { ...runtime([dep('1.0.0', 1)]), deployments: [null, dep('1.0.0', 1)] } as unknown as Runtime
    expect(activeDeployment(rt, 5)?.valid_from).toBe(1)
    expect(nextDeployment(rt, 0)?.valid_from).toBe(1)
    expect(deploymentForVersion(rt, ver('1.0.0'))?.valid_from).toBe(1)
  })

  // -----------------------------------------------------------------------------------------------
  // properties
  // -----------------------------------------------------------------------------------------------
  it('A3: for a valid descriptor, selection does not depend on the array order', () => {
    fc.assert(
      fc.property(validScenario(3), anyEpoch, fc.integer(), ({ rt, sorted }, epoch, seed) => {
        const other = runtime(shuffle(sorted, seed))
        for (const e of [epoch, sorted[0]!.valid_from, sorted[sorted.length - 1]!.valid_from]) {
          expect(activeDeployment(other, e)).toBe(activeDeployment(rt, e))
          expect(nextDeployment(other, e)).toBe(nextDeployment(rt, e))
        }
        for (const d of sorted) expect(deploymentForVersion(other, d.version)).toBe(d)
      })
    )
  })

  it('A2: the active deployment is monotone in the epoch', () => {
    fc.assert(
      fc.property(validScenario(3), anyEpoch, anyEpoch, ({ rt }, e1, e2) => {
        const [lo, hi] = compareU64(e1, e2) <= 0 ? [e1, e2] : [e2, e1]
        const a = activeDeployment(rt, lo)
        const b = activeDeployment(rt, hi)
        if (a !== undefined) {
          expect(b).toBeDefined()
          expect(compareU64(a.valid_from, b!.valid_from)).toBeLessThanOrEqual(0)
        }
      })
    )
  })

  it('N2: the next deployment is the active one of the epoch just before it starts', () => {
    fc.assert(
      fc.property(validScenario(3), anyEpoch, ({ rt }, e) => {
        const next = nextDeployment(rt, e)
        if (next !== undefined) expect(activeDeployment(rt, next.valid_from)).toBe(next)
      })
    )
  })

  it('A1: selection never throws and never mutates its (deep-frozen) input', () => {
    fc.assert(
      fc.property(anyRuntime, anyEpoch, (rt, e) => {
        const frozen = deepFreeze(rt)
        activeDeployment(frozen, e)
        nextDeployment(frozen, e)
        for (const d of frozen.deployments ?? []) deploymentForVersion(frozen, d.version)
      })
    )
  })
})
