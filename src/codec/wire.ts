/**
 * io-ts combinators for Oasis wire types. A {@link Wire} codec is an io-ts `Type<A, CborModel>`:
 * `decode` checks a value (from the CBOR reader, or built by a caller) and returns it in its
 * normal form; `encode` turns a checked value into the canonical {@link CborModel} — keys in
 * RFC 7049 order, omitempty applied exactly as oasis-core's Go encoder does (C3).
 *
 * Validation allocates nothing on success: a failure is returned as a {@link Problem} whose path
 * is assembled while it travels back up, and only then turned into io-ts errors.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { type CborModel, canonicalKeyOrder, cborInt, compareEncoded, compareIntKeys } from './cbor.js'
import { DECODE_ERROR_RULES, type DecodeErrorTag } from './decodeError.js'
import { type Cursor, copyBytes, readArgument, readScanned, readTextBody, toHex } from './reader.js'

/**
 * A failed check: the error tag, a message, and the path segments collected so far
 * (innermost first). Field names are plain, array indexes and map keys are `[…]`.
 *
 * @category model
 * @since 0.1.0
 */
export class Problem {
  readonly path: string[] = []
  /** Byte offset of the offending item, when reading bytes. */
  offset: number | undefined = undefined
  constructor(
    readonly tag: DecodeErrorTag,
    readonly message: string
  ) {}
  /** Set the byte offset unless already set; returns itself. */
  atOffset(offset: number): Problem {
    this.offset ??= offset
    return this
  }
  /** Prefix a path segment while unwinding; returns itself. */
  at(segment: string): Problem {
    this.path.push(segment)
    return this
  }
}

/**
 * A wire type: an io-ts codec that also knows its Go zero value, whether Go can hold `nil` for
 * it, and when omitempty treats it as empty (C3).
 *
 * @category model
 * @since 0.1.0
 */
export abstract class Wire<A> extends t.Type<A, CborModel, unknown> {
  constructor(name: string) {
    super(
      name,
      (u): u is A => !(this.check(u) instanceof Problem),
      (u, c) => {
        const r = this.check(u)
        if (!(r instanceof Problem)) return t.success(r)
        return t.failure(u, c, `${renderPath(r)}: ${r.message} (${DECODE_ERROR_RULES[r.tag]} ${r.tag})`)
      },
      (a) => this.write(a)
    )
  }
  /** Check `u` and return it in normal form, or the first problem found. */
  abstract check(u: unknown): A | Problem
  /**
   * Read a value of this type straight from scanned bytes (see `scanCbor`), with the same result
   * as checking the generic value there; throws a {@link Problem} carrying its offset.
   * Types override this with a direct path for the expected CBOR type.
   */
  read(c: Cursor): A {
    const start = c.pos
    const item = readScanned(c)
    if (E.isLeft(item)) throw new Problem(item.left._tag, item.left.message).atOffset(item.left.offset ?? start)
    return orThrow(this.check(item.right), start)
  }
  /**
   * The canonical CBOR model of `u`, checking it on the way exactly as {@link check} does;
   * throws the first {@link Problem} (callers outside this module use `encodeWith`).
   */
  abstract write(u: unknown): CborModel
  /** Go's zero value, written for a non-omitempty field the input leaves out. */
  abstract zero(): A
  /** True when Go's type can be nil (slice, map, byte slice, pointer). */
  abstract readonly nilable: boolean
  /**
   * omitempty's notion of empty for this type (C3). True only for a valid empty value, so that
   * leaving it out can neither lose data nor hide an invalid input.
   */
  abstract isEmpty(u: unknown): boolean
}

/**
 * The path of a problem as people read it: `deployments[0].valid_from`; `''` for the root.
 *
 * @example
 * renderPath(new Problem('WrongType', 'x').at('valid_from').at('[0]').at('deployments'))
 * // 'deployments[0].valid_from'
 *
 * @category model
 * @since 0.1.0
 */
export const renderPath = (p: Problem): string => {
  let out = ''
  for (let i = p.path.length - 1; i >= 0; i--) {
    const seg = p.path[i]!
    out += seg.startsWith('[') || out === '' ? seg : `.${seg}`
  }
  return out
}

/** Return a checked value, or throw its problem located at `offset`. */
const orThrow = <A>(r: A | Problem, offset?: number): A => {
  if (r instanceof Problem) throw offset === undefined ? r : r.atOffset(offset)
  return r
}

