/**
 * Reproductions of hostile inputs that once made the library throw or misbehave, one per cause;
 * each stays here so the hole stays closed.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  activeDeployment,
  advanceEpoch,
  committeeFeasibility,
  createRegistry,
  type ExcludedNode,
  exclusion,
  exclusionCounts,
  deploymentForVersion,
  eligibleNodes,
  hostedVersions,
  nextDeployment,
  parseVersion,
  planUpgrade,
  pruneSuperseded,
  resolveCommitteeParameters,
  supportVerdict,
  upgradeReadiness,
  type Runtime,
  validateDeployments,
  type VersionInfo
} from '../src/index.js'
import { deepFreeze, left, right } from './support/helpers.js'
import { computeRuntime, v130, v140 } from './support/nodeFixtures.js'
import { PARAMS } from './support/rulesFixtures.js'

// A sparse array is a legal `VersionInfo[]`: index 0 is a hole, not an entry.
const holey = (): VersionInfo[] => {
  const d: VersionInfo[] = []
  d[1] = { version: { major: 1 }, valid_from: 0 }
  return d
}

describe('hostile input', () => {
  it('A4: the holes of a sparse deployments array are not deployments, in every function that reads them', () => {
    const rt = deepFreeze({ ...computeRuntime([v130, v140]), deployments: holey() })
    expect(activeDeployment(rt, 5)?.version).toEqual({ major: 1 })
    expect(nextDeployment(rt, 5)).toBeUndefined()
    expect(deploymentForVersion(rt, { major: 1 })?.valid_from).toBe(0)
    expect(pruneSuperseded(rt, 5).removed).toEqual([])
    expect(hostedVersions(rt, 5).deployments).toHaveLength(1)
    expect(E.isRight(supportVerdict([{ major: 1 }], rt, 5, { warnEpochs: 3 }))).toBe(true)
    // The plan drops the hole, and verification then finds the stored descriptor invalid (U6).
    expect(planUpgrade(rt, { version: { major: 2 } }, 5, { leadEpochs: 2, params: PARAMS })).toMatchObject({ left: { rule: 'U6', cause: { rule: 'D3' } } })
    expect(E.isRight(eligibleNodes(rt, [], 5))).toBe(true)
    expect(E.isLeft(committeeFeasibility(rt, [], 5))).toBe(true)
    expect(E.isRight(upgradeReadiness(rt, [], 5))).toBe(true)
    // Validation refuses the hole as a null entry (D3), as before.
    expect(validateDeployments(rt, 5, {})).toMatchObject({ left: { rule: 'D3', index: 0 } })
  })

  it('DX2: a genesis runtime without an id, or a hole among the runtimes, is refused, not thrown at', () => {
    const rt = computeRuntime([v130])
    expect(createRegistry([{ ...rt, id: undefined as unknown as Uint8Array }], 0)).toMatchObject({
      left: { _tag: 'MalformedArgument', rule: 'DX2', argument: 'runtimes[0].id' }
    })
    const sparse: Runtime[] = []
    sparse[1] = rt
    expect(createRegistry(sparse, 0)).toMatchObject({ left: { rule: 'DX2', argument: 'runtimes[0].id' } })
  })

  it('T6: a long version string is quoted, not repeated, in the refusal', () => {
    const v = left(parseVersion(`${'x'.repeat(10_000)}.1`))
    expect(v.message.length).toBeLessThan(200)
    expect(v.message).toBe(
      'invalid version string "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" (10002 characters): the major part "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" (10000 characters) is not a decimal number'
    )
    expect(left(parseVersion(`1.${'9'.repeat(5000)}`)).message.length).toBeLessThan(200)
  })

  it('E2: trusted state holds at most 255 deployments a runtime; advancing across all of them reports each activation once', () => {
    const many = (n: number): VersionInfo[] =>
      Array.from({ length: n }, (_, i) => ({ version: { major: i >> 16, minor: i & 0xffff }, valid_from: i + 1 }))
    expect(createRegistry([computeRuntime(many(256))], 0)).toMatchObject({ left: { rule: 'D2', count: 256, limit: 255 } })
    const registry = right(createRegistry([computeRuntime(many(255))], 0))
    const advanced = right(advanceEpoch(registry, 1000))
    expect(advanced.activations.map((a) => a.epoch)).toEqual(many(255).map((d) => d.valid_from))
    expect(advanced.registry.runtimes.size).toBe(1)
  })

  it('DX2: committee sizes given as null are refused, not thrown at', () => {
    expect(resolveCommitteeParameters(computeRuntime([v130]), null as never)).toMatchObject({
      left: { _tag: 'MalformedArgument', rule: 'DX2', argument: 'opts' }
    })
  })

  it('DX2: scheduler queries about a runtime without an id are refused, not thrown at', () => {
    const noId = { ...computeRuntime([v130]), id: undefined as unknown as Uint8Array }
    const node = { id: new Uint8Array(32).fill(1), entity_id: new Uint8Array(32).fill(2), roles: 1, runtimes: null }
    for (const r of [eligibleNodes(noId, [node], 1), committeeFeasibility(noId, [node], 1), upgradeReadiness(noId, [node], 0)]) {
      expect(r).toMatchObject({ left: { _tag: 'MalformedArgument', rule: 'DX2', argument: 'rt.id' } })
    }
  })

  it('S4: exclusions counted over a sparse list skip its holes', () => {
    const excluded: ExcludedNode[] = []
    excluded[1] = { node: { id: new Uint8Array(32), entity_id: new Uint8Array(32), roles: 0, runtimes: null }, reason: exclusion('MissingComputeRole', { roles: 0 }) }
    expect(exclusionCounts({ epoch: 1, deployment: undefined, eligible: [], excluded })).toEqual([{ reason: 'MissingComputeRole', rule: 'S2', count: 1 }])
  })
})
