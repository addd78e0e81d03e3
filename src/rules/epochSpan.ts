/**
 * Exact epoch arithmetic over uint64 values held as `number` or `bigint`: the distance between two
 * epochs and an epoch plus a lead time. Results are `number` when safe, `bigint` above 2^53 − 1,
 * so nothing loses precision.
 *
 * @since 0.1.0
 */
import { addU64, checkU64, subU64 } from '../internal/uint64.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import { U64_REASON } from './argument.js'
import { type RuleViolation, ruleViolation } from './ruleViolation.js'

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
  const f = checkU64(from)
  const t = checkU64(to)
  return f === undefined || t === undefined ? undefined : subU64(t, f)
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
  const e = checkU64(epoch)
  const l = checkU64(lead)
  return e === undefined || l === undefined ? undefined : addU64(e, l)
}

/**
 * The refusal of a deployment whose `valid_from` is not a uint64 (DX1), naming its index.
 *
 * @example
 * const d = { version: { major: 1 }, valid_from: -1 }
 * malformedValidFrom({ ...rt, deployments: [d] }, d) // MalformedDeployment (DX1): deployments[0].valid_from is not a uint64
 *
 * @category epochs
 * @since 0.1.0
 */
export const malformedValidFrom = (rt: Runtime, d: VersionInfo): RuleViolation => {
  const all: unknown = rt.deployments
  const index = Array.isArray(all) ? all.indexOf(d) : -1
  return ruleViolation('MalformedDeployment', { index: index < 0 ? undefined : index, field: 'valid_from', reason: U64_REASON })
}
