/**
 * Strict CBOR reader: bytes → generic CBOR data model, with oasis-core's untrusted-input limits.
 *
 * Written by hand because no library available here reads CBOR the way consensus needs: cbor-x
 * (the design's CBOR library) keeps the last of duplicate map keys, accepts indefinite lengths,
 * tags and simple values, aliases the input buffer and reports no byte offsets; cborg either
 * rejects every non-shortest head (oasis-core accepts them) or none of the rest. Encoding stays
 * with cbor-x (see `cbor.ts`).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { type DecodeError, type DecodeErrorTag, decodeError } from './decodeError.js'

/**
 * A map whose keys are all text strings (struct-shaped), as a plain record.
 *
 * @category model
 * @since 0.1.0
 */
export interface CborTextMap {
  readonly [key: string]: CborValue
}

/**
 * A map key the reader accepts: integer, text or byte string (the only key kinds in the schema).
 *
 * @category model
 * @since 0.1.0
 */
export type CborKey = number | bigint | string | Uint8Array

/**
 * The generic CBOR data model the reader produces. Integers are `number` when safe, else `bigint`;
 * byte strings are fresh copies; a map with only text keys (or none) is a {@link CborTextMap},
 * any other map a `Map`.
 *
 * @category model
 * @since 0.1.0
 */
export type CborValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | Uint8Array
  | ReadonlyArray<CborValue>
  | CborTextMap
  | ReadonlyMap<CborKey, CborValue>

/**
 * C4.6: oasis-core's limits for untrusted input (fxamacker/cbor defaults as configured upstream).
 *
 * @category limits
 * @since 0.1.0
 */
export const READ_LIMITS = Object.freeze({ maxItems: 10_000_000, maxDepth: 32 })

class ReadFailure {
  constructor(
    readonly tag: DecodeErrorTag,
    readonly message: string,
    readonly offset: number
  ) {}
}

const fail = (tag: DecodeErrorTag, message: string, offset: number): never => {
  throw new ReadFailure(tag, message, offset)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
const TWO_32 = 4294967296

interface Cursor {
  readonly bytes: Uint8Array
  pos: number
}

/** Read an item head; returns the argument and leaves `pos` after the head. */
const readArgument = (c: Cursor, start: number, ai: number): number | bigint => {
  const b = c.bytes
  const need = ai === 24 ? 1 : ai === 25 ? 2 : ai === 26 ? 4 : 8
  if (c.pos + need > b.length) fail('Truncated', 'input ends inside an item head', start)
  const p = c.pos
  c.pos += need
  switch (ai) {
    case 24:
      return b[p]!
    case 25:
      return (b[p]! << 8) | b[p + 1]!
    case 26:
      return ((b[p]! << 24) >>> 0) + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!)
    default: {
      const hi = ((b[p]! << 24) >>> 0) + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!)
      const lo = ((b[p + 4]! << 24) >>> 0) + ((b[p + 5]! << 16) | (b[p + 6]! << 8) | b[p + 7]!)
      // 2^21 * 2^32 = 2^53: below it the value is a safe integer.
      return hi < 0x200000 ? hi * TWO_32 + lo : (BigInt(hi) << 32n) | BigInt(lo)
    }
  }
}

// Map keys repeat in every descriptor: remember the strings of short ASCII keys by their bytes.
// A pure memo — the result is the same string with or without it.
const KEY_CACHE_SIZE = 1024
const keyCacheBytes: Array<Uint8Array | undefined> = new Array(KEY_CACHE_SIZE)
const keyCacheText: Array<string | undefined> = new Array(KEY_CACHE_SIZE)

const readShortAscii = (b: Uint8Array, from: number, to: number): string | undefined => {
  let h = to - from
  for (let i = from; i < to; i++) {
    const x = b[i]!
    if (x >= 0x80) return undefined
    h = (h * 31 + x) & (KEY_CACHE_SIZE - 1)
  }
  const cached = keyCacheBytes[h]
  if (cached !== undefined && cached.length === to - from) {
    let same = true
    for (let i = 0; i < cached.length; i++) {
      if (cached[i] !== b[from + i]) {
        same = false
        break
      }
    }
    if (same) return keyCacheText[h]
  }
  const s = String.fromCharCode.apply(null, b.subarray(from, to) as unknown as number[])
  keyCacheBytes[h] = b.slice(from, to)
  keyCacheText[h] = s
  return s
}

