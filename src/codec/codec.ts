/**
 * Bytes ↔ wire values for any {@link Wire} codec: reading as oasis-core reads (C4), or in strict
 * mode (CX1–CX9), canonical writing (C1, C3), and the `requireCanonical` option (CX6).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { describeThrown } from '../internal/text.js'
import { CborSink } from './cborSink.js'
import { type DecodeError, decodeError } from './decodeError.js'
import { atNil, type Cursor, trailingBytes } from './reader.js'
import { Problem, renderPath } from './problem.js'
import type { Json, OasisJson, Wire } from './wire.js'

/**
 * Options for decoding.
 *
 * @category decoding
 * @since 0.1.0
 */
export interface DecodeOptions {
  /** CX6: refuse input whose canonical encoding differs from it (one encoding per value). */
  readonly requireCanonical?: boolean
  /**
   * Refuse every leniency of oasis-core's decoder (CX1–CX5, CX7–CX9 of `spec/codec.md`):
   * trailing bytes, case-variant keys, simple values, `null` where Go's encoder never writes it,
   * odd map keys, byte strings sent as arrays, quantities sent as maps, TDX fields of another
   * length. Without it (the default), decoding accepts and refuses exactly what oasis-core's
   * decoder does and returns the value Go holds. Bytes written by real Oasis encoders decode the
   * same either way.
   */
  readonly strict?: boolean
}

/**
 * The failure of encoding: the value is not a valid instance of its wire type. Same tags and
 * rules as {@link DecodeError}; `offset` is always `undefined`.
 *
 * @category errors
 * @since 0.1.0
 */
export type EncodeError = DecodeError

const fromProblem = (p: Problem): DecodeError => decodeError(p.tag, p.message, renderPath(p), p.offset)

const sameBytes = (a: Uint8Array, b: Uint8Array): number => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i
  return a.length === b.length ? -1 : n
}

// One sink serves every call; a call made while it is in use (from a getter of the value being
// encoded) gets a sink of its own.
let idle: CborSink | undefined = new CborSink()

/** `finish` of a sink holding the canonical bytes of `value` (C1); throws the first Problem `codec.emit` meets. */
const withEmitted = <A, B>(codec: Wire<A>, value: unknown, finish: (sink: CborSink) => B): B => {
  const sink = idle ?? new CborSink()
  idle = undefined
  try {
    codec.emit(value, sink)
    return finish(sink)
  } finally {
    sink.reset()
    // A sink grown past 1 MiB by one large value is let go rather than kept.
    if (sink.capacity <= 1 << 20) idle = sink
  }
}

const taken = (sink: CborSink): Uint8Array => sink.take()

/**
 * Decode bytes as a value of `codec`: never throws, for any byte string.
 *
 * @example
 * decodeWith(VersionCodec)(Uint8Array.of(0xa1, 0x65, 0x6d, 0x61, 0x6a, 0x6f, 0x72, 0x01)) // right({ major: 1 })
 *
 * @category decoding
 * @since 0.1.0
 */
export const decodeWith =
  <A>(codec: Wire<A>) =>
  (input: Uint8Array, opts?: DecodeOptions): E.Either<DecodeError, A> => {
    // Read straight from the bytes: every structural rule is checked where the reader meets the
    // item (C4.1, C4.3, C4.4, C4.6, C4.7, C4.10; in strict mode also CX3, CX5), then, in strict
    // mode, the trailing bytes (CX1; oasis-core ignores them).
    const strict = opts?.strict === true
    const c: Cursor = { bytes: input, pos: 0, strict, depth: 0 }
    let value: A
    try {
      if (atNil(c)) {
        // Default: a top-level `null` or `undefined` leaves Go's value at zero (CX3, CX4).
        c.pos++
        value = codec.zero()
      } else value = codec.read(c)
    } catch (e) {
      if (e instanceof Problem) return E.left(fromProblem(e))
      // A host failure (e.g. stack exhaustion) is not a decoding verdict; report it without throwing.
      return E.left(decodeError('MalformedItem', `unreadable input: ${describeThrown(e)}`, '', undefined))
    }
    if (strict && c.pos !== input.length) return E.left(trailingBytes(c))
    if (opts?.requireCanonical === true) {
      // A value read by default leniencies may not write (e.g. a byte array read element by
      // element into a codec whose size is no integer): then it has no canonical form.
      let at: number
      try {
        at = withEmitted(codec, value, (sink) => sameBytes(sink.view(), input))
      } catch (e) {
        if (e instanceof Problem) return E.left(fromProblem(e))
        return E.left(decodeError('NotCanonical', `the value read has no canonical form: ${describeThrown(e)}`, '', undefined))
      }
      if (at >= 0) {
        return E.left(decodeError('NotCanonical', 'input is not in canonical form (RFC 7049 §3.9, shortest heads, omitempty)', '', at))
      }
    }
    return E.right(value)
  }

/**
 * `use` applied to the canonical CBOR of a value of `codec` (as {@link encodeWith} writes it),
 * lending the bytes instead of copying them: they are valid only while `use` runs, which must
 * not keep them. For digests of encodings; never throws when `use` does not.
 *
 * @example
 * import { sha512_256 } from '@noble/hashes/sha2.js'
 * encodeThen(VersionCodec, sha512_256)({ major: 1 }) // right(the hash of a1 656d616a6f72 01)
 *
 * @category encoding
 * @since 0.1.0
 */
