import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { NodeDescriptor } from '../../src/index.js'
import { compareNodeIds, nodeKey, ROLE_COMPUTE_WORKER, ROLE_OBSERVER, ROLE_VALIDATOR } from '../../src/node/node.js'
import type { TeeCheck } from '../../src/node/tee.js'
import { eligibleNodes, eligibleNodesFor, exclusion, EXCLUSION_RULES, type ExclusionTag } from '../../src/scheduler/eligibility.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import {
  acceptAll,
  anyEntry,
  anyNode,
  computeRuntime,
  entry,
  junkNode,
  node,
  nodeId,
  NOW,
  OTHER_RT_ID,
  refuseAll,
  sgxRuntime,
  teeCap,
  v130,
  v140,
  v150
} from '../support/nodeFixtures.js'
import { dep, SGX_V0, shuffle, ver } from '../support/rulesFixtures.js'

const rt = deepFreeze(computeRuntime([v130, v140, v150]))
const ids = (ns: ReadonlyArray<NodeDescriptor>) => ns.map((n) => n.id[0])
const reasonOf = (n: NodeDescriptor, r = rt, epoch: number | bigint = NOW, opts = {}) => {
  const result = right(eligibleNodes(r, deepFreeze([n]), epoch, opts))
  expect(result.eligible.length + result.excluded.length).toBe(1)
  return result.excluded[0]?.reason
}

