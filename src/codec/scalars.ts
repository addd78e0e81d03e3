/**
 * Scalar wire types: integers of every Go width (exact over the whole range), booleans, text,
 * byte strings (any length, fixed length, namespaces) and quantities.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import { fromHex, toBase64 } from '../internal/bytes.js'
import { type CborModel, cborInt } from './cbor.js'
import type { CborSink } from './cborSink.js'
import { Problem } from './problem.js'
import { atNil, copyBytes, type Cursor, peekByte, readInteger, readLength, readSimpleArgument, readTextBody, skipUnread } from './reader.js'
import { type GoJsonContext, type GoSlice, goBase64, goBigInt, goHex, goSlice, goString, lenient } from './goJson.js'
import { goItems, NonIntegerLiteral } from './jsonText.js'
import { type Json, type OasisJson, orThrow, Wire, within, wrongType } from './wire.js'

// -------------------------------------------------------------------------------------------------
// integers
// -------------------------------------------------------------------------------------------------

class IntWire extends Wire<number | bigint> {
  readonly nilable = false
  override readonly goScalar = true
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
    const ib = peekByte(c)
    if (ib >> 5 > 1) {
      // CX3 (default): oasis-core reads the simple values 0–19 (e0–f3) and f8 xx as integers.
      if (ib >= 0xe0 && c.strict !== true) {
        if (ib < 0xf4) {
          c.pos++
          return orThrow(this.check(ib - 0xe0), start)
        }
        if (ib === 0xf8) {
          c.pos++
          return orThrow(this.check(readSimpleArgument(c, start)), start)
        }
      }
      return this.readMismatched(c)
    }
    c.pos++
    return orThrow(this.check(readInteger(c, start)), start)
  }
  write(u: unknown): CborModel {
    return cborInt(orThrow(this.check(u)))
  }
  override emit(u: unknown, sink: CborSink): void {
    sink.int(orThrow(this.check(u)))
  }
  toJson(a: number | bigint): Json {
    return typeof a === 'number' ? a : a.toString()
  }
  fromJson(j: unknown): number | bigint | Problem {
    // Integers beyond 2^53 - 1 travel as decimal strings; a JSON number there has lost precision.
    if (typeof j === 'string' && /^-?(0|[1-9][0-9]*)$/.test(j)) return this.check(BigInt(j))
    return this.check(j)
  }
  toOasisJson(a: number | bigint): OasisJson {
    return a
  }
  goRead(j: unknown): number | bigint {
    // O2: Go reads an integer from a JSON number written as one (strconv.ParseInt / ParseUint),
    // beyond 2^53 - 1 too (a bigint here): no fraction or exponent, no `-0` for an unsigned type.
    if (j instanceof NonIntegerLiteral) throw new Problem('WrongType', `expected ${this.name} as a JSON integer, got ${j.literal.slice(0, 40)}`)
    if (Object.is(j, -0)) {
      if (this.min === 0n) throw new Problem('WrongType', `expected ${this.name}, got -0 (Go's strconv.ParseUint takes no sign)`)
      return 0
    }
    if (typeof j === 'number' || typeof j === 'bigint') return orThrow(this.check(j))
    throw wrongType(`${this.name} as a JSON number`, j)
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
  override readonly goScalar = true
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
  override emit(u: unknown, sink: CborSink): void {
    sink.bool(orThrow(this.check(u)))
  }
  toJson(a: boolean): Json {
    return a
  }
  fromJson(j: unknown): boolean | Problem {
    return this.check(j)
  }
  toOasisJson(a: boolean): OasisJson {
    return a
  }
  goRead(j: unknown): boolean {
    return orThrow(this.check(j))
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
  override readonly goScalar = true
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
  override emit(u: unknown, sink: CborSink): void {
    sink.text(orThrow(this.check(u)))
  }
  toJson(a: string): Json {
    return a
  }
  fromJson(j: unknown): string | Problem {
    return this.check(j)
  }
  toOasisJson(a: string): OasisJson {
    return a
  }
  goRead(j: unknown, _into: unknown, ctx: GoJsonContext): string {
    if (typeof j !== 'string') throw wrongType('a text string', j)
    return goString(ctx, j) // OX10
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

/** How a byte type reads, from what its Go type is (see `bytes`, `fixedBytes`, `paddedBytes`). */
interface BytesShape {
  /** The length of a Go `[N]byte` type; absent for `[]byte` (any length, nil-able). */
  readonly size?: number
  /**
   * Go `[N]byte` without `UnmarshalBinary` (TDX fields): a byte string of any length is
   * truncated or zero-filled to `size` (CX9 in strict mode). Otherwise the length is exact (C4.9).
   */
  readonly padded?: boolean
  /** What the type's `UnmarshalBinary` checks besides the length (namespace flags, C4.11). */
  readonly unmarshal?: (b: Uint8Array) => Problem | undefined
  /** Go reads a CBOR array into the type element by element (CX7); false for a quantity. */
  readonly arrayForm: boolean
  /**
   * How Go's `encoding/json` writes the type (O1): `hex` for a `MarshalText` in hex
   * (`common.Namespace`, `hash.Hash`), `base64` for `[]byte` and `signature.PublicKey`, `array`
   * (of byte values) for a plain `[N]byte`. Default: `base64` without `size`, `array` with it.
   */
  readonly text?: 'hex' | 'base64' | 'array'
}