export const encodeThen =
  <A, B>(codec: Wire<A>, use: (bytes: Uint8Array) => B) =>
  (value: A): E.Either<EncodeError, B> => {
    try {
      return E.right(withEmitted(codec, value, (sink) => use(sink.view())))
    } catch (e) {
      if (e instanceof Problem) return E.left(fromProblem(e))
      return E.left(decodeError('WrongType', `value cannot be encoded: ${describeThrown(e)}`, '', undefined))
    }
  }

/**
 * Encode a value of `codec` to canonical CBOR, after checking it is a valid wire value
 * (ranges, byte lengths, exact integers); never throws.
 *
 * @example
 * encodeWith(VersionCodec)({ major: 44, patch: 1 }) // right(a2 656d616a6f72 182c 65706174636801)
 *
 * @category encoding
 * @since 0.1.0
 */
export const encodeWith =
  <A>(codec: Wire<A>) =>
  (value: A): E.Either<EncodeError, Uint8Array> => {
    try {
      return E.right(withEmitted(codec, value, taken))
    } catch (e) {
      if (e instanceof Problem) return E.left(fromProblem(e))
      return E.left(decodeError('WrongType', `value cannot be encoded: ${describeThrown(e)}`, '', undefined))
    }
  }

/**
 * The JSON form of a value of `codec` (bytes as hex, large integers as decimal strings, maps as
 * objects keyed by decimal integers or hex), after checking it; never throws.
 *
 * @example
 * toJsonWith(VersionInfoCodec)({ version: { major: 1 }, valid_from: 2n ** 60n })
 * // right({ version: { major: 1 }, valid_from: '1152921504606846976' })
 *
 * @category json
 * @since 0.1.0
 */
export const toJsonWith =
  <A>(codec: Wire<A>) =>
  (value: A): E.Either<EncodeError, Json> => {
    const checked = codec.check(value)
    return checked instanceof Problem ? E.left(fromProblem(checked)) : E.right(codec.toJson(checked))
  }

/**
 * Read the JSON form of a value of `codec` (as `JSON.parse` returns it) and check it; never throws.
 *
 * @example
 * fromJsonWith(VersionInfoCodec)({ version: { major: 1 }, valid_from: '1152921504606846976' })
 * // right({ version: { major: 1 }, valid_from: 1152921504606846976n })
 *
 * @category json
 * @since 0.1.0
 */
export const fromJsonWith =
  <A>(codec: Wire<A>) =>
  (json: unknown): E.Either<DecodeError, A> => {
    const r = codec.fromJson(json)
    return r instanceof Problem ? E.left(fromProblem(r)) : E.right(r)
  }

/**
 * oasis-node's JSON form of a value of `codec` (O1), after checking it: what Go's
 * `encoding/json` writes for the value oasis-core holds, integers beyond 2^53 − 1 as `bigint`
 * (see `formatExactJson` for the text). Refused with `NoTextForm` where Go's marshaller fails or
 * writes a text it cannot read back; never throws.
 *
 * @example
 * toOasisJsonWith(VersionInfoCodec)({ version: { major: 1 }, valid_from: 2n ** 60n, tee: Uint8Array.of(1) })
 * // right({ version: { major: 1 }, valid_from: 1152921504606846976n, tee: 'AQ==' })
 *
 * @category json
 * @since 0.1.0
 */
export const toOasisJsonWith =
  <A>(codec: Wire<A>) =>
  (value: A): E.Either<EncodeError, OasisJson> => {
    const checked = codec.check(value)
    if (checked instanceof Problem) return E.left(fromProblem(checked))
    const json = codec.toOasisJson(checked)
    return json instanceof Problem ? E.left(fromProblem(json)) : E.right(json)
  }

/**
 * Read oasis-node's JSON form of a value of `codec` and check it; never throws. By default as
 * Go's `encoding/json` reads it into oasis-core's type (O2, O3): keys in any letter case, unknown
 * keys skipped, repeated keys read again, quantities and keys in every form Go reads; with
 * `{ strict: true }` each of those is refused with its rule (OX1–OX10). `json` is what
 * `parseExactJson(text, { repeatedKeys: 'keep' })` returns (what Go reads of the text: repeated
 * keys, numbers with a fraction), or `JSON.parse` where no integer exceeds 2^53 − 1.
 *
 * @example
 * fromOasisJsonWith(VersionInfoCodec)({ version: { major: 1 }, valid_from: 5, tee: 'AQ==' })
 * // right({ version: { major: 1 }, valid_from: 5, tee: Uint8Array [1] })
 * fromOasisJsonWith(VersionInfoCodec)({ Version: { major: 1 } }, { strict: true }) // left: CaseFoldedKey (OX2)
 *
 * @category json
 * @since 0.1.0
 */
export const fromOasisJsonWith =
  <A>(codec: Wire<A>) =>
  (json: unknown, options?: DecodeOptions): E.Either<DecodeError, A> => {
    const r = codec.fromOasisJson(json, { strict: options?.strict === true })
    return r instanceof Problem ? E.left(fromProblem(r)) : E.right(r)
  }
