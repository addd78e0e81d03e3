import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  compareStrings,
  emptyMap,
  getValue,
  hasKey,
  type MapNode,
  mapEntries,
  mapFromEntries,
  mapValues,
  type PersistentMap,
  removeKey,
  setValue,
  takeWhile
} from '../src/persistentMap.js'
import { deepFreeze } from './helpers.js'

const compareNumbers = (a: number, b: number): number => a - b

/** Checks the AVL invariants and the key order; returns the height. */
const checkTree = <K, V>(t: MapNode<K, V> | undefined, compare: (a: K, b: K) => number): number => {
  if (t === undefined) return 0
  const hl = checkTree(t.left, compare)
  const hr = checkTree(t.right, compare)
  expect(Math.abs(hl - hr)).toBeLessThanOrEqual(1)
  expect(t.height).toBe(Math.max(hl, hr) + 1)
  if (t.left !== undefined) expect(compare(t.left.key, t.key)).toBeLessThan(0)
  if (t.right !== undefined) expect(compare(t.key, t.right.key)).toBeLessThan(0)
  return t.height
}

const nodesOf = <K, V>(t: MapNode<K, V> | undefined, out = new Set<MapNode<K, V>>()): Set<MapNode<K, V>> => {
  if (t !== undefined) {
    out.add(t)
    nodesOf(t.left, out)
    nodesOf(t.right, out)
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
        checkTree(m.root, compareNumbers)
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

  it('E13: an update copies at most the nodes on one root-to-leaf path (plus rotations) and shares the rest', () => {
    const n = 4096
    const m = mapFromEntries(
      compareNumbers,
      Array.from({ length: n }, (_, i) => [i * 2, String(i)] as const)
    )
    const before = nodesOf(m.root)
    for (const next of [setValue(m, 4097, 'x'), setValue(m, 10, 'y'), removeKey(m, 2048), removeKey(m, 0)]) {
      const fresh = Array.from(nodesOf(next.root)).filter((x) => !before.has(x))
      // AVL: a path of height ≤ 1.45·log2(n + 2), plus at most two rotated nodes per level.
      expect(fresh.length).toBeLessThanOrEqual(2 * Math.ceil(1.45 * Math.log2(n + 2)))
      expect(nodesOf(next.root).size).toBe(next.size)
    }
    expect(mapEntries(m).length).toBe(n)
  })

  it('E13: the height stays within 1.45·log2(n + 2), whatever the insertion order', () => {
    for (const order of ['ascending', 'descending', 'zigzag'] as const) {
      let m = emptyMap<number, number>(compareNumbers)
      const n = 5000
      for (let i = 0; i < n; i++) {
        const k = order === 'ascending' ? i : order === 'descending' ? n - i : i % 2 === 0 ? i : n * 2 - i
        m = setValue(m, k, i)
      }
      expect(checkTree(m.root, compareNumbers)).toBeLessThanOrEqual(1.45 * Math.log2(m.size + 2))
      for (let i = 0; i < n; i += 2) m = removeKey(m, order === 'ascending' ? i : order === 'descending' ? n - i : i)
      expect(checkTree(m.root, compareNumbers)).toBeLessThanOrEqual(1.45 * Math.log2(m.size + 2))
    }
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
    checkTree(m.root, compareStrings)
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.nat()), { maxLength: 100 }), (entries) => {
        const built = mapFromEntries(compareNumbers, entries)
        expect(mapEntries(built)).toEqual(sortedModel(new Map(entries)))
        checkTree(built.root, compareNumbers)
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

  it('E13: string keys order as lowercase hex bytes do', () => {
    expect(['0a', '00ff', '0b', '00'].sort(compareStrings)).toEqual(['00', '00ff', '0a', '0b'])
    expect(compareStrings('ab', 'ab')).toBe(0)
  })
})
