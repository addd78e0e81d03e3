/**
 * Hex text for byte strings, on `@noble/hashes/utils` (private; not exported from the package root).
 */
import { hexToBytes } from '@noble/hashes/utils.js'

const HEX_DIGITS = /^[0-9a-fA-F]*$/

/**
 * Bytes from hex (an even number of hex digits, either case, optional `0x`), or `undefined`.
 *
 * `hexToBytes` throws on bad input; the digits are checked first so that no input throws.
 *
 * @example
 * fromHex('0x01ff') // Uint8Array [1, 255]
 * fromHex('0g') // undefined
 */
export const fromHex = (hex: string): Uint8Array | undefined => {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex
  return h.length % 2 === 0 && HEX_DIGITS.test(h) ? hexToBytes(h) : undefined
}

// PERF: the digits of each byte value as two ASCII codes, written into one buffer and decoded
// once, so that a key is a single flat string; `bytesToHex` concatenates 32 two-digit strings,
// a rope of 63 objects that lives until the key is flattened, which at 10^6 runtimes makes the
// young-generation collector copy about a kilobyte per id.
const HEX_CODES = /* @__PURE__ */ (() => {
  const codes = new Uint8Array(512)
  const digits = '0123456789abcdef'
  for (let i = 0; i < 256; i++) {
    codes[2 * i] = digits.charCodeAt(i >>> 4)
    codes[2 * i + 1] = digits.charCodeAt(i & 15)
  }
  return codes
})()
// Hex digits are ASCII, which every single-byte decoding maps to itself.
const ASCII = /* @__PURE__ */ new TextDecoder('latin1')
const KEY_SCRATCH = new Uint8Array(64)

/**
 * Lowercase hex of `bytes` as one flat string: what `bytesToHex` returns, cheaper to keep (the
 * registry's map keys).
 *
 * @example
 * hexKey(Uint8Array.of(1, 255)) // '01ff'
 */
export const hexKey = (bytes: Uint8Array): string => {
  const n = bytes.length
  const out = n <= 32 ? KEY_SCRATCH.subarray(0, 2 * n) : new Uint8Array(2 * n)
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!
    out[2 * i] = HEX_CODES[2 * b]!
    out[2 * i + 1] = HEX_CODES[2 * b + 1]!
  }
  return ASCII.decode(out)
}

/**
 * A 32-byte byte string: a runtime or entity id, a hash, a root.
 *
 * @example
 * isBytes32(new Uint8Array(32)) // true
 * isBytes32('00') // false
 */
export const isBytes32 = (x: unknown): x is Uint8Array => x instanceof Uint8Array && x.length === 32

// RFC 4648 §4 with padding: Go's base64.StdEncoding, which encoding/json uses for []byte and
// oasis-core's signature.PublicKey uses for its text form.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/**
 * Standard base64 with padding (RFC 4648 §4) of a byte string.
 *
 * @example
 * toBase64(Uint8Array.of(1, 2, 3)) // 'AQID'
 */
export const toBase64 = (bytes: Uint8Array): string => {
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!)
  return btoa(binary)
}

/**
 * Bytes from standard padded base64 (RFC 4648 §4, as Go's `base64.StdEncoding` reads it:
 * padding required, no white space), or `undefined`.
 *
 * @example
 * fromBase64('AQID') // Uint8Array [1, 2, 3]
 * fromBase64('AQI') // undefined (no padding)
 */
export const fromBase64 = (text: string): Uint8Array | undefined => {
  if (!BASE64.test(text)) return undefined
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}
