/**
 * A persistent sorted map: a B+ tree with path copying (E13). An update copies the nodes on the
 * path from the root to the changed leaf (O(log n) nodes of at most 32 entries each) and shares
 * every other node with the map it came from, so the old map stays valid and unchanged.
 *
 * Written by hand because none of the allowed dependencies (@noble/hashes, cbor-x, io-ts, fp-ts)
 * offers a persistent sorted map: fp-ts's `ReadonlyMap` functions copy the whole map on every
 * update (O(n)), and a native `Map` is mutable. The registry needs O(log n) updates that leave
 * the previous registry intact (E1).
 *
 * Why a B+ tree rather than a binary tree (AVL, treap): entries sit in arrays of 16 to 32, so a
 * full in-order pass reads contiguous memory (the scheduler's `activeVersions` over 10^6 runtimes
 * is an array copy, not 10^6 pointer hops), a tree of 10^6 entries is 4 levels deep, and it costs
 * about two pointers per entry instead of a 5-field node.
 *
 * Shape: every leaf is at the same depth; a leaf holds 16–32 entries in key order, a branch
 * 16–32 children and one separator between each two (every key of `children[j]` is below
 * `keys[j]`, every key of `children[j + 1]` is at or above it); the root may hold fewer. Every
 * function is pure: nodes and their arrays are never written after they are built.
 *
 * @since 0.1.0
 */

/**
 * A total order on keys: negative, zero or positive, as `Array.prototype.sort` expects.
 *
 * @category persistent map
 * @since 0.1.0
 */
export type Compare<K> = (a: K, b: K) => number

/**
 * A leaf: entries in key order.
 *
 * @category persistent map
 * @since 0.1.0
 */
export interface MapLeaf<K, V> {
  readonly kind: 'leaf'
  readonly keys: ReadonlyArray<K>
  readonly values: ReadonlyArray<V>
}

/**
 * A branch: children in key order and the separators between them
 * (`keys.length === children.length - 1`).
 *
 * @category persistent map
 * @since 0.1.0
 */
export interface MapBranch<K, V> {
  readonly kind: 'branch'
  readonly keys: ReadonlyArray<K>
  readonly children: ReadonlyArray<MapNode<K, V>>
}

/**
 * A node of the tree.
 *
 * @category persistent map
 * @since 0.1.0
 */
export type MapNode<K, V> = MapLeaf<K, V> | MapBranch<K, V>

/**
 * A persistent sorted map: its order, its root and its number of entries.
 *
 * @category persistent map
 * @since 0.1.0
 */
export interface PersistentMap<K, V> {
  readonly compare: Compare<K>
  readonly root: MapNode<K, V> | undefined
  readonly size: number
}

/**
 * The most entries of a leaf and children of a branch; every node but the root holds at least
 * half as many.
 *
 * @example
 * MAP_NODE_MAX // 32
 *
 * @category persistent map
 * @since 0.1.0
 */
export const MAP_NODE_MAX = 32
const MIN = MAP_NODE_MAX / 2

const leaf = <K, V>(keys: ReadonlyArray<K>, values: ReadonlyArray<V>): MapLeaf<K, V> => ({ kind: 'leaf', keys, values })

const branch = <K, V>(keys: ReadonlyArray<K>, children: ReadonlyArray<MapNode<K, V>>): MapBranch<K, V> => ({
  kind: 'branch',
  keys,
  children
})

const width = <K, V>(n: MapNode<K, V>): number => (n.kind === 'leaf' ? n.keys.length : n.children.length)

const insertAt = <T>(xs: ReadonlyArray<T>, i: number, x: T): T[] => [...xs.slice(0, i), x, ...xs.slice(i)]

const replaceAt = <T>(xs: ReadonlyArray<T>, i: number, x: T): T[] => {
  const out = xs.slice()
  out[i] = x
  return out
}

const removeAt = <T>(xs: ReadonlyArray<T>, i: number): T[] => [...xs.slice(0, i), ...xs.slice(i + 1)]

