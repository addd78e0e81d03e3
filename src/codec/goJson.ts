/**
 * Reading oasis-node's JSON as Go's `encoding/json` reads it into oasis-core's types (O3 of
 * `spec/codec.md`): what every codec's `goRead` shares — the reading context (strict or not),
 * Go's key folding, Go's text of strings, and the text forms of `math/big`, `encoding/base64` and
 * `encoding/hex` as oasis-core's `UnmarshalText` methods call them.
 *
 * @since 0.1.0
 */
import { fromBase64, fromHex } from '../internal/bytes.js'
import type { DecodeErrorTag } from './decodeError.js'
import { Problem } from './problem.js'

/**
 * How oasis-node's JSON is being read: as Go reads it, or (`strict`) refusing each leniency of
 * Go's with its OX rule.
 *
 * @category json
 * @since 0.1.0
 */
export interface GoJsonContext {
  readonly strict: boolean
}

/**
 * Throw the strict-mode refusal `tag` (an OX rule) when reading strictly; do nothing otherwise.
 *
 * @example
 * lenient({ strict: true }, 'IgnoredKey', 'key "x" names no field') // throws Problem IgnoredKey
 *
 * @category json
 * @since 0.1.0
 */
export const lenient = (ctx: GoJsonContext, tag: DecodeErrorTag, message: string, at?: string): void => {
  if (!ctx.strict) return
  const p = new Problem(tag, message)
  throw at === undefined ? p : p.at(at)
}

/**
 * A JSON key folded as Go's `encoding/json` compares a key with a field name when no name equals
 * it: ASCII letters in either case, `ſ` (U+017F) as `s` and the Kelvin sign (U+212A) as `k`, the
 * only other runes whose case folding reaches an ASCII letter.
 *
 * @example
 * foldKey('Kind') === foldKey('kind') // true
 *
 * @category json
 * @since 0.1.0
 */
export const foldKey = (s: string): string => s.replace(/[a-z\u017f\u212a]/g, (c) => (c === '\u017f' ? 'S' : c === '\u212a' ? 'K' : c.toUpperCase()))

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * A JSON string as Go holds it: Go's decoder replaces an escaped lone surrogate (`"\ud800"`) with
 * U+FFFD; strict mode refuses it (OX10).
 *
 * @example
 * goString({ strict: false }, '\ud800') // '\ufffd'
 *
 * @category json
 * @since 0.1.0
 */
export const goString = (ctx: GoJsonContext, s: string): string => {
  if (!LONE_SURROGATE.test(s)) return s
  LONE_SURROGATE.lastIndex = 0
  lenient(ctx, 'LoneSurrogate', 'text contains a lone surrogate (Go reads it as U+FFFD)') // OX10
  return s.replace(LONE_SURROGATE, '\ufffd')
}

/**
 * Go's `base64.StdEncoding` decoding (padding required, `\r` and `\n` skipped anywhere); strict
 * mode refuses the line breaks (OX6).
 *
 * @example
 * goBase64({ strict: false }, 'AQ\nID') // Uint8Array [1, 2, 3]
 *
 * @category json
 * @since 0.1.0
 */
export const goBase64 = (ctx: GoJsonContext, s: string): Uint8Array | undefined => {
  const plain = s.replace(/[\r\n]/g, '')
  const b = fromBase64(plain)
  if (b !== undefined && plain.length !== s.length) lenient(ctx, 'LenientByteText', 'base64 with line breaks (Go skips them)') // OX6
  return b
}

/**
 * Go's `hex.DecodeString`: an even number of hex digits in either case, no prefix.
 *
 * @example
 * goHex('0A') // Uint8Array [10]
 *
 * @category json
 * @since 0.1.0
 */
export const goHex = (s: string): Uint8Array | undefined => (s.startsWith('0x') ? undefined : fromHex(s))