class BytesWire extends Wire<Uint8Array> {
  readonly nilable: boolean = true
  private readonly size: number | undefined
  constructor(
    name: string,
    protected readonly shape: BytesShape
  ) {
    super(name)
    this.size = shape.size
    if (shape.size !== undefined) this.nilable = false
  }
  check(u: unknown): Uint8Array | Problem {
    if (!(u instanceof Uint8Array)) return wrongType(this.name, u)
    if (this.size !== undefined && u.length !== this.size) {
      return new Problem('WrongByteLength', `expected ${this.size} bytes, got ${u.length}`)
    }
    return u
  }
  override read(c: Cursor): Uint8Array {
    const start = c.pos
    const major = peekByte(c) >> 5
    if (major === 4 && this.shape.arrayForm) return this.readArrayForm(c)
    if (major !== 2) return this.readMismatched(c)
    c.pos++
    const len = readLength(c, start)
    const from = c.pos
    c.pos += len
    const size = this.size
    if (size === undefined || len === size) {
      const b = copyBytes(c, from, c.pos)
      const refused = this.shape.unmarshal?.(b)
      if (refused !== undefined) throw refused.atOffset(start)
      return b
    }
    if (this.shape.padded !== true) throw new Problem('WrongByteLength', `expected ${size} bytes, got ${len}`).atOffset(start) // C4.9
    if (c.strict === true) {
      throw new Problem('InexactByteLength', `expected exactly ${size} bytes, got ${len} (oasis-core would truncate or zero-fill them)`).atOffset(start) // CX9
    }
    // CX9 (default): Go copies what fits into its [N]byte and leaves the rest zero.
    const out = new Uint8Array(size)
    out.set(c.bytes.subarray(from, from + Math.min(len, size)))
    return out
  }
  /**
   * CX7: a CBOR array where bytes are expected. oasis-core fills a `[]byte` with one byte per
   * element and a `[N]byte` with the first N elements (the rest only checked as well-formed, a
   * short array zero-filled), without `UnmarshalBinary`: no length or namespace check. Strict
   * mode refuses it once the array is checked as well-formed.
   */
  private readArrayForm(c: Cursor): Uint8Array {
    const start = c.pos
    if (c.strict === true) {
      skipUnread(c)
      throw new Problem('BytesAsArray', `expected ${this.name} as a byte string, got an array (oasis-core fills it element by element)`).atOffset(start) // CX7
    }
    c.pos++
    const count = readLength(c, start)
    const size = this.size ?? count
    const out = new Uint8Array(size)
    const depth = c.depth ?? 0
    c.depth = depth + 1
    for (let i = 0; i < count; i++) {
      if (i >= size) skipUnread(c)
      else if (atNil(c)) c.pos++
      else {
        try {
          out[i] = u8.read(c) as number
        } catch (e) {
          within(e, `[${i}]`)
        }
      }
    }
    c.depth = depth
    return out
  }
  write(u: unknown): CborModel {
    return orThrow(this.check(u))
  }
  override emit(u: unknown, sink: CborSink): void {
    sink.bytes(orThrow(this.check(u)))
  }
  toJson(a: Uint8Array): Json {
    return bytesToHex(a)
  }
  fromJson(j: unknown): Uint8Array | Problem {
    if (typeof j !== 'string') return wrongType(`${this.name} as a hex string`, j)
    const b = fromHex(j)
    if (b === undefined) return new Problem('WrongType', `expected ${this.name} as a hex string, got ${JSON.stringify(j.slice(0, 20))}`)
    return this.unmarshalled(b)
  }
  /** Go's text and byte-array forms go through `UnmarshalBinary` too: the length and its checks. */
  private unmarshalled(b: Uint8Array): Uint8Array | Problem {
    const checked = this.check(b)
    return checked instanceof Problem ? checked : (this.shape.unmarshal?.(checked) ?? checked)
  }
  private get oasisText(): 'hex' | 'base64' | 'array' {
    return this.shape.text ?? (this.size === undefined ? 'base64' : 'array')
  }
  toOasisJson(a: Uint8Array): OasisJson {
    const form = this.oasisText
    return form === 'hex' ? bytesToHex(a) : form === 'base64' ? toBase64(a) : Array.from(a)
  }
  goRead(j: unknown, into: unknown, ctx: GoJsonContext): unknown {
    const form = this.oasisText
    if (form === 'array') return this.goArray(j, into, ctx)
    if (this.size === undefined) return this.goSliceOfBytes(j, into, ctx)
    // A type with UnmarshalText (namespace, hash, public key): a JSON string only.
    if (typeof j !== 'string') throw wrongType(`${this.name} as a ${form} string`, j)
    if (form === 'base64') {
      const b = goBase64(ctx, j)
      if (b === undefined) throw new Problem('WrongType', `expected ${this.name} as a padded base64 string, got ${JSON.stringify(j.slice(0, 20))}`)
      return orThrow(this.unmarshalled(b))
    }
    // Namespace and hash: hex, and when that fails (digits, length or flags), base64, as
    // oasis-core reads old genesis files (OX6 in strict mode).
    const hex = goHex(j)
    const read = hex === undefined ? new Problem('WrongType', `expected ${this.name} as a hex string, got ${JSON.stringify(j.slice(0, 20))}`) : this.unmarshalled(hex)
    if (!(read instanceof Problem)) return read
    const b64 = goBase64({ strict: false }, j)
    const fallback = b64 === undefined ? undefined : this.unmarshalled(b64)
    if (fallback === undefined || fallback instanceof Problem) throw read
    lenient(ctx, 'LenientByteText', `${this.name} in base64 (oasis-core falls back to it for old genesis files; it writes hex)`) // OX6
    return fallback
  }
  /**
   * A plain Go `[N]byte` (no UnmarshalText): a JSON array filled element by element into what the
   * array held, the rest zeroed, elements past N skipped unread (OX7 in strict mode).
   */
  private goArray(j: unknown, into: unknown, ctx: GoJsonContext): Uint8Array {
    if (!Array.isArray(j)) throw wrongType(`${this.name} as an array of byte values`, j)
    const size = this.size!
    const items = goItems(j)
    if (items.length !== size) lenient(ctx, 'InexactByteArray', `expected ${size} byte values, got ${items.length} (Go zero-fills or drops)`) // OX7
    const out = into instanceof Uint8Array && into.length === size ? into.slice() : new Uint8Array(size)
    for (let i = 0; i < Math.min(size, items.length); i++) {
      const x = items[i]
      if (x === null) {
        lenient(ctx, 'InexactByteArray', `null among the byte values (Go leaves the byte as it was)`) // OX7
        continue
      }
      try {
        out[i] = u8.goRead(x, undefined, ctx) as number
      } catch (e) {
        within(e, `[${i}]`)
      }
    }
    out.fill(0, Math.min(size, items.length))
    return out
  }
  /**
   * A Go `[]byte`: base64 text (encoding/json's form), or by default also an array of byte values
   * (OX8 in strict mode), decoded into the slice as Go decodes any array.
   */
  private goSliceOfBytes(j: unknown, into: unknown, ctx: GoJsonContext): GoSlice {
    if (typeof j === 'string') {
      const b = goBase64(ctx, j)
      if (b === undefined) throw new Problem('WrongType', `expected ${this.name} as a padded base64 string, got ${JSON.stringify(j.slice(0, 20))}`)
      // make([]byte, base64.StdEncoding.DecodedLen(len(s))), of which the decoded bytes are the slice.
      const backing: number[] = new Array(Math.max(b.length, Math.floor(j.length / 4) * 3)).fill(0)
      b.forEach((x, i) => (backing[i] = x))
      return { len: b.length, backing }
    }
    if (!Array.isArray(j)) throw wrongType(`${this.name} as a base64 string`, j)
    lenient(ctx, 'BytesAsNumbers', `expected ${this.name} as a base64 string, got an array (Go reads it byte by byte)`) // OX8
    return goSlice(into as GoSlice | undefined, goItems(j), (x, old) => (x === null ? old : u8.goRead(x, undefined, ctx)))
  }
  override goValue(state: unknown): unknown {
    if (state instanceof Uint8Array || state === null || state === undefined) return state
    const slice = state as GoSlice
    return Uint8Array.from(slice.backing.slice(0, slice.len), (x) => (x as number | undefined) ?? 0)
  }
  zero(): Uint8Array {
    return new Uint8Array(this.size ?? 0)
  }
  isEmpty(u: unknown): boolean {
    return u instanceof Uint8Array && u.length === 0
  }
}

