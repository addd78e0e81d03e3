/**
 * CBOR reading primitives with oasis-core's untrusted-input limits, a structural scanner (in
 * oasis-core's terms, or with this library's strict-mode checks added), and a generic reader
 * (bytes → CBOR data model, always strict).
 *
 * Written by hand because no library available here reads CBOR the way consensus needs: cbor-x
 * (the design's CBOR library) keeps the last of duplicate map keys, accepts indefinite lengths,
 * tags and simple values, aliases the input buffer and reports no byte offsets; cborg either
 * rejects every non-shortest head (oasis-core accepts them) or none of the rest. Encoding stays
 * with cbor-x (see `cbor.ts`).
 *
 * Every failure is thrown as a {@link Problem} carrying its byte offset; the exported entry
 * points that return values ({@link scanCbor}, {@link readCbor}) never throw.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { describeThrown } from '../internal/text.js'
import { type DecodeError, decodeError } from './decodeError.js'
import { fail, Problem } from './problem.js'

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
  | CborTagged
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
 * A tagged item (major type 6) as {@link readCborTagged} keeps it: the tag number and the item it
 * wraps (CT1). The other readers refuse tags (C4.4).
 *
 * @example
 * new CborTagged(18, []).tag // 18
 *
 * @category model
 * @since 0.1.0
 */
export class CborTagged {
  constructor(
    readonly tag: number | bigint,
    readonly value: CborValue
  ) {}
}

/**
 * C4.6: oasis-core's limits for untrusted input (fxamacker/cbor defaults as configured upstream).
 *
 * @category limits
 * @since 0.1.0
 */
export const READ_LIMITS = Object.freeze({ maxItems: 10_000_000, maxDepth: 32 })

// ignoreBOM: a leading U+FEFF is part of the text, not a marker to drop (C4.10).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const TWO_32 = 4294967296

/**
 * A read position in a byte string, and how to read there.
 *
 * @category decoding
 * @since 0.1.0
 */
export interface Cursor {
  /** The bytes being read; values read from them never alias them (see `copyBytes`). */
  readonly bytes: Uint8Array
  pos: number
  /**
   * Strict mode (`{ strict: true }`): refuse every leniency of oasis-core's decoder (CX1–CX9).
   * Absent or false: accept and refuse exactly what oasis-core accepts and refuses.
   */
  readonly strict?: boolean
  /** How many arrays and maps enclose the item at `pos` (C4.6); absent means 0. */
  depth?: number
  /** Keep tags as {@link CborTagged} values instead of refusing them (CT1; C4.4 otherwise). */
  readonly tags?: boolean
}

/**
 * Bytes `[from, to)` of the cursor's input as a fresh value with an `ArrayBuffer` of its own: it
 * never aliases the caller's buffer nor any other decoded value, so transferring or writing one
 * value's buffer changes no other value.
 *
 * @example
 * copyBytes({ bytes: Uint8Array.of(1, 2, 3), pos: 0 }, 1, 3) // Uint8Array [2, 3]
 *
 * @category decoding
 * @since 0.1.0
 */
// C8. Not `slice`: on a Node.js Buffer (what `readFileSync` and many CBOR libraries return) it
// is a view into the caller's buffer, often a shared pool; copied into a plain Uint8Array.
export const copyBytes = (c: Cursor, from: number, to: number): Uint8Array => {
  const out = new Uint8Array(to - from)
  out.set(c.bytes.subarray(from, to))
  return out
}

/**
 * The initial byte of the item at the cursor, without moving it; C4.1 when the input has ended.
 *
 * @example
 * peekByte({ bytes: Uint8Array.of(0xf6), pos: 0 }) // 0xf6
 *
 * @category decoding
 * @since 0.1.0
 */
export const peekByte = (c: Cursor): number =>
  c.pos < c.bytes.length ? c.bytes[c.pos]! : fail('Truncated', 'input ends where an item was expected', c.pos)

/**
 * Read the argument of an item head whose additional information is 24–27, leaving `pos` after
 * the head. Values of 2^53 and above are `bigint`.
 *
 * @example
 * readArgument({ bytes: Uint8Array.of(0x19, 0x01, 0x00), pos: 1 }, 0, 25) // 256
 *
 * @category decoding
 * @since 0.1.0
 */