const readText = (c: Cursor, start: number, len: number): string => {
  const b = c.bytes
  const from = c.pos
  c.pos += len
  if (len <= 32) {
    const ascii = readShortAscii(b, from, from + len)
    if (ascii !== undefined) return ascii
  }
  try {
    return utf8.decode(b.subarray(from, from + len))
  } catch {
    return fail('InvalidUtf8', 'text string is not valid UTF-8', start)
  }
}

/** Length of a byte/text string, array or map; rejects indefinite lengths (C4.3). */
const readLength = (c: Cursor, start: number, ai: number, what: string): number => {
  if (ai === 31) fail('IndefiniteLength', `indefinite-length ${what} not allowed`, start)
  if (ai > 27) fail('MalformedItem', `reserved additional information ${ai}`, start)
  const n = ai < 24 ? ai : readArgument(c, start, ai)
  return typeof n === 'bigint' ? Number.MAX_SAFE_INTEGER : n
}

const keyName = (k: CborKey): string =>
  typeof k === 'string' ? JSON.stringify(k) : k instanceof Uint8Array ? `h'${toHex(k)}'` : String(k)

/**
 * Lower-case hex of a byte string.
 *
 * @example
 * toHex(Uint8Array.of(1, 255)) // '01ff'
 *
 * @category utils
 * @since 0.1.0
 */
export const toHex = (b: Uint8Array): string => {
  let s = ''
  for (let i = 0; i < b.length; i++) s += (b[i]! < 16 ? '0' : '') + b[i]!.toString(16)
  return s
}

const readMap = (c: Cursor, count: number, depth: number): CborValue => {
  // Struct-shaped maps (text keys only) become plain objects; any other key kind switches to a Map.
  let obj: Record<string, CborValue> | undefined = {}
  let map: Map<CborKey, CborValue> | undefined
  let byteKeys: Set<string> | undefined
  for (let i = 0; i < count; i++) {
    const keyAt = c.pos
    const key = readItem(c, depth)
    if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'bigint' && !(key instanceof Uint8Array)) {
      fail('UnsupportedKey', 'map keys must be integers, text or byte strings', keyAt)
    }
    // "__proto__" cannot be an ordinary property of a plain object.
    if (obj !== undefined && (typeof key !== 'string' || key === '__proto__')) {
      map = new Map(Object.entries(obj))
      obj = undefined
    }
    let duplicate: boolean
    if (obj !== undefined) duplicate = obj[key as string] !== undefined && Object.hasOwn(obj, key as string)
    else if (key instanceof Uint8Array) {
      byteKeys ??= new Set()
      const hex = toHex(key)
      duplicate = byteKeys.has(hex)
      byteKeys.add(hex)
    } else duplicate = map!.has(key as CborKey) // integers are normalised, so 01 and 1801 collide
    // C4.2
    if (duplicate) fail('DuplicateKey', `duplicate map key ${keyName(key as CborKey)}`, keyAt)
    const value = readItem(c, depth)
    if (obj !== undefined) obj[key as string] = value
    else map!.set(key as CborKey, value)
  }
  return obj ?? map!
}

