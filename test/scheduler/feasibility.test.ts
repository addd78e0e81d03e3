import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { eligibleNodes } from '../../src/scheduler/eligibility.js'
import { committeeFeasibility, committeeParameters, exclusionCounts } from '../../src/scheduler/feasibility.js'
import type { SchedulingConstraints } from '../../src/schema/runtime.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import { anyNode, computeRuntime, entry, junkNode, node, NOW, v130, v140, v150 } from '../support/nodeFixtures.js'
import { dep, runtime } from '../support/rulesFixtures.js'

const rt = deepFreeze(computeRuntime([v130, v140, v150], 2))
const on140 = (n: number) => node(n, [entry('1.4.0')])

describe('committeeFeasibility', () => {
  it('S4: upstream "not enough eligible nodes, incorrect version": no committee, the runtime would be suspended', () => {
    const upstream = deepFreeze(computeRuntime([dep('1.0.0', 0)], 2))
    const nodes = deepFreeze([node(1, [entry('1.0.1')]), node(3, [entry('1.0.0')])])
    const e = left(committeeFeasibility(upstream, nodes, 5, { groupSize: 2, minPoolSize: 0 }))
    expect(e).toMatchObject({
      _tag: 'InsufficientNodes',
      rule: 'S4',
      problem: 'group-size-exceeds-nodes',
      role: 'worker',
      eligible: 1,
      needed: 2,
      epoch: 5,
      deployment: { version: { major: 1 }, valid_from: 0 },
      exclusions: [{ reason: 'VersionNotAdvertised', rule: 'S2', count: 1 }]
    })
    expect(e.message).toBe(
      'at epoch 5, not enough eligible nodes for deployment 1.0.0 (valid_from 0): 1 node, the worker group needs 2; ' +
        'the runtime would be suspended (excluded: 1 VersionNotAdvertised (S2))'
    )
    // The same with the sizes read from the descriptor.
    expect(left(committeeFeasibility(upstream, nodes, 5))).toMatchObject({ eligible: 1, needed: 2 })
  })

  it('S4: enough eligible nodes make a committee feasible', () => {
    const f = right(committeeFeasibility(rt, deepFreeze([on140(1), on140(2), node(3, [entry('1.5.0')])]), NOW))
    expect(f).toMatchObject({ _tag: 'Feasible', eligibleCount: 2, needed: 2, parameters: { groupSize: 2, minPoolSize: 0 } })
    expect(f.deployment).toBe(v140)
    expect(f.eligibility.excluded).toHaveLength(1)
  })

  it('S4: no active deployment means no committee', () => {
    const pending = deepFreeze(computeRuntime([dep('1.0.0', 100)]))
    expect(left(committeeFeasibility(pending, [on140(1)], 5))).toMatchObject({
      problem: 'no-active-deployment',
      deployment: undefined,
      exclusions: [{ reason: 'NoActiveDeployment', rule: 'S1', count: 1 }]
    })
  })

  it('S4: an empty committee is not allowed', () => {
    const e = left(committeeFeasibility(rt, [on140(1)], NOW, { groupSize: 0 }))
    expect(e).toMatchObject({ problem: 'empty-committee', needed: 0 })
    expect(e.message).toContain('the executor group size is 0')
  })

  it('S4: the minimum pool size is checked before the group size', () => {
    const nodes = [on140(1), on140(2)]
    expect(left(committeeFeasibility(rt, nodes, NOW, { groupSize: 3, minPoolSize: 3 }))).toMatchObject({
      problem: 'below-min-pool-size',
      needed: 3,
      eligible: 2
    })
    expect(right(committeeFeasibility(rt, nodes, NOW, { groupSize: 1, minPoolSize: 2 })).needed).toBe(2)
    expect(left(committeeFeasibility(rt, nodes, NOW, { groupSize: 1, minPoolSize: 3 }))).toMatchObject({ problem: 'below-min-pool-size' })
  })

  it('S4: backup workers are checked when their group size is not 0', () => {
    const nodes = [on140(1), on140(2)]
    expect(right(committeeFeasibility(rt, nodes, NOW, { groupSize: 2, backupSize: 0, backupMinPoolSize: 9 })).needed).toBe(2)
    expect(left(committeeFeasibility(rt, nodes, NOW, { groupSize: 1, backupSize: 3 }))).toMatchObject({
      problem: 'group-size-exceeds-nodes',
      role: 'backup-worker',
      needed: 3
    })
    expect(left(committeeFeasibility(rt, nodes, NOW, { groupSize: 1, backupSize: 1, backupMinPoolSize: 4 }))).toMatchObject({
      problem: 'below-min-pool-size',
      role: 'backup-worker'
    })
  })

  it('S4: sizes default to the descriptor: group sizes and the executor min_pool_size constraints', () => {
    const constraints = new Map<number, ReadonlyMap<number, SchedulingConstraints> | null>([
      [1, new Map([[1, { min_pool_size: { limit: 3 } }], [2, { min_pool_size: { limit: 4 } }]])]
    ])
    const withConstraints = deepFreeze({ ...computeRuntime([v140], 2, 1), constraints })
    expect(committeeParameters(withConstraints)).toEqual({ groupSize: 2, minPoolSize: 3, backupSize: 1, backupMinPoolSize: 4 })
    expect(committeeParameters(runtime([v140], { executor: undefined }))).toEqual({ groupSize: 0, minPoolSize: 0, backupSize: 0, backupMinPoolSize: 0 })
    expect(committeeParameters({ ...runtime([v140]), constraints: new Map([[1, null]]) }).minPoolSize).toBe(0)
    const three = [on140(1), on140(2), on140(3)]
    expect(left(committeeFeasibility(withConstraints, three, NOW))).toMatchObject({ role: 'backup-worker', needed: 4 })
    expect(right(committeeFeasibility(withConstraints, three, NOW, { backupMinPoolSize: 0 })).needed).toBe(3)
  })

  it('S4: a malformed size is refused with MalformedArgument (DX2)', () => {
    expect(left(committeeFeasibility(rt, [], NOW, { groupSize: -1 }))).toMatchObject({
      _tag: 'MalformedArgument',
      argument: 'opts.groupSize'
    })
    expect(left(committeeFeasibility(rt, [], NOW, { minPoolSize: 1.5 })).rule).toBe('DX2')
  })

  it('S4: exclusion reasons are counted, most frequent first', () => {
    const nodes = [node(1, [entry('1.3.0')]), node(2, [entry('1.5.0')]), node(3, null), on140(4)]
    expect(exclusionCounts(right(eligibleNodes(rt, nodes, NOW)))).toEqual([
      { reason: 'VersionNotAdvertised', rule: 'S2', count: 2 },
      { reason: 'RuntimeNotAdvertised', rule: 'S2', count: 1 }
    ])
  })

  it('S4: feasible exactly when the eligible count reaches every needed size; never throws or mutates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(anyNode, junkNode), { maxLength: 8 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (nodes, groupSize, minPoolSize) => {
          const r = committeeFeasibility(rt, deepFreeze(nodes), NOW, deepFreeze({ groupSize, minPoolSize }))
          const count = right(eligibleNodes(rt, nodes, NOW)).eligible.length
          expect(E.isRight(r)).toBe(groupSize > 0 && count >= groupSize && count >= minPoolSize)
          if (E.isLeft(r)) expect(r.left.rule).toBe('S4')
        }
      )
    )
  })
})
