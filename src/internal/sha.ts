/**
 * SHA-512/256 and SHA-256 on the fastest backend at hand (private; not exported from the package
 * root): `node:crypto`'s one-shot `hash` when the runtime has it (Node ≥ 20.12, reached through
 * `process.getBuiltinModule`, so nothing is imported statically and bundlers for other platforms
 * are not troubled), `@noble/hashes` otherwise. Both give the same bytes (E18; a property test
 * compares them).
 */
import { sha256 as nobleSha256, sha512_256 as nobleSha512_256 } from '@noble/hashes/sha2.js'

type OneShot = (algorithm: string, data: Uint8Array, encoding: 'latin1') => string

// PERF: the digest is asked for as a latin1 string (one character per byte) and copied out: on
// Node 20 a 'buffer' result costs about 1 µs more per call than the hash of a small input itself.
const fromLatin1 = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

const nodeHash = ((): OneShot | undefined => {
  try {
    const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    const crypto = p?.getBuiltinModule?.('node:crypto') as { hash?: OneShot; getHashes?: () => string[] } | undefined
    if (crypto?.hash === undefined || crypto.getHashes === undefined) return undefined
    const names = crypto.getHashes()
    if (!names.includes('sha512-256') || !names.includes('sha256')) return undefined
    const h = crypto.hash
    // The native digest must be the right one before it is trusted (an empty input).
    const probe = fromLatin1(h('sha512-256', new Uint8Array(0), 'latin1'))
    const expected = nobleSha512_256(new Uint8Array(0))
    return probe.length === 32 && probe.every((b, i) => b === expected[i]) ? h : undefined
  } catch {
    return undefined
  }
})()

/**
 * Which backend hashes: `'node:crypto'` or `'@noble/hashes'`.
 *
 * @example
 * HASH_BACKEND // 'node:crypto' under Node
 */
export const HASH_BACKEND: 'node:crypto' | '@noble/hashes' = nodeHash === undefined ? '@noble/hashes' : 'node:crypto'

/**
 * SHA-512/256 of `bytes` (32 bytes, a plain `Uint8Array` with a buffer of its own).
 *
 * @example
 * sha512_256(new Uint8Array(0)).length // 32
 */
export const sha512_256: (bytes: Uint8Array) => Uint8Array =
  nodeHash === undefined ? (bytes) => nobleSha512_256(bytes) : (bytes) => fromLatin1(nodeHash('sha512-256', bytes, 'latin1'))

/**
 * SHA-256 of `bytes` (32 bytes).
 *
 * @example
 * sha256(new Uint8Array(0)).length // 32
 */
export const sha256: (bytes: Uint8Array) => Uint8Array =
  nodeHash === undefined ? (bytes) => nobleSha256(bytes) : (bytes) => fromLatin1(nodeHash('sha256', bytes, 'latin1'))

/**
 * The pure-JS digests, whatever the backend: for the property test that both agree.
 *
 * @example
 * NOBLE.sha512_256(new Uint8Array(0)).length // 32
 */
export const NOBLE = { sha512_256: nobleSha512_256, sha256: nobleSha256 } as const
