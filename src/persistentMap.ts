/**
 * A persistent sorted map: an AVL tree with path copying (E10). An update copies the O(log n)
 * nodes on the path to the changed key and shares every other node with the map it came from,
 * so the old map stays valid and unchanged, and both cost O(log n) memory between them.
 *
 * Written by hand because none of the allowed dependencies (@noble/hashes, cbor-x, io-ts, fp-ts)
 * offers a persistent sorted map: fp-ts's `ReadonlyMap` functions copy the whole map on every
 * update (O(n)), and a native `Map` is mutable. The registry needs O(log n) updates that leave
 * the previous registry intact (E1).
 *
 * Every function is pure: nodes are never written after they are built.
 *
 * @since 0.2.0
 */

/**
 * A total order on keys: negative, zero or positive, as `Array.prototype.sort` expects.
 *
 * @category persistent map
 * @since 0.2.0
 */
export type Compare<K> = (a: K, b: K) => number

/**
 * One tree node. `height` is the number of nodes on the longest path down to a leaf (a leaf has
 * height 1, the empty tree 0).
 *
 * @category persistent map
 * @since 0.2.0
 */
export interface MapNode<K, V> {
  readonly key: K
  readonly value: V
  readonly left: MapNode<K, V> | undefined
  readonly right: MapNode<K, V> | undefined
  readonly height: number
}

/**
 * A persistent sorted map: its order, its root and its number of entries.
 *
 * @category persistent map
 * @since 0.2.0
 */
export interface PersistentMap<K, V> {
  readonly compare: Compare<K>
  readonly root: MapNode<K, V> | undefined
  readonly size: number
}

type Tree<K, V> = MapNode<K, V> | undefined

const heightOf = <K, V>(t: Tree<K, V>): number => (t === undefined ? 0 : t.height)

const node = <K, V>(key: K, value: V, left: Tree<K, V>, right: Tree<K, V>): MapNode<K, V> => ({
  key,
  value,
  left,
  right,
  height: Math.max(heightOf(left), heightOf(right)) + 1
})

// The four AVL rotations, folded into one rebuild: `left` and `right` differ in height by at most 2.
const balance = <K, V>(key: K, value: V, left: Tree<K, V>, right: Tree<K, V>): MapNode<K, V> => {
  const hl = heightOf(left)
  const hr = heightOf(right)
  if (hl > hr + 1 && left !== undefined) {
    if (heightOf(left.left) >= heightOf(left.right)) {
      return node(left.key, left.value, left.left, node(key, value, left.right, right))
    }
    const lr = left.right!
    return node(lr.key, lr.value, node(left.key, left.value, left.left, lr.left), node(key, value, lr.right, right))
  }
  if (hr > hl + 1 && right !== undefined) {
    if (heightOf(right.right) >= heightOf(right.left)) {
      return node(right.key, right.value, node(key, value, left, right.left), right.right)
    }
    const rl = right.left!
    return node(rl.key, rl.value, node(key, value, left, rl.left), node(right.key, right.value, rl.right, right.right))
  }
  return node(key, value, left, right)
}

const findNode = <K, V>(t: Tree<K, V>, key: K, compare: Compare<K>): MapNode<K, V> | undefined => {
  let cur = t
  while (cur !== undefined) {
    const c = compare(key, cur.key)
    if (c === 0) return cur
    cur = c < 0 ? cur.left : cur.right
  }
  return undefined
}

// Replace the value of a key known to be present: same shape, no rebalancing.
const replace = <K, V>(t: MapNode<K, V>, key: K, value: V, compare: Compare<K>): MapNode<K, V> => {
  const c = compare(key, t.key)
  if (c === 0) return { ...t, value }
  return c < 0
    ? { ...t, left: replace(t.left!, key, value, compare) }
    : { ...t, right: replace(t.right!, key, value, compare) }
}

