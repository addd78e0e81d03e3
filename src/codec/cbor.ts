/**
 * The one place that configures cbor-x. Every byte this library encodes goes through
 * {@link writeCbor}, so the cbor-x traps are handled once, here (C1):
 *
 * - keys are never sorted by cbor-x: callers pass objects whose keys are already in RFC 7049
 *   canonical order and `Map`s already sorted (see {@link canonicalKeyOrder});
 * - integers of 2^32 and above are written as float64 unless given as `bigint`, and a `bigint` is
 *   always written with an 8-byte head: {@link cborInt} picks the representation that yields the
 *   shortest head;
 * - `Uint8Array` gets tag 64 and `Map` tag 259 unless turned off; records and packing add
 *   non-standard tags, and fixed-size map headers are not shortest: all turned off below.
 *
 * @since 0.1.0
 */
import { Encoder } from 'cbor-x'

const encoder = new Encoder({
  useRecords: false,
  mapsAsObjects: true,
  variableMapSize: true,
  tagUint8Array: false,
  useTag259ForMaps: false,
  pack: false,
  structuredClone: false,
  bundleStrings: false,
  useFloat32: 0,
  alwaysUseFloat: false,
  largeBigIntToFloat: false
} as ConstructorParameters<typeof Encoder>[0])

/**
 * A value ready for canonical encoding: integers from {@link cborInt}, byte strings, text,
 * booleans, `null`, arrays, objects with canonically ordered keys, and canonically sorted `Map`s.
 *
 * @category model
 * @since 0.1.0
 */
export type CborModel =
  | number
  | bigint
  | string
  | boolean
  | null
  | Uint8Array
  | ReadonlyArray<CborModel>
  | { readonly [key: string]: CborModel }
  | ReadonlyMap<CborModel, CborModel>

const TWO_32 = 4294967296

/**
 * The representation of an integer that makes cbor-x write its shortest head (C1): a `number`
 * inside [-2^32, 2^32 - 1], a `bigint` outside it. A number that is no integer comes back unchanged.
 *
 * @example
 * cborInt(5n) // 5
 * cborInt(2 ** 40) // 1099511627776n
 *
 * @category encoding
 * @since 0.1.0
 */
export const cborInt = (n: number | bigint): number | bigint => {
  // A number that is not an integer (NaN, ±Infinity, a fraction) is no CBOR integer: it stays as it is.
  if (typeof n === 'number') return !Number.isInteger(n) || (n >= -TWO_32 && n < TWO_32) ? n : BigInt(n)
  return n >= -4294967296n && n < 4294967296n ? Number(n) : n
}

/**
 * Encode a {@link CborModel} with cbor-x under the canonical settings above.
 *
 * @example
 * writeCbor({ a: 1, bb: cborInt(2 ** 40) }) // a2 6161 01 626262 1b0000010000000000
 *
 * @category encoding
 * @since 0.1.0
 */
export const writeCbor = (model: CborModel): Uint8Array => {
  const out = encoder.encode(model)
  // cbor-x hands back a Node Buffer view into an output buffer it shares between calls; callers
  // get a plain Uint8Array copy with an ArrayBuffer of its own, so no two results alias.
  return new Uint8Array(out)
}

/**
 * RFC 7049 §3.9 canonical order of text keys, compared by their encoded form: shorter encoding
 * first, then bytewise. For ASCII names this is: shorter name first, then byte order.
 *
 * @example
 * ['kind', 'v', 'id'].sort(canonicalKeyOrder) // ['v', 'id', 'kind']
 *
 * @category encoding
 * @since 0.1.0
 */
export const canonicalKeyOrder = (a: string, b: string): number => {
  const ea = new TextEncoder().encode(a)
  const eb = new TextEncoder().encode(b)
  return compareEncoded(ea, eb)
}

/**
 * Compare two byte strings as encoded CBOR keys of the same major type: head length and
 * payload length first, then bytewise (RFC 7049 §3.9).
 *
 * @example
 * compareEncoded(Uint8Array.of(2), Uint8Array.of(1, 0)) // < 0
 *
 * @category encoding
 * @since 0.1.0
 */
export const compareEncoded = (a: Uint8Array, b: Uint8Array): number => {
  // The head grows with the payload length, so a shorter payload always encodes shorter.
  if (a.length !== b.length) return a.length - b.length
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return 0
}

/**
 * RFC 7049 §3.9 canonical order of integer keys: by encoded length, then bytewise. Unsigned
 * keys of a given head length sort before negative keys of the same head length.
 *
 * @example
 * [24, -1, 0].sort(compareIntKeys) // [0, -1, 24]
 *
 * @category encoding
 * @since 0.1.0
 */
export const compareIntKeys = (a: number | bigint, b: number | bigint): number => {
  // Unsigned keys: the head length grows with the value, so numeric order is canonical order.
  if (typeof a === 'number' && typeof b === 'number' && a >= 0 && b >= 0) return a < b ? -1 : a > b ? 1 : 0
  // DX2: numbers that are no integers (never map keys on the wire) order after every integer,
  // among themselves numerically, NaN last; so the order stays total.
  const fa = typeof a === 'number' && !Number.isInteger(a)
  const fb = typeof b === 'number' && !Number.isInteger(b)
  if (fa || fb) return fa && fb ? compareNonIntegers(a as number, b as number) : fa ? 1 : -1
  const ka = intKeyRank(a)
  const kb = intKeyRank(b)
  return ka[0] - kb[0] || ka[1] - kb[1] || (ka[2] < kb[2] ? -1 : ka[2] > kb[2] ? 1 : 0)
}

const compareNonIntegers = (a: number, b: number): number =>
  Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : a < b ? -1 : a > b ? 1 : 0

/** [head length, major type, argument] of an integer key. */
const intKeyRank = (n: number | bigint): [number, number, bigint] => {
  const v = BigInt(n)
  const arg = v < 0n ? -1n - v : v
  const len = arg < 24n ? 1 : arg < 0x100n ? 2 : arg < 0x10000n ? 3 : arg < 0x100000000n ? 5 : 9
  return [len, v < 0n ? 1 : 0, arg]
}
