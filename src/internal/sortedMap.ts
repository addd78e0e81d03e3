/**
 * A persistent sorted map (src/internal/persistentMap.ts) built from keys already in strictly
 * ascending order, without sorting or comparing them (private; not exported from the package
 * root). The tree has the shape `mapFromEntries` gives for the same entries: leaves of nearly
 * equal length, each level of branches cut the same way.
 */
import type { Compare, MapNode, PersistentMap } from './persistentMap.js'
import { MAP_NODE_MAX } from './persistentMap.js'

// Cut `count` items into ceil(count / MAX) runs of nearly equal length, as mapFromEntries does.
const runs = (count: number): number[] => {
  const parts = Math.max(1, Math.ceil(count / MAP_NODE_MAX))
  return Array.from({ length: parts }, (_, p) => Math.floor(((p + 1) * count) / parts) - Math.floor((p * count) / parts))
}

/**
 * The map of `keys[i] → values[i]`; `keys` must be strictly ascending under `compare` (not
 * checked: callers sort or check first). O(n).
 *
 * @example
 * import { compareStrings } from './persistentMap.js'
 * mapFromSorted(compareStrings, ['a', 'b'], [1, 2]) // a → 1, b → 2
 */
export const mapFromSorted = <K, V>(compare: Compare<K>, keys: ReadonlyArray<K>, values: ReadonlyArray<V>): PersistentMap<K, V> => {
  if (keys.length === 0) return { compare, root: undefined, size: 0 }
  let nodes: Array<MapNode<K, V>> = []
  let firsts: K[] = []
  let start = 0
  for (const len of runs(keys.length)) {
    nodes.push({ kind: 'leaf', keys: keys.slice(start, start + len), values: values.slice(start, start + len) })
    firsts.push(keys[start]!)
    start += len
  }
  while (nodes.length > 1) {
    const level: Array<MapNode<K, V>> = []
    const levelFirsts: K[] = []
    start = 0
    for (const len of runs(nodes.length)) {
      level.push({ kind: 'branch', keys: firsts.slice(start + 1, start + len), children: nodes.slice(start, start + len) })
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
 * import { compareStrings } from './persistentMap.js'
 * strictlyAscending(compareStrings, ['a', 'b']) // true
 */
export const strictlyAscending = <K>(compare: Compare<K>, keys: ReadonlyArray<K>): boolean => {
  for (let i = 1; i < keys.length; i++) if (compare(keys[i - 1]!, keys[i]!) >= 0) return false
  return true
}