// Insert a key known to be absent.
const insert = <K, V>(t: Tree<K, V>, key: K, value: V, compare: Compare<K>): MapNode<K, V> => {
  if (t === undefined) return node(key, value, undefined, undefined)
  return compare(key, t.key) < 0
    ? balance(t.key, t.value, insert(t.left, key, value, compare), t.right)
    : balance(t.key, t.value, t.left, insert(t.right, key, value, compare))
}

const removeMin = <K, V>(t: MapNode<K, V>): { readonly min: MapNode<K, V>; readonly rest: Tree<K, V> } => {
  if (t.left === undefined) return { min: t, rest: t.right }
  const { min, rest } = removeMin(t.left)
  return { min, rest: balance(t.key, t.value, rest, t.right) }
}

// Remove a key known to be present.
const erase = <K, V>(t: MapNode<K, V>, key: K, compare: Compare<K>): Tree<K, V> => {
  const c = compare(key, t.key)
  if (c < 0) return balance(t.key, t.value, erase(t.left!, key, compare), t.right)
  if (c > 0) return balance(t.key, t.value, t.left, erase(t.right!, key, compare))
  if (t.left === undefined) return t.right
  if (t.right === undefined) return t.left
  const { min, rest } = removeMin(t.right)
  return balance(min.key, min.value, t.left, rest)
}

// A perfectly balanced tree of entries[from, to), which must be strictly ascending.
const build = <K, V>(entries: ReadonlyArray<readonly [K, V]>, from: number, to: number): Tree<K, V> => {
  if (from >= to) return undefined
  const mid = (from + to) >>> 1
  const [key, value] = entries[mid]!
  return node(key, value, build(entries, from, mid), build(entries, mid + 1, to))
}

/**
 * The empty map ordered by `compare`.
 *
 * @example
 * const m = emptyMap<string, number>(compareStrings)
 * m.size // 0
 *
 * @category persistent map
 * @since 0.2.0
 */
export const emptyMap = <K, V>(compare: Compare<K>): PersistentMap<K, V> => ({ compare, root: undefined, size: 0 })

/**
 * A map of `entries` in O(n log n) (O(n) when they are already in order); of entries with equal
 * keys the last one counts, as with a native `Map`.
 *
 * @example
 * mapFromEntries(compareStrings, [['b', 2], ['a', 1], ['b', 3]]) // a → 1, b → 3
 *
 * @category persistent map
 * @since 0.2.0
 */
export const mapFromEntries = <K, V>(compare: Compare<K>, entries: ReadonlyArray<readonly [K, V]>): PersistentMap<K, V> => {
  // A stable sort keeps equal keys in input order, so the last of each run is the last given.
  const sorted = entries.slice().sort((a, b) => compare(a[0], b[0]))
  const unique: Array<readonly [K, V]> = []
  for (const e of sorted) {
    const last = unique[unique.length - 1]
    if (last !== undefined && compare(last[0], e[0]) === 0) unique[unique.length - 1] = e
    else unique.push(e)
  }
  return { compare, root: build(unique, 0, unique.length), size: unique.length }
}

/**
 * The value stored under `key`, or `undefined`. O(log n).
 *
 * @example
 * getValue(mapFromEntries(compareStrings, [['a', 1]]), 'a') // 1
 *
 * @category persistent map
 * @since 0.2.0
 */
export const getValue = <K, V>(m: PersistentMap<K, V>, key: K): V | undefined => findNode(m.root, key, m.compare)?.value

/**
 * True when `key` is in the map. O(log n).
 *
 * @example
 * hasKey(emptyMap(compareStrings), 'a') // false
 *
 * @category persistent map
 * @since 0.2.0
 */
export const hasKey = <K, V>(m: PersistentMap<K, V>, key: K): boolean => findNode(m.root, key, m.compare) !== undefined

/**
 * A map with `key` set to `value`; `m` itself when it already holds that very value. O(log n).
 *
 * @example
 * const m2 = setValue(m, 'a', 1) // m is unchanged
 *
 * @category persistent map
 * @since 0.2.0
 */
