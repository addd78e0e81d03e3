/**
 * The registry commitment (E14, E15 of `spec/engine.md`): a Merkle crit-bit tree (a binary
 * Patricia trie) over the 256 bits of the runtime ids, most significant bit first. Its shape
 * depends only on the set of ids — an inner node sits at every bit where the ids below it first
 * differ, a leaf under each — so the root depends only on the state, never on the order of the
 * operations that built it. Nodes are immutable and carry their hash: an update copies the nodes
 * on the path to the changed leaf and rehashes only those (path copying, as the registry's other
 * maps), so the old tree keeps its root, and reading the root is a field read.
 *
 * Hashes (SHA-512/256, domain-separated by their first byte, 66-byte preimages):
 *
 *     leaf  = H(0x00 ‖ id[32] ‖ runtimeHash[32] ‖ suspended[1])
 *     inner = H(0x01 ‖ bit[1] ‖ left[32] ‖ right[32])
 *     empty = H(0x02)
 *
 * @since 0.1.0
 */
import { sha512_256 } from '../internal/sha.js'

/**
 * A leaf of the commitment tree: one runtime's id, descriptor hash and suspended flag (the
 * arrays are those of its `RuntimeState`). Its hash, `H(0x00 ‖ id ‖ runtimeHash ‖ suspended)`,
 * is computed when needed rather than kept, to keep the tree small.
 *
 * @category commitment
 * @since 0.1.0
 */
export interface CommitmentLeaf {
  /** The runtime id (32 bytes). */
  readonly id: Uint8Array
  /** `runtimeHash` of the stored descriptor (32 bytes). */
  readonly runtimeHash: Uint8Array
  readonly suspended: boolean
}

/**
 * An inner node of the commitment tree: the ids below it share their first `bit` bits; those
 * with bit `bit` clear are under `left`, the others under `right`.
 *
 * @category commitment
 * @since 0.1.0
 */
export interface CommitmentInner {
  /** The first bit (0–255, most significant bit of byte 0 first) at which the ids below differ. */
  readonly bit: number
  readonly left: CommitmentNode
  readonly right: CommitmentNode
  /** `H(0x01 ‖ bit ‖ hash(left) ‖ hash(right))` (E14). */
  readonly hash: Uint8Array
}

/**
 * A node of the commitment tree.
 *
 * @category commitment
 * @since 0.1.0
 */
export type CommitmentNode = CommitmentLeaf | CommitmentInner

const LEAF = 0x00
// PERF: one preimage buffer for every node hash (each is written whole, then hashed at once,
// synchronously; nothing keeps it), sparing an allocation per hash.
const SCRATCH = new Uint8Array(66)

// Exactly 32 bytes of `b` at `at`: cut when longer, zero-padded when shorter.
const put32 = (pre: Uint8Array, at: number, b: Uint8Array): void => {
  if (b.length === 32) pre.set(b, at)
  else if (b.length > 32) pre.set(b.subarray(0, 32), at)
  else {
    pre.fill(0, at, at + 32)
    pre.set(b, at)
  }
}
const INNER = 0x01

/**
 * The root of the empty registry: `H(0x02)` (E14).
 *
 * @example
 * EMPTY_ROOT.length // 32
 *
 * @category commitment
 * @since 0.1.0
 */
export const EMPTY_ROOT: Uint8Array = sha512_256(Uint8Array.of(0x02))

/**
 * The leaf hash of a runtime: `H(0x00 ‖ id ‖ runtimeHash ‖ suspended)` (E14); `id` and
 * `runtimeHash` are 32 bytes each.
 *
 * @example
 * leafHash(rt.id, new Uint8Array(32), false).length // 32
 *
 * @category commitment
 * @since 0.1.0
 */
export const leafHash = (id: Uint8Array, runtimeHash: Uint8Array, suspended: boolean): Uint8Array => {
  const pre = SCRATCH
  pre[0] = LEAF
  put32(pre, 1, id)
  put32(pre, 33, runtimeHash)
  pre[65] = suspended ? 1 : 0
  return sha512_256(pre)
}

/**
 * The hash of an inner node: `H(0x01 ‖ bit ‖ left ‖ right)` (E14).
 *
 * @example
 * innerHash(0, new Uint8Array(32), new Uint8Array(32)).length // 32
 *
 * @category commitment
 * @since 0.1.0
 */
export const innerHash = (bit: number, left: Uint8Array, right: Uint8Array): Uint8Array => {
  const pre = SCRATCH
  pre[0] = INNER
  pre[1] = bit
  put32(pre, 2, left)
  put32(pre, 34, right)
  return sha512_256(pre)
}

/**
 * Bit `b` (0 = most significant bit of byte 0) of a 32-byte id: 0 or 1.
 *
 * @example
 * bitOf(Uint8Array.of(0x80), 0) // 1
 *
 * @category commitment
 * @since 0.1.0
 */
export const bitOf = (id: Uint8Array, b: number): number => ((id[b >>> 3] ?? 0) >>> (7 - (b & 7))) & 1

/**
 * The first bit at which two 32-byte ids differ, 256 when they are equal.
 *
 * @example
 * firstDifference(new Uint8Array(32), Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? 1 : 0))) // 255
 *
 * @category commitment
 * @since 0.1.0
 */
export const firstDifference = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < 32; i++) {
    const x = (a[i] ?? 0) ^ (b[i] ?? 0)
    if (x !== 0) return i * 8 + Math.clz32(x) - 24
  }
  return 256
}

