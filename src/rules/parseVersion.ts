/**
 * Parsing version strings (T6), as oasis-core's `version.FromString`.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { quoteShort } from '../internal/text.js'
import { type RuleViolation, ruleViolation } from './ruleViolation.js'
import type { Version } from '../schema/version.js'

// T6 step 1: cut at the first space, '-', '+', then at 'rc', 'alpha', 'beta' (in this order).
const CUT_MARKERS: ReadonlyArray<string> = [' ', '-', '+', 'rc', 'alpha', 'beta']

const cutAt = (s: string, marker: string): string => {
  const i = s.indexOf(marker)
  return i === -1 ? s : s.slice(0, i)
}

const DIGITS = /^[0-9]+$/

/**
 * Parse a version string (T6): the text is cut at the first space, `-`, `+`, `rc`, `alpha` or
 * `beta`; split on `.` into at most 4 parts; the first up-to-3 parts are base-10 uint16 values
 * (missing parts are 0, a fourth part is ignored). Anything else — an empty string or part, a
 * sign, a letter, a value above 65535 — is refused with `InvalidVersionString`. Zero parts are
 * left out of the result, as on the wire (T1).
 *
 * @example
 * parseVersion('1.2.3-alpha+git0253df22') // right({ major: 1, minor: 2, patch: 3 })
 * parseVersion('1.26rc3') // right({ major: 1, minor: 26 })
 * parseVersion('100000.0.0') // left({ _tag: 'InvalidVersionString', rule: 'T6', … })
 *
 * @category versions
 * @since 0.1.0
 */
export const parseVersion = (input: string): E.Either<RuleViolation, Version> => {
  if (typeof input !== 'string') {
    return E.left(ruleViolation('InvalidVersionString', { input: String(input), reason: 'not a string' }))
  }
  let s = input
  for (const marker of CUT_MARKERS) s = cutAt(s, marker)
  // T6 step 2: at most 4 parts; the 4th holds the rest and is ignored.
  const parts = s.split('.')
  const head = parts.slice(0, 3)
  const values: number[] = []
  for (let i = 0; i < head.length; i++) {
    const p = head[i]!
    const name = ['major', 'minor', 'patch'][i]!
    if (!DIGITS.test(p)) {
      return E.left(
        ruleViolation('InvalidVersionString', {
          input,
          reason: p === '' ? `the ${name} part is empty` : `the ${name} part ${quoteShort(p)} is not a decimal number`
        })
      )
    }
    const n = Number(p)
    if (n > 0xffff) {
      return E.left(ruleViolation('InvalidVersionString', { input, reason: `the ${name} part ${p.length <= 32 ? p : quoteShort(p)} exceeds 65535` }))
    }
    values.push(n)
  }
  const [major = 0, minor = 0, patch = 0] = values
  return E.right({
    ...(major !== 0 ? { major } : {}),
    ...(minor !== 0 ? { minor } : {}),
    ...(patch !== 0 ? { patch } : {})
  })
}
