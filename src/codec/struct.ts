/**
 * Go structs on the wire: maps with text keys, unknown fields refused (C4.5), missing fields read
 * as the Go zero value, written in canonical key order with omitempty applied (C1, C3).
 *
 * @since 0.1.0
 */
import { type CborModel, canonicalKeyOrder, writeCbor } from './cbor.js'
import type { CborSink } from './cborSink.js'
import { isRecord, objectOf } from './containers.js'
import { Problem } from './problem.js'
import { atNil, type Cursor, peekByte, readLength, readTextBody, skipUnread } from './reader.js'
import { foldKey, type GoJsonContext, lenient } from './goJson.js'
import { goMembers } from './jsonText.js'
import { describeKey, type Json, type OasisJson, orThrow, Wire, within, wrongType } from './wire.js'

/** ASCII letters folded to lower case (Go's `strings.EqualFold` on the ASCII field names). */
const fold = (x: number): number => (x >= 0x41 && x <= 0x5a ? x | 0x20 : x)

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
  override readonly goStruct = true
  private readonly byKey: ReadonlyMap<string, Field>
  // Field tables by declaration index, for reading bytes without building key strings.
  private readonly names: ReadonlyArray<string>
  // The names as Go's encoding/json folds a key it compares with them (O3).
  private readonly folded: ReadonlyArray<string>
  private readonly codecs: ReadonlyArray<Wire<unknown>>
  private readonly presence: ReadonlyArray<Presence>
  private readonly nameBytes: ReadonlyArray<Uint8Array>
  // Each name as an encoded CBOR text key, for `emit`.
  private readonly keyItems: ReadonlyArray<Uint8Array>
  private readonly canonicalIndex: ReadonlyArray<number>
  private readonly canonicalRank: ReadonlyArray<number>
  private readonly allOmit: boolean
  constructor(
    name: string,
    declared: ReadonlyArray<Field>,
    private readonly open: boolean
  ) {
    super(name)
    // DX2: a sparse field list (a legal ReadonlyArray) declares the fields it holds (`filter`
    // skips holes); a name declared twice is the first declaration.
    const dense = declared.filter(() => true)
    const fields = dense.filter((f, i) => dense.findIndex((g) => g[0] === f[0]) === i)
    this.byKey = new Map(fields.map((f) => [f[0], f]))
    this.names = fields.map((f) => f[0])
    this.folded = this.names.map(foldKey)
    this.codecs = fields.map((f) => f[1])
    this.presence = fields.map((f) => f[2])
    this.nameBytes = this.names.map((k) => new TextEncoder().encode(k))
    this.keyItems = this.names.map((k) => writeCbor(k))
    this.canonicalIndex = this.names.map((_, i) => i).sort((a, b) => canonicalKeyOrder(this.names[a]!, this.names[b]!))
    this.canonicalRank = this.names.map((_, i) => this.canonicalIndex.indexOf(i))
    this.allOmit = fields.every((f) => f[2] !== 'always')
  }
  override get expected(): string {
    return `a map (struct ${this.name})`
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
      const raw = own(src, key)
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
  /** Index of the field whose name equals `b[from, from + len)` ignoring ASCII case, or -1. */
  private fieldAtFolded(b: Uint8Array, from: number, len: number): number {
    for (let index = 0; index < this.names.length; index++) {
      const name = this.nameBytes[index]!
      if (name.length !== len) continue
      let same = true
      for (let i = 0; i < len && same; i++) same = fold(name[i]!) === fold(b[from + i]!)
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
    // Fields named so far (1 by index); a field read as `null` is named but holds no value.
    const found = new Uint8Array(this.names.length)
    // Case-variant keys used so far, by field: a repeat of the same key is a duplicate.
    let variants: Array<string | undefined> | undefined
    // Canonical input lists the fields in canonical order: look for the next one first.
    let hint = 0
    const depth = c.depth ?? 0
    c.depth = depth + 1
    for (let i = 0; i < count; i++) {
      const keyAt = c.pos
      // A non-text key cannot name a field (C4.7).
      if (peekByte(c) >> 5 !== 3) {
        c.pos = start
        c.depth = depth
        if (c.strict === true) return super.read(c)
        skipUnread(c)
        throw new Problem('WrongType', `struct ${this.name} has a non-text key`).atOffset(start)
      }
      c.pos++
      const len = readLength(c, keyAt)
      let index = this.fieldAt(b, c.pos, len, hint)
      let variant: string | undefined
      if (index < 0) {
        const folded = this.fieldAtFolded(b, c.pos, len)
        const key = readTextBody(c, keyAt, len)
        if (folded >= 0 && c.strict === true) {
          // CX2 (strict): exact names only.
          throw new Problem('CaseVariantKey', `key ${JSON.stringify(key)} differs from the field name ${JSON.stringify(this.names[folded])} in letter case`)
            .atOffset(keyAt)
            .at(key)
        }
        // C4.5; by default a key naming a field in another letter case is that field (CX2).
        if (folded < 0) throw new Problem('UnknownField', `unknown field ${JSON.stringify(key)} in ${this.name}`).atOffset(keyAt).at(key)
        index = folded
        variant = key
      } else c.pos += len
      hint = this.canonicalRank[index]! + 1
      const key = variant ?? this.names[index]!
      if (found[index] === 1) {
        // C4.2 for the same key twice; another spelling of a field already named is unknown.
        const same = variant === (variants?.[index] ?? undefined)
        throw new Problem(same ? 'DuplicateKey' : 'UnknownField', same ? `duplicate map key ${JSON.stringify(key)}` : `unknown field ${JSON.stringify(key)} in ${this.name} (field ${JSON.stringify(this.names[index])} is already set)`)
          .atOffset(keyAt)
          .at(key)
      }
      found[index] = 1
      if (variant !== undefined) (variants ??= [])[index] = variant
      // Default: `null` (or `undefined`) leaves the field as Go has it: zero, or nil (CX4).
      if (atNil(c)) {
        c.pos++
        continue
      }
      try {
        values[index] = this.codecs[index]!.read(c)
      } catch (e) {
        within(e, key)
      }
    }
    c.depth = depth
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
      if (typeof k !== 'string') return new Problem('WrongType', `struct ${this.name} has a non-text key ${describeKey(k)}`)
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
      const v = own(src, key)
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
  // `write` field by field, straight to bytes: same order, same checks, same problems.
  override emit(u: unknown, sink: CborSink): void {
    const src = orThrow(this.fieldsOf(u))
    const at = sink.openMap()
    const order = this.canonicalIndex
    let seen = 0
    let count = 0
    for (let j = 0; j < order.length; j++) {
      const index = order[j]!
      const codec = this.codecs[index]!
      const v = own(src, this.names[index]!)
      if (v === undefined) {
        if (this.presence[index] !== 'always') continue
        sink.raw(this.keyItems[index]!)
        codec.emit(codec.zero(), sink)
        count++
        continue
      }
      seen++
      if (this.presence[index] === 'omitempty' && codec.isEmpty(v)) continue
      sink.raw(this.keyItems[index]!)
      try {
        codec.emit(v, sink)
      } catch (e) {
        within(e, this.names[index]!)
      }
      count++
    }
    const unknown = this.unknownField(src, seen)
    if (unknown !== undefined) throw unknown
    sink.closeMap(at, count)
  }
  /** C4.5: the first key of `src` that names no field, when `src` has more keys than `seen`. */
  private unknownField(src: Record<string, unknown>, seen: number): Problem | undefined {
    let present = 0
    for (const k of Object.keys(src)) if (src[k] !== undefined) present++
    if (present === seen) return undefined
    for (const k of Object.keys(src)) {
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
      const v = own(src, this.names[i]!)
      if (v !== undefined) out[this.names[i]!] = this.codecs[i]!.toJson(v)
    }
    return out
  }
  /**
   * The library's JSON object read field by field, then checked; an unknown key is kept as it is,
   * for `check` to refuse by name (C4.5).
   */
  fromJson(j: unknown): A | Problem {
    if (!isRecord(j)) return wrongType(`an object (struct ${this.name})`, j)
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(j)) {
      const index = this.names.indexOf(k)
      if (index < 0) {
        Object.defineProperty(out, k, { value: j[k], enumerable: true, writable: true, configurable: true })
        continue
      }
      const codec = this.codecs[index]!
      if (j[k] === undefined) continue
      const v = codec.fromJson(j[k])
      if (v instanceof Problem) return v.at(k)
      out[k] = v
    }
    return this.check(out)
  }
  toOasisJson(a: A): OasisJson | Problem {
    const src = a as Record<string, unknown>
    const entries: Array<readonly [string, OasisJson]> = []
    for (let i = 0; i < this.names.length; i++) {
      const codec = this.codecs[i]!
      const presence = this.presence[i]!
      let v = own(src, this.names[i]!)
      // O1: encoding/json writes the fields in declaration order and leaves out a nil pointer and
      // an empty omitempty field, but never a struct held by value.
      if (v === undefined || v === null) {
        if (presence === 'pointer' || (presence === 'omitempty' && !codec.goStruct)) continue
        v ??= codec.zero()
      } else if (presence === 'omitempty' && !codec.goStruct && codec.isEmpty(v)) continue
      const r = codec.toOasisJson(v)
      if (r instanceof Problem) return r.at(this.names[i]!)
      entries.push([this.names[i]!, r])
    }
    return objectOf(entries)
  }
  /**
   * O3: Go's encoding/json reading a JSON object into the struct it holds, member by member in
   * text order: a key names the field of that name, or else the first field whose name it equals
   * folded (OX2 in strict mode); a key naming no field is skipped unread (OX1); a field named
   * again is read again into what it holds, so a struct, map or pointer merges and anything else
   * is replaced (OX3); `null` makes a pointer, slice or map nil and leaves anything else as it was.
   */
  goRead(j: unknown, into: unknown, ctx: GoJsonContext): unknown[] {
    if (!isRecord(j)) throw wrongType(`an object (struct ${this.name})`, j)
    const state: unknown[] = Array.isArray(into) ? [...(into as unknown[])] : new Array(this.names.length).fill(undefined)
    const named = new Uint8Array(this.names.length)
    for (const [key, v] of goMembers(j)) {
      // A caller's `undefined` is no member at all.
      if (v === undefined) continue
      let index = this.names.indexOf(key)
      if (index < 0) {
        index = this.folded.indexOf(foldKey(key))
        if (index < 0) {
          if (!this.open) lenient(ctx, 'IgnoredKey', `key ${JSON.stringify(key)} names no field of ${this.name} (Go ignores it)`, key) // OX1
          continue
        }
        lenient(ctx, 'CaseFoldedKey', `key ${JSON.stringify(key)} names the field ${JSON.stringify(this.names[index])} only in another letter case (Go takes it)`, key) // OX2
      }
      if (named[index] === 1) lenient(ctx, 'RepeatedKey', `field ${JSON.stringify(this.names[index])} is named twice in one object (Go reads both, the last over the first)`, key) // OX3
      named[index] = 1
      const codec = this.codecs[index]!
      if (v === null) {
        if (codec.nilable || this.presence[index] === 'pointer') state[index] = null
        continue
      }
      const old = state[index]
      try {
        state[index] = codec.goRead(v, old === null ? undefined : old, ctx)
      } catch (e) {
        within(e, key)
      }
    }
    return state
  }
  override goValue(state: unknown): A {
    const s = state as unknown[]
    const out: Record<string, unknown> = {}
    for (let i = 0; i < this.names.length; i++) {
      const v = s[i]
      if (v === undefined) continue
      // Go's nil: written `null` where not omitempty, left out otherwise.
      if (v === null) {
        if (this.presence[i] === 'always') out[this.names[i]!] = this.codecs[i]!.zero()
        continue
      }
      out[this.names[i]!] = this.codecs[i]!.goValue(v)
    }
    return out as A
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
      const v = own(src, this.names[i]!)
      if (v === undefined) continue
      if (this.presence[i] !== 'omitempty' || !this.codecs[i]!.isEmpty(v)) return false
      present++
    }
    // An unknown key makes the value invalid, never empty.
    return this.unknownField(src, present) === undefined
  }

}

// A field is an own property: an inherited one (`toString` of every object) is no field value.
const own = (src: Record<string, unknown>, key: string): unknown => (Object.hasOwn(src, key) ? src[key] : undefined)

/**
 * A Go struct as a map with text keys: unknown fields rejected (C4.5), missing fields read as
 * the Go zero value, written in canonical key order with omitempty applied (C1, C3). With
 * `{ open: true }`, reading oasis-node's JSON skips a key naming no field in strict mode too (a
 * document of which only some sections are read, O5).
 * @example
 * const VersionCodec = struct<Version>('Version', [['major', u16, 'omitempty'], ['minor', u16, 'omitempty'], ['patch', u16, 'omitempty']])
 * @category combinators
 * @since 0.1.0
 */
export const struct = <A>(name: string, fields: ReadonlyArray<Field>, options?: { readonly open?: boolean }): Wire<A> =>
  new StructWire<A>(name, fields, options?.open === true)
