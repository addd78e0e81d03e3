/**
 * Checking a uint64 argument where it enters the library (DX2): public functions check `now`,
 * `epoch` and the like once, here, and pass the checked value inward.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { checkU64, type CheckedU64 } from '../internal/uint64.js'
import { type RuleViolation, ruleViolation } from './ruleViolation.js'

/**
 * Why a value is not a uint64 (DX1, DX2).
 *
 * @example
 * U64_REASON // 'not a uint64 (a safe non-negative integer number, or a bigint up to 2^64 - 1)'
 *
 * @category validation
 * @since 0.1.0
 */
export const U64_REASON = 'not a uint64 (a safe non-negative integer number, or a bigint up to 2^64 - 1)'

/**
 * The checked value of a uint64 argument, or the DX2 refusal naming the argument.
 *
 * @example
 * u64Argument('now', 10n) // right(10)
 * u64Argument('now', Number.NaN) // left({ _tag: 'MalformedArgument', rule: 'DX2', argument: 'now', … })
 */
export const u64Argument = (argument: string, value: unknown): E.Either<RuleViolation, CheckedU64> => {
  const checked = checkU64(value)
  // DX2
  return checked === undefined ? E.left(ruleViolation('MalformedArgument', { argument, reason: U64_REASON })) : E.right(checked)
}
