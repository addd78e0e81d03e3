/**
 * The node descriptor as the scheduler and node-registration rules read it: a minimal subset of
 * oasis-core's node descriptor v3 (`go/common/node/node.go`), in the Oasis wire shape. Only the
 * fields those rules read are modelled; a full descriptor (for example `@oasisprotocol/client`'s
 * `types.Node`) can be passed in as it is, its other fields are ignored.
 *
 * | field | wire type | meaning |
 * | --- | --- | --- |
 * | `id` | bytes(32) | the node's public key |
 * | `entity_id` | bytes(32) | the entity controlling the node |
 * | `roles` | uint32 | `RolesMask`: 1 compute worker, 2 observer, 4 key manager, 8 validator |
 * | `runtimes` | `NodeRuntime[]` or `null` | the runtimes (id, version, TEE capability) it serves |
 * | `expiration` | uint64, optional here | the last epoch its registration is valid for |
 *
 * A node is well formed (SX1) when those fields have their wire types; {@link nodeProblem} says
 * which field is not.
 *
 * @since 0.1.0
 */

import { bytesToHex } from '@noble/hashes/utils.js'
import { isBytes32 } from '../internal/bytes.js'
import { compareU64, isU64 } from '../internal/uint64.js'
import { compareBytes } from '../rules/deployment.js'
import { isVersionPart } from '../rules/version.js'
import type { NodeRuntime } from '../schema/node.js'
import type { U64 } from '../schema/runtime.js'

/**
 * A node descriptor (v3 subset): what a scheduler and the node-registration rules read.
 *
 * @example
 * const node: NodeDescriptor = { id, entity_id, roles: ROLE_COMPUTE_WORKER, runtimes: [entry], expiration: 120 }
 *
 * @category nodes
 * @since 0.1.0
 */
export interface NodeDescriptor {
  /** The node's public key, 32 bytes. */
  readonly id: Uint8Array
  /** The controlling entity's public key, 32 bytes. */
  readonly entity_id: Uint8Array
  /** `RolesMask` (uint32): {@link ROLE_COMPUTE_WORKER}, {@link ROLE_OBSERVER}, … or'ed together. */
  readonly roles: number
  /** The runtimes the node serves; `null` is Go's nil (no runtimes). */
  readonly runtimes: ReadonlyArray<NodeRuntime> | null
  /** The epoch the registration expires after (expired when `expiration < epoch`); absent = not checked. */
  readonly expiration?: U64
}

/**
 * `RoleComputeWorker` (bit 0): the node executes runtime batches. S2 requires it.
 *
 * @example
 * hasRoles({ ...node, roles: ROLE_COMPUTE_WORKER | ROLE_VALIDATOR }, ROLE_COMPUTE_WORKER) // true
 *
 * @category nodes
 * @since 0.1.0
 */
export const ROLE_COMPUTE_WORKER = 1

/**
 * `RoleObserver` (bit 1).
 *
 * @example
 * hasRoles({ ...node, roles: ROLE_OBSERVER }, ROLE_COMPUTE_WORKER) // false
 *
 * @category nodes
 * @since 0.1.0
 */
export const ROLE_OBSERVER = 2

/**
 * `RoleKeyManager` (bit 2).
 *
 * @example
 * hasRoles({ ...node, roles: ROLE_KEY_MANAGER }, ROLE_KEY_MANAGER) // true
 *
 * @category nodes
 * @since 0.1.0
 */
export const ROLE_KEY_MANAGER = 4

/**
 * `RoleValidator` (bit 3).
 *
 * @example
 * hasRoles({ ...node, roles: ROLE_VALIDATOR }, ROLE_VALIDATOR) // true
 *
 * @category nodes
 * @since 0.1.0
 */
export const ROLE_VALIDATOR = 8

const MAX_U32 = 0xffffffff

const isU32 = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= MAX_U32

const isU8 = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 0xff

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null


/**
 * True when the node has every role of `mask` (a well-formed `RolesMask`); false for a malformed
 * `roles` or `mask`.
 *
 * @example
 * hasRoles({ ...node, roles: 9 }, ROLE_COMPUTE_WORKER) // true (compute + validator)
 * hasRoles({ ...node, roles: 2 }, ROLE_COMPUTE_WORKER) // false
 *
 * @category nodes
 * @since 0.1.0
 */
export const hasRoles = (node: NodeDescriptor, mask: number): boolean => {
  const roles: unknown = node.roles
  if (!isU32(roles) || !isU32(mask)) return false
  // `>>> 0` reads the 32-bit result as unsigned, so bit 31 compares correctly.
  return ((roles & mask) >>> 0) === mask
}

/**
 * The runtime entries of a node as an array (`null` or a malformed `runtimes` gives `[]`).
 *
 * @example
 * nodeRuntimes({ ...node, runtimes: null }) // []
 *
 * @category nodes
 * @since 0.1.0
 */