/**
 * Byte string of any length (Go `[]byte`; `nil` and empty stay apart, see `nullable`). By
 * default a CBOR array of byte values is read as oasis-core reads it (CX7).
 * @example
 * bytes.decode(Uint8Array.of(1)) // right(Uint8Array [1])
 * @category bytes
 * @since 0.1.0
 */
export const bytes: Wire<Uint8Array> = /* @__PURE__ */ new BytesWire('bytes', { arrayForm: true })

/**
 * A Go `[N]byte` type with an `UnmarshalBinary` that checks the length (public keys, hashes,
 * MRENCLAVE/MRSIGNER, x25519 keys): a byte string must have exactly `size` bytes (C4.9); by
 * default a CBOR array is read element by element as oasis-core does (CX7). `text` is the form
 * of the type's `MarshalText` in oasis-node's JSON (O1: `hex` for `hash.Hash`, `base64` for
 * `signature.PublicKey`); without it, JSON holds an array of byte values, as for a plain array.
 * @example
 * fixedBytes(32).decode(new Uint8Array(31)) // left: WrongByteLength
 * fixedBytes(32, 'base64').toOasisJson(new Uint8Array(32)) // 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
 * @category bytes
 * @since 0.1.0
 */
export const fixedBytes = (size: number, text?: 'hex' | 'base64'): Wire<Uint8Array> =>
  new BytesWire(`bytes(${size})`, text === undefined ? { size, arrayForm: true } : { size, arrayForm: true, text })

