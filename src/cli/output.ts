/**
 * How the CLI prints: plain text for people, `--json` for machines (bigints as decimal strings,
 * byte strings as hex, `Map`s as objects), and the exit codes every command shares.
 *
 * @since 0.1.0
 */

import { bytesToHex } from '@noble/hashes/utils.js'
import type { AnyRefusal } from '../codec/refusal.js'
import { oasisError } from '../rules/oasisError.js'
import { formatVersion } from '../rules/version.js'
import type { Version } from '../schema/version.js'

/**
 * Exit codes: 0 accepted, 1 refused by a rule, 2 bad input or usage.
 *
 * @category cli
 * @since 0.1.0
 */
export const EXIT = Object.freeze({ ok: 0, refused: 1, badInput: 2 })

/**
 * What a command produced: its exit code, the lines for people and the value for `--json`.
 *
 * @category cli
 * @since 0.1.0
 */
export interface Outcome {
  readonly code: number
  readonly text: ReadonlyArray<string>
  readonly json: unknown
}

/**
 * An outcome; `json` defaults to `{ ok: code === 0 }`.
 *
 * @example
 * outcome(EXIT.ok, ['accepted'], { ok: true })
 *
 * @category cli
 * @since 0.1.0
 */
export const outcome = (code: number, text: ReadonlyArray<string>, json?: unknown): Outcome => ({
  code,
  text,
  json: json ?? { ok: code === EXIT.ok }
})

/**
 * Bad input or usage (exit 2): what is wrong and, when known, where.
 *
 * @example
 * badInput('current.cbor: C4.5 UnknownField at Kind (byte 1): unknown field "Kind" in Runtime')
 *
 * @category cli
 * @since 0.1.0
 */
export const badInput = (message: string, detail?: unknown): Outcome =>
  outcome(EXIT.badInput, [`error: ${message}`], { ok: false, error: message, ...(detail === undefined ? {} : { detail }) })

/**
 * The outcome of a library refusal: a rule's refusal is exit 1 (CLI1, CLI4); a malformed argument
 * (DX2) means the command line passed on bad input, exit 2 (CLI14). `json` adds fields beside
 * `ok` and `violation`.
 *
 * @example
 * refusalOutcome('refused', ruleViolation('TooManyDeployments', { count: 3, limit: 2 }), { epoch: 5 }).code // 1
 *
 * @category cli
 * @since 0.1.0
 */
export const refusalOutcome = (prefix: string, refusal: AnyRefusal, json: Readonly<Record<string, unknown>>): Outcome => {
  const line = `${refusal.rule} ${refusal._tag}: ${refusal.message}`
  // CLI4: `oasis` is the error an oasis-core node reports for the same transaction (module,
  // code, message), or null where oasis-core has no such refusal (DX*, PX*, the CLI's own).
  const oasis = oasisError(refusal) ?? null
  return refusal.rule === 'DX2'
    ? outcome(EXIT.badInput, [`error: ${line}`], { ok: false, ...json, error: line, violation: refusal, oasis })
    : outcome(EXIT.refused, [`${prefix}: ${line}`], { ok: false, ...json, violation: refusal, oasis })
}

/**
 * JSON text of any value this library produces: integers as numbers up to 2^53 − 1 and as decimal
 * strings beyond (CLI20), byte strings as hex, `Map`s as objects keyed by their rendered keys.
 *
 * @example
 * toJsonText({ epoch: 2n ** 64n - 1n, id: Uint8Array.of(1) }) // '{"epoch":"18446744073709551615","id":"01"}'
 *
 * @category cli
 * @since 0.1.0
 */
export const toJsonText = (value: unknown, indent = 2): string =>
  JSON.stringify(
    value,
    (_key, v: unknown) => {
      // CLI20: one form for integers everywhere: a number up to 2^53 − 1, a decimal string above.
      if (typeof v === 'bigint') return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v.toString()
      if (v instanceof Uint8Array) return bytesToHex(v)
      if (v instanceof Map) {
        const o: Record<string, unknown> = {}
        for (const [k, x] of v) o[k instanceof Uint8Array ? bytesToHex(k) : String(k)] = x
        return o
      }
      return v
    },
    indent
  )

/**
 * A deployment as one line of text: `1.4.0 from epoch 1200`.
 *
 * @example
 * describeDeployment({ version: { major: 1, minor: 4 }, valid_from: 1200 }) // '1.4.0 from epoch 1200'
 *
 * @category cli
 * @since 0.1.0
 */
export const describeDeployment = (d: { readonly version: Version; readonly valid_from: number | bigint }): string =>
  `${formatVersion(d.version)} from epoch ${d.valid_from}`