/**
 * True for an inner node.
 *
 * @example
 * isInner({ id: rt.id, runtimeHash: new Uint8Array(32), suspended: false }) // false
 *
 * @category commitment
 * @since 0.1.0
 */
export const isInner = (n: CommitmentNode): n is CommitmentInner => (n as CommitmentInner).bit !== undefined

/**
 * The hash of a node (E14): kept for an inner node, computed for a leaf.
 *
 * @example
 * nodeHash({ id: rt.id, runtimeHash: new Uint8Array(32), suspended: false }).length // 32
 *
 * @category commitment
 * @since 0.1.0
 */
export const nodeHash = (n: CommitmentNode): Uint8Array => (isInner(n) ? n.hash : leafHash(n.id, n.runtimeHash, n.suspended))

const inner = (bit: number, left: CommitmentNode, right: CommitmentNode, lh = nodeHash(left), rh = nodeHash(right)): CommitmentInner => ({
  bit,
  left,
  right,
  hash: innerHash(bit, lh, rh)
})

/**
 * The root hash of a tree (E14): the root node's hash, {@link EMPTY_ROOT} for no runtime. O(1).
 *
 * @example
 * commitmentRoot(undefined) // EMPTY_ROOT
 *
 * @category commitment
 * @since 0.1.0
 */
export const commitmentRoot = (tree: CommitmentNode | undefined): Uint8Array => (tree === undefined ? EMPTY_ROOT : nodeHash(tree))

/**
 * The leaf that id `id` leads to (following its bits at each inner node), and the inner nodes on
 * the way, root first; `undefined` for the empty tree. The leaf holds `id` exactly when the tree
 * does. O(depth).
 *
 * @example
 * descend(registry.commitment, rt.id)?.leaf.id // rt.id
 *
 * @category commitment
 * @since 0.1.0
 */
export const descend = (
  tree: CommitmentNode | undefined,
  id: Uint8Array
): { readonly leaf: CommitmentLeaf; readonly path: ReadonlyArray<CommitmentInner> } | undefined => {
  if (tree === undefined) return undefined
  const path: CommitmentInner[] = []
  let n = tree
  while (isInner(n)) {
    path.push(n)
    n = bitOf(id, n.bit) === 0 ? n.left : n.right
  }
  return { leaf: n, path }
}

// Put `leaf` in the subtree `n`, known to hold no id differing from leaf.id before bit `c`
// except through nodes above `c`.
const put = (n: CommitmentNode, leaf: CommitmentLeaf, c: number): CommitmentNode => {
  if (isInner(n) && n.bit < c) {
    return bitOf(leaf.id, n.bit) === 0 ? inner(n.bit, put(n.left, leaf, c), n.right) : inner(n.bit, n.left, put(n.right, leaf, c))
  }
  if (c === 256) return leaf // n is the leaf of the same id: replaced
  return bitOf(leaf.id, c) === 0 ? inner(c, leaf, n) : inner(c, n, leaf)
}

/**
 * A tree holding `leaf` (added, or replacing the leaf of the same id). The input is unchanged;
 * the nodes on the path are copied and rehashed: O(depth) hashes. `leaf.id` is 32 bytes.
 *
 * @example
 * const tree = commitmentSet(undefined, { id: rt.id, runtimeHash: new Uint8Array(32), suspended: false })
 *
 * @category commitment
 * @since 0.1.0
 */
export const commitmentSet = (tree: CommitmentNode | undefined, leaf: CommitmentLeaf): CommitmentNode => {
  const found = descend(tree, leaf.id)
  if (tree === undefined || found === undefined) return leaf
  return put(tree, leaf, firstDifference(leaf.id, found.leaf.id))
}

/**
 * The tree of `leaves` (ascending by id bytes, distinct, ids of 32 bytes), built bottom-up in one
 * pass: n leaf and n − 1 inner hashes, O(n) plus the bit comparisons of neighbours. The same tree
 * as adding each one to the empty tree in any order (E14).
 *
 * @example
 * commitmentFromSorted([{ id: rt.id, runtimeHash: new Uint8Array(32), suspended: false }])
 *
 * @category commitment
 * @since 0.1.0
 */
export const commitmentFromSorted = (leaves: ReadonlyArray<CommitmentLeaf>): CommitmentNode | undefined => {
  if (leaves.length === 0) return undefined
  // Between neighbours i − 1 and i the first differing bit; a crit-bit tree over sorted keys is
  // the Cartesian tree of these (the smallest bit at the top), built with a stack of subtrees
  // (with their hashes) and the pending bits between them, strictly increasing.
  const stack: CommitmentNode[] = [leaves[0]!]
  const hashes: Uint8Array[] = [nodeHash(leaves[0]!)]
  const bits: number[] = []
  const close = (b: number): void => {
    const right = stack.pop()!
    const rh = hashes.pop()!
    const left = stack.pop()!
    const lh = hashes.pop()!
    const node = inner(b, left, right, lh, rh)
    stack.push(node)
    hashes.push(node.hash)
  }
  for (let i = 1; i < leaves.length; i++) {
    const c = firstDifference(leaves[i - 1]!.id, leaves[i]!.id)
    while (bits.length > 0 && bits[bits.length - 1]! > c) close(bits.pop()!)
    bits.push(c)
    stack.push(leaves[i]!)
    hashes.push(nodeHash(leaves[i]!))
  }
  while (bits.length > 0) close(bits.pop()!)
  return stack[0]
}
