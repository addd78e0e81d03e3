/**
 * Go structs on the wire: maps with text keys, unknown fields refused (C4.5), missing fields read
 * as the Go zero value, written in canonical key order with omitempty applied (C1, C3).
 *
 * @since 0.1.0
 */
import { type CborModel, canonicalKeyOrder } from './cbor.js'
import { isRecord } from './containers.js'
import { Problem } from './problem.js'
import { type Cursor, peekByte, readLength, readTextBody } from './reader.js'
import { type Json, orThrow, Wire, within, wrongType } from './wire.js'

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
    if (peekByte(c) >> 5 !== 5) return this.readMismatched(c)
    c.pos++
    const count = readLength(c, start)
    const values: unknown[] = new Array(this.names.length)
    // Canonical input lists the fields in canonical order: look for the next one first.
    let hint = 0
    for (let i = 0; i < count; i++) {
      const keyAt = c.pos
      // A non-text key cannot name a field: the generic path reports it as C4.7.
      if (peekByte(c) >> 5 !== 3) {
        c.pos = start
        return super.read(c)
      }
      c.pos++
      const len = readLength(c, keyAt)
      const index = this.fieldAt(b, c.pos, len, hint)
      if (index < 0) {
        // C4.5 / CX2: exact names only; no case-insensitive fallback.
        const key = readTextBody(c, keyAt, len)
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
  toJson(a: A): Json {
    const src = a as Record<string, unknown>
    const out: Record<string, Json> = {}
    for (let i = 0; i < this.names.length; i++) {
      const v = src[this.names[i]!]
      if (v !== undefined) out[this.names[i]!] = this.codecs[i]!.toJson(v)
    }
    return out
  }
  fromJson(j: unknown): A | Problem {
    if (!isRecord(j)) return wrongType(`an object (struct ${this.name})`, j)
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(j)) {
      const index = this.names.indexOf(k)
      // An unknown key is kept as it is, for `check` to refuse by name (C4.5).
      if (index < 0) {
        Object.defineProperty(out, k, { value: j[k], enumerable: true, writable: true, configurable: true })
        continue
      }
      if (j[k] === undefined) continue
      const v = this.codecs[index]!.fromJson(j[k])
      if (v instanceof Problem) return v.at(k)
      out[k] = v
    }
    return this.check(out)
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
    if (src instanceof Problem) return false
    let present = 0
    for (let i = 0; i < this.names.length; i++) {
      const v = src[this.names[i]!]
      if (v === undefined) continue
      if (this.presence[i] !== 'omitempty' || !this.codecs[i]!.isEmpty(v)) return false
      present++
    }
    // An unknown key makes the value invalid, never empty.
    return this.unknownField(src, present) === undefined
  }

}

/**
 * A Go struct as a map with text keys: unknown fields rejected (C4.5), missing fields read as
 * the Go zero value, written in canonical key order with omitempty applied (C1, C3).
 * @example
 * const VersionCodec = struct<Version>('Version', [['major', u16, 'omitempty'], ['minor', u16, 'omitempty'], ['patch', u16, 'omitempty']])
 * @category combinators
 * @since 0.1.0
 */
export const struct = <A>(name: string, fields: ReadonlyArray<Field>): Wire<A> => new StructWire<A>(name, fields)
