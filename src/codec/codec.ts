/**
 * Bytes ↔ wire values for any {@link Wire} codec: strict reading (C4, CX1–CX6), canonical
 * writing (C1, C3), and the `requireCanonical` option.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { writeCbor } from './cbor.js'
import { type DecodeError, decodeError } from './decodeError.js'
import { locate, readCbor } from './reader.js'
import { Problem, renderPath, type Wire } from './wire.js'

/**
 * Options for decoding.
 *
 * @category decoding
 * @since 0.1.0
 */
export interface DecodeOptions {
  /** CX6: refuse input whose canonical encoding differs from it (one encoding per value). */
  readonly requireCanonical?: boolean
}

/**
 * The failure of encoding: the value is not a valid instance of its wire type. Same tags and
 * rules as {@link DecodeError}; `offset` is always `undefined`.
 *
 * @category errors
 * @since 0.1.0
 */
export type EncodeError = DecodeError

const segmentsOf = (p: Problem): string[] => p.path.map((s) => (s.startsWith('[') ? s.slice(1, -1) : s)).reverse()

const fromProblem = (p: Problem, input: Uint8Array | undefined): DecodeError =>
  decodeError(p.tag, p.message, renderPath(p), input === undefined ? undefined : locate(input, segmentsOf(p)))

const sameBytes = (a: Uint8Array, b: Uint8Array): number => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i
  return a.length === b.length ? -1 : n
}

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
    const item = readCbor(input)
    if (E.isLeft(item)) return item
    const value = codec.check(item.right)
    if (value instanceof Problem) return E.left(fromProblem(value, input))
    if (opts?.requireCanonical === true) {
      const canonical = writeCbor(codec.write(value))
      const at = sameBytes(canonical, input)
      if (at >= 0) {
        return E.left(decodeError('NotCanonical', 'input is not in canonical form (RFC 7049 §3.9, shortest heads, omitempty)', '', at))
      }
    }
    return E.right(value)
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
    const checked = codec.check(value)
    if (checked instanceof Problem) return E.left(fromProblem(checked, undefined))
    return E.right(writeCbor(codec.write(checked)))
  }