/** Re-throw a problem from inside a container with the container's path segment prefixed. */
const within = (e: unknown, segment: string): never => {
  throw e instanceof Problem ? e.at(segment) : e
}

/** The length or count in the head at the cursor (input already scanned); `pos` moves past it. */
const headArg = (c: Cursor, start: number): number => {
  const ai = c.bytes[c.pos++]! & 31
  return ai < 24 ? ai : Number(readArgument(c, start, ai))
}

const describe = (u: unknown): string =>
  u === null
    ? 'null'
    : u === undefined
      ? 'nothing'
      : u instanceof Uint8Array
        ? 'a byte string'
        : Array.isArray(u)
          ? 'an array'
          : u instanceof Map
            ? 'a map'
            : typeof u === 'object'
              ? 'a map'
              : typeof u === 'string'
                ? 'a text string'
                : typeof u === 'boolean'
                  ? 'a boolean'
                  : `${typeof u} ${String(u)}`

/**
 * The problem for a value of the wrong kind: `null` gets its own tag (CX4), the rest `WrongType`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const wrongType = (expected: string, u: unknown): Problem =>
  u === null
    ? new Problem('NullNotAllowed', `null is not allowed here (expected ${expected})`)
    : new Problem('WrongType', `expected ${expected}, got ${describe(u)}`)

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
    const ib = c.bytes[start]!
    const major = ib >> 5
    if (major > 1) return super.read(c)
    c.pos++
    const ai = ib & 31
    const n = ai < 24 ? ai : readArgument(c, start, ai)
    const v = major === 0 ? n : typeof n === 'number' && n < Number.MAX_SAFE_INTEGER ? -1 - n : -1n - BigInt(n)
    return orThrow(this.check(v), start)
  }
  write(u: unknown): CborModel {
    return cborInt(orThrow(this.check(u)))
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
    const ib = c.bytes[c.pos]!
    if (ib !== 0xf4 && ib !== 0xf5) return super.read(c)
    c.pos++
    return ib === 0xf5
  }
  write(u: unknown): CborModel {
    return orThrow(this.check(u))
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

/** C4.10: text must be valid Unicode to be written as UTF-8. */
const checkText = (u: unknown): string | Problem => {
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
    if (c.bytes[start]! >> 5 !== 3) return super.read(c)
    return readTextBody(c, headArg(c, start))
  }
  write(u: unknown): CborModel {
    return orThrow(this.check(u))
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
    if (c.bytes[start]! >> 5 !== 2) return super.read(c)
    const len = headArg(c, start)
    c.pos += len
    return orThrow(this.check(copyBytes(c, c.pos - len, c.pos)), start)
  }
  write(u: unknown): CborModel {
    return orThrow(this.check(u))
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
    return new Problem('InvalidNamespace', `namespace ${toHex(b.subarray(0, 8))}… sets reserved flag bits`)
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

// -------------------------------------------------------------------------------------------------
// nil
// -------------------------------------------------------------------------------------------------

class NullableWire<A> extends Wire<A | null> {
  readonly nilable = true
  constructor(private readonly inner: Wire<A>) {
    super(`${inner.name} | null`)
  }
  check(u: unknown): A | null | Problem {
    return u === null || u === undefined ? null : this.inner.check(u)
  }
  override read(c: Cursor): A | null {
    if (c.bytes[c.pos] !== 0xf6) return this.inner.read(c)
    c.pos++
    return null
  }
  write(u: unknown): CborModel {
    return u === null || u === undefined ? null : this.inner.write(u)
  }
  zero(): A | null {
    return null
  }
  isEmpty(u: unknown): boolean {
    return u === null || u === undefined || this.inner.isEmpty(u)
  }
}

/**
 * A Go slice, map, byte slice or pointer in a non-omitempty position, where `nil` is written as
 * CBOR `null` and read back as `null` (CX4 allows `null` exactly there).
 * @example
 * nullable(bytes).decode(null) // right(null)
 * @category combinators
 * @since 0.1.0
 */
export const nullable = <A>(inner: Wire<A>): Wire<A | null> => new NullableWire(inner)

// -------------------------------------------------------------------------------------------------
// arrays
// -------------------------------------------------------------------------------------------------

class ArrayWire<A> extends Wire<ReadonlyArray<A>> {
  readonly nilable = true
  constructor(private readonly item: Wire<A>) {
    super(`Array<${item.name}>`)
  }
  check(u: unknown): ReadonlyArray<A> | Problem {
    if (!Array.isArray(u)) return wrongType('an array', u)
    const out: A[] = []
    for (let i = 0; i < u.length; i++) {
      const r = this.item.check(u[i])
      if (r instanceof Problem) return r.at(`[${i}]`)
      out.push(r)
    }
    return out
  }
  override read(c: Cursor): ReadonlyArray<A> {
    const start = c.pos
    if (c.bytes[start]! >> 5 !== 4) return super.read(c)
    const count = headArg(c, start)
    const out: A[] = []
    for (let i = 0; i < count; i++) {
      try {
        out.push(this.item.read(c))
      } catch (e) {
        within(e, `[${i}]`)
      }
    }
    return out
  }
  write(u: unknown): CborModel {
    if (!Array.isArray(u)) throw wrongType('an array', u)
    const out: CborModel[] = []
    for (let i = 0; i < u.length; i++) {
      try {
        out.push(this.item.write(u[i]))
      } catch (e) {
        within(e, `[${i}]`)
      }
    }
    return out
  }
  zero(): ReadonlyArray<A> {
    return []
  }
  isEmpty(u: unknown): boolean {
    return Array.isArray(u) && u.length === 0
  }
}

/**
 * A Go slice `[]T` as an array.
 * @example
 * array(u16).decode([1, 2]) // right([1, 2])
 * @category combinators
 * @since 0.1.0
 */
export const array = <A>(item: Wire<A>): Wire<ReadonlyArray<A>> => new ArrayWire(item)

// -------------------------------------------------------------------------------------------------
// maps
// -------------------------------------------------------------------------------------------------

/** How a map key is compared for duplicates, rendered in paths, and ordered canonically. */
interface KeyKind<K> {
  readonly codec: Wire<K>
  render(k: K): string
  compare(a: K, b: K): number
  /** Byte-string keys are compared by content, not identity. */
  readonly byContent: boolean
}

const intKey = <N extends number | bigint>(codec: Wire<N>): KeyKind<N> => ({
  codec,
  render: String,
  compare: compareIntKeys,
  byContent: false
})

/**
 * Key kinds for {@link map}: integers of a given wire type, or 32-byte public keys.
 *
 * @category combinators
 * @since 0.1.0
 */
export const keys = {
  u8: intKey(u8),
  u32: intKey(u32),
  i64: intKey(i64),
  publicKey: {
    codec: fixedBytes(32),
    render: toHex,
    compare: compareEncoded,
    byContent: true
  } as KeyKind<Uint8Array>
}

const isEmptyMap = (u: unknown): boolean =>
  u instanceof Map ? u.size === 0 : isRecord(u) && Object.keys(u).length === 0

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u) && !(u instanceof Uint8Array) && !(u instanceof Map)