export const readArgument = (c: Cursor, start: number, ai: number): number | bigint => {
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

/**
 * Read an integer item (major type 0 or 1) whose initial byte is at `start`, `pos` just after it.
 *
 * @example
 * readInteger({ bytes: Uint8Array.of(0x20), pos: 1 }, 0) // -1
 *
 * @category decoding
 * @since 0.1.0
 */
export const readInteger = (c: Cursor, start: number): number | bigint => {
  const ib = c.bytes[start]!
  const ai = ib & 31
  if (ai > 27) fail('MalformedItem', `reserved additional information ${ai}`, start) // C4.1
  const n = ai < 24 ? ai : readArgument(c, start, ai)
  if (ib < 0x20) return n
  return typeof n === 'number' && n < Number.MAX_SAFE_INTEGER ? -1 - n : -1n - BigInt(n)
}

/**
 * The length of a byte or text string, or the count of an array or map, whose initial byte is at
 * `start` (`pos` just after it), checked before anything is allocated for it: definite (C4.3),
 * within the limits (C4.6), and within the bytes that remain (C4.1).
 *
 * @example
 * readLength({ bytes: Uint8Array.of(0x82, 1, 2), pos: 1 }, 0) // 2
 *
 * @category decoding
 * @since 0.1.0
 */
export const readLength = (c: Cursor, start: number): number => {
  const ib = c.bytes[start]!
  const major = ib >> 5
  const ai = ib & 31
  if (ai === 31) fail('IndefiniteLength', 'indefinite-length items are not allowed', start) // C4.3
  if (ai > 27) fail('MalformedItem', `reserved additional information ${ai}`, start) // C4.1
  const arg = ai < 24 ? ai : readArgument(c, start, ai)
  // A bigint length is larger than any input can hold.
  const n = typeof arg === 'bigint' ? Number.MAX_SAFE_INTEGER : arg
  const remaining = c.bytes.length - c.pos
  if (major <= 3) {
    if (n > remaining) fail('Truncated', `string claims ${n} bytes but only ${remaining} remain`, start)
    return n
  }
  if (n > READ_LIMITS.maxItems) fail('TooManyItems', `${n} items exceed the limit of ${READ_LIMITS.maxItems}`, start)
  // Every item takes at least one byte: refuse before allocating anything for it.
  if ((major === 4 ? n : n * 2) > remaining) fail('Truncated', `claims ${n} items but only ${remaining} bytes remain`, start)
  return n
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
    for (let i = 0; i < cached.length && same; i++) same = cached[i] === b[from + i]
    if (same) return keyCacheText[h]
  }
  const s = String.fromCharCode.apply(null, b.subarray(from, to) as unknown as number[])
  keyCacheBytes[h] = b.slice(from, to)
  keyCacheText[h] = s
  return s
}

/**
 * Read the `len` bytes of a text string at the cursor, whose head is at `start`; C4.10 when they
 * are not valid UTF-8.
 *
 * @example
 * readTextBody({ bytes: Uint8Array.of(0x61, 0x76), pos: 1 }, 0, 1) // 'v'
 *
 * @category decoding
 * @since 0.1.0
 */
export const readTextBody = (c: Cursor, start: number, len: number): string => {
  const from = c.pos
  c.pos += len
  const ascii = len <= 32 ? readShortAscii(c.bytes, from, c.pos) : undefined
  if (ascii !== undefined) return ascii
  try {
    return utf8.decode(c.bytes.subarray(from, c.pos))
  } catch {
    return fail('InvalidUtf8', 'text string is not valid UTF-8', start) // C4.10
  }
}

/**
 * A map key as people read it in messages and paths: text quoted, bytes as `h'…'`.
 *
 * @example
 * keyName(Uint8Array.of(1)) // "h'01'"
 *
 * @category utils
 * @since 0.1.0
 */
export const keyName = (k: CborKey): string =>
  typeof k === 'string' ? JSON.stringify(k) : k instanceof Uint8Array ? `h'${bytesToHex(k)}'` : String(k)

// -------------------------------------------------------------------------------------------------
// scanning: every structural rule, without allocating
// -------------------------------------------------------------------------------------------------

const isAscii = (b: Uint8Array, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (b[i]! >= 0x80) return false
  return true
}

/**
 * CX5: refuse a map key at the cursor that is not an integer, text or byte string.
 *
 * @example
 * checkKeyKind({ bytes: Uint8Array.of(0x80), pos: 0 }) // throws UnsupportedKey
 *
 * @category decoding
 * @since 0.1.0
 */
export const checkKeyKind = (c: Cursor): void => {
  if (peekByte(c) >> 5 > 3) fail('UnsupportedKey', 'map keys must be integers, text or byte strings', c.pos)
}