const digitValue = (c: string): number => {
  const x = c.charCodeAt(0)
  if (x >= 0x30 && x <= 0x39) return x - 0x30
  if (x >= 0x61 && x <= 0x7a) return x - 0x61 + 10
  if (x >= 0x41 && x <= 0x5a) return x - 0x41 + 10
  return 99
}

/**
 * The integer `big.Int.UnmarshalText` reads (`SetString` in base 0): an optional sign, then
 * decimal, or `0b`/`0o`/`0x` (either case) for binary, octal and hex, or a leading `0` for
 * octal; `_` between digits and after a prefix; `undefined` where Go fails.
 *
 * @example
 * goBigInt('0x1f') // 31n
 * goBigInt('010') // 8n
 * goBigInt('1_000') // 1000n
 *
 * @category json
 * @since 0.1.0
 */
export const goBigInt = (s: string): bigint | undefined => {
  let i = 0
  let neg = false
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-'
    i = 1
  }
  let base = 10
  let prefix = ''
  let prev = '.'
  let count = 0
  let invalSep = false
  if (s[i] === '0') {
    prev = '0'
    count = 1
    i++
    if (i < s.length) {
      const ch = s[i]!
      if (ch === 'b' || ch === 'B') [base, prefix] = [2, 'b']
      else if (ch === 'o' || ch === 'O') [base, prefix] = [8, 'o']
      else if (ch === 'x' || ch === 'X') [base, prefix] = [16, 'x']
      else [base, prefix] = [8, '0']
      count = 0
      if (prefix !== '0') i++
    }
  }
  let value = 0n
  for (; i < s.length; i++) {
    const ch = s[i]!
    if (ch === '_') {
      if (prev !== '0') invalSep = true
      prev = '_'
      continue
    }
    const d = digitValue(ch)
    if (d >= base) break
    prev = '0'
    count++
    value = value * BigInt(base) + BigInt(d)
  }
  // The whole text must be read, separators only between digits, and at least one digit (a
  // lone octal prefix `0` is zero).
  if (i < s.length || invalSep || prev === '_') return undefined
  if (count === 0 && prefix !== '0') return undefined
  return neg ? -value : value
}

/**
 * A Go slice as `encoding/json` fills it (O3): its elements, and the backing array up to its
 * capacity, whose elements past the length a later array in the same place decodes into.
 *
 * @category json
 * @since 0.1.0
 */
export interface GoSlice {
  readonly len: number
  readonly backing: ReadonlyArray<unknown>
}

/**
 * Decode a JSON array into a Go slice as `encoding/json`'s `array` does: element `i` decoded by
 * `item` into what the backing array holds there (growing it by Go's rule), the length set to the
 * items read, an empty array a fresh empty slice.
 *
 * @example
 * goSlice(null, [1, 2], (j) => j).len // 2
 *
 * @category json
 * @since 0.1.0
 */
export const goSlice = (into: GoSlice | null | undefined, items: ReadonlyArray<unknown>, item: (j: unknown, into: unknown, i: number) => unknown): GoSlice => {
  if (items.length === 0) return { len: 0, backing: [] }
  let backing: unknown[] = into === null || into === undefined ? [] : [...into.backing]
  let len = into === null || into === undefined ? 0 : into.len
  for (let i = 0; i < items.length; i++) {
    if (i >= backing.length) {
      // reflect.MakeSlice(len, cap + cap/2, at least 4), the old elements copied, the rest zero.
      const cap = Math.max(4, backing.length + Math.floor(backing.length / 2))
      const grown: unknown[] = new Array(cap).fill(undefined)
      for (let k = 0; k < len; k++) grown[k] = backing[k]
      backing = grown
    }
    if (i >= len) len = i + 1
    try {
      backing[i] = item(items[i], backing[i], i)
    } catch (e) {
      throw e instanceof Problem ? e.at(`[${i}]`) : e
    }
  }
  return { len: items.length, backing }
}