const entriesOf = (u: unknown): Iterable<readonly [unknown, unknown]> | undefined => {
  if (u instanceof Map) return u.entries()
  // An empty map read from CBOR (or `{}` from a caller) has no keys to tell its kind by.
  if (typeof u === 'object' && u !== null && !Array.isArray(u) && !(u instanceof Uint8Array)) {
    return Object.keys(u).map((k) => [k, (u as Record<string, unknown>)[k]] as const)
  }
  return undefined
}

class MapWire<K, V> extends Wire<ReadonlyMap<K, V>> {
  readonly nilable = true
  constructor(
    private readonly key: KeyKind<K>,
    private readonly value: Wire<V>
  ) {
    super(`Map<${key.codec.name}, ${value.name}>`)
  }
  check(u: unknown): ReadonlyMap<K, V> | Problem {
    const entries = entriesOf(u)
    if (entries === undefined) return wrongType('a map', u)
    const out = new Map<K, V>()
    const seen = this.key.byContent ? new Set<string>() : undefined
    for (const [rawKey, rawValue] of entries) {
      const k = this.key.codec.check(rawKey)
      if (k instanceof Problem) return k.at(`[${String(rawKey)}]`)
      // C4.2: keys are compared by value (integers are normalised, bytes by content).
      let duplicate: boolean
      if (seen === undefined) duplicate = out.has(k)
      else {
        const hex = this.key.render(k)
        duplicate = seen.has(hex)
        seen.add(hex)
      }
      if (duplicate) return new Problem('DuplicateKey', `duplicate map key ${this.key.render(k)}`).at(`[${this.key.render(k)}]`)
      const v = this.value.check(rawValue)
      if (v instanceof Problem) return v.at(`[${this.key.render(k)}]`)
      out.set(k, v)
    }
    return out
  }
  override read(c: Cursor): ReadonlyMap<K, V> {
    const start = c.pos
    if (c.bytes[start]! >> 5 !== 5) return super.read(c)
    const count = headArg(c, start)
    const out = new Map<K, V>()
    // Byte-string keys compare by content: linearly for the usual few, by hex for many.
    const byHex = this.key.byContent && count > 16 ? new Set<string>() : undefined
    for (let i = 0; i < count; i++) {
      const keyAt = c.pos
      let k: K
      try {
        k = this.key.codec.read(c)
      } catch (e) {
        return within(e, `[#${i}]`)
      }
      // C4.2: keys are compared by value (integers are normalised, bytes by content).
      if (this.isDuplicate(out, k, byHex)) {
        const name = this.key.render(k)
        throw new Problem('DuplicateKey', `duplicate map key ${name}`).atOffset(keyAt).at(`[${name}]`)
      }
      try {
        out.set(k, this.value.read(c))
      } catch (e) {
        within(e, `[${this.key.render(k)}]`)
      }
    }
    return out
  }
  private isDuplicate(out: ReadonlyMap<K, V>, k: K, byHex: Set<string> | undefined): boolean {
    if (!this.key.byContent) return out.has(k)
    if (byHex !== undefined) {
      const hex = this.key.render(k)
      if (byHex.has(hex)) return true
      byHex.add(hex)
      return false
    }
    const kb = k as unknown as Uint8Array
    for (const other of out.keys()) {
      const ob = other as unknown as Uint8Array
      if (ob.length !== kb.length) continue
      let same = true
      for (let i = 0; i < kb.length && same; i++) same = ob[i] === kb[i]
      if (same) return true
    }
    return false
  }
  write(u: unknown): CborModel {
    // Check (and normalise) keys and values first; then order by the normalised keys (C1).
    const checked = orThrow(this.check(u))
    const ks = [...checked.keys()].sort(this.key.compare)
    return new Map(ks.map((k) => [this.key.codec.write(k), this.value.write(checked.get(k)!)] as const))
  }
  zero(): ReadonlyMap<K, V> {
    return new Map()
  }
  isEmpty(u: unknown): boolean {
    return isEmptyMap(u)
  }
}