/**
 * The simple value `f8 xx` at `start` (`pos` just after its initial byte): C4.1 when `xx` < 32, a
 * two-byte encoding RFC 8949 forbids and oasis-core's decoder refuses as malformed.
 *
 * @example
 * readSimpleArgument({ bytes: Uint8Array.of(0xf8, 0x20), pos: 1 }, 0) // 32
 *
 * @category decoding
 * @since 0.1.0
 */
export const readSimpleArgument = (c: Cursor, start: number): number => {
  if (c.pos >= c.bytes.length) fail('Truncated', 'input ends inside an item head', start) // C4.1
  const v = c.bytes[c.pos++]!
  if (v < 32) fail('MalformedItem', `simple value ${v} encoded in two bytes`, start) // C4.1
  return v
}

// Structural check of one item. `strict` adds this library's own checks (C4.10 UTF-8, C4.7
// floats, CX3 simple values, CX5 key kinds) to what oasis-core's decoder checks before it reads
// anything (fxamacker's `valid`: well-formed heads, C4.1, C4.3, C4.4, C4.6).
const scanItem = (c: Cursor, depth: number, isKey: boolean, strict: boolean): void => {
  const b = c.bytes
  const start = c.pos
  if (isKey && strict) checkKeyKind(c)
  const ib = peekByte(c)
  const major = ib >> 5
  const ai = ib & 31
  c.pos++
  switch (major) {
    case 0:
    case 1:
      readInteger(c, start)
      return
    case 2:
    case 3: {
      const len = readLength(c, start)
      const from = c.pos
      c.pos += len
      if (strict && major === 3 && !isAscii(b, from, c.pos)) {
        try {
          utf8.decode(b.subarray(from, c.pos))
        } catch {
          fail('InvalidUtf8', 'text string is not valid UTF-8', start) // C4.10
        }
      }
      return
    }
    case 4:
    case 5: {
      const count = readLength(c, start)
      if (depth >= READ_LIMITS.maxDepth) fail('NestingTooDeep', `nesting deeper than ${READ_LIMITS.maxDepth} levels`, start) // C4.6
      for (let i = 0; i < count; i++) {
        if (major === 5) scanItem(c, depth + 1, true, strict)
        scanItem(c, depth + 1, false, strict)
      }
      return
    }
    case 6:
      if (ai > 27) fail('MalformedItem', `reserved additional information ${ai}`, start) // C4.1
      if (c.tags === true && !isKey) {
        // CT1: a tag counts as one level of nesting, as an array of one item would.
        if (ai >= 24) readArgument(c, start, ai)
        if (depth >= READ_LIMITS.maxDepth) fail('NestingTooDeep', `nesting deeper than ${READ_LIMITS.maxDepth} levels`, start) // C4.6
        return scanItem(c, depth + 1, false, strict)
      }
      return fail('TagNotAllowed', `tags are not allowed (tag head 0x${ib.toString(16)})`, start) // C4.4
    default:
      if (ai >= 20 && ai <= 22) return // false, true, null
      if (ai === 31) fail('MalformedItem', 'unexpected break code', start) // C4.1
      if (ai > 27) fail('MalformedItem', `reserved additional information ${ai}`, start) // C4.1
      if (strict) {
        if (ai >= 25) fail('FloatNotAllowed', 'floating-point values are not allowed', start) // C4.7
        return fail('SimpleValueNotAllowed', `simple value 0x${ib.toString(16)} is not allowed`, start) // CX3
      }
      if (ai === 24) readSimpleArgument(c, start)
      else if (ai >= 25) {
        const need = ai === 25 ? 2 : ai === 26 ? 4 : 8
        if (c.pos + need > b.length) fail('Truncated', 'input ends inside a float', start) // C4.1
        c.pos += need
      }
  }
}

const toDecodeError = (e: unknown): DecodeError =>
  e instanceof Problem
    ? decodeError(e.tag, e.message, '', e.offset)
    : // A host failure (e.g. stack exhaustion) is not a decoding verdict; report it without throwing.
      decodeError('MalformedItem', `unreadable input: ${describeThrown(e)}`, '', undefined)

/**
 * Check that `bytes` is exactly one well-formed item under every structural rule, strict mode's
 * included (C4.1, C4.3, C4.4, C4.6, C4.7 floats, C4.10, CX1, CX3, CX5 keys), without allocating;
 * `undefined` if so.
 *
 * @example
 * scanCbor(Uint8Array.of(0x9f, 0xff)) // { _tag: 'IndefiniteLength', offset: 0, ... }
 *
 * @category decoding
 * @since 0.1.0
 */
