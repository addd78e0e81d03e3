import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { nodeKey, ROLE_OBSERVER } from '../../src/node/node.js'
import { CELESTIA_THRESHOLD, MITHRIL_THRESHOLD, type UpgradePending, upgradeReadiness } from '../../src/scheduler/readiness.js'
import type { TeeCheck } from '../../src/node/tee.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import {
  acceptAll,
  anyNode,
  computeRuntime,
  entry,
  junkNode,
  node,
  nodeId,
  NOW,
  OTHER_RT_ID,
  sgxRuntime,
  teeCap,
  v130,
  v140,
  v150
} from '../support/nodeFixtures.js'
import { dep, SGX_V0 } from '../support/rulesFixtures.js'

const rt = deepFreeze(computeRuntime([v130, v140, v150], 2))
const old = (n: number) => node(n, [entry('1.4.0')])
const both = (n: number) => node(n, [entry('1.4.0'), entry('1.5.0')])
const pendingOf = (r: E.Either<unknown, unknown>): UpgradePending => {
  const x = right(r as E.Either<unknown, UpgradePending>)
  expect(x._tag).toBe('UpgradePending')
  return x
}

describe('upgradeReadiness', () => {
  it('RG1: without a pending deployment there is nothing to gate', () => {
    const r = right(upgradeReadiness(rt, [old(1)], 1300))
    expect(r).toMatchObject({ _tag: 'NoUpgradePending', rule: 'RG1', epoch: 1300 })
    expect(r.active).toBe(v150)
    expect(r.message).toBe('no deployment is pending after epoch 1300')
  })

  it('RG1: the next deployment and the epochs left until it, exactly (also beyond 2^53)', () => {
    const r = pendingOf(upgradeReadiness(rt, [], NOW))
    expect(r.next).toBe(v150)
    expect(r.active).toBe(v140)
    expect(r.epochsLeft).toBe(50)
    const far = 2n ** 60n
    const big = deepFreeze(computeRuntime([dep('1.0.0', 5), dep('2.0.0', far + 7n)]))
    expect(pendingOf(upgradeReadiness(big, [], far)).epochsLeft).toBe(7)
    expect(pendingOf(upgradeReadiness(big, [], 5)).epochsLeft).toBe(far + 2n)
  })

  it('RG1: a malformed epoch or valid_from is refused', () => {
    expect(left(upgradeReadiness(rt, [], -1))).toMatchObject({ _tag: 'MalformedArgument', argument: 'epoch' })
    const bad = deepFreeze(computeRuntime([v140, { ...v150, valid_from: 1300.5 }]))
    expect(left(upgradeReadiness(bad, [], NOW))).toMatchObject({ _tag: 'MalformedDeployment', index: 1, field: 'valid_from' })
  })

  it("RG2: the share of the runtime's compute nodes already advertising the next version", () => {
    const nodes = deepFreeze([
      old(1),
      both(2),
      both(3),
      node(4, [entry('1.5.0')]),
      node(5, [entry('1.5.0')], { roles: ROLE_OBSERVER }), // not a compute node
      node(6, [entry('1.5.0', { id: OTHER_RT_ID })]), // another runtime
      node(7, [entry('1.5.0')], { expiration: NOW - 1 }), // expired
      both(2) // duplicate id
    ])
    const r = pendingOf(upgradeReadiness(rt, nodes, NOW))
    expect(r.nodes).toEqual({ upgraded: 3, total: 4 })
    expect(r.stake).toBeUndefined()
    expect(r.share).toEqual({ numerator: 3n, denominator: 4n })
    expect(r.basisPoints).toBe(7500)
    expect(r.message).toBe(
      '1.5.0 activates at epoch 1300 (in 50 epochs): 3 of 4 nodes advertise it, 75.00%, below the 95.00% threshold; ' +
        'a committee would be feasible'
    )
  })

  it('RG2: no nodes is a share of 0/1, rounded-down basis points otherwise', () => {
    const r = pendingOf(upgradeReadiness(rt, [], NOW))
    expect(r.share).toEqual({ numerator: 0n, denominator: 1n })
    expect(r.thresholdMet).toBe(false)
    expect(pendingOf(upgradeReadiness(rt, [both(1), both(2), old(3)], NOW)).basisPoints).toBe(6666)
  })

  it('RG3: with weights the share is by stake, exact in bigints; unlisted nodes weigh 0', () => {
    const huge = 2n ** 70n
    const weights = deepFreeze(
      new Map<string, bigint | number>([
        [nodeKey(nodeId(1)), huge],
        [nodeKey(nodeId(2)), 5 * 2 ** 40],
        [nodeKey(nodeId(9)), 1n] // not a node of the runtime
      ])
    )
    const r = pendingOf(upgradeReadiness(rt, [old(1), both(2), both(3)], NOW, { weights }))
    const w2 = 5n * 2n ** 40n
    expect(r.stake).toEqual({ upgraded: w2, total: huge + w2 })
    expect(r.share).toEqual({ numerator: w2, denominator: huge + w2 })
    expect(r.nodes).toEqual({ upgraded: 2, total: 3 })
    expect(r.basisPoints).toBe(0)
  })

  it('RG3: malformed weights are refused', () => {
    expect(left(upgradeReadiness(rt, [old(1)], NOW, { weights: new Map([[nodeKey(nodeId(1)), -1n]]) }))).toMatchObject({
      _tag: 'MalformedArgument',
      argument: `opts.weights[${nodeKey(nodeId(1))}]`
    })
    expect(left(upgradeReadiness(rt, [old(1)], NOW, { weights: new Map([[nodeKey(nodeId(1)), 0.5]]) })).rule).toBe('DX2')
    expect(left(upgradeReadiness(rt, [old(1)], NOW, { weights: {} as never }))).toMatchObject({ argument: 'opts.weights' })
  })

  it('RG4: the threshold gate: Mithril 95% by default, celestia 5/6 of stake, compared exactly', () => {
    const nodes = [both(1), both(2), both(3), both(4), both(5), old(6)] // 5/6
    expect(pendingOf(upgradeReadiness(rt, nodes, NOW)).threshold).toEqual(MITHRIL_THRESHOLD)
    expect(pendingOf(upgradeReadiness(rt, nodes, NOW)).thresholdMet).toBe(false)
    expect(pendingOf(upgradeReadiness(rt, nodes, NOW, { threshold: CELESTIA_THRESHOLD })).thresholdMet).toBe(true)
    const weights = new Map(nodes.map((n, i) => [nodeKey(n.id), i === 5 ? 2n : 1n] as const)) // 5/7 of stake
    expect(pendingOf(upgradeReadiness(rt, nodes, NOW, { threshold: CELESTIA_THRESHOLD, weights })).thresholdMet).toBe(false)
    const twenty = Array.from({ length: 20 }, (_, i) => (i < 19 ? both(i + 1) : old(i + 1)))
    expect(pendingOf(upgradeReadiness(rt, twenty, NOW)).thresholdMet).toBe(true)
    expect(pendingOf(upgradeReadiness(rt, [], NOW, { threshold: { numerator: 0n, denominator: 1n } })).thresholdMet).toBe(false)
  })

  it('RG4: a malformed threshold is refused', () => {
    for (const threshold of [{ numerator: 2n, denominator: 1n }, { numerator: 1n, denominator: 0n }, { numerator: 1, denominator: 2 }]) {
      expect(left(upgradeReadiness(rt, [], NOW, { threshold: threshold as never }))).toMatchObject({ argument: 'opts.threshold' })
    }
  })

  it('RG5: feasibility as if the next deployment were active now; ready needs both gates', () => {
    const nodes = deepFreeze(Array.from({ length: 20 }, (_, i) => node(i + 1, [entry('1.5.0')])))
    const r = pendingOf(upgradeReadiness(rt, nodes, NOW))
    expect(r.thresholdMet).toBe(true)
    expect(right(r.feasibility)).toMatchObject({ eligibleCount: 20, deployment: v150 })
    expect(r.ready).toBe(true)
    const tooFew = pendingOf(upgradeReadiness(rt, [node(1, [entry('1.5.0')])], NOW))
    expect(tooFew.thresholdMet).toBe(true)
    expect(left(tooFew.feasibility)).toMatchObject({ _tag: 'InsufficientNodes', eligible: 1, needed: 2 })
    expect(tooFew.ready).toBe(false)
    expect(tooFew.message).toContain('no committee: S4')
    expect(left(upgradeReadiness(rt, [], NOW, { groupSize: -2 }))).toMatchObject({ argument: 'opts.groupSize' })
  })

  it("RG5: for TEE runtimes the attestation is checked against the next deployment's tee", () => {
    const sgx = deepFreeze(sgxRuntime([['1.4.0', 1200], ['1.5.0', 1300]]))
    const seen: TeeCheck[] = []
    const verifyTee = (c: TeeCheck) => (seen.push(c), E.right(undefined))
    const nodes = [node(1, [entry('1.5.0', { tee: teeCap() })]), node(2, [entry('1.5.0', { tee: teeCap() })])]
    const r = pendingOf(upgradeReadiness(sgx, nodes, NOW, { verifyTee, groupSize: 2 }))
    expect(r.ready).toBe(true)
    expect(seen.map((c) => [c.deployment.valid_from, c.deployment.tee, c.epoch])).toEqual([
      [1300, SGX_V0, NOW],
      [1300, SGX_V0, NOW]
    ])
    expect(pendingOf(upgradeReadiness(sgx, nodes, NOW, { groupSize: 2 })).ready).toBe(false)
  })

  it('RG2: readiness never throws, never mutates, and upgraded never exceeds the total', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyNode, junkNode), { maxLength: 8 }), fc.boolean(), (nodes, weighted) => {
        const weights = weighted ? new Map(nodes.filter((n) => n !== null).map((n, i) => [nodeKey(n.id), BigInt(i)] as const)) : undefined
        const r = upgradeReadiness(rt, deepFreeze(nodes), NOW, deepFreeze({ weights, verifyTee: acceptAll }))
        const p = pendingOf(r)
        expect(p.nodes.upgraded).toBeLessThanOrEqual(p.nodes.total)
        expect(p.share.numerator).toBeLessThanOrEqual(p.share.denominator)
        expect(p.basisPoints).toBeGreaterThanOrEqual(0)
        expect(p.basisPoints).toBeLessThanOrEqual(10000)
      })
    )
  })
})
