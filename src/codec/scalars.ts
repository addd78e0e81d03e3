/**
 * Scalar wire types: integers of every Go width (exact over the whole range), booleans, text,
 * byte strings (any length, fixed length, namespaces) and quantities.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import { fromHex } from '../internal/bytes.js'
import { type CborModel, cborInt } from './cbor.js'
import { Problem } from './problem.js'
import { type Cursor, copyBytes, peekByte, readInteger, readLength, readTextBody } from './reader.js'
import { type Json, orThrow, Wire, wrongType } from './wire.js'

// -------------------------------------------------------------------------------------------------
// integers
// -------------------------------------------------------------------------------------------------

class IntWire extends Wire<number | bigint> {
  readonly nilable = false
  private readonly minN: number
  private readonly maxN: number
  constructor(
    name: string,
    private readonly min: bigint,
    private readonly max: bigint
  ) {
    super(name)
    this.minN = Math.max(Number(min), Number.MIN_SAFE_INTEGER)
    this.maxN = Math.min(Number(max), Number.MAX_SAFE_INTEGER)
  }
  check(u: unknown): number | bigint | Problem {
    if (typeof u === 'number') {
      if (Number.isInteger(u) && u >= this.minN && u <= this.maxN) return u
      if (!Number.isInteger(u)) return new Problem('WrongType', `expected ${this.name}, got the non-integer ${u}`)
      if (!Number.isSafeInteger(u)) {
        return new Problem('IntegerOutOfRange', `${u} is beyond 2^53 - 1 as a number and may have lost precision; pass a bigint`)
      }
      return new Problem('IntegerOutOfRange', `${u} is outside the ${this.name} range [${this.min}, ${this.max}]`)
    }
    if (typeof u === 'bigint') {
      if (u < this.min || u > this.max) {
        return new Problem('IntegerOutOfRange', `${u} is outside the ${this.name} range [${this.min}, ${this.max}]`)
      }
      return u >= -9007199254740991n && u <= 9007199254740991n ? Number(u) : u
    }
    return wrongType(this.name, u)
  }
  override read(c: Cursor): number | bigint {
    const start = c.pos
    if (peekByte(c) >> 5 > 1) return this.readMismatched(c)
    c.pos++
    return orThrow(this.check(readInteger(c, start)), start)
  }
  write(u: unknown): CborModel {
    return cborInt(orThrow(this.check(u)))
  }
  toJson(a: number | bigint): Json {
    return typeof a === 'number' ? a : a.toString()
  }
  fromJson(j: unknown): number | bigint | Problem {
    // Integers beyond 2^53 - 1 travel as decimal strings; a JSON number there has lost precision.
    if (typeof j === 'string' && /^-?(0|[1-9][0-9]*)$/.test(j)) return this.check(BigInt(j))
    return this.check(j)
  }
  zero(): number | bigint {
    return 0
  }
  isEmpty(u: unknown): boolean {
    return u === 0 || u === 0n
  }
}

/** Unsigned integer of `bits` bits; values are `number`, or `bigint` above 2^53 - 1 (uint64 only). */
const uint = (bits: 8 | 16 | 32 | 64): Wire<number> =>
  new IntWire(`uint${bits}`, 0n, (1n << BigInt(bits)) - 1n) as Wire<number | bigint> as Wire<number>

/**
 * uint8 codec.
 * @example
 * u8.decode(255) // right(255)
 * @category integers
 * @since 0.1.0
 */
export const u8: Wire<number> = /* @__PURE__ */ uint(8)
/**
 * uint16 codec (version parts, group sizes).
 * @example
 * u16.decode(65536) // left: IntegerOutOfRange
 * @category integers
 * @since 0.1.0
 */
export const u16: Wire<number> = /* @__PURE__ */ uint(16)
/**
 * uint32 codec.
 * @example
 * u32.decode(2 ** 32 - 1) // right(4294967295)
 * @category integers
 * @since 0.1.0
 */
