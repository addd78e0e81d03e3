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

/**
 * The DX2 refusal of an options argument that is not an object (`null`, a number, …), or
 * `undefined` when it is one. An absent options argument takes its default `{}` before this check.
 *
 * @example
 * optionsViolation(null) // { _tag: 'MalformedArgument', rule: 'DX2', argument: 'options', … }
 * optionsViolation({}) // undefined
 */
export const optionsViolation = (options: unknown): RuleViolation | undefined =>
  // DX2
  typeof options === 'object' && options !== null ? undefined : ruleViolation('MalformedArgument', { argument: 'options', reason: 'not an object' })

/**
 * {@link optionsViolation} as an `Either`, for `pipe`: the options argument, or its DX2 refusal.
 *
 * @example
 * optionsArgument({ isGenesis: true }) // right({ isGenesis: true })
 */
export const optionsArgument = <O>(options: O): E.Either<RuleViolation, O> => {
  const bad = optionsViolation(options)
  return bad === undefined ? E.right(options) : E.left(bad)
}