export const scanCbor = (bytes: Uint8Array): DecodeError | undefined => {
  const c: Cursor = { bytes, pos: 0 }
  try {
    scanItem(c, 0, false, true)
  } catch (e) {
    return toDecodeError(e)
  }
  return c.pos === bytes.length ? undefined : trailingBytes(c)
}

/**
 * CX1: the error for bytes left after the top-level item.
 *
 * @example
 * trailingBytes({ bytes: Uint8Array.of(1, 2), pos: 1 }) // { _tag: 'TrailingBytes', offset: 1, ... }
 *
 * @category decoding
 * @since 0.1.0
 */
export const trailingBytes = (c: Cursor): DecodeError =>
  decodeError('TrailingBytes', `${c.bytes.length - c.pos} bytes follow the top-level item`, '', c.pos)

// -------------------------------------------------------------------------------------------------
// generic reading
// -------------------------------------------------------------------------------------------------

const readMap = (c: Cursor, count: number): CborValue => {
  // Struct-shaped maps (text keys only) become plain objects; any other key kind switches to a Map.
  let obj: Record<string, CborValue> | undefined = {}
  let map: Map<CborKey, CborValue> | undefined
  let byteKeys: Set<string> | undefined
  for (let i = 0; i < count; i++) {
    const keyAt = c.pos
    const key = readItem(c) as CborKey
    // "__proto__" cannot be an ordinary property of a plain object.
    if (obj !== undefined && (typeof key !== 'string' || key === '__proto__')) {
      map = new Map(Object.entries(obj))
      obj = undefined
    }
    let duplicate: boolean
    if (obj !== undefined) duplicate = obj[key as string] !== undefined && Object.hasOwn(obj, key as string)
    else if (key instanceof Uint8Array) {
      byteKeys ??= new Set()
      const hex = bytesToHex(key)
      duplicate = byteKeys.has(hex)
      byteKeys.add(hex)
    } else duplicate = map!.has(key) // integers are normalised, so 01 and 1801 collide
    if (duplicate) fail('DuplicateKey', `duplicate map key ${keyName(key)}`, keyAt) // C4.2
    const value = readItem(c)
    if (obj !== undefined) obj[key as string] = value
    else map!.set(key, value)
  }
  return obj ?? map!
}

/** Read one scanned item as a generic value. */
const readItem = (c: Cursor): CborValue => {
  const start = c.pos
  const ib = c.bytes[c.pos++]!
  switch (ib >> 5) {
    case 0:
    case 1:
      return readInteger(c, start)
    case 2: {
      const len = readLength(c, start)
      c.pos += len
      return copyBytes(c, c.pos - len, c.pos)
    }
    case 3:
      return readTextBody(c, start, readLength(c, start))
    case 4: {
      const count = readLength(c, start)
      const arr: CborValue[] = []
      for (let i = 0; i < count; i++) arr.push(readItem(c))
      return arr
    }
    case 5:
      return readMap(c, readLength(c, start))
    case 6: {
      // Only reached after scanItem accepted the tag (CT1).
      const ai = ib & 31
      return new CborTagged(ai < 24 ? ai : readArgument(c, start, ai), readItem(c))
    }
    default:
      return ib === 0xf4 ? false : ib === 0xf5 ? true : null
  }
}

/**
 * Read the item at the cursor as a generic value, after checking it under every structural rule;
 * duplicate map keys are refused (C4.2). Throws a {@link Problem}.
 *
 * @example
 * readGeneric({ bytes: Uint8Array.of(0x18, 0x05), pos: 0 }) // 5
 *
 * @category decoding
 * @since 0.1.0
 */
export const readGeneric = (c: Cursor): CborValue => {
  const start = c.pos
  scanItem(c, c.depth ?? 0, false, true)
  c.pos = start
  return readItem(c)
}

