/**
 * Exact comparison of uint64 values (epochs, `valid_from`) held as `number` or `bigint`.
 *
 * JavaScript's relational operators compare a `number` with a `bigint` by mathematical value,
 * so no value is ever converted and none loses precision.
 *
 * @since 0.1.0
 */

/**
 * An unsigned 64-bit integer (epochs, rounds): `number` up to 2^53 - 1, `bigint` above.
 *
 * @category model
 * @since 0.1.0
 */
export type U64 = number | bigint

/**
 * The largest uint64, 2^64 - 1.
 *
 * @example
 * MAX_U64 // 18446744073709551615n
 *
 * @category epochs
 * @since 0.1.0
 */
export const MAX_U64: bigint = (1n << 64n) - 1n

/**
 * True when `u` is a uint64 in this library's representation: a safe non-negative integer
 * `number`, or a `bigint` in [0, 2^64 - 1] (DX1, DX2).
 *
 * @example
 * isU64(10) // true
 * isU64(2n ** 64n - 1n) // true
 * isU64(2 ** 60) // false: beyond 2^53 - 1 a number may have lost precision; pass a bigint
 * isU64(1.5) // false
 *
 * @category epochs
 * @since 0.1.0
 */
export const isU64 = (u: unknown): u is U64 =>
  typeof u === 'bigint' ? u >= 0n && u <= MAX_U64 : typeof u === 'number' && Number.isSafeInteger(u) && u >= 0

/**
 * Three-way exact comparison of two uint64 values, whatever mix of `number` and `bigint`.
 *
 * @example
 * compareU64(5, 5n) // 0
 * compareU64(2n ** 60n, 9007199254740991) // 1
 *
 * @category epochs
 * @since 0.1.0
 */
export const compareU64 = (a: U64, b: U64): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Decimal rendering of a uint64, identical for `number` and `bigint` (no `n` suffix).
 *
 * @example
 * formatU64(2n ** 64n - 1n) // '18446744073709551615'
 *
 * @category epochs
 * @since 0.1.0
 */
export const formatU64 = (a: U64): string => String(a)

/**
 * A bigint as a uint64 value in normal form: a `number` when it is at most 2^53 − 1, the
 * `bigint` otherwise.
 *
 * @example
 * u64FromBigint(5n) // 5
 * u64FromBigint(2n ** 60n) // 1152921504606846976n
 *
 * @category epochs
 * @since 0.1.0
 */
export const u64FromBigint = (x: bigint): U64 => (x <= BigInt(Number.MAX_SAFE_INTEGER) && x >= 0n ? Number(x) : x)

declare const checked: unique symbol

/**
 * A uint64 checked (DX2) and normalised (a `number` up to 2^53 − 1, a `bigint` above) once, where
 * it entered the library through a public function. Inner functions take this type, so the
 * compiler refuses a value that skipped the check, and none of them checks again.
 */
export type CheckedU64 = U64 & { readonly [checked]: true }

/**
 * The checked, normal form of `u`, or `undefined` when `u` is not a uint64 (NaN, ±Infinity,
 * fractions, negatives, unsafe numbers, bigints beyond 2^64 − 1, anything not a number).
 *
 * @example
 * checkU64(5n) // 5
 * checkU64(2n ** 60n) // 1152921504606846976n
 * checkU64(Number.NaN) // undefined
 */
export const checkU64 = (u: unknown): CheckedU64 | undefined =>
  typeof u === 'bigint'
    ? u >= 0n && u <= MAX_U64
      ? (u64FromBigint(u) as CheckedU64)
      : undefined
    : typeof u === 'number' && Number.isSafeInteger(u) && u >= 0
      ? ((u === 0 ? 0 : u) as CheckedU64)
      : undefined

const big = (x: U64): bigint => (typeof x === 'bigint' ? x : BigInt(x))

/**
 * `a + b` when it is at most 2^64 − 1, otherwise `undefined`; exact for every input.
 *
 * @example
 * addU64(checkU64(MAX_U64)!, checkU64(1)!) // undefined
 */
export const addU64 = (a: CheckedU64, b: CheckedU64): CheckedU64 | undefined => {
  const sum = big(a) + big(b)
  return sum > MAX_U64 ? undefined : (u64FromBigint(sum) as CheckedU64)
}

/**
 * `to − from` when `from ≤ to`, otherwise `undefined`; exact for every input.
 *
 * @example
 * subU64(checkU64(10)!, checkU64(4)!) // 6
 */
export const subU64 = (to: CheckedU64, from: CheckedU64): CheckedU64 | undefined => {
  const d = big(to) - big(from)
  return d < 0n ? undefined : (u64FromBigint(d) as CheckedU64)
}