/**
 * A plain Go `[N]byte` (no `UnmarshalBinary`; the TDX `mr_seam` / `mr_signer_seam`): values
 * are exactly `size` bytes, and by default a byte string of another length is truncated or
 * zero-filled as oasis-core does (CX9; strict mode refuses it).
 * @example
 * paddedBytes(48).decode(new Uint8Array(48)) // right(Uint8Array(48))
 * @category bytes
 * @since 0.1.0
 */
export const paddedBytes = (size: number): Wire<Uint8Array> => new BytesWire(`bytes(${size})`, { size, padded: true, arrayForm: true })

/**
 * `common.Namespace`: 32 bytes whose first 8 form big-endian flags. Reading its byte-string
 * (or hex) form goes through Go's `UnmarshalBinary`, which allows only the test (bit 63) and
 * key-manager (bit 62) flags (C4.11); like Go's type, a value may hold any 32 bytes, so that a
 * namespace oasis-core read from a CBOR array (CX7, no flag check) re-encodes as Go writes it.
 * @example
 * decodeRuntime(Uint8Array.of(0xa1, 0x62, 0x69, 0x64, 0x58, 0x20, 0x01, ...new Uint8Array(31))) // left: InvalidNamespace
 * @category bytes
 * @since 0.1.0
 */
