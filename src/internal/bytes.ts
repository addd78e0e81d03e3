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

/**
 * A 32-byte byte string: a runtime or entity id, a hash, a root.
 *
 * @example
 * isBytes32(new Uint8Array(32)) // true
 * isBytes32('00') // false
 */
export const isBytes32 = (x: unknown): x is Uint8Array => x instanceof Uint8Array && x.length === 32
