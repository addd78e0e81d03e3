/**
 * Container wire types: `nil`-able values, arrays, and maps keyed by integers, byte strings or
 * text, written with their keys in canonical order (C1).
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import { toBase64 } from '../internal/bytes.js'
import { type CborModel, canonicalKeyOrder, compareEncoded, compareIntKeys } from './cbor.js'
import type { CborSink } from './cborSink.js'
import { Problem } from './problem.js'
import { type GoJsonContext, type GoSlice, goSlice, goString, lenient } from './goJson.js'
import { goItems, goMembers } from './jsonText.js'
import { atNil, checkKeyKind, type Cursor, peekByte, readLength } from './reader.js'
import { checkText, fixedBytes, i64, text, u8, u32 } from './scalars.js'
import { describeKey, type Json, type OasisJson, orThrow, Wire, within, wrongType } from './wire.js'

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
    // Go's nil: `null`, and by default also `undefined` (CX3).
    if (peekByte(c) !== 0xf6 && !atNil(c)) return this.inner.read(c)
    c.pos++
    return null
  }
  write(u: unknown): CborModel {
    return u === null || u === undefined ? null : this.inner.write(u)
  }
  override emit(u: unknown, sink: CborSink): void {
    if (u === null || u === undefined) sink.nil()
    else this.inner.emit(u, sink)
  }
  toJson(a: A | null): Json {
    return a === null ? null : this.inner.toJson(a)
  }
  fromJson(j: unknown): A | null | Problem {
    return j === null || j === undefined ? null : this.inner.fromJson(j)
  }
  toOasisJson(a: A | null): OasisJson | Problem {
    return a === null ? null : this.inner.toOasisJson(a)
  }
  goRead(j: unknown, into: unknown, ctx: GoJsonContext): unknown {
    // O3: a Go pointer, slice or map read into what it held (nil: a fresh value); `null` is
    // decided by the container (nil).
    return this.inner.goRead(j, into === null ? undefined : into, ctx)
  }
  override goValue(state: unknown): unknown {
    return state === null ? null : this.inner.goValue(state)
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

class NilPointerWire<A> extends NullableWire<A> {
  constructor(private readonly target: Wire<A>) {
    super(target)
  }
  override read(c: Cursor): A | null {
    // Strict mode reads the pointee only: `null` is refused there (CX4).
    if (!atNil(c)) return this.target.read(c)
    c.pos++
    return null
  }
}

/**
 * A Go pointer as the element of a slice (`[]*VersionInfo`): oasis-core reads `null` (and
 * `undefined`) there as a nil element and writes a nil element as `null`, so by default a
 * decoded value can hold `null` entries, which re-encode as Go writes them. Strict mode refuses
 * `null` there (CX4), as no valid value holds one.
 * @example
 * array(nilPointer(VersionInfoCodec))
 * @category combinators
 * @since 0.1.0
 */
