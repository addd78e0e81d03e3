/**
 * The base of every Oasis wire type. A {@link Wire} codec is an io-ts `Type<A, CborModel>`:
 * `decode` checks a value (from the CBOR reader, or built by a caller) and returns it in its
 * normal form; `encode` turns a value into the canonical {@link CborModel} — keys in RFC 7049
 * order, omitempty applied exactly as oasis-core's Go encoder does (C3); `read` decodes straight
 * from bytes. The concrete types live in `scalars.ts`, `containers.ts` and `struct.ts`.
 *
 * Checks allocate nothing on success: a failure is a {@link Problem} whose path is assembled
 * while it travels back up, and only then turned into io-ts errors or a `DecodeError`.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as t from 'io-ts'
import type { CborModel } from './cbor.js'
import type { CborSink } from './cborSink.js'
import { describeThrown } from '../internal/text.js'
import { DECODE_ERROR_RULES } from './decodeError.js'
import { type GoJsonContext, lenient } from './goJson.js'
import { Problem, renderPath } from './problem.js'
import { type Cursor, peekByte, readGeneric, readLength, readTextBody, skipGeneric, skipUnread } from './reader.js'

/**
 * A wire type: an io-ts codec that also reads itself from bytes, knows its Go zero value,
 * whether Go can hold `nil` for it, and when omitempty treats it as empty (C3).
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
   * Read a value of this type from the bytes at the cursor. Throws a {@link Problem} carrying
   * its offset. In strict mode the result is the same as reading the generic value there and
   * checking it; by default it is the value oasis-core's decoder holds after reading the same
   * bytes into the Go type (simple values as integers, byte strings as arrays, …). Types override
   * this with a direct path for the CBOR types they take and fall back to {@link readMismatched}.
   * `null` and `undefined` are read by the enclosing container or the top level (see `atNil`),
   * since what Go holds for them depends on where they stand.
   */
  read(c: Cursor): A {
    return this.readAny(c)
  }
  /** Read the generic value at the cursor and check it: the strict behaviour of {@link read}. */
  protected readAny(c: Cursor): A {
    const start = c.pos
    return orThrow(this.check(readGeneric(c)), start)
  }
  /**
   * {@link read} for an item whose CBOR type the caller's direct path does not take.
   *
   * By default (oasis-core's decoder), such an item is refused whatever it holds: it is checked
   * as upstream checks any item before reading it (`skipUnread`) and refused for its type (C4.7),
   * without being built.
   *
   * In strict mode, an array or a map that this type refuses whatever it holds (its `check`
   * refuses the empty one with the same message) is checked by `skipGeneric` and refused without
   * being built (C4.6: refusing costs no more than its keys); anything else is read generically.
   */
  protected readMismatched(c: Cursor): A {
    const start = c.pos
    const major = peekByte(c) >> 5
    if (c.strict !== true) {
      const ib = c.bytes[start]!
      if (major === 3) {
        // Upstream reads text (C4.10) before it finds it of the wrong type.
        c.pos++
        readTextBody(c, start, readLength(c, start))
      } else skipUnread(c)
      if (ib >= 0xf9 && ib <= 0xfb) throw new Problem('FloatNotAllowed', 'floating-point values are not allowed').atOffset(start) // C4.7
      throw new Problem('WrongType', `expected ${this.expected}, got ${describeHead(ib)}`).atOffset(start) // C4.7
    }
    if (major === 4 || major === 5) {
      const refused = this.check(major === 4 ? [] : new Map())
      if (refused instanceof Problem) {
        skipGeneric(c)
        throw refused.atOffset(start)
      }
    }
    return this.readAny(c)
  }
  /** What this type is called in "expected …, got …" messages. */
  get expected(): string {
    return this.name
  }
  /**
   * True when Go's type is a boolean, an integer or a string: a Go map reuses one variable of
   * such a type for every key (or value) it reads, so `null` there keeps the previous entry's
   * key (or value) instead of the zero value (fxamacker v2.4.0 `parseMapToMap`).
   */
  readonly goScalar: boolean = false
  /**
   * The canonical CBOR model of `u`, checking it on the way exactly as {@link check} does;
   * throws the first {@link Problem} (callers outside the codec use `encodeWith`).
   */
  abstract write(u: unknown): CborModel
  /**
   * Check `u` exactly as {@link write} does and write its canonical bytes to `sink`: the bytes
   * `writeCbor(this.write(u))` gives, or the same {@link Problem} thrown (C1). Types on the
   * descriptors' paths write their items directly; the rest write their model.
   */
  emit(u: unknown, sink: CborSink): void {
    sink.model(this.write(u))
  }
  /**
   * The JSON form of a value (see `Json`): integers as numbers, or decimal strings beyond 2^53 - 1;
   * byte strings as lower-case hex; maps as objects keyed by decimal integers or hex.
   */
  abstract toJson(a: A): Json
  /** Read the JSON form back and check it; a Problem names what is wrong and where. */
  abstract fromJson(j: unknown): A | Problem
  /**
   * oasis-node's JSON form of a checked value (O1 of `spec/codec.md`): what Go's `encoding/json`
   * writes for the Go type, with oasis-core's `MarshalText` methods (names for enumerations,
   * base64 public keys, decimal quantities); integers beyond 2^53 − 1 as `bigint`. A Problem
   * where Go's marshaller fails (an enumeration value without a name).
   */
  abstract toOasisJson(a: A): OasisJson | Problem
  /**
   * Read oasis-node's JSON form and check the value; a Problem names what is wrong and where. By
   * default as Go's `encoding/json` reads it into oasis-core's type (O2, O3); with `strict`,
   * refusing each leniency of Go's with its OX rule. `j` is a value as `parseExactJson` returns
   * it (which keeps what Go needs of the text: repeated keys in order, numbers with a fraction),
   * or as `JSON.parse` does.
   */
  fromOasisJson(j: unknown, options?: { readonly strict?: boolean }): A | Problem {
    const ctx: GoJsonContext = { strict: options?.strict === true }
    try {
      if (j === null) {
        // Go leaves a variable it reads `null` into as it is: here, the zero value.
        lenient(ctx, 'NullAsZero', 'null for the whole value (Go leaves it at its zero value)') // OX9
        return this.check(this.zero())
      }
      return this.check(this.goValue(this.goRead(j, undefined, ctx)))
    } catch (e) {
      if (e instanceof Problem) return e
      // A host failure (e.g. stack exhaustion) is not a verdict on the JSON; report it without throwing.
      return new Problem('WrongType', `unreadable JSON value: ${describeThrown(e)}`)
    }
  }
  /**
   * O3: what a Go variable of this type holds after `encoding/json` reads the JSON value `j` (not
   * `null`, which the container decides on) into it while it held `into` (`undefined`: the zero
   * value). Throws a {@link Problem}. The state is this type's value, except where Go keeps more
   * (a slice's capacity, a map's entries by Go key); {@link goValue} turns it into the value.
   */
  abstract goRead(j: unknown, into: unknown, ctx: GoJsonContext): unknown
  /** The value of a state {@link goRead} returned (not yet checked). */
  goValue(state: unknown): unknown {
    return state
  }
  /**
   * True when Go's type is a struct held by value (`quantity.Quantity` included): Go's
   * `encoding/json` never leaves such a field out, omitempty or not (O1).
   */
  readonly goStruct: boolean = false
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
 * A JSON value, as `JSON.parse` returns and `JSON.stringify` accepts.
 *
 * @category model
 * @since 0.1.0
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/**
 * A value in oasis-node's JSON form (O1): like {@link Json}, with integers beyond 2^53 − 1 as
 * `bigint` (Go writes them as bare JSON numbers, which `JSON.parse` would round).
 *
 * @category model
 * @since 0.1.0
 */