// C4.2 over an item already scanned, without building it: only map keys are read, and only
// while their map is walked.
const skipScanned = (c: Cursor): void => {
  const start = c.pos
  const ib = c.bytes[c.pos++]!
  switch (ib >> 5) {
    case 0:
    case 1:
      readInteger(c, start)
      return
    case 2:
    case 3: {
      // The length first: `c.pos += readLength(…)` would add to the position before the head's
      // argument bytes were read.
      const len = readLength(c, start)
      c.pos += len
      return
    }
    case 4: {
      const count = readLength(c, start)
      for (let i = 0; i < count; i++) skipScanned(c)
      return
    }
    case 5: {
      const count = readLength(c, start)
      // A map of one pair has no duplicate: no key set for it.
      const seen = count > 1 ? new Set<string>() : undefined
      for (let i = 0; i < count; i++) {
        const keyAt = c.pos
        const key = readItem(c) as CborKey
        if (seen !== undefined) {
          // The identity readMap compares by: text by value, integers normalised, bytes by content.
          const id = typeof key === 'string' ? `t${key}` : key instanceof Uint8Array ? `b${bytesToHex(key)}` : `i${String(key)}`
          if (seen.has(id)) fail('DuplicateKey', `duplicate map key ${keyName(key)}`, keyAt) // C4.2
          seen.add(id)
        }
        skipScanned(c)
      }
      return
    }
    case 6: {
      // Only reached after scanItem accepted the tag (CT1).
      const ai = ib & 31
      if (ai >= 24) readArgument(c, start, ai)
      skipScanned(c)
      return
    }
    default:
      return
  }
}

/**
 * Move the cursor past the item there after checking it exactly as {@link readGeneric} does
 * (every structural rule, then C4.2), without building its value: for an item whose CBOR type a
 * codec refuses whatever it holds, so that refusing it costs no more than reading its keys.
 *
 * @example
 * skipGeneric({ bytes: Uint8Array.of(0x82, 0x01, 0x02), pos: 0 }) // cursor now at 3
 *
 * @category decoding
 * @since 0.1.0
 */
export const skipGeneric = (c: Cursor): void => {
  const start = c.pos
  scanItem(c, c.depth ?? 0, false, true)
  c.pos = start
  skipScanned(c)
}

/**
 * Move the cursor past the item there after checking only what oasis-core's decoder checks of
 * an item it does not read (fxamacker's `valid`: well-formed heads, definite lengths, no tags,
 * the limits of C4.6 counted from the enclosing depth): an element past the end of a Go array
 * filled from a CBOR array (CX7). Text need not be UTF-8; floats, simple values, any map key and
 * duplicate keys pass, as upstream.
 *
 * @example
 * skipUnread({ bytes: Uint8Array.of(0xf9, 0x3c, 0x00), pos: 0 }) // cursor now at 3
 *
 * @category decoding
 * @since 0.1.0
 */
export const skipUnread = (c: Cursor): void => scanItem(c, c.depth ?? 0, false, false)

/**
 * True when the item at the cursor is `null` (f6) or `undefined` (f7) and the cursor reads as
 * oasis-core does: there both leave the Go value as it is (zero, or nil for a pointer, slice or
 * map). Always false in strict mode (CX3, CX4).
 *
 * @example
 * atNil({ bytes: Uint8Array.of(0xf7), pos: 0 }) // true
 * atNil({ bytes: Uint8Array.of(0xf7), pos: 0, strict: true }) // false
 *
 * @category decoding
 * @since 0.1.0
 */
export const atNil = (c: Cursor): boolean => {
  if (c.strict === true || c.pos >= c.bytes.length) return false
  const ib = c.bytes[c.pos]!
  return ib === 0xf6 || ib === 0xf7
}

/**
 * Read exactly one CBOR item that spans the whole input, under every structural rule (strict
 * mode's included) and C4.2. A generic reader: the schema decoders read as oasis-core does unless
 * asked to be strict, this one has no Go type to read into and is always strict.
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
    const value = readGeneric(c)
    return c.pos === bytes.length ? E.right(value) : E.left(trailingBytes(c))
  } catch (e) {
    return E.left(toDecodeError(e))
  }
}

/**
 * Read exactly one CBOR item that spans the whole input as {@link readCbor} does, but keep tags
 * as {@link CborTagged} values (CT1): for signed envelopes, whose formats are tagged (COSE_Sign1
 * is tag 18, a CWT `iat` may come as tag 1). Tags are refused as map keys; nothing else is relaxed.
 *
 * @example
 * readCborTagged(Uint8Array.of(0xd2, 0x80)) // right(CborTagged { tag: 18, value: [] })
 *
 * @category decoding
 * @since 0.1.0
 */
export const readCborTagged = (bytes: Uint8Array): E.Either<DecodeError, CborValue> => {
  const c: Cursor = { bytes, pos: 0, tags: true }
  try {
    const value = readGeneric(c)
    return c.pos === bytes.length ? E.right(value) : E.left(trailingBytes(c))
  } catch (e) {
    return E.left(toDecodeError(e))
  }
}