const readItem = (c: Cursor, depth: number): CborValue => {
  const b = c.bytes
  const start = c.pos
  if (start >= b.length) return fail('Truncated', 'input ends where an item was expected', start)
  const ib = b[start]!
  const major = ib >> 5
  const ai = ib & 31
  c.pos++
  switch (major) {
    case 0:
    case 1: {
      if (ai > 27) return fail('MalformedItem', `reserved additional information ${ai}`, start)
      const n = ai < 24 ? ai : readArgument(c, start, ai)
      if (major === 0) return n
      return typeof n === 'number' && n < Number.MAX_SAFE_INTEGER ? -1 - n : -1n - BigInt(n)
    }
    case 2:
    case 3: {
      const len = readLength(c, start, ai, major === 2 ? 'byte string' : 'text string')
      if (len > b.length - c.pos) {
        return fail('Truncated', `string claims ${len} bytes but only ${b.length - c.pos} remain`, start)
      }
      if (major === 3) return readText(c, start, len)
      c.pos += len
      return b.slice(c.pos - len, c.pos)
    }
    case 4:
    case 5: {
      const count = readLength(c, start, ai, major === 4 ? 'array' : 'map')
      if (count > READ_LIMITS.maxItems) {
        return fail('TooManyItems', `${count} items exceed the limit of ${READ_LIMITS.maxItems}`, start)
      }
      // Every item takes at least one byte: refuse before allocating anything for it.
      const minBytes = major === 4 ? count : count * 2
      if (minBytes > b.length - c.pos) {
        return fail('Truncated', `claims ${count} items but only ${b.length - c.pos} bytes remain`, start)
      }
      if (depth >= READ_LIMITS.maxDepth) {
        return fail('NestingTooDeep', `nesting deeper than ${READ_LIMITS.maxDepth} levels`, start)
      }
      if (major === 5) return readMap(c, count, depth + 1)
      const arr: CborValue[] = []
      for (let i = 0; i < count; i++) arr.push(readItem(c, depth + 1))
      return arr
    }
    case 6:
      return fail('TagNotAllowed', `tags are not allowed (tag head 0x${ib.toString(16)})`, start)
    default:
      if (ai === 20) return false
      if (ai === 21) return true
      if (ai === 22) return null
      if (ai >= 25 && ai <= 27) return fail('FloatNotAllowed', 'floating-point values are not allowed', start)
      if (ai === 31) return fail('MalformedItem', 'unexpected break code', start)
      if (ai > 27) return fail('MalformedItem', `reserved additional information ${ai}`, start)
      return fail('SimpleValueNotAllowed', `simple value 0x${ib.toString(16)} is not allowed`, start)
  }
}

/**
 * Read exactly one CBOR item that spans the whole input (CX1: no trailing bytes).
 *
 * @example
 * readCbor(Uint8Array.of(0xa1, 0x61, 0x76, 0x03)) // right({ v: 3 })
 *
 * @category decoding
 * @since 0.1.0
 */
export const readCbor = (bytes: Uint8Array): E.Either<DecodeError, CborValue> => {
  const c: Cursor = { bytes, pos: 0 }
  try {
    const value = readItem(c, 0)
    if (c.pos !== bytes.length) {
      return E.left(
        decodeError('TrailingBytes', `${bytes.length - c.pos} bytes follow the top-level item`, '', c.pos)
      )
    }
    return E.right(value)
  } catch (e) {
    if (e instanceof ReadFailure) return E.left(decodeError(e.tag, e.message, '', e.offset))
    // A host failure (e.g. out of memory) is not a decoding verdict; report it without throwing.
    return E.left(decodeError('MalformedItem', `unreadable input: ${String(e)}`, '', undefined))
  }
}

/** Skip one well-formed item (the input already passed `readCbor`). */
const skipItem = (c: Cursor): void => {
  const start = c.pos
  const ib = c.bytes[c.pos++]!
  const major = ib >> 5
  const ai = ib & 31
  const arg = ai < 24 ? ai : ai <= 27 ? Number(readArgument(c, start, ai)) : 0
  if (major === 2 || major === 3) c.pos += arg
  else if (major === 4) for (let i = 0; i < arg; i++) skipItem(c)
  else if (major === 5) for (let i = 0; i < arg * 2; i++) skipItem(c)
}

/**
 * Byte offset of the item at `path` (struct keys, array indexes and map keys, as rendered in
 * {@link DecodeError} paths) inside well-formed input, or the deepest offset found on the way.
 *
 * @example
 * locate(bytes, ['deployments', '0', 'valid_from'])
 *
 * @category decoding
 * @since 0.1.0
 */
export const locate = (bytes: Uint8Array, path: ReadonlyArray<string>): number => {
  const c: Cursor = { bytes, pos: 0 }
  let found = 0
  try {
    for (const seg of path) {
      const start = c.pos
      const ib = bytes[c.pos++]!
      const ai = ib & 31
      const count = ai < 24 ? ai : Number(readArgument(c, start, ai))
      if (ib >> 5 === 4) {
        const index = Number(seg)
        if (!(index < count)) return found
        for (let i = 0; i < index; i++) skipItem(c)
      } else if (ib >> 5 === 5) {
        let hit = false
        for (let i = 0; i < count && !hit; i++) {
          const k = readItem(c, 0)
          const name = k instanceof Uint8Array ? toHex(k) : String(k)
          if (name === seg) hit = true
          else skipItem(c)
        }
        if (!hit) return found
      } else return found
      found = c.pos
    }
  } catch {
    return found
  }
  return found
}