export const nilPointer = <A>(inner: Wire<A>): Wire<A | null> => new NilPointerWire(inner)

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
    if (peekByte(c) >> 5 !== 4) return this.readMismatched(c)
    c.pos++
    const count = readLength(c, start)
    const out: A[] = []
    const depth = c.depth ?? 0
    c.depth = depth + 1
    for (let i = 0; i < count; i++) {
      try {
        // Default: `null` leaves Go's element at its zero value (nil for a pointer), CX4.
        if (atNil(c)) {
          c.pos++
          out.push(this.item.zero())
        } else out.push(this.item.read(c))
      } catch (e) {
        within(e, `[${i}]`)
      }
    }
    c.depth = depth
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
  override emit(u: unknown, sink: CborSink): void {
    if (!Array.isArray(u)) throw wrongType('an array', u)
    sink.head(4, u.length)
    for (let i = 0; i < u.length; i++) {
      try {
        this.item.emit(u[i], sink)
      } catch (e) {
        within(e, `[${i}]`)
      }
    }
  }
  toJson(a: ReadonlyArray<A>): Json {
    return a.map((x) => this.item.toJson(x))
  }
  fromJson(j: unknown): ReadonlyArray<A> | Problem {
    return this.fromItems(j, (v) => this.item.fromJson(v))
  }
  /** A JSON array read item by item with `read` (the library's JSON or oasis-node's). */
  private fromItems(j: unknown, read: (v: unknown) => A | Problem): ReadonlyArray<A> | Problem {
    if (!Array.isArray(j)) return wrongType('an array', j)
    const out: A[] = []
    for (let i = 0; i < j.length; i++) {
      const r = read(j[i])
      if (r instanceof Problem) return r.at(`[${i}]`)
      out.push(r)
    }
    return out
  }
  toOasisJson(a: ReadonlyArray<A>): OasisJson | Problem {
    const out: OasisJson[] = []
    for (let i = 0; i < a.length; i++) {
      const r = this.item.toOasisJson(a[i]!)
      if (r instanceof Problem) return r.at(`[${i}]`)
      out.push(r)
    }
    return out
  }
  goRead(j: unknown, into: unknown, ctx: GoJsonContext): GoSlice {
    // O3: Go decodes element i into what the slice's backing array holds there; `null` makes a
    // pointer, slice or map element nil and leaves any other as it was (OX9 in strict mode).
    if (!Array.isArray(j)) throw wrongType('an array', j)
    return goSlice(into as GoSlice | undefined, goItems(j), (x, old) => {
      if (x !== null) return this.item.goRead(x, old === null ? undefined : old, ctx)
      if (this.item.nilable) return null
      lenient(ctx, 'NullAsZero', `null element (Go leaves a ${this.item.name} element as it was)`) // OX9
      return old
    })
  }
  override goValue(state: unknown): ReadonlyArray<A> {
    const s = state as GoSlice
    return s.backing.slice(0, s.len).map((x) => (x === undefined || x === null ? this.item.zero() : (this.item.goValue(x) as A)))
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

/**
 * How a map key is compared for duplicates, rendered in paths, and ordered canonically: one of
 * the {@link keys}.
 *
 * @example
 * const kind: KeyKind<number> = keys.u8
 *
 * @category containers
 * @since 0.1.0
 */
export interface KeyKind<K> {
  readonly codec: Wire<K>
  /** The key as paths and messages show it. */
  render(k: K): string
  /** RFC 7049 §3.9 canonical order of the encoded keys. */
  compare(a: K, b: K): number
  /** Byte-string keys are compared by content, not identity. */
  readonly byContent: boolean
  /** The key as oasis-node's JSON writes it (O1): Go's `MarshalText`, or decimal for a plain integer. */
  oasisRender(k: K): string | Problem
  /**
   * A key of oasis-node's JSON read back as Go reads it (O2); `strict` refuses the forms Go reads
   * beyond its own (OX5).
   */
  oasisParse(s: string, strict?: boolean): K | Problem
}

// O2: a plain integer key is read by strconv.ParseInt / ParseUint in base 10: a sign (ParseInt
// only) and leading zeros too; the text Go writes has neither (OX5).
const DECIMAL_KEY = /^-?(0|[1-9][0-9]*)$/
const SIGNED_KEY = /^[+-]?[0-9]+$/
const UNSIGNED_KEY = /^[0-9]+$/

const intKey = <N extends number | bigint>(codec: Wire<N>, signed: boolean): KeyKind<N> => ({
  codec,
  render: String,
  compare: compareIntKeys,
  byContent: false,
  oasisRender: String,
  oasisParse: (s, strict) => {
    if (!(signed ? SIGNED_KEY : UNSIGNED_KEY).test(s)) return new Problem('WrongType', `expected ${codec.name} as a decimal map key, got ${JSON.stringify(s.slice(0, 40))}`)
    if (strict === true && !DECIMAL_KEY.test(s)) return new Problem('LenientIntegerKey', `map key ${JSON.stringify(s.slice(0, 40))} is not plain decimal (Go's strconv reads it)`) // OX5
    return codec.check(BigInt(s))
  }
})

const publicKeyCodec = fixedBytes(32, 'base64')

/**
 * Key kinds for {@link map}: integers of a given wire type, or 32-byte public keys.
 *
 * @category combinators
 * @since 0.1.0
 */
export const keys = {
  u8: intKey(u8, false),
  u32: intKey(u32, false),
  i64: intKey(i64, true),
  publicKey: {
    codec: publicKeyCodec,
    render: bytesToHex,
    compare: compareEncoded,
    byContent: true,
    oasisRender: toBase64,
    oasisParse: (s, strict) => publicKeyCodec.fromOasisJson(s, { strict: strict === true })
  } as KeyKind<Uint8Array>
}

/**
 * A JSON object of `entries` in their order; keys such as `__proto__` stay plain keys.
 *
 * @example
 * objectOf([['a', 1]]) // { a: 1 }
 *
 * @category utils
 * @since 0.1.0
 */
export const objectOf = <V>(entries: ReadonlyArray<readonly [string, V]>): Record<string, V> => {
  const out: Record<string, V> = {}
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  return out
}

const isEmptyMap = (u: unknown): boolean =>
  u instanceof Map ? u.size === 0 : isRecord(u) && Object.keys(u).length === 0

/**
 * True for a struct-shaped value given as a plain object (not an array, byte string or `Map`).
 *
 * @example
 * isRecord({ a: 1 }) // true
 *
 * @category utils
 * @since 0.1.0
 */
export const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u) && !(u instanceof Uint8Array) && !(u instanceof Map)