export const namespace: Wire<Uint8Array> = /* @__PURE__ */ new BytesWire('namespace', {
  size: 32,
  arrayForm: true,
  text: 'hex',
  unmarshal: (b) => {
    // C4.11: byte0 & 0x3f and bytes 1–7 must be zero.
    if ((b[0]! & 0x3f) !== 0 || b[1]! | b[2]! | b[3]! | b[4]! | b[5]! | b[6]! | b[7]!) {
      return new Problem('InvalidNamespace', `namespace ${bytesToHex(b.subarray(0, 8))}… sets reserved flag bits`)
    }
    return undefined
  }
})

// O2: the decimal text `quantity.Quantity`'s MarshalText writes; Go's reader (big.Int in base 0)
// also takes signs, base prefixes, digit separators and a leading 0 as octal (OX4).
const QUANTITY_TEXT = /^(0|[1-9][0-9]*)$/

class QuantityWire extends BytesWire {
  override readonly nilable = false
  constructor() {
    super('quantity', { arrayForm: false })
  }
  override check(u: unknown): Uint8Array | Problem {
    if (!(u instanceof Uint8Array)) return wrongType('a quantity (big-endian byte string)', u)
    let i = 0
    while (i < u.length && u[i] === 0) i++
    // Leading zero bytes denote the same amount; the normal form has none.
    return i === 0 ? u : u.slice(i)
  }
  override read(c: Cursor): Uint8Array {
    const start = c.pos
    if (peekByte(c) >> 5 !== 5) return orThrow(this.check(super.read(c)), start)
    // CX8: Go's Quantity is a struct without exported fields: it reads a map as one, so `{}` is
    // zero and any entry an unknown field.
    if (c.strict === true) {
      skipUnread(c)
      throw new Problem('QuantityAsMap', 'expected a quantity as a byte string, got a map (oasis-core reads {} as zero)').atOffset(start) // CX8
    }
    c.pos++
    if (readLength(c, start) !== 0) {
      c.pos = start
      skipUnread(c)
      throw new Problem('WrongType', 'expected a quantity (big-endian byte string), got a map with entries').atOffset(start) // C4.7
    }
    return new Uint8Array(0)
  }
  override get expected(): string {
    return 'a quantity (big-endian byte string)'
  }
  // O1: `quantity.Quantity` is a struct (never left out by encoding/json) written in decimal.
  override readonly goStruct = true
  override toOasisJson(a: Uint8Array): OasisJson {
    return a.length === 0 ? '0' : BigInt(`0x${bytesToHex(a)}`).toString()
  }
  override goRead(j: unknown, _into: unknown, ctx: GoJsonContext): Uint8Array {
    if (typeof j !== 'string') throw wrongType('a quantity as a decimal string', j)
    // big.Int's UnmarshalText (SetString, base 0), and Quantity refuses a negative value.
    const n = goBigInt(j)
    if (n === undefined || n < 0n) throw new Problem('WrongType', `expected a quantity as a decimal string, got ${JSON.stringify(j.slice(0, 40))}`)
    if (!QUANTITY_TEXT.test(j)) lenient(ctx, 'LenientQuantity', `quantity ${JSON.stringify(j.slice(0, 40))} is not plain decimal (Go's big.Int reads it as ${n})`) // OX4
    if (n === 0n) return new Uint8Array(0)
    const hex = n.toString(16)
    return fromHex(hex.length % 2 === 0 ? hex : `0${hex}`)!
  }
  override isEmpty(u: unknown): boolean {
    return u instanceof Uint8Array && u.every((x) => x === 0)
  }
}

/**
 * `quantity.Quantity`: a non-negative big integer as big-endian bytes without leading zeros;
 * zero is the empty byte string. Leading zeros in the input are accepted and dropped. By default
 * an empty map reads as zero, as in oasis-core (CX8).
 * @example
 * quantity.decode(Uint8Array.of(0, 0, 5)) // right(Uint8Array [5])
 * @category bytes
 * @since 0.1.0
 */
export const quantity: Wire<Uint8Array> = /* @__PURE__ */ new QuantityWire()