export type OasisJson = null | boolean | number | bigint | string | ReadonlyArray<OasisJson> | { readonly [key: string]: OasisJson }

/**
 * Return a checked value, or throw its problem (located at `offset` when reading bytes).
 *
 * @example
 * orThrow(u16.check(5), 0) // 5
 *
 * @category utils
 * @since 0.1.0
 */
export const orThrow = <A>(r: A | Problem, offset?: number): A => {
  if (r instanceof Problem) throw offset === undefined ? r : r.atOffset(offset)
  return r
}

/**
 * Re-throw a problem from inside a container with the container's path segment prefixed.
 *
 * @example
 * try { item.read(c) } catch (e) { within(e, '[0]') }
 *
 * @category utils
 * @since 0.1.0
 */
export const within = (e: unknown, segment: string): never => {
  throw e instanceof Problem ? e.at(segment) : e
}

/**
 * The CBOR type of an item, from its initial byte, as messages name it.
 *
 * @example
 * describeHead(0xe1) // 'the simple value 1'
 *
 * @category utils
 * @since 0.1.0
 */
export const describeHead = (ib: number): string => {
  switch (ib >> 5) {
    case 0:
      return 'an unsigned integer'
    case 1:
      return 'a negative integer'
    case 2:
      return 'a byte string'
    case 3:
      return 'a text string'
    case 4:
      return 'an array'
    case 5:
      return 'a map'
    case 6:
      return 'a tag'
    default:
      return ib === 0xf4 || ib === 0xf5 ? 'a boolean' : ib === 0xf6 ? 'null' : ib === 0xf7 ? 'undefined' : ib >= 0xf9 ? 'a float' : `a simple value`
  }
}

/** What a value is, in the words of a refusal; never converts an object (DX2: any value). */
const describe = (u: unknown): string =>
  u === null
    ? 'null'
    : u === undefined
      ? 'nothing'
      : u instanceof Uint8Array
        ? 'a byte string'
        : Array.isArray(u)
          ? 'an array'
          : typeof u === 'object'
            ? 'a map'
            : typeof u === 'string'
              ? 'a text string'
              : typeof u === 'boolean'
                ? 'a boolean'
                : typeof u === 'function'
                  ? 'a function'
                  : `${typeof u} ${String(u)}`

/**
 * A map key as a path segment names it: text quoted, integers in decimal, bytes as `h'…'`, and
 * anything else by what it is (never through `String`, which throws for some objects).
 */
export const describeKey = (k: unknown): string =>
  typeof k === 'string'
    ? JSON.stringify(k)
    : typeof k === 'number' || typeof k === 'bigint'
      ? String(k)
      : k instanceof Uint8Array
        ? `h'${bytesToHex(k)}'`
        : describe(k)

/**
 * The problem for a value of the wrong kind: `null` gets its own tag (CX4), the rest `WrongType`.
 *
 * @example
 * wrongType('uint16', 'x').tag // 'WrongType'
 *
 * @category constructors
 * @since 0.1.0
 */
export const wrongType = (expected: string, u: unknown): Problem =>
  u === null
    ? new Problem('NullNotAllowed', `null is not allowed here (expected ${expected})`)
    : new Problem('WrongType', `expected ${expected}, got ${describe(u)}`)
