/**
 * Exact epoch arithmetic over uint64 values held as `number` or `bigint`: the distance between two
 * epochs and an epoch plus a lead time. Results are `number` when safe, `bigint` above 2^53 − 1,
 * so nothing loses precision.
 *
 * @since 0.1.0
 */
import { isU64, MAX_U64, u64FromBigint } from '../internal/uint64.js'
import { U64_REASON } from './policy.js'
import { type RuleViolation, ruleViolation } from './ruleViolation.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'

const big = (x: U64): bigint => (typeof x === 'bigint' ? x : BigInt(x))

/**
 * `to - from` exactly, when both are uint64 and `to >= from`; otherwise `undefined`.
 *
 * @example
 * epochsBetween(1250, 1300n) // 50
 * epochsBetween(10, 5) // undefined
 *
 * @category epochs
 * @since 0.1.0
 */
export const epochsBetween = (from: U64, to: U64): U64 | undefined => {
  if (!isU64(from) || !isU64(to)) return undefined
  const d = big(to) - big(from)
  return d < 0n ? undefined : u64FromBigint(d)
}

/**
 * `epoch + lead` exactly, when both are uint64 and the sum is at most 2^64 − 1; otherwise
 * `undefined`.
 *
 * @example
 * epochPlus(1250, 4) // 1254
 * epochPlus(2n ** 64n - 1n, 1) // undefined
 *
 * @category epochs
 * @since 0.1.0
 */
export const epochPlus = (epoch: U64, lead: U64): U64 | undefined => {
  if (!isU64(epoch) || !isU64(lead)) return undefined
  const sum = big(epoch) + big(lead)
  return sum > MAX_U64 ? undefined : u64FromBigint(sum)
}

/**
 * The refusal of a deployment whose `valid_from` is not a uint64 (DX1), naming its index.
 *
 * @example
 * malformedValidFrom(rt, rt.deployments[1]) // MalformedDeployment: deployments[1].valid_from is malformed
 *
 * @category epochs
 * @since 0.1.0
 */
export const malformedValidFrom = (rt: Runtime, d: VersionInfo): RuleViolation => {
  const all: unknown = rt.deployments
  const index = Array.isArray(all) ? all.indexOf(d) : -1
  return ruleViolation('MalformedDeployment', { index: index < 0 ? undefined : index, field: 'valid_from', reason: U64_REASON })
}