export const nodeRuntimes = (node: NodeDescriptor): ReadonlyArray<NodeRuntime> => {
  const rts: unknown = node.runtimes
  return Array.isArray(rts) ? (rts as ReadonlyArray<NodeRuntime>) : []
}

/**
 * The first malformed field of a node runtime entry, as `[field, reason]`, or `undefined`: `id`
 * must be 32 bytes, `version` an object of uint16 parts, `capabilities` an object whose `tee`
 * (when present and not `null`) is an object with a uint8 `hardware`.
 *
 * @example
 * nodeRuntimeProblem({ ...entry, id: new Uint8Array(3) }) // ['id', 'not 32 bytes']
 *
 * @category nodes
 * @since 0.1.0
 */
export const nodeRuntimeProblem = (entry: NodeRuntime): readonly [string, string] | undefined => {
  if (!isObject(entry)) return ['', 'not a runtime entry object']
  if (!isBytes32(entry.id)) return ['id', 'not 32 bytes']
  const v: unknown = entry.version
  if (!isObject(v)) return ['version', 'not a version object']
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (!isVersionPart(v[key])) return [`version.${key}`, 'not a uint16']
  }
  const caps: unknown = entry.capabilities
  if (!isObject(caps)) return ['capabilities', 'not an object']
  const tee = caps['tee']
  if (tee === undefined || tee === null) return undefined
  if (!isObject(tee)) return ['capabilities.tee', 'not an object']
  if (!isU8(tee['hardware'])) return ['capabilities.tee.hardware', 'not a uint8']
  return undefined
}

/**
 * The first malformed field of a node (SX1, RX2), as `[field, reason]`, or `undefined`: `id` and
 * `entity_id` 32 bytes, `roles` a uint32, `runtimes` an array or `null` whose entries are
 * well formed ({@link nodeRuntimeProblem}), `expiration` a uint64 when present.
 *
 * @example
 * nodeProblem({ ...node, roles: -1 }) // ['roles', 'not a uint32']
 * nodeProblem({ ...node, runtimes: JSON.parse('[null]') }) // ['runtimes[0]', 'not a runtime entry object']
 *
 * @category nodes
 * @since 0.1.0
 */
export const nodeProblem = (node: NodeDescriptor): readonly [string, string] | undefined => {
  if (!isObject(node)) return ['', 'not a node object']
  if (!isBytes32(node.id)) return ['id', 'not 32 bytes']
  if (!isBytes32(node.entity_id)) return ['entity_id', 'not 32 bytes']
  if (!isU32(node.roles)) return ['roles', 'not a uint32']
  const rts: unknown = node.runtimes
  if (rts !== null && !Array.isArray(rts)) return ['runtimes', 'not an array or null']
  const entries: ReadonlyArray<NodeRuntime> = rts ?? []
  for (let i = 0; i < entries.length; i++) {
    const bad = nodeRuntimeProblem(entries[i]!)
    if (bad !== undefined) return [bad[0] === '' ? `runtimes[${i}]` : `runtimes[${i}].${bad[0]}`, bad[1]]
  }
  if (node.expiration !== undefined && !isU64(node.expiration)) return ['expiration', 'not a uint64']
  return undefined
}

/**
 * True when the node's registration has expired at `epoch` (`expiration < epoch`, as oasis-core's
 * `Node.IsExpired`); a node without `expiration` never expires here.
 *
 * @example
 * isExpired({ ...node, expiration: 10 }, 11) // true
 * isExpired({ ...node, expiration: 10 }, 10) // false
 *
 * @category nodes
 * @since 0.1.0
 */
export const isExpired = (node: NodeDescriptor, epoch: U64): boolean =>
  node.expiration !== undefined && compareU64(node.expiration, epoch) < 0

/**
 * The lower-case hex of a node (or runtime) id: the key of {@link NodeDescriptor}s in maps such
 * as readiness `weights`.
 *
 * @example
 * nodeKey(node.id) // 'a1b2…' (64 hex digits)
 *
 * @category nodes
 * @since 0.1.0
 */
export const nodeKey = (id: Uint8Array): string => (id instanceof Uint8Array ? bytesToHex(id) : '')

/**
 * Order of nodes by id bytes (SX4); ids that are not byte strings sort last.
 *
 * @example
 * nodes.slice().sort(compareNodeIds)
 *
 * @category nodes
 * @since 0.1.0
 */
export const compareNodeIds = (a: NodeDescriptor, b: NodeDescriptor): number => {
  const x: unknown = isObject(a) ? a.id : undefined
  const y: unknown = isObject(b) ? b.id : undefined
  const xb = x instanceof Uint8Array
  const yb = y instanceof Uint8Array
  if (xb && yb) return compareBytes(x, y)
  if (xb) return -1
  if (yb) return 1
  return 0
}