// The first index whose key is not below `key` (binary search).
const lowerBound = <K>(keys: ReadonlyArray<K>, key: K, compare: Compare<K>): number => {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compare(keys[mid]!, key) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

// The child of a branch that holds `key`: the number of separators at or below it.
const childIndex = <K, V>(b: MapBranch<K, V>, key: K, compare: Compare<K>): number => {
  let lo = 0
  let hi = b.keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compare(b.keys[mid]!, key) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

const findLeaf = <K, V>(root: MapNode<K, V> | undefined, key: K, compare: Compare<K>): { leaf: MapLeaf<K, V>; at: number } | undefined => {
  let cur = root
  while (cur !== undefined && cur.kind === 'branch') cur = cur.children[childIndex(cur, key, compare)]
  if (cur === undefined) return undefined
  const at = lowerBound(cur.keys, key, compare)
  return at < cur.keys.length && compare(cur.keys[at]!, key) === 0 ? { leaf: cur, at } : undefined
}

// One node, or two with the separator between them after a split.
type Grown<K, V> = readonly [MapNode<K, V>] | readonly [MapNode<K, V>, K, MapNode<K, V>]

// Split an overfull run of entries or children in two halves of at least MIN each.
const splitLeaf = <K, V>(keys: ReadonlyArray<K>, values: ReadonlyArray<V>): Grown<K, V> => {
  if (keys.length <= MAP_NODE_MAX) return [leaf(keys, values)]
  const h = keys.length >>> 1
  return [leaf(keys.slice(0, h), values.slice(0, h)), keys[h]!, leaf(keys.slice(h), values.slice(h))]
}

const splitBranch = <K, V>(keys: ReadonlyArray<K>, children: ReadonlyArray<MapNode<K, V>>): Grown<K, V> => {
  if (children.length <= MAP_NODE_MAX) return [branch(keys, children)]
  const h = children.length >>> 1
  return [branch(keys.slice(0, h - 1), children.slice(0, h)), keys[h - 1]!, branch(keys.slice(h), children.slice(h))]
}

// Insert a key known to be absent.
const insert = <K, V>(n: MapNode<K, V>, key: K, value: V, compare: Compare<K>): Grown<K, V> => {
  if (n.kind === 'leaf') {
    const at = lowerBound(n.keys, key, compare)
    return splitLeaf(insertAt(n.keys, at, key), insertAt(n.values, at, value))
  }
  const i = childIndex(n, key, compare)
  const grown = insert(n.children[i]!, key, value, compare)
  if (grown.length === 1) return [branch(n.keys, replaceAt(n.children, i, grown[0]))]
  const [left, sep, right] = grown
  return splitBranch(insertAt(n.keys, i, sep), insertAt(replaceAt(n.children, i, left), i + 1, right))
}

// Replace the value of a key known to be present: same shape.
const replace = <K, V>(n: MapNode<K, V>, key: K, value: V, compare: Compare<K>): MapNode<K, V> => {
  if (n.kind === 'leaf') return leaf(n.keys, replaceAt(n.values, lowerBound(n.keys, key, compare), value))
  const i = childIndex(n, key, compare)
  return branch(n.keys, replaceAt(n.children, i, replace(n.children[i]!, key, value, compare)))
}

// Two neighbouring nodes of the same depth, with the separator between them, as one node when
// they fit, otherwise as two balanced halves.
const combine = <K, V>(left: MapNode<K, V>, sep: K, right: MapNode<K, V>): Grown<K, V> =>
  left.kind === 'leaf' && right.kind === 'leaf'
    ? splitLeaf([...left.keys, ...right.keys], [...left.values, ...right.values])
    : splitBranch(
        [...left.keys, sep, ...right.keys],
        [...(left as MapBranch<K, V>).children, ...(right as MapBranch<K, V>).children]
      )

// Remove a key known to be present; the result may hold fewer than MIN entries (its parent mends it).
const erase = <K, V>(n: MapNode<K, V>, key: K, compare: Compare<K>): MapNode<K, V> => {
  if (n.kind === 'leaf') {
    const at = lowerBound(n.keys, key, compare)
    return leaf(removeAt(n.keys, at), removeAt(n.values, at))
  }
  const i = childIndex(n, key, compare)
  const child = erase(n.children[i]!, key, compare)
  if (width(child) >= MIN) return branch(n.keys, replaceAt(n.children, i, child))
  // Mend the underfull child with a neighbour: merge the two, or share their entries evenly.
  const s = i > 0 ? i - 1 : i + 1
  const at = Math.min(i, s)
  const children = replaceAt(n.children, i, child)
  const merged = combine(children[at]!, n.keys[at]!, children[at + 1]!)
  const before = children.slice(0, at)
  const after = children.slice(at + 2)
  if (merged.length === 1) return branch(removeAt(n.keys, at), [...before, merged[0], ...after])
  return branch(replaceAt(n.keys, at, merged[1]), [...before, merged[0], merged[2], ...after])
}

/**
 * The empty map ordered by `compare`.
 *
 * @example
 * const m = emptyMap<string, number>(compareStrings)
 * m.size // 0
 *
 * @category persistent map
 * @since 0.1.0
 */
export const emptyMap = <K, V>(compare: Compare<K>): PersistentMap<K, V> => ({ compare, root: undefined, size: 0 })

// Cut `count` items into ceil(count / MAX) runs of nearly equal length (each ≥ MIN when count > MAX).
const runs = (count: number): number[] => {
  const parts = Math.max(1, Math.ceil(count / MAP_NODE_MAX))
  return Array.from({ length: parts }, (_, p) => Math.floor(((p + 1) * count) / parts) - Math.floor((p * count) / parts))
}

/**
 * A map of `entries` in O(n log n) (the sort; O(n) to build); of entries with equal keys the
 * last one counts, as with a native `Map`.
 *
 * @example
 * mapFromEntries(compareStrings, [['b', 2], ['a', 1], ['b', 3]]) // a → 1, b → 3
 *
 * @category persistent map
 * @since 0.1.0
 */
export const mapFromEntries = <K, V>(compare: Compare<K>, entries: ReadonlyArray<readonly [K, V]>): PersistentMap<K, V> => {
  // A stable sort keeps equal keys in input order, so the last of each run is the last given.
  const sorted = entries.slice().sort((a, b) => compare(a[0], b[0]))
  const keys: K[] = []
  const values: V[] = []
  for (const [k, v] of sorted) {
    if (keys.length > 0 && compare(keys[keys.length - 1]!, k) === 0) values[values.length - 1] = v
    else {
      keys.push(k)
      values.push(v)
    }
  }
  return mapFromSorted(compare, keys, values)
}

/**
 * The map of `keys[i] → values[i]` for `keys` already strictly ascending under `compare` (not
 * checked: callers sort or check first, see {@link strictlyAscending}). O(n), no comparison; the
 * tree has the shape {@link mapFromEntries} gives for the same entries.
 *
 * @example
 * mapFromSorted(compareStrings, ['a', 'b'], [1, 2]) // a → 1, b → 2
 *
 * @category persistent map
 * @since 0.1.0
 */
export const mapFromSorted = <K, V>(compare: Compare<K>, keys: ReadonlyArray<K>, values: ReadonlyArray<V>): PersistentMap<K, V> => {
  if (keys.length === 0) return emptyMap(compare)
  // Leaves, then each level of branches, with the first key of each node beside it.
  let nodes: Array<MapNode<K, V>> = []
  let firsts: K[] = []
  let start = 0
  for (const len of runs(keys.length)) {
    nodes.push(leaf(keys.slice(start, start + len), values.slice(start, start + len)))
    firsts.push(keys[start]!)
    start += len
  }
  while (nodes.length > 1) {
    const level: Array<MapNode<K, V>> = []
    const levelFirsts: K[] = []
    start = 0
    for (const len of runs(nodes.length)) {
      level.push(branch(firsts.slice(start + 1, start + len), nodes.slice(start, start + len)))
      levelFirsts.push(firsts[start]!)
      start += len
    }
    nodes = level
    firsts = levelFirsts
  }
  return { compare, root: nodes[0], size: keys.length }
}

/**
 * True when `keys` is strictly ascending under `compare`. O(n).
 *
 * @example
 * strictlyAscending(compareStrings, ['a', 'b']) // true
 *
 * @category persistent map
 * @since 0.1.0
 */
export const strictlyAscending = <K>(compare: Compare<K>, keys: ReadonlyArray<K>): boolean => {
  for (let i = 1; i < keys.length; i++) if (compare(keys[i - 1]!, keys[i]!) >= 0) return false
  return true
}

/**
 * The value stored under `key`, or `undefined`. O(log n).
 *
 * @example
 * getValue(mapFromEntries(compareStrings, [['a', 1]]), 'a') // 1
 *
 * @category persistent map
 * @since 0.1.0
 */
export const getValue = <K, V>(m: PersistentMap<K, V>, key: K): V | undefined => {
  const found = findLeaf(m.root, key, m.compare)
  return found === undefined ? undefined : found.leaf.values[found.at]
}

/**
 * True when `key` is in the map. O(log n).
 *
 * @example
 * hasKey(emptyMap(compareStrings), 'a') // false
 *
 * @category persistent map
 * @since 0.1.0
 */
export const hasKey = <K, V>(m: PersistentMap<K, V>, key: K): boolean => findLeaf(m.root, key, m.compare) !== undefined

/**
 * A map with `key` set to `value`; `m` itself when it already holds that very value. O(log n).
 *
 * @example
 * const m2 = setValue(m, 'a', 1) // m is unchanged
 *
 * @category persistent map
 * @since 0.1.0
 */
export const setValue = <K, V>(m: PersistentMap<K, V>, key: K, value: V): PersistentMap<K, V> => {
  const found = findLeaf(m.root, key, m.compare)
  if (found !== undefined) {
    return Object.is(found.leaf.values[found.at], value) ? m : { compare: m.compare, root: replace(m.root!, key, value, m.compare), size: m.size }
  }
  if (m.root === undefined) return { compare: m.compare, root: leaf([key], [value]), size: 1 }
  const grown = insert(m.root, key, value, m.compare)
  const root = grown.length === 1 ? grown[0] : branch([grown[1]], [grown[0], grown[2]])
  return { compare: m.compare, root, size: m.size + 1 }
}

/**
 * A map without `key`; `m` itself when the key is absent. O(log n).
 *
 * @example
 * removeKey(m, 'a') // m is unchanged
 *
 * @category persistent map
 * @since 0.1.0
 */
export const removeKey = <K, V>(m: PersistentMap<K, V>, key: K): PersistentMap<K, V> => {
  if (m.root === undefined || findLeaf(m.root, key, m.compare) === undefined) return m
  let root: MapNode<K, V> | undefined = erase(m.root, key, m.compare)
  // The root may hold fewer than MIN; a branch left with one child gives way to it.
  if (root.kind === 'branch' && root.children.length === 1) root = root.children[0]
  if (root !== undefined && root.kind === 'leaf' && root.keys.length === 0) root = undefined
  return { compare: m.compare, root, size: m.size - 1 }
}

const fillValues = <K, V>(n: MapNode<K, V>, out: V[], from: number): number => {
  if (n.kind === 'leaf') {
    for (let i = 0; i < n.values.length; i++) out[from + i] = n.values[i]!
    return from + n.values.length
  }
  let at = from
  for (const c of n.children) at = fillValues(c, out, at)
  return at
}

/**
 * Every value, in key order, as a new array. O(n): a copy of the leaves' arrays, no comparison.
 *
 * @example
 * mapValues(mapFromEntries(compareStrings, [['b', 2], ['a', 1]])) // [1, 2]
 *
 * @category persistent map
 * @since 0.1.0
 */
export const mapValues = <K, V>(m: PersistentMap<K, V>): V[] => {
  const out: V[] = new Array<V>(m.size)
  if (m.root !== undefined) fillValues(m.root, out, 0)
  return out
}

const fillKeys = <K, V>(n: MapNode<K, V>, out: K[], from: number): number => {
  if (n.kind === 'leaf') {
    for (let i = 0; i < n.keys.length; i++) out[from + i] = n.keys[i]!
    return from + n.keys.length
  }
  let at = from
  for (const c of n.children) at = fillKeys(c, out, at)
  return at
}

/**
 * Every key, in order, as a new array. O(n).
 *
 * @example
 * mapKeys(mapFromEntries(compareStrings, [['b', 2], ['a', 1]])) // ['a', 'b']
 *
 * @category persistent map
 * @since 0.1.0
 */
export const mapKeys = <K, V>(m: PersistentMap<K, V>): K[] => {
  const out: K[] = new Array<K>(m.size)
  if (m.root !== undefined) fillKeys(m.root, out, 0)
  return out
}

// Apply `f` to the entries of keys[lo, hi) (ascending) found under `n`; `n` itself when none changes.
const updateNode = <K, V>(
  n: MapNode<K, V>,
  keys: ReadonlyArray<K>,
  lo: number,
  hi: number,
  f: (key: K, value: V) => V,
  compare: Compare<K>
): MapNode<K, V> => {
  if (n.kind === 'leaf') {
    let values: V[] | undefined
    for (let i = lo; i < hi; i++) {
      const at = lowerBound(n.keys, keys[i]!, compare)
      if (at === n.keys.length || compare(n.keys[at]!, keys[i]!) !== 0) continue
      const old = (values ?? n.values)[at]!
      const next = f(n.keys[at]!, old)
      if (Object.is(next, old)) continue
      values ??= n.values.slice()
      values[at] = next
    }
    return values === undefined ? n : leaf(n.keys, values)
  }
  let children: Array<MapNode<K, V>> | undefined
  let i = lo
  while (i < hi) {
    // The run of keys that falls into the same child.
    const j = childIndex(n, keys[i]!, compare)
    let end = i + 1
    while (end < hi && (j === n.keys.length || compare(keys[end]!, n.keys[j]!) < 0)) end++
    const old = n.children[j]!
    const next = updateNode(old, keys, i, end, f, compare)
    if (next !== old) {
      children ??= n.children.slice()
      children[j] = next
    }
    i = end
  }
  return children === undefined ? n : branch(n.keys, children)
}

/**
 * A map where the value of each key of `keys` (ascending, no repeats) that the map holds is
 * replaced by `f(key, value)`; keys the map does not hold are skipped, and `f` is called in key
 * order. One pass: each node on the paths to the keys is copied once, however many keys it
 * holds. `m` itself when no value changes. O(k log n) at most.
 *
 * @example
 * updateSorted(m, ['a', 'c'], (_k, v) => v + 1) // a and c incremented, one pass
 *
 * @category persistent map
 * @since 0.1.0
 */
export const updateSorted = <K, V>(m: PersistentMap<K, V>, keys: ReadonlyArray<K>, f: (key: K, value: V) => V): PersistentMap<K, V> => {
  if (m.root === undefined || keys.length === 0) return m
  const root = updateNode(m.root, keys, 0, keys.length, f, m.compare)
  return root === m.root ? m : { compare: m.compare, root, size: m.size }
}

// In-order walk that stops at the first key failing `keep`; false once it has stopped.
const pushWhile = <K, V>(n: MapNode<K, V>, keep: (key: K) => boolean, out: Array<readonly [K, V]>): boolean => {
  if (n.kind === 'branch') {
    for (const c of n.children) if (!pushWhile(c, keep, out)) return false
    return true
  }
  for (let i = 0; i < n.keys.length; i++) {
    const k = n.keys[i]!
    if (!keep(k)) return false
    out.push([k, n.values[i]!])
  }
  return true
}

/**
 * Every entry, in key order, as a new array. O(n).
 *
 * @example
 * mapEntries(mapFromEntries(compareStrings, [['b', 2], ['a', 1]])) // [['a', 1], ['b', 2]]
 *
 * @category persistent map
 * @since 0.1.0
 */
export const mapEntries = <K, V>(m: PersistentMap<K, V>): Array<readonly [K, V]> => takeWhile(m, () => true)

/**
 * The longest prefix, in key order, of entries whose key satisfies `keep`; `keep` must be
 * monotone (true up to some key, false after). O(log n + k) for k entries returned.
 *
 * @example
 * takeWhile(mapFromEntries(compareStrings, [['a', 1], ['b', 2], ['c', 3]]), (k) => k < 'c') // [['a', 1], ['b', 2]]
 *
 * @category persistent map
 * @since 0.1.0
 */
export const takeWhile = <K, V>(m: PersistentMap<K, V>, keep: (key: K) => boolean): Array<readonly [K, V]> => {
  const out: Array<readonly [K, V]> = []
  if (m.root !== undefined) pushWhile(m.root, keep, out)
  return out
}

/**
 * The smallest key, or `undefined` for the empty map. O(log n).
 *
 * @example
 * firstKey(mapFromEntries(compareStrings, [['b', 2], ['a', 1]])) // 'a'
 *
 * @category persistent map
 * @since 0.1.0
 */
export const firstKey = <K, V>(m: PersistentMap<K, V>): K | undefined => {
  let cur = m.root
  while (cur !== undefined && cur.kind === 'branch') cur = cur.children[0]
  return cur?.keys[0]
}

/**
 * Code-unit order of strings; for lowercase hex of byte strings it is their byte order.
 *
 * @example
 * ['b', 'a'].sort(compareStrings) // ['a', 'b']
 *
 * @category persistent map
 * @since 0.1.0
 */
export const compareStrings: Compare<string> = (a, b) => (a < b ? -1 : a > b ? 1 : 0)
