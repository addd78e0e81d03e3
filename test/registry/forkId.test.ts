/**
 * EIP-2124 fork identifiers: the generic core against every official vector
 * (reference/eip2124-vectors.md), and the runtime fingerprint built on it.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { computeForkId, type ForkId, type ForkSchedule, forkId, runtimeForkSchedule, validateForkId } from '../../src/registry/forkId.js'
import { registryRefusal } from '../../src/registry/registryRefusal.js'
import type { Runtime, U64 } from '../../src/schema/runtime.js'
import { nsId, rtN } from '../support/engineFixtures.js'
import { deepFreeze, fromHex, left, right } from '../support/helpers.js'
import { dep } from '../support/rulesFixtures.js'

const MAX = (1n << 64n) - 1n
const h32 = (n: number): Uint8Array => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff)
const id = (hash: number, next: U64): ForkId => ({ hash: h32(hash), next })

// Genesis rules at block 0 are listed as forks at 0, as chain configs do; they must be skipped.
const MAINNET: ForkSchedule = {
  seed: fromHex('d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3'),
  forkPoints: [0, 1150000, 1920000, 2463000, 2675000, 2675000, 4370000, 7280000, 7280000]
}
const ROPSTEN: ForkSchedule = {
  seed: fromHex('41941023680923e0fe4d74a34bdac8141f2540e3ae90623718e47d66d1ca4a2d'),
  forkPoints: [0, 0, 10, 1700000, 4230000, 4939394, 6485846]
}
const RINKEBY: ForkSchedule = {
  seed: fromHex('6341fd3daf94b748c72ced5a5b26028f2474f5f00d824504e4fa37a75767e177'),
  forkPoints: [1, 2, 3, 3, 1035301, 3660663, 4321234, 5435345]
}
const GOERLI: ForkSchedule = {
  seed: fromHex('bf7e331f7f7c1dd2e05159666b3bf8bc7a8a3a9eb1d518969eab529dd9b88c1a'),
  forkPoints: [0, 0, 0, 0, 0, 0, 0, 1561651]
}

const COMPUTE_VECTORS: ReadonlyArray<readonly [string, ForkSchedule, ReadonlyArray<readonly [number, number, number]>]> = [
  [
    'mainnet',
    MAINNET,
    [
      [0, 0xfc64ec04, 1150000],
      [1149999, 0xfc64ec04, 1150000],
      [1150000, 0x97c2c34c, 1920000],
      [1919999, 0x97c2c34c, 1920000],
      [1920000, 0x91d1f948, 2463000],
      [2462999, 0x91d1f948, 2463000],
      [2463000, 0x7a64da13, 2675000],
      [2674999, 0x7a64da13, 2675000],
      [2675000, 0x3edd5b10, 4370000],
      [4369999, 0x3edd5b10, 4370000],
      [4370000, 0xa00bc324, 7280000],
      [7279999, 0xa00bc324, 7280000],
      [7280000, 0x668db0af, 0],
      [7987396, 0x668db0af, 0]
    ]
  ],
  [
    'ropsten',
    ROPSTEN,
    [
      [0, 0x30c7ddbc, 10],
      [9, 0x30c7ddbc, 10],
      [10, 0x63760190, 1700000],
      [1699999, 0x63760190, 1700000],
      [1700000, 0x3ea159c7, 4230000],
      [4229999, 0x3ea159c7, 4230000],
      [4230000, 0x97b544f3, 4939394],
      [4939393, 0x97b544f3, 4939394],
      [4939394, 0xd6e2149b, 6485846],
      [6485845, 0xd6e2149b, 6485846],
      [6485846, 0x4bc66396, 0],
      [7500000, 0x4bc66396, 0]
    ]
  ],
  [
    'rinkeby',
    RINKEBY,
    [
      [0, 0x3b8e0691, 1],
      [1, 0x60949295, 2],
      [2, 0x8bde40dd, 3],
      [3, 0xcb3a64bb, 1035301],
      [1035300, 0xcb3a64bb, 1035301],
      [1035301, 0x8d748b57, 3660663],
      [3660662, 0x8d748b57, 3660663],
      [3660663, 0xe49cab14, 4321234],
      [4321233, 0xe49cab14, 4321234],
      [4321234, 0xafec6b27, 5435345],
      [5435344, 0xafec6b27, 5435345],
      [5435345, 0xcbdb8838, 0],
      [6000000, 0xcbdb8838, 0]
    ]
  ],
  [
    'goerli',
    GOERLI,
    [
      [0, 0xa3f5ab08, 1561651],
      [1561650, 0xa3f5ab08, 1561651],
      [1561651, 0xc25efa5c, 0],
      [2000000, 0xc25efa5c, 0]
    ]
  ]
]

type Outcome = 'ok' | 'remote-stale' | 'local-incompatible-or-stale'

// EIP-2124's second table: a mainnet node at `head` validating `remote`.
const VALIDATE_VECTORS: ReadonlyArray<readonly [string, number, ForkId, Outcome]> = [
  ['F1.2', 7987396, id(0x668db0af, 0), 'ok'],
  ['F1.2', 7987396, id(0x668db0af, MAX), 'ok'],
  ['F1.2', 7279999, id(0xa00bc324, 0), 'ok'],
  ['F1.2', 7279999, id(0xa00bc324, 7280000), 'ok'],
  ['F1.2', 7279999, id(0xa00bc324, MAX), 'ok'],
  ['F2', 7987396, id(0xa00bc324, 7280000), 'ok'],
  ['F2', 7987396, id(0x3edd5b10, 4370000), 'ok'],
  ['F3', 7279999, id(0x668db0af, 0), 'ok'],
  ['F3', 4369999, id(0xa00bc324, 0), 'ok'],
  ['F2', 7987396, id(0xa00bc324, 0), 'remote-stale'],
  ['F4', 7987396, id(0x5cddc0e1, 0), 'local-incompatible-or-stale'],
  ['F4', 7279999, id(0x5cddc0e1, 0), 'local-incompatible-or-stale'],
  ['F4', 7987396, id(0xafec6b27, 0), 'local-incompatible-or-stale'],
  ['F1.1', 88888888, id(0x668db0af, 88888888), 'local-incompatible-or-stale'],
  ['F1.1', 7279999, id(0xa00bc324, 7279999), 'local-incompatible-or-stale']
]

const outcome = (r: E.Either<{ error?: string; rule: string }, { rule: string }>): readonly [Outcome, string] =>
  E.isRight(r) ? ['ok', r.right.rule] : [(r.left.error ?? r.left.rule) as Outcome, r.left.rule]

describe('computeForkId', () => {
  it.each(COMPUTE_VECTORS.flatMap(([net, s, cases]) => cases.map(([head, hash, next]) => [net, head, hash.toString(16).padStart(8, '0'), next, hash, s] as const)))(
    'F0.1: %s at head %i: the official EIP-2124 fork id (hash %s, next %i)',
    (_net, head, _hex, next, hash, schedule) => {
      expect(right(computeForkId(schedule.seed, schedule.forkPoints, head))).toEqual(id(hash, next))
    }
  )

  it('F0.1: the specification worked example and the EIP-6122 timestamp example', () => {
    const f = (points: U64[], head: U64) => bytesToHex(right(computeForkId(MAINNET.seed, points, head)).hash)
    expect(f([], 0)).toBe('fc64ec04')
    expect(f([1150000], 1150000)).toBe('97c2c34c')
    expect(f([1150000, 1920000], 1920000)).toBe('91d1f948')
    expect(f([1150000, 1668000000], 1668000000)).toBe('cb37b2ee')
    // 0x5cddc0e1: mainnet Petersburg extended with a fork at 0xffffffff.
    expect(f([...MAINNET.forkPoints, 0xffffffff], 0xffffffff)).toBe('5cddc0e1')
  })

  it('F0.1: the hash is IEEE CRC32 of the seed then 8-byte big-endian points, ascending, distinct, without 0', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.bigInt({ min: 0n, max: MAX })), { maxLength: 10 }),
        fc.oneof(fc.integer({ min: 0, max: 60 }), fc.bigInt({ min: 0n, max: MAX })),
        (seed, points, head) => {
          const passed = Array.from(new Set(points.map(BigInt)))
            .filter((p) => p > 0n && p <= BigInt(head))
            .sort((a, b) => (a < b ? -1 : 1))
          const bytes = Buffer.concat([seed, ...passed.map((p) => {
            const b = Buffer.alloc(8)
            b.writeBigUInt64BE(p)
            return b
          })])
          const got = right(computeForkId(deepFreeze(seed), deepFreeze(points), head))
          expect(got.hash).toEqual(h32(crc32(bytes)))
          // The order and repetition of the points do not matter.
          expect(right(computeForkId(seed, points.slice().reverse().concat(points), head))).toEqual(got)
        }
      )
    )
  })

  it('F0.2: next is the smallest fork point above head, or 0; a number when safe, else a bigint', () => {
    const seed = new Uint8Array(0)
    expect(right(computeForkId(seed, [30, 10n, 20], 10)).next).toBe(20)
    expect(right(computeForkId(seed, [30, 10, 20], 30)).next).toBe(0)
    expect(right(computeForkId(seed, [0], 0)).next).toBe(0)
    expect(right(computeForkId(seed, [MAX, 2n ** 60n], 5)).next).toBe(2n ** 60n)
    expect(right(computeForkId(seed, [MAX], 2n ** 60n)).next).toBe(MAX)
    expect(right(computeForkId(seed, [MAX], MAX)).next).toBe(0)
  })

  it('F0.3: a malformed seed, fork point or head is refused with MalformedArgument (DX2)', () => {
    expect(left(computeForkId('ab' as unknown as Uint8Array, [], 0))).toMatchObject({ _tag: 'MalformedArgument', argument: 'seed' })
    expect(left(computeForkId(new Uint8Array(0), [1, -1], 0))).toMatchObject({ argument: 'forkPoints[1]' })
    expect(left(computeForkId(new Uint8Array(0), [1, 2 ** 60], 0))).toMatchObject({ argument: 'forkPoints[1]' })
    expect(left(computeForkId(new Uint8Array(0), [1, MAX + 1n], 0))).toMatchObject({ argument: 'forkPoints[1]' })
    expect(left(computeForkId(new Uint8Array(0), null as unknown as U64[], 0))).toMatchObject({ argument: 'forkPoints' })
    expect(left(computeForkId(new Uint8Array(0), [], 0.5))).toMatchObject({ argument: 'head' })
  })
})

describe('validateForkId', () => {
  it.each(VALIDATE_VECTORS)('%s: mainnet at head %i validates the official remote id %o → %s', (rule, head, remote, want) => {
    const r = validateForkId(MAINNET, head, remote)
    expect(outcome(r)).toEqual([want, rule])
  })

  it('F1.1: a remote next fork already passed locally is refused as local-incompatible-or-stale', () => {
    const v = left(validateForkId(MAINNET, 88888888, id(0x668db0af, 88888888)))
    expect(v).toEqual(
      registryRefusal('ForkIdRemoteForkPassed', {
        error: 'local-incompatible-or-stale',
        local: id(0x668db0af, 0),
        remote: id(0x668db0af, 88888888),
        head: 88888888
      })
    )
  })

  it('F1.2: the same hash with no or a not yet passed remote next fork is the same schedule', () => {
    expect(right(validateForkId(MAINNET, 7279999, id(0xa00bc324, 7280000)))).toEqual({ rule: 'F1.2', status: 'same-schedule' })
    expect(right(validateForkId(MAINNET, 7279999, id(0xa00bc324, 9000000)))).toEqual({ rule: 'F1.2', status: 'same-schedule' })
  })

  it('F2: a remote at a past local state is behind when it announces the fork that followed, stale otherwise', () => {
    expect(right(validateForkId(MAINNET, 7987396, id(0xfc64ec04, 1150000)))).toEqual({ rule: 'F2', status: 'remote-behind' })
    const v = left(validateForkId(MAINNET, 7987396, id(0xa00bc324, 0)))
    expect(v).toMatchObject({ _tag: 'ForkIdRemoteStale', rule: 'F2', error: 'remote-stale', expectedNext: 7280000 })
    expect(v.message).toContain('remote stale')
  })

  it('F3: a remote at a state reachable with local future forks means the local node is behind', () => {
    expect(right(validateForkId(MAINNET, 0, id(0x668db0af, 0)))).toEqual({ rule: 'F3', status: 'local-behind' })
    expect(right(validateForkId(MAINNET, 1150000, id(0x91d1f948, 2463000)))).toEqual({ rule: 'F3', status: 'local-behind' })
  })

  it('F4: any other remote hash is refused as local-incompatible-or-stale', () => {
    const v = left(validateForkId(MAINNET, 7987396, id(0xafec6b27, 0)))
    expect(v).toMatchObject({ _tag: 'ForkIdIncompatible', rule: 'F4', error: 'local-incompatible-or-stale' })
    expect(v.message).toBe(
      'the remote fork hash afec6b27 matches no past, current or future local state (local is 668db0af/0): local incompatible or stale'
    )
  })

  it('F4: at head 2^64 − 1 every fork is passed and the same rules apply (geth accepts this "impossible" case)', () => {
    const s: ForkSchedule = { seed: new Uint8Array(1), forkPoints: [5, MAX] }
    const top = right(computeForkId(s.seed, s.forkPoints, MAX))
    expect(top.next).toBe(0)
    expect(right(validateForkId(s, MAX, top))).toEqual({ rule: 'F1.2', status: 'same-schedule' })
    expect(right(validateForkId(s, MAX, right(computeForkId(s.seed, s.forkPoints, 5))))).toEqual({ rule: 'F2', status: 'remote-behind' })
    expect(left(validateForkId(s, MAX, id(0x12345678, 0)))._tag).toBe('ForkIdIncompatible')
  })

  it('F0.3: a malformed local schedule, head or remote id is refused with MalformedArgument (DX2)', () => {
    const ok = id(0x668db0af, 0)
    expect(left(validateForkId(null as unknown as ForkSchedule, 0, ok))).toMatchObject({ argument: 'local' })
    expect(left(validateForkId({ ...MAINNET, seed: [] as unknown as Uint8Array }, 0, ok))).toMatchObject({ argument: 'local.seed' })
    expect(left(validateForkId({ ...MAINNET, forkPoints: [1.5] }, 0, ok))).toMatchObject({ argument: 'local.forkPoints[0]' })
    expect(left(validateForkId(MAINNET, -1, ok))).toMatchObject({ argument: 'head' })
    expect(left(validateForkId(MAINNET, 0, { hash: new Uint8Array(3), next: 0 }))).toMatchObject({ argument: 'remote.hash' })
    expect(left(validateForkId(MAINNET, 0, null as unknown as ForkId))).toMatchObject({ argument: 'remote.hash' })
    expect(left(validateForkId(MAINNET, 0, { hash: h32(1), next: -2 }))).toMatchObject({ argument: 'remote.next' })
  })

  it('F1.2: every node accepts its own fork id, at every head', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 6 }), fc.integer({ min: 0, max: 120 }), (points, head) => {
        const s = { seed: Uint8Array.of(7), forkPoints: points }
        const own = right(computeForkId(s.seed, points, head))
        expect(right(validateForkId(deepFreeze(s), head, own)).rule).toBe('F1.2')
      })
    )
  })
})

describe('forkId', () => {
  const rt = rtN(9, [dep('1.1.0', 20), dep('1.0.0', 10), dep('1.2.0', 30)])

  it('F5: is computeForkId with the runtime id as seed and the deployments valid_from as fork points', () => {
    expect(right(runtimeForkSchedule(rt))).toEqual({ seed: rt.id, forkPoints: [20, 10, 30] })
    for (const e of [0, 9, 10, 25, 30, 1000]) {
      expect(right(forkId(deepFreeze(rt), e))).toEqual(right(computeForkId(rt.id, [10, 20, 30], e)))
    }
    expect(right(forkId(rt, 25)).next).toBe(30)
    expect(right(forkId(rtN(9, undefined), 5))).toEqual(right(computeForkId(nsId(9), [], 5)))
  })

  it('F5: two nodes agree exactly when they agree on the past start epochs and the next one', () => {
    const other = rtN(9, [dep('1.0.0', 10), dep('1.1.0', 20), dep('1.2.0', 40)])
    expect(right(forkId(other, 25))).not.toEqual(right(forkId(rt, 25)))
    expect(right(forkId(other, 19))).toEqual(right(forkId(rt, 19)))
    expect(right(forkId(rtN(8, rt.deployments), 25))).not.toEqual(right(forkId(rt, 25)))
    // A node that has not yet scheduled 1.2.0 is behind, and accepted by the one that has.
    const older = rtN(9, [dep('1.0.0', 10), dep('1.1.0', 20)])
    const schedule = right(runtimeForkSchedule(rt))
    expect(right(validateForkId(schedule, 25, right(forkId(older, 25))))).toEqual({ rule: 'F1.2', status: 'same-schedule' })
    expect(left(validateForkId(schedule, 35, right(forkId(older, 35))))._tag).toBe('ForkIdRemoteStale')
  })

  it('F5: a deployment without a uint64 valid_from is refused with MalformedDeployment (DX1)', () => {
    const bad = { ...rt, deployments: [dep('1.0.0', 10), { version: {}, valid_from: -1 }] } as unknown as Runtime
    expect(left(forkId(bad, 5))).toMatchObject({ _tag: 'MalformedDeployment', index: 1, field: 'valid_from' })
    const nul = { ...rt, deployments: [null] } as unknown as Runtime
    expect(left(forkId(nul, 5))).toMatchObject({ _tag: 'MalformedDeployment', index: 0 })
    const notArray = { ...rt, deployments: 7 } as unknown as Runtime
    expect(left(forkId(notArray, 5))).toMatchObject({ _tag: 'MalformedDeployment', field: 'deployments' })
    expect(left(forkId({ ...rt, id: 3 } as unknown as Runtime, 5))).toMatchObject({ _tag: 'MalformedArgument', argument: 'rt.id' })
    expect(left(forkId(rt, -5))).toMatchObject({ _tag: 'MalformedArgument', argument: 'epoch' })
  })
})
