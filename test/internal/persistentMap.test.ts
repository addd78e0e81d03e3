import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  compareStrings,
  emptyMap,
  firstKey,
  MAP_NODE_MAX,
  getValue,
  hasKey,
  type MapNode,
  mapEntries,
  mapFromEntries,
  mapKeys,
  mapValues,
  type PersistentMap,
  removeKey,
  setValue,
  takeWhile,
  updateSorted
} from '../../src/internal/persistentMap.js'
import { deepFreeze } from '../support/helpers.js'

const compareNumbers = (a: number, b: number): number => a - b

/** Checks the B+ tree shape and key order (E13); returns the depth. */
const checkTree = <K, V>(m: PersistentMap<K, V>): number => {
  const { compare } = m
  let leafDepth = -1
  let count = 0
  const problems: string[] = []
  const check = (ok: boolean, what: string): void => {
    if (!ok && problems.length < 5) problems.push(what)
  }
  // Every key of `n` lies in [lo, hi) (either bound may be absent).
  const walk = (n: MapNode<K, V>, depth: number, isRoot: boolean, lo: K | undefined, hi: K | undefined): void => {
    const w = n.kind === 'leaf' ? n.keys.length : n.children.length
    check(w <= MAP_NODE_MAX, `node of ${w} above the maximum`)
    check(isRoot || w >= MAP_NODE_MAX / 2, `non-root node of ${w} below the minimum`)
    for (const k of n.keys) check((lo === undefined || compare(lo, k) <= 0) && (hi === undefined || compare(k, hi) < 0), 'key out of range')
    for (let i = 1; i < n.keys.length; i++) check(compare(n.keys[i - 1]!, n.keys[i]!) < 0, 'keys not ascending')
    if (n.kind === 'leaf') {
      check(n.values.length === n.keys.length, 'values and keys differ in length')
      if (leafDepth < 0) leafDepth = depth
      check(depth === leafDepth, 'leaves at different depths')
      count += n.keys.length
      return
    }
    check(n.keys.length === n.children.length - 1, 'separators and children do not match')
    check(!isRoot || n.children.length >= 2, 'root branch with one child')
    n.children.forEach((c, j) => walk(c, depth + 1, false, j === 0 ? lo : n.keys[j - 1], j === n.keys.length ? hi : n.keys[j]))
  }
  if (m.root !== undefined) walk(m.root, 1, true, undefined, undefined)
  check(count === m.size, `size ${m.size} but ${count} entries`)
  expect(problems).toEqual([])
  return Math.max(leafDepth, 0)
}

const nodesOf = <K, V>(t: MapNode<K, V> | undefined, out = new Set<MapNode<K, V>>()): Set<MapNode<K, V>> => {
  if (t !== undefined) {
    out.add(t)
    if (t.kind === 'branch') for (const c of t.children) nodesOf(c, out)
  }
  return out
}

type Op = { readonly kind: 'set'; readonly key: number; readonly value: string } | { readonly kind: 'remove'; readonly key: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 60 }), value: fc.string({ maxLength: 2 }) }),
  fc.record({ kind: fc.constant('remove' as const), key: fc.integer({ min: 0, max: 60 }) })
)

const apply = (m: PersistentMap<number, string>, o: Op): PersistentMap<number, string> =>
  o.kind === 'set' ? setValue(m, o.key, o.value) : removeKey(m, o.key)

const sortedModel = <V>(model: Map<number, V>): Array<readonly [number, V]> =>
  Array.from(model.entries()).sort((a, b) => a[0] - b[0])