export const u32: Wire<number> = /* @__PURE__ */ uint(32)
/**
 * uint64 codec: exact over the whole range; `number` up to 2^53 - 1, `bigint` above.
 * @example
 * u64.decode(2n ** 64n - 1n) // right(18446744073709551615n)
 * @category integers
 * @since 0.1.0
 */
export const u64: Wire<number | bigint> = /* @__PURE__ */ new IntWire('uint64', 0n, (1n << 64n) - 1n)
/**
 * int64 codec (Go `int`, `int64`, `time.Duration`).
 * @example
 * i64.decode(-5) // right(-5)
 * @category integers
 * @since 0.1.0
 */
export const i64: Wire<number | bigint> = /* @__PURE__ */ new IntWire('int64', -(1n << 63n), (1n << 63n) - 1n)

// -------------------------------------------------------------------------------------------------
// scalars
// -------------------------------------------------------------------------------------------------

class BoolWire extends Wire<boolean> {
  readonly nilable = false
  check(u: unknown): boolean | Problem {
    return typeof u === 'boolean' ? u : wrongType('a boolean', u)
  }
  override read(c: Cursor): boolean {
    const ib = peekByte(c)
    if (ib !== 0xf4 && ib !== 0xf5) return this.readMismatched(c)
    c.pos++
    return ib === 0xf5
  }
  write(u: unknown): CborModel {
    return orThrow(this.check(u))
  }
  toJson(a: boolean): Json {
    return a
  }
  fromJson(j: unknown): boolean | Problem {
    return this.check(j)
  }
  zero(): boolean {
    return false
  }
  isEmpty(u: unknown): boolean {
    return u === false
  }
}

/**
 * Boolean codec.
 * @example
 * bool.decode(true) // right(true)
 * @category scalars
 * @since 0.1.0
 */
export const bool: Wire<boolean> = /* @__PURE__ */ new BoolWire('bool')

/** A lone UTF-16 surrogate: such a string has no UTF-8 encoding. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * C4.10: a text string that is valid Unicode, so that it has a UTF-8 encoding.
 *
 * @example
 * checkText('\uD800') // Problem InvalidUtf8
 *
 * @category scalars
 * @since 0.1.0
 */
export const checkText = (u: unknown): string | Problem => {
  if (typeof u !== 'string') return wrongType('a text string', u)
  return LONE_SURROGATE.test(u) ? new Problem('InvalidUtf8', 'text contains a lone surrogate and has no UTF-8 form') : u
}

class TextWire extends Wire<string> {
  readonly nilable = false
  check(u: unknown): string | Problem {
    return checkText(u)
  }
  override read(c: Cursor): string {
    const start = c.pos
    if (peekByte(c) >> 5 !== 3) return this.readMismatched(c)
    c.pos++
    return readTextBody(c, start, readLength(c, start))
  }
  write(u: unknown): CborModel {
    return orThrow(this.check(u))
  }
  toJson(a: string): Json {
    return a
  }
  fromJson(j: unknown): string | Problem {
    return this.check(j)
  }
  zero(): string {
    return ''
  }
  isEmpty(u: unknown): boolean {
    return u === ''
  }
}

/**
 * Text string codec (UTF-8 is checked by the reader, C4.10).
 * @example
 * text.decode('00606a00') // right('00606a00')
 * @category scalars
 * @since 0.1.0
 */
export const text: Wire<string> = /* @__PURE__ */ new TextWire('string')