describe('eligibleNodes', () => {
  // -----------------------------------------------------------------------------------------------
  // S1, S2
  // -----------------------------------------------------------------------------------------------
  it('DX2: an epoch that is not a uint64 is refused, not answered for', () => {
    for (const bad of [Number.NaN, Infinity, 1.5, -1, 2n ** 64n]) {
      expect(left(eligibleNodes(rt, [], bad)), String(bad)).toMatchObject({ _tag: 'MalformedArgument', rule: 'DX2', argument: 'epoch' })
      expect(left(eligibleNodesFor(rt, undefined, [], bad))).toMatchObject({ rule: 'DX2', argument: 'epoch' })
    }
  })

  it('S1: without an active deployment no node is eligible', () => {
    const pending = deepFreeze(computeRuntime([dep('1.0.0', 100)]))
    const r = right(eligibleNodes(pending, [node(1, [entry('1.0.0')])], 99))
    expect(r.deployment).toBeUndefined()
    expect(r.eligible).toEqual([])
    expect(r.excluded[0]?.reason).toMatchObject({ _tag: 'NoActiveDeployment', rule: 'S1', epoch: 99 })
    expect(right(eligibleNodes(pending, [node(1, [entry('1.0.0')])], 100)).eligible.length).toBe(1)
  })

  it('S2: upstream "not enough eligible nodes, incorrect version": node1 (1.0.1) is out, node3 (1.0.0) is in', () => {
    const upstream = deepFreeze(computeRuntime([dep('1.0.0', 0)], 2))
    const node1 = node(1, [entry('1.0.1')])
    const node3 = node(3, [entry('1.0.0')])
    const r = right(eligibleNodes(upstream, deepFreeze([node3, node1]), 5))
    expect(ids(r.eligible)).toEqual([3])
    expect(r.excluded).toHaveLength(1)
    expect(r.excluded[0]!.node).toBe(node1)
    expect(r.excluded[0]!.reason).toMatchObject({
      _tag: 'VersionNotAdvertised',
      rule: 'S2',
      required: ver('1.0.0'),
      advertised: [ver('1.0.1')]
    })
    expect(r.excluded[0]!.reason.message).toBe('the node advertises version 1.0.1, not the active version 1.0.0')
  })

  it('S2: a node needs the compute worker role', () => {
    expect(reasonOf(node(1, [entry('1.4.0')], { roles: ROLE_OBSERVER | ROLE_VALIDATOR }))).toMatchObject({
      _tag: 'MissingComputeRole',
      rule: 'S2',
      roles: 10
    })
    expect(reasonOf(node(1, [entry('1.4.0')], { roles: ROLE_COMPUTE_WORKER | ROLE_VALIDATOR }))).toBeUndefined()
  })

  it('S2: a node must advertise the runtime id', () => {
    expect(reasonOf(node(1, [entry('1.4.0', { id: OTHER_RT_ID })]))).toMatchObject({ _tag: 'RuntimeNotAdvertised', rule: 'S2' })
    expect(reasonOf(node(1, null))).toMatchObject({ _tag: 'RuntimeNotAdvertised' })
  })

  it('S2: a node must advertise exactly the active version (T1 equality), other versions are skipped', () => {
    expect(reasonOf(node(1, [entry('1.5.0'), entry('1.3.0')]))).toMatchObject({
      _tag: 'VersionNotAdvertised',
      advertised: [ver('1.5.0'), ver('1.3.0')]
    })
    expect(reasonOf(node(1, [entry('1.5.0'), entry('1.4.0')]))).toBeUndefined()
    expect(reasonOf(node(1, [{ ...entry('1.4.0'), version: { major: 1, minor: 4, patch: 0 } }]))).toBeUndefined()
  })

  it('S2: the first entry with the active version is the one checked', () => {
    const withTee = entry('1.4.0', { tee: teeCap(1) })
    expect(reasonOf(node(1, [withTee, entry('1.4.0')]))).toMatchObject({ _tag: 'UnexpectedTee', hardware: 1 })
    expect(reasonOf(node(1, [entry('1.4.0'), withTee]))).toBeUndefined()
  })

  it('S2: a node suspended for the runtime is not eligible', () => {
    const n = node(4, [entry('1.4.0')])
    expect(reasonOf(n, rt, NOW, { suspended: [nodeId(4)] })).toMatchObject({ _tag: 'NodeSuspended', rule: 'S2', epoch: NOW })
    expect(reasonOf(n, rt, NOW, { suspended: [nodeId(5)] })).toBeUndefined()
  })

  it('S2: a runtime without TEE needs entries without TEE capability', () => {
    expect(reasonOf(node(1, [entry('1.4.0', { tee: teeCap(1) })]))).toMatchObject({
      _tag: 'UnexpectedTee',
      rule: 'S2',
      message: 'the node advertises TEE hardware 1 but the runtime uses no TEE'
    })
  })

  it('S2: an SGX runtime needs the same TEE hardware', () => {
    const sgx = deepFreeze(sgxRuntime([['1.4.0', 1200]]))
    const opts = { verifyTee: acceptAll }
    expect(reasonOf(node(1, [entry('1.4.0')]), sgx, NOW, opts)).toMatchObject({
      _tag: 'TeeHardwareMismatch',
      required: 1,
      hardware: undefined,
      message: 'the node advertises no TEE, the runtime requires TEE hardware 1'
    })
    expect(reasonOf(node(1, [entry('1.4.0', { tee: teeCap(2) })]), sgx, NOW, opts)).toMatchObject({
      _tag: 'TeeHardwareMismatch',
      hardware: 2
    })
    expect(reasonOf(node(1, [entry('1.4.0', { tee: teeCap(1) })]), sgx, NOW, opts)).toBeUndefined()
  })

  it("S2: the verifier checks the attestation against the active deployment's tee at the epoch", () => {
    const sgx = deepFreeze(sgxRuntime([['1.4.0', 1200], ['1.5.0', 1300]]))
    const seen: TeeCheck[] = []
    const verifyTee = (c: TeeCheck) => {
      seen.push(c)
      return E.right(undefined)
    }
    const n = node(1, [entry('1.5.0', { tee: teeCap() }), entry('1.4.0', { tee: teeCap() })])
    expect(right(eligibleNodes(sgx, [n], NOW, { verifyTee })).eligible).toHaveLength(1)
    expect(seen).toHaveLength(1)
    expect(seen[0]!.deployment.version).toEqual(ver('1.4.0'))
    expect(seen[0]!.deployment.tee).toBe(SGX_V0)
    expect(seen[0]!.entry).toBe(n.runtimes![1])
    expect(seen[0]!.epoch).toBe(NOW)
    expect(reasonOf(n, sgx, NOW, { verifyTee: refuseAll })).toMatchObject({
      _tag: 'AttestationRejected',
      rule: 'S2',
      reason: 'quote too old',
      deployment: { version: ver('1.4.0'), valid_from: 1200 }
    })
  })

  it('S2: eligibility follows the active deployment across the upgrade epoch', () => {
    const old = node(1, [entry('1.4.0')])
    const upgraded = node(2, [entry('1.4.0'), entry('1.5.0')])
    const fresh = node(3, [entry('1.5.0')])
    const all = deepFreeze([old, upgraded, fresh])
    expect(ids(right(eligibleNodes(rt, all, 1299)).eligible)).toEqual([1, 2])
    expect(ids(right(eligibleNodes(rt, all, 1300)).eligible)).toEqual([2, 3])
    expect(ids(right(eligibleNodesFor(rt, v150, all, 1250)).eligible)).toEqual([2, 3])
  })

  it('S2: epochs beyond 2^53 are compared exactly', () => {
    const far = 2n ** 60n
    const big = deepFreeze(computeRuntime([dep('1.0.0', 5), dep('2.0.0', far + 1n)]))
    const n = deepFreeze([node(1, [entry('1.0.0')]), node(2, [entry('2.0.0')])])
    expect(ids(right(eligibleNodes(big, n, far)).eligible)).toEqual([1])
    expect(ids(right(eligibleNodes(big, n, far + 1n)).eligible)).toEqual([2])
  })

  // -----------------------------------------------------------------------------------------------
  // SX1–SX5
  // -----------------------------------------------------------------------------------------------
  it('SX1: a malformed node is excluded, naming the field', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...node(1, [entry('1.4.0')]), id: new Uint8Array(31) }, 'id'],
      [{ ...node(1, [entry('1.4.0')]), roles: 2 ** 32 }, 'roles'],
      [node(1, [entry('1.4.0'), null as never]), 'runtimes[1]'],
      [node(1, [{ ...entry('1.4.0'), version: { major: -1 } }]), 'runtimes[0].version.major'],
      [node(1, [{ ...entry('1.4.0'), capabilities: { tee: { ...teeCap(), hardware: 300 } } }]), 'runtimes[0].capabilities.tee.hardware'],
      [{ ...node(1, [entry('1.4.0')]), expiration: -1 }, 'expiration'],
      [null, '']
    ]
    for (const [n, field] of cases) {
      const r = right(eligibleNodes(rt, deepFreeze([n as NodeDescriptor]), NOW))
      expect(r.eligible).toEqual([])
      expect(r.excluded[0]?.reason).toMatchObject({ _tag: 'MalformedNode', rule: 'SX1', field })
    }
  })

  it('SX2: of two descriptors with the same id, the first in input order counts', () => {
    const a = node(1, [entry('1.3.0')])
    const b = node(1, [entry('1.4.0')])
    const r = right(eligibleNodes(rt, deepFreeze([a, b]), NOW))
    expect(r.eligible).toEqual([])
    expect(r.excluded.map((x) => [x.node, x.reason._tag])).toEqual([
      [a, 'VersionNotAdvertised'],
      [b, 'DuplicateNode']
    ])
    expect(right(eligibleNodes(rt, [b, a], NOW)).eligible).toEqual([b])
  })

  it('SX3: a node whose registration expired before the epoch is excluded', () => {
    expect(reasonOf(node(1, [entry('1.4.0')], { expiration: NOW - 1 }))).toMatchObject({
      _tag: 'NodeExpired',
      rule: 'SX3',
      expiration: NOW - 1
    })
    expect(reasonOf(node(1, [entry('1.4.0')], { expiration: NOW }))).toBeUndefined()
    expect(reasonOf(node(1, [entry('1.4.0')], { expiration: BigInt(NOW) }))).toBeUndefined()
    expect(reasonOf(node(1, [entry('1.4.0')], { expiration: 2n ** 63n }))).toBeUndefined()
  })

  it('SX4: both lists are sorted by node id, whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(anyNode, { maxLength: 10 }), fc.integer(), (nodes, seed) => {
        const a = right(eligibleNodes(rt, deepFreeze(nodes), NOW, { verifyTee: acceptAll }))
        const sorted = (ns: ReadonlyArray<NodeDescriptor>) => ns.every((n, i) => i === 0 || compareNodeIds(ns[i - 1]!, n) <= 0)
        expect(sorted(a.eligible)).toBe(true)
        expect(sorted(a.excluded.map((x) => x.node))).toBe(true)
        // Without duplicate ids the outcome does not depend on the input order at all.
        const unique = nodes.filter((n, i) => nodes.findIndex((m) => m.id[0] === n.id[0]) === i)
        const x = right(eligibleNodes(rt, unique, NOW))
        const y = right(eligibleNodes(rt, shuffle(unique, seed), NOW))
        expect(y).toEqual(x)
      })
    )
  })

  it('SX5: for a TEE runtime, no verifier means no eligible node', () => {
    const sgx = deepFreeze(sgxRuntime([['1.4.0', 1200]]))
    expect(reasonOf(node(1, [entry('1.4.0', { tee: teeCap() })]), sgx)).toMatchObject({
      _tag: 'AttestationUnverified',
      rule: 'SX5',
      problem: 'no-verifier'
    })
  })

  it('SX5: a verifier that throws or returns no Either excludes the node, never crashes', () => {
    const sgx = deepFreeze(sgxRuntime([['1.4.0', 1200]]))
    const n = node(1, [entry('1.4.0', { tee: teeCap() })])
    const throwing = () => {
      throw new Error('enclave quote parser failed')
    }
    expect(reasonOf(n, sgx, NOW, { verifyTee: throwing })).toMatchObject({
      _tag: 'AttestationUnverified',
      problem: 'verifier-failed',
      detail: 'enclave quote parser failed'
    })
    expect(reasonOf(n, sgx, NOW, { verifyTee: () => undefined as never })).toMatchObject({ problem: 'verifier-failed' })
    expect(reasonOf(n, sgx, NOW, { verifyTee: () => { throw 42 } })).toMatchObject({ detail: 'a thrown number' })
  })

  // -----------------------------------------------------------------------------------------------
  // properties
  // -----------------------------------------------------------------------------------------------
  it('S2: a compute node advertising exactly the active version with matching TEE is eligible', () => {
    const others = anyEntry.filter((e) => e.version.minor !== 4 || e.version.major !== 1 || (e.version.patch ?? 0) !== 0)
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(others, { maxLength: 4 }),
        fc.array(others, { maxLength: 4 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 1, max: 200 }),
        (tee, before, after, extraRoles, n) => {
          const runtime = tee ? sgxRuntime([['1.3.0', 1000], ['1.4.0', 1200], ['1.5.0', 1300]]) : rt
          const exact = entry('1.4.0', tee ? { tee: teeCap(1) } : {})
          const candidate = node(n, [...before, exact, ...after], { roles: extraRoles | ROLE_COMPUTE_WORKER })
          const r = right(eligibleNodes(deepFreeze(runtime), deepFreeze([candidate]), NOW, { verifyTee: acceptAll }))
          expect(r.eligible).toEqual([candidate])
        }
      )
    )
  })

  it('S2: eligibility never throws, never mutates its inputs, and partitions the nodes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyNode, junkNode), { maxLength: 8 }), fc.boolean(), (nodes, tee) => {
        const runtime = deepFreeze(tee ? sgxRuntime([['1.4.0', 1200]]) : rt)
        const frozen = deepFreeze(nodes)
        const opts = deepFreeze({ verifyTee: acceptAll, suspended: [nodeId(2)] })
        const a = right(eligibleNodes(runtime, frozen, NOW, opts))
        expect(a.eligible.length + a.excluded.length).toBe(nodes.length)
        expect(right(eligibleNodes(runtime, frozen, NOW, opts))).toEqual(a)
      })
    )
  })

  it('S2: every exclusion reason has its rule and a one-line message', () => {
    const samples: { readonly [T in ExclusionTag]: Parameters<typeof exclusion<T>>[1] } = {
      MalformedNode: { field: 'roles', reason: 'not a uint32' },
      DuplicateNode: { id: nodeId(1) },
      NodeExpired: { expiration: 5, epoch: 6n },
      NoActiveDeployment: { epoch: 3 },
      MissingComputeRole: { roles: 2 },
      RuntimeNotAdvertised: { runtime_id: nodeId(0) },
      VersionNotAdvertised: { required: ver('1.0.0'), advertised: [] },
      NodeSuspended: { epoch: 3 },
      UnexpectedTee: { hardware: 1 },
      TeeHardwareMismatch: { required: 1, hardware: 2 },
      AttestationRejected: { deployment: { version: ver('1.0.0'), valid_from: 1 }, reason: 'bad' },
      AttestationUnverified: { deployment: { version: ver('1.0.0'), valid_from: 1 }, problem: 'no-verifier', detail: '' }
    }
    for (const tag of Object.keys(samples) as ExclusionTag[]) {
      const r = exclusion(tag, samples[tag] as never)
      expect(r).toMatchObject({ _tag: tag, rule: EXCLUSION_RULES[tag] })
      expect(r.message).not.toMatch(/[\n\r]|undefined|NaN|\[object/)
    }
    expect(nodeKey(nodeId(1))).toBe('01'.repeat(32))
  })
})
