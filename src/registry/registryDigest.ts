/**
 * A commitment to the whole registry state (E12), so that replicas can compare their state
 * after each epoch: SHA-512/256 of the canonical CBOR (C1) of
 *
 *     [epoch, [[id, runtimeHash, suspended], …]]
 *
 * with the entries in runtime id byte order. It depends only on the state (the epoch and, per
 * runtime, the stored descriptor and the suspended flag), never on the order of the operations
 * that built it: the active deployments and the activation index follow from those.
 *
 * PERF: O(n) over hashes cached at registration; the bytes are written straight into a hash
 * stream in 64 KiB chunks (no n-sized buffer); the heads are those `writeCbor` writes
 * (a test checks the bytes against it).
 *
 * @since 0.1.0
 */
import { sha512_256 } from '@noble/hashes/sha2.js'
import { cborInt, writeCbor } from '../codec/cbor.js'
import { mapValues } from '../internal/persistentMap.js'
import type { Registry } from './registry.js'

const MAJOR_BYTES = 2
const MAJOR_ARRAY = 4
const TRUE = 0xf5
const FALSE = 0xf4
const CHUNK = 65536

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
 * SHA-512/256 of the canonical CBOR of `[epoch, [[id, runtimeHash, suspended], …]]`, entries in
 * id order (E12). Equal for two registries exactly when their epochs, descriptors and suspended
 * flags are equal, whatever the order of the operations that built them.
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
  const states = mapValues(registry.runtimes)
  const hasher = sha512_256.create()
  hasher.update(cborHead(MAJOR_ARRAY, 2))
  hasher.update(writeCbor(cborInt(registry.epoch)))
  hasher.update(cborHead(MAJOR_ARRAY, states.length))
  const chunk = new Uint8Array(CHUNK)
  let used = 0
  const put = (bytes: Uint8Array): void => {
    if (used + bytes.length > CHUNK) {
      hasher.update(chunk.subarray(0, used))
      used = 0
    }
    if (bytes.length > CHUNK) {
      hasher.update(bytes)
      return
    }
    chunk.set(bytes, used)
    used += bytes.length
  }
  const entryHead = cborHead(MAJOR_ARRAY, 3)
  for (const s of states) {
    put(entryHead)
    put(cborHead(MAJOR_BYTES, s.id.length))
    put(s.id)
    put(cborHead(MAJOR_BYTES, s.hash.length))
    put(s.hash)
    put(Uint8Array.of(s.suspended ? TRUE : FALSE))
  }
  hasher.update(chunk.subarray(0, used))
  return hasher.digest()
}
