import { describe, expect, it } from 'vitest'
import {
  compareNodeIds,
  hasRoles,
  isExpired,
  nodeKey,
  nodeProblem,
  nodeRuntimeProblem,
  nodeRuntimes,
  ROLE_COMPUTE_WORKER,
  ROLE_KEY_MANAGER,
  ROLE_OBSERVER,
  ROLE_VALIDATOR
} from '../../src/node/node.js'
import { epochPlus, epochsBetween } from '../../src/rules/epochSpan.js'
import { MAX_U64, u64FromBigint } from '../../src/internal/uint64.js'
import { entry, node, nodeId, teeCap } from '../support/nodeFixtures.js'

describe('node descriptors', () => {
  it('S2: roles are a RolesMask: 1 compute, 2 observer, 4 key manager, 8 validator; all bits of the mask are needed', () => {
    expect([ROLE_COMPUTE_WORKER, ROLE_OBSERVER, ROLE_KEY_MANAGER, ROLE_VALIDATOR]).toEqual([1, 2, 4, 8])
    expect(hasRoles(node(1, [], { roles: 9 }), ROLE_COMPUTE_WORKER)).toBe(true)
    expect(hasRoles(node(1, [], { roles: 9 }), ROLE_COMPUTE_WORKER | ROLE_OBSERVER)).toBe(false)
    expect(hasRoles(node(1, [], { roles: 0xffffffff }), 0x80000000)).toBe(true)
    expect(hasRoles(node(1, [], { roles: -1 }), ROLE_COMPUTE_WORKER)).toBe(false)
    expect(hasRoles(node(1, [], { roles: 1.5 }), ROLE_COMPUTE_WORKER)).toBe(false)
  })

  it('SX1: a node is well formed when the fields the rules read have their wire types', () => {
    expect(nodeProblem(node(1, [entry('1.0.0'), entry('1.0.0', { tee: teeCap() })], { expiration: 2n ** 64n - 1n }))).toBeUndefined()
    expect(nodeProblem(node(1, null))).toBeUndefined()
    expect(nodeProblem({ ...node(1, []), runtimes: {} as never })).toEqual(['runtimes', 'not an array or null'])
    expect(nodeProblem({ ...node(1, []), expiration: 2n ** 64n })).toEqual(['expiration', 'not a uint64'])
    expect(nodeRuntimeProblem({ ...entry('1.0.0'), capabilities: null as never })).toEqual(['capabilities', 'not an object'])
    expect(nodeRuntimeProblem({ ...entry('1.0.0'), capabilities: { tee: 5 as never } })).toEqual(['capabilities.tee', 'not an object'])
    expect(nodeRuntimeProblem({ ...entry('1.0.0'), capabilities: { tee: null as never } })).toBeUndefined()
    expect(nodeRuntimes({ ...node(1, []), runtimes: 'x' as never })).toEqual([])
  })

  it('SX3: a registration expires when its expiration is below the epoch (number or bigint)', () => {
    expect(isExpired(node(1, [], { expiration: 10 }), 11n)).toBe(true)
    expect(isExpired(node(1, [], { expiration: 10n }), 10)).toBe(false)
    expect(isExpired(node(1, []), MAX_U64)).toBe(false)
  })

  it('SX4: nodes are ordered by id bytes; ids that are not bytes sort last', () => {
    expect(compareNodeIds(node(1, []), node(2, []))).toBe(-1)
    expect(compareNodeIds(node(2, []), node(2, []))).toBe(0)
    expect(compareNodeIds({ ...node(1, []), id: 'x' as never }, node(2, []))).toBe(1)
    expect(compareNodeIds(null as never, null as never)).toBe(0)
    expect(nodeKey(nodeId(0xab))).toBe('ab'.repeat(32))
    expect(nodeKey('x' as never)).toBe('')
  })

  it('RG1: epoch differences and sums are exact across number and bigint, and bounded by uint64', () => {
    expect(epochsBetween(1250, 1300n)).toBe(50)
    expect(epochsBetween(0, 2n ** 60n)).toBe(2n ** 60n)
    expect(epochsBetween(10, 5)).toBeUndefined()
    expect(epochsBetween(1.5, 5)).toBeUndefined()
    expect(epochPlus(2n ** 53n, 1)).toBe(2n ** 53n + 1n)
    expect(epochPlus(MAX_U64 - 1n, 1)).toBe(MAX_U64)
    expect(epochPlus(MAX_U64, 1)).toBeUndefined()
    expect(epochPlus(1, -1)).toBeUndefined()
    expect(u64FromBigint(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER)
    expect(u64FromBigint(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toBe(BigInt(Number.MAX_SAFE_INTEGER) + 1n)
  })
})