describe('persistentMap', () => {
  it('E13: behaves as a sorted map under random sets and removes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        let m = emptyMap<number, string>(compareNumbers)
        const model = new Map<number, string>()
        for (const o of ops) {
          m = apply(m, o)
          if (o.kind === 'set') model.set(o.key, o.value)
          else model.delete(o.key)
        }
        expect(m.size).toBe(model.size)
        expect(mapEntries(m)).toEqual(sortedModel(model))
        expect(mapValues(m)).toEqual(sortedModel(model).map(([, v]) => v))
        for (let k = -1; k <= 61; k++) {
          expect(getValue(m, k)).toBe(model.get(k))
          expect(hasKey(m, k)).toBe(model.has(k))
        }
        checkTree(m)
      })
    )
  })

  it('E13: every earlier version is unchanged by later updates, even when deep-frozen', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const versions: Array<PersistentMap<number, string>> = [deepFreeze(emptyMap<number, string>(compareNumbers))]
        const snapshots: Array<Array<readonly [number, string]>> = [[]]
        for (const o of ops) {
          const next = deepFreeze(apply(versions[versions.length - 1]!, o))
          versions.push(next)
          snapshots.push(mapEntries(next))
        }
        versions.forEach((v, i) => expect(mapEntries(v)).toEqual(snapshots[i]))
      })
    )
  })

  it('E13: an update copies only the nodes on one root-to-leaf path (and a split or merge beside it)', () => {
    const n = 40_000
    const m = mapFromEntries(
      compareNumbers,
      Array.from({ length: n }, (_, i) => [i * 2, String(i)] as const)
    )
    const depth = checkTree(m)
    expect(depth).toBe(4)
    const before = nodesOf(m.root)
    for (const next of [setValue(m, 4097, 'x'), setValue(m, 10, 'y'), removeKey(m, 2048), removeKey(m, 0), setValue(m, -1, 'z')]) {
      const fresh = Array.from(nodesOf(next.root)).filter((x) => !before.has(x))
      // The path, plus at most one node per level from a split or a merge, plus a new root.
      expect(fresh.length).toBeLessThanOrEqual(2 * depth + 1)
      checkTree(next)
    }
    expect(mapEntries(m).length).toBe(n)
  })

  it('E13: stays balanced at depth ⌈log16(n)⌉ or less whatever the order of insertions and removals', () => {
    for (const order of ['ascending', 'descending', 'zigzag'] as const) {
      let m = emptyMap<number, number>(compareNumbers)
      const n = 20_000
      const key = (i: number): number => (order === 'ascending' ? i : order === 'descending' ? n - i : i % 2 === 0 ? i : n * 2 - i)
      for (let i = 0; i < n; i++) m = setValue(m, key(i), i)
      expect(checkTree(m)).toBeLessThanOrEqual(Math.ceil(Math.log(m.size) / Math.log(MAP_NODE_MAX / 2)))
      for (let i = 0; i < n; i += 3) m = removeKey(m, key(i))
      expect(checkTree(m)).toBeLessThanOrEqual(Math.ceil(Math.log(m.size) / Math.log(MAP_NODE_MAX / 2)))
      // Removing from the front, as the activation index does, down to nothing.
      while (m.size > 0) m = removeKey(m, firstKey(m)!)
      expect(m.root).toBeUndefined()
    }
  })

  it('E13: deep trees behave as sorted maps under random sets and removes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 3000 })),
          { minLength: 200, maxLength: 2000 }
        ),
        (ops) => {
          let m = mapFromEntries(
            compareNumbers,
            Array.from({ length: 1500 }, (_, i) => [i * 2, i] as const)
          )
          const model = new Map(mapEntries(m))
          for (const [add, k] of ops) {
            m = add ? setValue(m, k, -k) : removeKey(m, k)
            if (add) model.set(k, -k)
            else model.delete(k)
          }
          checkTree(m)
          expect(mapEntries(m)).toEqual(sortedModel(model))
          expect(firstKey(m)).toBe(sortedModel(model)[0]?.[0])
        }
      ),
      { numRuns: 30 }
    )
  })

  it('E13: setting the value already stored, or removing an absent key, returns the map itself', () => {
    const v = { a: 1 }
    const m = setValue(emptyMap<string, object>(compareStrings), 'k', v)
    expect(setValue(m, 'k', v)).toBe(m)
    expect(setValue(m, 'k', { a: 1 })).not.toBe(m)
    expect(removeKey(m, 'z')).toBe(m)
    expect(removeKey(emptyMap<string, number>(compareStrings), 'z').size).toBe(0)
  })

  it('E13: building from entries sorts them and keeps the last of equal keys', () => {
    const m = mapFromEntries(compareStrings, [
      ['b', 2],
      ['a', 1],
      ['b', 3],
      ['c', 4],
      ['a', 5]
    ])
    expect(mapEntries(m)).toEqual([
      ['a', 5],
      ['b', 3],
      ['c', 4]
    ])
    expect(m.size).toBe(3)
    checkTree(m)
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.nat()), { maxLength: 100 }), (entries) => {
        const built = mapFromEntries(compareNumbers, entries)
        expect(mapEntries(built)).toEqual(sortedModel(new Map(entries)))
        checkTree(built)
      })
    )
  })

  it('E13: takeWhile returns the prefix of keys satisfying a monotone predicate', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 100 }), fc.integer({ min: -1, max: 201 }), (keys, bound) => {
        const m = mapFromEntries(
          compareNumbers,
          keys.map((k) => [k, k * 10] as const)
        )
        const expected = keys
          .filter((k) => k <= bound)
          .sort((a, b) => a - b)
          .map((k) => [k, k * 10])
        expect(takeWhile(m, (k) => k <= bound)).toEqual(expected)
      })
    )
  })

  it('E13: updateSorted applies f once per present key, in key order, in one pass, skipping absent keys', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 3000 }), { maxLength: 1500 }),
        fc.uniqueArray(fc.integer({ min: -5, max: 3005 }), { maxLength: 300 }),
        (present, touched) => {
          const m = mapFromEntries(
            compareNumbers,
            present.map((k) => [k, k] as const)
          )
          const keys = touched.slice().sort((a, b) => a - b)
          const calls: number[] = []
          const next = updateSorted(m, keys, (k, v) => {
            calls.push(k)
            return k % 3 === 0 ? v : v + 1_000_000
          })
          const model = new Map(present.map((k) => [k, k] as const))
          const hit = keys.filter((k) => model.has(k))
          expect(calls).toEqual(hit)
          for (const k of hit) if (k % 3 !== 0) model.set(k, k + 1_000_000)
          expect(mapEntries(next)).toEqual(sortedModel(model))
          checkTree(next)
          expect(mapEntries(m)).toEqual(sortedModel(new Map(present.map((k) => [k, k] as const))))
          if (hit.every((k) => k % 3 === 0)) expect(next).toBe(m)
        }
      ),
      { numRuns: 60 }
    )
  })

  it('E13: updateSorted copies each node on the paths once, sharing the rest', () => {
    const m = mapFromEntries(
      compareNumbers,
      Array.from({ length: 40_000 }, (_, i) => [i, i] as const)
    )
    const before = nodesOf(m.root)
    // 20 keys in one leaf: the leaf and its 3 ancestors are copied, nothing else.
    const next = updateSorted(
      m,
      Array.from({ length: 20 }, (_, i) => 100 + i),
      (_k, v) => -v
    )
    expect(Array.from(nodesOf(next.root)).filter((x) => !before.has(x)).length).toBe(4)
    expect(getValue(next, 105)).toBe(-105)
    expect(updateSorted(m, [], (_k, v) => v)).toBe(m)
    expect(updateSorted(emptyMap<number, number>(compareNumbers), [1], (_k, v) => v).size).toBe(0)
  })

  it('E13: mapKeys lists the keys in order; firstKey is the smallest', () => {
    const m = mapFromEntries(compareStrings, [
      ['c', 1],
      ['a', 2],
      ['b', 3]
    ])
    expect(mapKeys(m)).toEqual(['a', 'b', 'c'])
    expect(firstKey(m)).toBe('a')
    expect(mapKeys(emptyMap(compareStrings))).toEqual([])
    expect(firstKey(emptyMap(compareStrings))).toBeUndefined()
  })

  it('E13: string keys order as lowercase hex bytes do', () => {
    expect(['0a', '00ff', '0b', '00'].sort(compareStrings)).toEqual(['00', '00ff', '0a', '0b'])
    expect(compareStrings('ab', 'ab')).toBe(0)
  })
})