export const setValue = <K, V>(m: PersistentMap<K, V>, key: K, value: V): PersistentMap<K, V> => {
  const found = findNode(m.root, key, m.compare)
  if (found !== undefined) {
    return found.value === value ? m : { compare: m.compare, root: replace(m.root!, key, value, m.compare), size: m.size }
  }
  return { compare: m.compare, root: insert(m.root, key, value, m.compare), size: m.size + 1 }
}

/**
 * A map without `key`; `m` itself when the key is absent. O(log n).
 *
 * @example
 * removeKey(m, 'a') // m is unchanged
 *
 * @category persistent map
 * @since 0.2.0
 */
export const removeKey = <K, V>(m: PersistentMap<K, V>, key: K): PersistentMap<K, V> => {
  if (m.root === undefined || findNode(m.root, key, m.compare) === undefined) return m
  return { compare: m.compare, root: erase(m.root, key, m.compare), size: m.size - 1 }
}

const pushValues = <K, V>(t: Tree<K, V>, out: V[]): void => {
  if (t === undefined) return
  pushValues(t.left, out)
  out.push(t.value)
  pushValues(t.right, out)
}

/**
 * Every value, in key order, as a new array. O(n), one pass, no comparison.
 *
 * @example
 * mapValues(mapFromEntries(compareStrings, [['b', 2], ['a', 1]])) // [1, 2]
 *
 * @category persistent map
 * @since 0.2.0
 */
export const mapValues = <K, V>(m: PersistentMap<K, V>): V[] => {
  const out: V[] = []
  pushValues(m.root, out)
  return out
}

const pushEntries = <K, V>(t: Tree<K, V>, out: Array<readonly [K, V]>): void => {
  if (t === undefined) return
  pushEntries(t.left, out)
  out.push([t.key, t.value])
  pushEntries(t.right, out)
}

/**
 * Every entry, in key order, as a new array. O(n).
 *
 * @example
 * mapEntries(mapFromEntries(compareStrings, [['b', 2], ['a', 1]])) // [['a', 1], ['b', 2]]
 *
 * @category persistent map
 * @since 0.2.0
 */
export const mapEntries = <K, V>(m: PersistentMap<K, V>): Array<readonly [K, V]> => {
  const out: Array<readonly [K, V]> = []
  pushEntries(m.root, out)
  return out
}

// In-order walk that stops at the first key failing `keep`; false once it has stopped.
const pushWhile = <K, V>(t: Tree<K, V>, keep: (key: K) => boolean, out: Array<readonly [K, V]>): boolean => {
  if (t === undefined) return true
  if (!pushWhile(t.left, keep, out)) return false
  if (!keep(t.key)) return false
  out.push([t.key, t.value])
  return pushWhile(t.right, keep, out)
}

/**
 * The longest prefix, in key order, of entries whose key satisfies `keep`; `keep` must be
 * monotone (true up to some key, false after). O(log n + k) for k entries returned.
 *
 * @example
 * takeWhile(mapFromEntries(compareStrings, [['a', 1], ['b', 2], ['c', 3]]), (k) => k < 'c') // [['a', 1], ['b', 2]]
 *
 * @category persistent map
 * @since 0.2.0
 */
export const takeWhile = <K, V>(m: PersistentMap<K, V>, keep: (key: K) => boolean): Array<readonly [K, V]> => {
  const out: Array<readonly [K, V]> = []
  pushWhile(m.root, keep, out)
  return out
}

/**
 * Code-unit order of strings; for lowercase hex of byte strings it is their byte order.
 *
 * @example
 * ['b', 'a'].sort(compareStrings) // ['a', 'b']
 *
 * @category persistent map
 * @since 0.2.0
 */
export const compareStrings: Compare<string> = (a, b) => (a < b ? -1 : a > b ? 1 : 0)