class BytesWire extends Wire<Uint8Array> {
  readonly nilable: boolean = true
  constructor(
    name: string,
    private readonly size: number | undefined,
    private readonly extra?: (b: Uint8Array) => Problem | undefined
  ) {
    super(name)
    if (size !== undefined) this.nilable = false
  }
  check(u: unknown): Uint8Array | Problem {
    if (!(u instanceof Uint8Array)) return wrongType(this.name, u)
    if (this.size !== undefined && u.length !== this.size) {
      return new Problem('WrongByteLength', `expected ${this.size} bytes, got ${u.length}`)
    }
    return this.extra?.(u) ?? u
  }
  override read(c: Cursor): Uint8Array {
    const start = c.pos
    if (peekByte(c) >> 5 !== 2) return super.read(c)
    c.pos++
    const len = readLength(c, start)
    c.pos += len
    return orThrow(this.check(copyBytes(c, c.pos - len, c.pos)), start)
  }
  write(u: unknown): CborModel {
    return orThrow(this.check(u))
  }
  toJson(a: Uint8Array): Json {
    return bytesToHex(a)
  }
  fromJson(j: unknown): Uint8Array | Problem {
    if (typeof j !== 'string') return wrongType(`${this.name} as a hex string`, j)
    const b = fromHex(j)
    return b === undefined ? new Problem('WrongType', `expected ${this.name} as a hex string, got ${JSON.stringify(j.slice(0, 20))}`) : this.check(b)
  }
  zero(): Uint8Array {
    return new Uint8Array(this.size ?? 0)
  }
  isEmpty(u: unknown): boolean {
    return u instanceof Uint8Array && u.length === 0
  }
}

/**
 * Byte string of any length (Go `[]byte`; `nil` and empty stay apart, see `nullable`).
 * @example
 * bytes.decode(Uint8Array.of(1)) // right(Uint8Array [1])
 * @category bytes
 * @since 0.1.0
 */
export const bytes: Wire<Uint8Array> = /* @__PURE__ */ new BytesWire('bytes', undefined)

/**
 * Byte string of exactly `size` bytes (C4.9): public keys, hashes, MRENCLAVE/MRSIGNER, TDX fields.
 * @example
 * fixedBytes(32).decode(new Uint8Array(31)) // left: WrongByteLength
 * @category bytes
 * @since 0.1.0
 */
export const fixedBytes = (size: number): Wire<Uint8Array> => new BytesWire(`bytes(${size})`, size)

/**
 * `common.Namespace`: 32 bytes whose first 8 form big-endian flags; only the test (bit 63) and
 * key-manager (bit 62) flags may be set (C4.11).
 * @example
 * namespace.decode(Uint8Array.of(0x01, ...new Uint8Array(31))) // left: InvalidNamespace
 * @category bytes
 * @since 0.1.0
 */
export const namespace: Wire<Uint8Array> = /* @__PURE__ */ new BytesWire('namespace', 32, (b) => {
  // C4.11: byte0 & 0x3f and bytes 1–7 must be zero.
  if ((b[0]! & 0x3f) !== 0 || b[1]! | b[2]! | b[3]! | b[4]! | b[5]! | b[6]! | b[7]!) {
    return new Problem('InvalidNamespace', `namespace ${bytesToHex(b.subarray(0, 8))}… sets reserved flag bits`)
  }
  return undefined
})

class QuantityWire extends BytesWire {
  override readonly nilable = false
  constructor() {
    super('quantity', undefined)
  }
  override check(u: unknown): Uint8Array | Problem {
    if (!(u instanceof Uint8Array)) return wrongType('a quantity (big-endian byte string)', u)
    let i = 0
    while (i < u.length && u[i] === 0) i++
    // Leading zero bytes denote the same amount; the normal form has none.
    return i === 0 ? u : u.slice(i)
  }
  override isEmpty(u: unknown): boolean {
    return u instanceof Uint8Array && u.every((x) => x === 0)
  }
}

/**
 * `quantity.Quantity`: a non-negative big integer as big-endian bytes without leading zeros;
 * zero is the empty byte string. Leading zeros in the input are accepted and dropped.
 * @example
 * quantity.decode(Uint8Array.of(0, 0, 5)) // right(Uint8Array [5])
 * @category bytes
 * @since 0.1.0
 */
export const quantity: Wire<Uint8Array> = /* @__PURE__ */ new QuantityWire()