const entriesOf = (u: unknown): Iterable<readonly [unknown, unknown]> | undefined => {
  if (u instanceof Map) return u.entries()
  // An empty map read from CBOR (or `{}` from a caller) has no keys to tell its kind by.
  if (typeof u === 'object' && u !== null && !Array.isArray(u) && !(u instanceof Uint8Array)) {
    return Object.keys(u).map((k) => [k, (u as Record<string, unknown>)[k]] as const)
  }
  return undefined
}

/**
 * A map key or value at the cursor. By default `null` (or `undefined`) keeps what Go's map
 * variable holds (CX4, CX5): fxamacker v2.4.0 reuses one variable for every key (and value) of a
 * bool, integer or string type, so `null` there repeats `last`, and zeroes it for any other type.
 */
const readEntryPart = <T>(c: Cursor, codec: Wire<T>, last: T | undefined): T => {
  if (!atNil(c)) return codec.read(c)
  c.pos++
  return codec.goScalar && last !== undefined ? last : codec.zero()
}

/**
 * O3: a map value as Go reads it: fresh for every key; `null` the zero value (nil for a pointer,
 * slice or map; OX9 in strict mode for any other type, which Go's encoder never writes `null`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const goEntryValue = (codec: Wire<any>, raw: unknown, ctx: GoJsonContext, at: string): unknown => {
  if (raw === null) {
    if (codec.nilable) return null
    lenient(ctx, 'NullAsZero', `null map value (Go stores the zero ${codec.name})`, at) // OX9
    return undefined
  }
  try {
    return codec.goRead(raw, undefined, ctx)
  } catch (e) {
    return within(e, at)
  }
}

/** The value of a map entry's state: the zero value for nil or never set. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const goEntryFinal = (codec: Wire<any>, state: unknown): unknown => (state === undefined || state === null ? codec.zero() : codec.goValue(state))

class MapWire<K, V> extends Wire<ReadonlyMap<K, V>> {
  readonly nilable = true
  constructor(
    private readonly key: KeyKind<K>,
    private readonly value: Wire<V>
  ) {
    super(`Map<${key.codec.name}, ${value.name}>`)
  }
  /**
   * The entries of `u` with keys checked and normalised, duplicates refused (C4.2: integers
   * compare by value, byte strings by content) and values mapped by `f`; throws a Problem.
   */
  private entries<R>(u: unknown, f: (raw: unknown) => R): Array<readonly [K, R]> {
    const entries = entriesOf(u)
    if (entries === undefined) throw wrongType('a map', u)
    const out: Array<readonly [K, R]> = []
    const seen = new Set<unknown>()
    for (const [rawKey, rawValue] of entries) {
      const k = this.key.codec.check(rawKey)
      if (k instanceof Problem) throw k.at(`[${describeKey(rawKey)}]`)
      const name = this.key.render(k)
      const id = this.key.byContent ? name : k
      if (seen.has(id)) throw new Problem('DuplicateKey', `duplicate map key ${name}`).at(`[${name}]`)
      seen.add(id)
      try {
        out.push([k, f(rawValue)])
      } catch (e) {
        within(e, `[${name}]`)
      }
    }
    return out
  }
  check(u: unknown): ReadonlyMap<K, V> | Problem {
    try {
      return new Map(this.entries(u, (raw) => orThrow(this.value.check(raw))))
    } catch (e) {
      if (e instanceof Problem) return e
      throw e
    }
  }
  override read(c: Cursor): ReadonlyMap<K, V> {
    const start = c.pos
    if (peekByte(c) >> 5 !== 5) return this.readMismatched(c)
    c.pos++
    const count = readLength(c, start)
    const out = new Map<K, V>()
    // Byte-string keys compare by content: linearly for the usual few, by hex for many.
    const byHex = this.key.byContent && count > 16 ? new Set<string>() : undefined
    const keyCodec = this.key.codec
    // The previous key and value, for `null` (readEntryPart).
    let lastKey: K | undefined
    let lastValue: V | undefined
    const depth = c.depth ?? 0
    c.depth = depth + 1
    for (let i = 0; i < count; i++) {
      const keyAt = c.pos
      let k: K
      if (atNil(c)) k = readEntryPart(c, keyCodec, lastKey)
      else {
        if (c.strict === true) checkKeyKind(c)
        try {
          k = keyCodec.read(c)
        } catch (e) {
          return within(e, `[#${i}]`)
        }
      }
      lastKey = k
      // C4.2: keys are compared by value (integers are normalised, bytes by content).
      if (this.isDuplicate(out, k, byHex)) {
        const name = this.key.render(k)
        throw new Problem('DuplicateKey', `duplicate map key ${name}`).atOffset(keyAt).at(`[${name}]`)
      }
      let v: V
      try {
        v = readEntryPart(c, this.value, lastValue)
      } catch (e) {
        return within(e, `[${this.key.render(k)}]`)
      }
      lastValue = v
      out.set(k, v)
    }
    c.depth = depth
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
    // C1: entries ordered by their normalised keys.
    const entries = this.entries(u, (raw) => this.value.write(raw)).sort((a, b) => this.key.compare(a[0], b[0]))
    return new Map(entries.map(([k, model]) => [this.key.codec.write(k), model] as const))
  }
  toJson(a: ReadonlyMap<K, V>): Json {
    const out: Record<string, Json> = {}
    for (const k of [...a.keys()].sort(this.key.compare)) {
      Object.defineProperty(out, this.key.render(k), { value: this.value.toJson(a.get(k)!), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  fromJson(j: unknown): ReadonlyMap<K, V> | Problem {
    // Keys are decimal integers or hex byte strings, written as JSON object keys.
    if (!isRecord(j)) return wrongType('an object (map)', j)
    const out = new Map<unknown, unknown>()
    for (const name of Object.keys(j)) {
      const k = this.key.codec.fromJson(name)
      if (k instanceof Problem) return k.at(`[${name}]`)
      const v = this.value.fromJson(j[name])
      if (v instanceof Problem) return v.at(`[${name}]`)
      out.set(k, v)
    }
    return this.check(out)
  }
  toOasisJson(a: ReadonlyMap<K, V>): OasisJson | Problem {
    // O1: Go's encoding/json sorts map keys by their text.
    const entries: Array<readonly [string, OasisJson]> = []
    for (const [k, v] of a) {
      const name = this.key.oasisRender(k)
      if (name instanceof Problem) return name.at(`[${this.key.render(k)}]`)
      const value = this.value.toOasisJson(v)
      if (value instanceof Problem) return value.at(`[${this.key.render(k)}]`)
      entries.push([name, value])
    }
    return objectOf(entries.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)))
  }
  goRead(j: unknown, into: unknown, ctx: GoJsonContext): Map<unknown, readonly [K, unknown]> {
    // O3: Go adds the entries to the map it holds; each value is read fresh, and a key naming a
    // Go key already there replaces its value (OX3 in strict mode).
    if (!isRecord(j)) throw wrongType('an object (map)', j)
    const out = new Map<unknown, readonly [K, unknown]>(into instanceof Map ? (into as Map<unknown, readonly [K, unknown]>) : [])
    const seen = new Set<unknown>()
    for (const [name, raw] of goMembers(j)) {
      if (raw === undefined) continue
      const at = `[${name}]`
      const v = goEntryValue(this.value, raw, ctx, at)
      const k = this.key.oasisParse(name, ctx.strict)
      if (k instanceof Problem) throw k.at(at)
      const id = this.key.byContent ? this.key.render(k) : typeof k === 'bigint' && Number.isSafeInteger(Number(k)) ? Number(k) : k
      if (seen.has(id)) lenient(ctx, 'RepeatedKey', `map key ${JSON.stringify(name)} names a key given before in this object (Go keeps the last value)`, at) // OX3
      seen.add(id)
      out.set(id, [k, v])
    }
    return out
  }
  override goValue(state: unknown): ReadonlyMap<K, V> {
    const out = new Map<K, V>()
    for (const [k, v] of (state as Map<unknown, readonly [K, unknown]>).values()) out.set(k, goEntryFinal(this.value, v) as V)
    return out
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
  /** The entries of `u`: text keys valid (C4.10) and distinct (C4.2), values mapped by `f`. */
  private entries<R>(u: unknown, f: (raw: unknown) => R): Array<readonly [string, R]> {
    const entries = entriesOf(u)
    if (entries === undefined) throw wrongType('a map', u)
    const out: Array<readonly [string, R]> = []
    const seen = new Set<string>()
    for (const [k, raw] of entries) {
      const key = checkText(k)
      if (key instanceof Problem) throw key.at(`[${describeKey(k)}]`)
      if (seen.has(key)) throw new Problem('DuplicateKey', `duplicate map key ${key}`).at(`[${key}]`)
      seen.add(key)
      try {
        out.push([key, f(raw)])
      } catch (e) {
        within(e, `[${key}]`)
      }
    }
    return out
  }
  check(u: unknown): Readonly<Record<string, V>> | Problem {
    try {
      const out: Record<string, V> = {}
      for (const [key, v] of this.entries(u, (raw) => orThrow(this.value.check(raw)))) {
        // defineProperty: a key such as "__proto__" must stay an ordinary entry.
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true })
      }
      return out
    } catch (e) {
      if (e instanceof Problem) return e
      throw e
    }
  }
  override read(c: Cursor): Readonly<Record<string, V>> {
    const start = c.pos
    if (peekByte(c) >> 5 !== 5) return this.readMismatched(c)
    c.pos++
    const count = readLength(c, start)
    const out: Record<string, V> = {}
    // As in MapWire.read: by default `null` keeps the previous key (or value), Go's reused variable.
    let lastKey = ''
    let lastValue: V | undefined
    const depth = c.depth ?? 0
    c.depth = depth + 1
    for (let i = 0; i < count; i++) {
      const keyAt = c.pos
      let k: string
      if (atNil(c)) {
        c.pos++
        k = lastKey
      } else {
        if (c.strict === true) checkKeyKind(c)
        try {
          k = text.read(c)
        } catch (e) {
          return within(e, `[#${i}]`)
        }
      }
      lastKey = k
      if (Object.prototype.hasOwnProperty.call(out, k)) {
        throw new Problem('DuplicateKey', `duplicate map key ${k}`).atOffset(keyAt).at(`[${k}]`)
      }
      let v: V
      try {
        v = readEntryPart(c, this.value, lastValue)
      } catch (e) {
        return within(e, `[${k}]`)
      }
      lastValue = v
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
    }
    c.depth = depth
    return out
  }
  write(u: unknown): CborModel {
    // C1: entries in canonical key order.
    return new Map(this.entries(u, (raw) => this.value.write(raw)).sort((a, b) => canonicalKeyOrder(a[0], b[0])))
  }
  toJson(a: Readonly<Record<string, V>>): Json {
    const out: Record<string, Json> = {}
    for (const k of Object.keys(a).sort(canonicalKeyOrder)) {
      Object.defineProperty(out, k, { value: this.value.toJson(a[k]!), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  fromJson(j: unknown): Readonly<Record<string, V>> | Problem {
    if (!isRecord(j)) return wrongType('an object (map)', j)
    const out = new Map<string, unknown>()
    for (const k of Object.keys(j)) {
      const v = this.value.fromJson(j[k])
      if (v instanceof Problem) return v.at(`[${k}]`)
      out.set(k, v)
    }
    return this.check(out)
  }
  toOasisJson(a: Readonly<Record<string, V>>): OasisJson | Problem {
    const entries: Array<readonly [string, OasisJson]> = []
    for (const k of Object.keys(a).sort()) {
      const value = this.value.toOasisJson(a[k]!)
      if (value instanceof Problem) return value.at(`[${k}]`)
      entries.push([k, value])
    }
    return objectOf(entries)
  }
  goRead(j: unknown, into: unknown, ctx: GoJsonContext): Map<string, unknown> {
    // O3: as MapWire.goRead, keys as Go's strings.
    if (!isRecord(j)) throw wrongType('an object (map)', j)
    const out = new Map<string, unknown>(into instanceof Map ? (into as Map<string, unknown>) : [])
    const seen = new Set<string>()
    for (const [name, raw] of goMembers(j)) {
      if (raw === undefined) continue
      const at = `[${name}]`
      const v = goEntryValue(this.value, raw, ctx, at)
      let k: string
      try {
        k = goString(ctx, name)
      } catch (e) {
        return within(e, at)
      }
      if (seen.has(k)) lenient(ctx, 'RepeatedKey', `map key ${JSON.stringify(name)} given twice in one object (Go keeps the last value)`, at) // OX3
      seen.add(k)
      out.set(k, v)
    }
    return out
  }
  override goValue(state: unknown): ReadonlyMap<string, V> {
    const out = new Map<string, V>()
    for (const [k, v] of state as Map<string, unknown>) out.set(k, goEntryFinal(this.value, v) as V)
    return out
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
