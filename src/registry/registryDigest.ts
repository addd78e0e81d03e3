/**
 * Commitments to the whole registry state (E12, E14): `registryRoot`, the root of the
 * authenticated tree over the runtimes, and `registryDigest`, SHA-512/256 of the canonical CBOR
 * (C1) of `[epoch, root]`. Both depend only on the state (the epoch and, per runtime, the stored
 * descriptor and the suspended flag), never on the order of the operations that built it: the
 * active deployments and the activation index follow from those.
 *
 * PERF: O(1): the tree is kept current by every operation (E15); the digest is one hash of at
 * most 45 bytes.
 *
 * @since 0.1.0
 */
import { cborInt, writeCbor } from '../codec/cbor.js'
import { sha512_256 } from '../internal/sha.js'
import { commitmentRoot } from './commitment.js'
import type { Registry } from './registry.js'

/**
 * The shortest CBOR head of major type `major` with argument `n` (C1), for lengths below 2^32.
 *
 * @example
 * cborHead(4, 3) // Uint8Array [0x83]
 * cborHead(2, 32) // Uint8Array [0x58, 0x20]
 *
 * @category hashing
 * @since 0.1.0
 */
export const cborHead = (major: number, n: number): Uint8Array => {
  const m = major << 5
  if (n < 24) return Uint8Array.of(m | n)
  if (n < 0x100) return Uint8Array.of(m | 24, n)
  if (n < 0x10000) return Uint8Array.of(m | 25, n >>> 8, n & 0xff)
  return Uint8Array.of(m | 26, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff)
}

/**
 * The registry's commitment root (E14): the root hash of the crit-bit Merkle tree over every
 * runtime's (id, `runtimeHash`, suspended flag). Equal for two registries exactly when they hold
 * the same runtimes with the same descriptors and flags, whatever the order of the operations
 * that built them; the epoch is not part of it (see {@link registryDigest}). Kept current by every
 * operation (E15), so this is a field read: O(1).
 *
 * @example
 * import { registryRoot } from 'runtime-deployments'
 * registryRoot(registry) // Uint8Array(32), what a block header commits to
 *
 * @category hashing
 * @since 0.1.0
 */
export const registryRoot = (registry: Registry): Uint8Array => new Uint8Array(commitmentRoot(registry.commitment))

/**
 * SHA-512/256 of the canonical CBOR of `[epoch, root]` (E12), `root` being {@link registryRoot}:
 * equal for two registries exactly when their epochs, descriptors and suspended flags are equal,
 * whatever the order of the operations that built them. O(1): one hash of at most 45 bytes.
 *
 * @example
 * import { bytesToHex } from '@noble/hashes/utils.js'
 * import { registryDigest } from 'runtime-deployments'
 * bytesToHex(registryDigest(registry)) // 'f0c3…', equal on every replica after the same epoch
 *
 * @category hashing
 * @since 0.1.0
 */
export const registryDigest = (registry: Registry): Uint8Array => {
  const root = new Uint8Array(commitmentRoot(registry.commitment))
  return sha512_256(writeCbor([cborInt(registry.epoch), root]))
}