/**
 * A Go map with integer or byte-string keys, as a `Map`; written with keys in canonical order.
 * @example
 * map(keys.u8, bool).decode(new Map([[1, true]])) // right(Map {1 => true})
 * @category combinators
 * @since 0.1.0
 */
export const map = <K, V>(key: KeyKind<K>, value: Wire<V>): Wire<ReadonlyMap<K, V>> => new MapWire(key, value)

class TextMapWire<V> extends Wire<Readonly<Record<string, V>>> {
  readonly nilable = true
  constructor(private readonly value: Wire<V>) {
    super(`Record<string, ${value.name}>`)
  }
  check(u: unknown): Readonly<Record<string, V>> | Problem {
    const entries = entriesOf(u)
    if (entries === undefined) return wrongType('a map', u)
    const out: Record<string, V> = {}
    for (const [k, raw] of entries) {
      const key = checkText(k)
      if (key instanceof Problem) return key.at(`[${String(k)}]`)
      if (Object.hasOwn(out, key)) return new Problem('DuplicateKey', `duplicate map key ${key}`).at(`[${key}]`)
      const v = this.value.check(raw)
      if (v instanceof Problem) return v.at(`[${key}]`)
      // defineProperty: a key such as "__proto__" must stay an ordinary entry.
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  override read(c: Cursor): Readonly<Record<string, V>> {
    const start = c.pos
    if (c.bytes[start]! >> 5 !== 5) return super.read(c)
    const count = headArg(c, start)
    const out: Record<string, V> = {}
    for (let i = 0; i < count; i++) {
      const keyAt = c.pos
      let k: string
      try {
        k = text.read(c)
      } catch (e) {
        return within(e, `[#${i}]`)
      }
      if (Object.prototype.hasOwnProperty.call(out, k)) {
        throw new Problem('DuplicateKey', `duplicate map key ${k}`).atOffset(keyAt).at(`[${k}]`)
      }
      let v: V
      try {
        v = this.value.read(c)
      } catch (e) {
        return within(e, `[${k}]`)
      }
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  write(u: unknown): CborModel {
    const checked = orThrow(this.check(u))
    const ks = Object.keys(checked).sort(canonicalKeyOrder)
    return new Map(ks.map((k) => [k, this.value.write(checked[k]!)] as const))
  }
  zero(): Readonly<Record<string, V>> {
    return {}
  }
  isEmpty(u: unknown): boolean {
    return isEmptyMap(u)
  }
}

/**
 * A Go map with text keys (e.g. gas costs), as a record; written with keys in canonical order.
 * @example
 * textMap(u64).decode({ register_runtime: 1000 }) // right({ register_runtime: 1000 })
 * @category combinators
 * @since 0.1.0
 */
export const textMap = <V>(value: Wire<V>): Wire<Readonly<Record<string, V>>> => new TextMapWire(value)

// -------------------------------------------------------------------------------------------------
// structs
// -------------------------------------------------------------------------------------------------

/**
 * How a struct field is written (C3):
 * - `always`: no omitempty; a missing value is read and written as the Go zero value;
 * - `omitempty`: left out when empty; an empty value of a non-nilable kind is normalised away;
 * - `pointer`: an omitempty pointer; left out only when absent, an empty struct is written `{}`.
 *
 * @category combinators
 * @since 0.1.0
 */
export type Presence = 'always' | 'omitempty' | 'pointer'

/**
 * A struct field: wire key, codec, presence.
 *
 * @category combinators
 * @since 0.1.0
 */
export type Field = readonly [key: string, codec: Wire<any>, presence: Presence]

class StructWire<A> extends Wire<A> {
  readonly nilable = false
  private readonly byKey: ReadonlyMap<string, Field>
  // Field tables by declaration index, for reading bytes without building key strings.
  private readonly names: ReadonlyArray<string>
  private readonly codecs: ReadonlyArray<Wire<unknown>>
  private readonly presence: ReadonlyArray<Presence>
  private readonly nameBytes: ReadonlyArray<Uint8Array>
  private readonly canonicalIndex: ReadonlyArray<number>
  private readonly canonicalRank: ReadonlyArray<number>
  private readonly allOmit: boolean
  constructor(name: string, fields: ReadonlyArray<Field>) {
    super(name)
    this.byKey = new Map(fields.map((f) => [f[0], f]))
    this.names = fields.map((f) => f[0])
    this.codecs = fields.map((f) => f[1])
    this.presence = fields.map((f) => f[2])
    this.nameBytes = this.names.map((k) => new TextEncoder().encode(k))
    this.canonicalIndex = this.names.map((_, i) => i).sort((a, b) => canonicalKeyOrder(this.names[a]!, this.names[b]!))
    this.canonicalRank = this.names.map((_, i) => this.canonicalIndex.indexOf(i))
    this.allOmit = fields.every((f) => f[2] !== 'always')
  }
  check(u: unknown): A | Problem {
    const src = this.fieldsOf(u)
    if (src instanceof Problem) return src
    const out: Record<string, unknown> = {}
    let seen = 0
    for (let i = 0; i < this.names.length; i++) {
      const key = this.names[i]!
      const codec = this.codecs[i]!
      // No field name is a property of Object.prototype, so a plain lookup is exact.
      const raw = src[key]
      if (raw === undefined) {
        if (this.presence[i] === 'always') out[key] = codec.zero()
        continue
      }
      seen++
      const v = codec.check(raw)
      if (v instanceof Problem) return v.at(key)
      if (this.presence[i] === 'omitempty' && !codec.nilable && codec.isEmpty(v)) continue
      out[key] = v
    }
    return this.unknownField(src, seen) ?? (out as A)
  }
  /** Index of the field whose UTF-8 name is `b[from, from + len)`, trying canonical order from `hint`. */
  private fieldAt(b: Uint8Array, from: number, len: number, hint: number): number {
    const n = this.names.length
    for (let j = 0; j < n; j++) {
      const index = this.canonicalIndex[(hint + j) % n]!
      const name = this.nameBytes[index]!
      if (name.length !== len) continue
      let same = true
      for (let i = 0; i < len && same; i++) same = name[i] === b[from + i]
      if (same) return index
    }
    return -1
  }
  override read(c: Cursor): A {
    const start = c.pos
    const b = c.bytes
    if (b[start]! >> 5 !== 5) return super.read(c)
    const count = headArg(c, start)
    const values: unknown[] = new Array(this.names.length)
    // Canonical input lists the fields in canonical order: look for the next one first.
    let hint = 0
    for (let i = 0; i < count; i++) {
      const keyAt = c.pos
      // A non-text key cannot name a field: the generic path reports it as C4.7.
      if (b[keyAt]! >> 5 !== 3) {
        c.pos = start
        return super.read(c)
      }
      const len = headArg(c, keyAt)
      const index = this.fieldAt(b, c.pos, len, hint)
      if (index < 0) {
        // C4.5 / CX2: exact names only; no case-insensitive fallback.
        const key = readTextBody(c, len)
        throw new Problem('UnknownField', `unknown field ${JSON.stringify(key)} in ${this.name}`).atOffset(keyAt).at(key)
      }
      c.pos += len
      hint = this.canonicalRank[index]! + 1
      const key = this.names[index]!
      if (values[index] !== undefined) {
        throw new Problem('DuplicateKey', `duplicate map key ${JSON.stringify(key)}`).atOffset(keyAt).at(key) // C4.2
      }
      try {
        values[index] = this.codecs[index]!.read(c)
      } catch (e) {
        within(e, key)
      }
    }
    const out: Record<string, unknown> = {}
    for (let i = 0; i < this.names.length; i++) {
      const codec = this.codecs[i]!
      const v = values[i]
      if (v === undefined) {
        if (this.presence[i] === 'always') out[this.names[i]!] = codec.zero()
      } else if (!(this.presence[i] === 'omitempty' && !codec.nilable && codec.isEmpty(v))) out[this.names[i]!] = v
    }
    return out as A
  }
  /** The fields of a struct value given as an object or as a `Map` with text keys. */
  private fieldsOf(u: unknown): Record<string, unknown> | Problem {
    if (isRecord(u)) return u
    if (!(u instanceof Map)) return wrongType(`a map (struct ${this.name})`, u)
    const src = Object.create(null) as Record<string, unknown>
    for (const [k, v] of u) {
      if (typeof k !== 'string') return new Problem('WrongType', `struct ${this.name} has a non-text key ${String(k)}`)
      src[k] = v
    }
    return src
  }
  write(u: unknown): CborModel {
    const src = orThrow(this.fieldsOf(u))
    const out: Record<string, CborModel> = {}
    let seen = 0
    for (const index of this.canonicalIndex) {
      const key = this.names[index]!
      const codec = this.codecs[index]!
      const v = src[key]
      if (v === undefined) {
        if (this.presence[index] === 'always') out[key] = codec.write(codec.zero())
        continue
      }
      seen++
      if (this.presence[index] === 'omitempty' && codec.isEmpty(v)) continue
      try {
        out[key] = codec.write(v)
      } catch (e) {
        within(e, key)
      }
    }
    const unknown = this.unknownField(src, seen)
    if (unknown !== undefined) throw unknown
    return out
  }
  /** C4.5: the first key of `src` that names no field, when `src` has more keys than `seen`. */
  private unknownField(src: Record<string, unknown>, seen: number): Problem | undefined {
    let present = 0
    for (const k in src) if (src[k] !== undefined) present++
    if (present === seen) return undefined
    for (const k in src) {
      // CX2: exact names only; no case-insensitive fallback.
      if (!this.byKey.has(k) && src[k] !== undefined) {
        return new Problem('UnknownField', `unknown field ${JSON.stringify(k)} in ${this.name}`).at(k)
      }
    }
    return undefined
  }
  zero(): A {
    const out: Record<string, unknown> = {}
    for (let i = 0; i < this.names.length; i++) if (this.presence[i] === 'always') out[this.names[i]!] = this.codecs[i]!.zero()
    return out as A
  }
  isEmpty(u: unknown): boolean {
    // C3: a struct is empty only when every field is omitempty and empty.
    if (!this.allOmit) return false
    const src = this.fieldsOf(u)
    if (src instanceof Problem || this.unknownField(src, this.names.filter((k) => src[k] !== undefined).length)) return false
    return this.names.every((key, i) => src[key] === undefined || (this.presence[i] === 'omitempty' && this.codecs[i]!.isEmpty(src[key])))
  }

}

/**
 * A Go struct as a map with text keys: unknown fields rejected (C4.5), missing fields read as
 * the Go zero value, written in canonical key order with omitempty applied (C1, C3).
 * @example
 * const Version = struct<Version>('Version', [['major', u16, 'omitempty'], ['minor', u16, 'omitempty'], ['patch', u16, 'omitempty']])
 * @category combinators
 * @since 0.1.0
 */
export const struct = <A>(name: string, fields: ReadonlyArray<Field>): Wire<A> => new StructWire<A>(name, fields)
