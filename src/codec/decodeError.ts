/**
 * Typed decoding failures. Every member names the rule of `spec/codec.md` it enforces, says what
 * was wrong in one line, and where: the field path and, when the input was bytes, the byte offset.
 *
 * @since 0.1.0
 */
import type { Refusal, RefusalUnion } from './refusal.js'

/**
 * The rule each decoding failure enforces (ids of `spec/codec.md`).
 *
 * @category errors
 * @since 0.1.0
 */
export const DECODE_ERROR_RULES = {
  Truncated: 'C4.1',
  MalformedItem: 'C4.1',
  DuplicateKey: 'C4.2',
  IndefiniteLength: 'C4.3',
  TagNotAllowed: 'C4.4',
  UnknownField: 'C4.5',
  TooManyItems: 'C4.6',
  NestingTooDeep: 'C4.6',
  WrongType: 'C4.7',
  FloatNotAllowed: 'C4.7',
  IntegerOutOfRange: 'C4.8',
  WrongByteLength: 'C4.9',
  InvalidUtf8: 'C4.10',
  InvalidNamespace: 'C4.11',
  UnsupportedVersion: 'C4.12',
  TrailingBytes: 'CX1',
  CaseVariantKey: 'CX2',
  SimpleValueNotAllowed: 'CX3',
  NullNotAllowed: 'CX4',
  UnsupportedKey: 'CX5',
  NotCanonical: 'CX6',
  BytesAsArray: 'CX7',
  QuantityAsMap: 'CX8',
  InexactByteLength: 'CX9',
  NoTextForm: 'O1',
  UnknownName: 'O2',
  IgnoredKey: 'OX1',
  CaseFoldedKey: 'OX2',
  RepeatedKey: 'OX3',
  LenientQuantity: 'OX4',
  LenientIntegerKey: 'OX5',
  LenientByteText: 'OX6',
  InexactByteArray: 'OX7',
  BytesAsNumbers: 'OX8',
  NullAsZero: 'OX9',
  LoneSurrogate: 'OX10'
} as const

/**
 * The `_tag` of a {@link DecodeError}.
 *
 * @category errors
 * @since 0.1.0
 */
export type DecodeErrorTag = keyof typeof DECODE_ERROR_RULES

/**
 * What every decoding failure carries besides its tag, rule and message: where it happened.
 *
 * @category errors
 * @since 0.1.0
 */
export interface DecodeErrorLocation {
  /** Field path from the top-level value, e.g. `deployments[1].valid_from`; `''` for the root. */
  readonly path: string
  /** Byte offset of the offending item in the input, when the input was bytes. */
  readonly offset: number | undefined
}

/**
 * The data of each decoding failure, by tag: its location.
 *
 * @category errors
 * @since 0.1.0
 */
export type DecodeErrorData = { readonly [T in DecodeErrorTag]: DecodeErrorLocation }

/**
 * Why a byte string or a value is not a valid instance of a wire type.
 *
 * @example
 * import { decodeRuntime } from 'runtime-deployments'
 * const r = decodeRuntime(Uint8Array.of(0x9f))
 * // r.left._tag === 'IndefiniteLength', r.left.rule === 'C4.3', r.left.offset === 0
 *
 * @category errors
 * @since 0.1.0
 */
export type DecodeError = RefusalUnion<typeof DECODE_ERROR_RULES, DecodeErrorData>

/**
 * Build a {@link DecodeError}; the rule is looked up from the tag so the two never disagree. The
 * message is the caller's: decoding failures are worded where they are found.
 *
 * @example
 * const e = decodeError('DuplicateKey', 'duplicate map key "id"', 'genesis', 12)
 * // e.rule === 'C4.2'
 *
 * @category constructors
 * @since 0.1.0
 */
export const decodeError = <T extends DecodeErrorTag>(
  tag: T,
  message: string,
  path: string,
  offset: number | undefined
): DecodeError =>
  ({ _tag: tag, rule: DECODE_ERROR_RULES[tag], message, path, offset }) as Refusal<typeof DECODE_ERROR_RULES, DecodeErrorData, T> as DecodeError
