/**
 * The node-side verdict (W1–W6): can this binary, which runs the versions `supported`, serve the
 * runtime at this epoch, and for how long? One function for what peers spread out: Mithril warns
 * when the upcoming era is unsupported and stops with an explicit error when the current one is;
 * Cosmos halts a binary updated before the upgrade height ("BINARY UPDATED BEFORE TRIGGER").
 * oasis-core has none of it: an unsupported node is simply not scheduled.
 *
 * Verdicts are results, not errors: `left` is only for malformed arguments (DX1, DX2).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { type CheckedU64, formatU64 } from '../internal/uint64.js'
import { u64Argument } from '../rules/argument.js'
import { epochsBetween, malformedValidFrom } from '../rules/epochSpan.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import { activeAt, nextAt } from '../rules/selection.js'
import { compareVersions, formatVersion, isVersion, sameVersion } from '../rules/version.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import type { Version } from '../schema/version.js'

/**
 * An inclusive range of versions, ordered as T3 orders them.
 *
 * @category support
 * @since 0.1.0
 */
export interface VersionRange {
  readonly min: Version
  readonly max: Version
}

/**
 * The versions a binary can run (W5): a set (an array; T1 equality) or an inclusive range.
 *
 * @category support
 * @since 0.1.0
 */
export type SupportedVersions = ReadonlyArray<Version> | VersionRange

/**
 * Options of {@link supportVerdict}.
 *
 * @category support
 * @since 0.1.0
 */
export interface SupportOptions {
  /** W2: warn when an unsupported next deployment starts within this many epochs. */
  readonly warnEpochs: U64
}

/**
 * The binary supports what is active now (or nothing is active) and the next deployment is
 * supported or further away than `warnEpochs` (W1).
 *
 * @category support
 * @since 0.1.0
 */
export interface Supported {
  readonly _tag: 'Supported'
  readonly rule: 'W1'
  readonly message: string
  readonly epoch: U64
  readonly active: VersionInfo | undefined
  readonly next: VersionInfo | undefined
  /** Whether the binary also supports `next` (`undefined` when there is none). */
  readonly nextSupported: boolean | undefined
}

/**
 * The next deployment is not supported and starts within `warnEpochs` (W2): Mithril's warning.
 *
 * @category support
 * @since 0.1.0
 */
export interface UpgradeSoon {
  readonly _tag: 'UpgradeSoon'
  readonly rule: 'W2'
  readonly message: string
  readonly epoch: U64
  readonly active: VersionInfo | undefined
  /** The version to install before `valid_from`. */
  readonly version: Version
  readonly valid_from: U64
  readonly epochsLeft: U64
}

/**
 * The active deployment is not supported (W3): the node must stop and install `install`.
 *
 * @category support
 * @since 0.1.0
 */
export interface Unsupported {
  readonly _tag: 'Unsupported'
  readonly rule: 'W3'
  readonly message: string
  readonly epoch: U64
  readonly active: VersionInfo
  /** The version to install (the active one). */
  readonly install: Version
  readonly next: VersionInfo | undefined
}

/**
 * The binary supports only versions above the active one (W4): it was installed before its
 * version activated (Cosmos's early-binary guard); run a binary supporting `install` until then.
 *
 * @category support
 * @since 0.1.0
 */
export interface TooNew {
  readonly _tag: 'TooNew'
  readonly rule: 'W4'
  readonly message: string
  readonly epoch: U64
  readonly active: VersionInfo
  /** The version to run meanwhile (the active one). */
  readonly install: Version
  readonly lowestSupported: Version
  /** The epoch this binary becomes usable: the next deployment's start, when it supports it. */
  readonly usableFrom: U64 | undefined
}

/**
 * The verdict of {@link supportVerdict}.
 *
 * @category support
 * @since 0.1.0
 */
export type SupportVerdict = Supported | UpgradeSoon | Unsupported | TooNew


const isRange = (s: SupportedVersions): s is VersionRange => !Array.isArray(s)

// W5: the first malformed part of `supported`, or undefined.
const supportedProblem = (s: unknown): string | undefined => {
  if (Array.isArray(s)) return s.every(isVersion) ? undefined : 'an entry is not a version of uint16 parts'
  if (typeof s !== 'object' || s === null) return 'neither an array of versions nor a { min, max } range'
  const { min, max } = s as Record<string, unknown>
  return isVersion(min) && isVersion(max) ? undefined : 'min and max must be versions of uint16 parts'
}

/**
 * True when `version` is among `supported` (W5): equal to an entry of the set (T1), or within the
 * inclusive range (T3). An empty set, or a range whose `min` is above its `max`, supports nothing.
 *
 * @example
 * isSupported([{ major: 1, minor: 4 }], { major: 1, minor: 4, patch: 0 }) // true
 * isSupported({ min: { major: 1 }, max: { major: 1, minor: 9 } }, { major: 2 }) // false
 *
 * @category support
 * @since 0.1.0
 */
export const isSupported = (supported: SupportedVersions, version: Version): boolean =>
  isRange(supported)
    ? compareVersions(supported.min, version) <= 0 && compareVersions(version, supported.max) <= 0
    : supported.some((v) => sameVersion(v, version))

// W4: the lowest supported version when every supported version is above `version`.
const lowestAbove = (supported: SupportedVersions, version: Version): Version | undefined => {
  if (isRange(supported)) {
    if (compareVersions(supported.min, supported.max) > 0) return undefined
    return compareVersions(supported.min, version) > 0 ? supported.min : undefined
  }
  // W5: an empty set supports nothing, so it is never "too new".
  if (supported.length === 0) return undefined
  let lowest = supported[0]!
  for (const v of supported) if (compareVersions(v, lowest) < 0) lowest = v
  return compareVersions(lowest, version) > 0 ? lowest : undefined
}

const at = (d: VersionInfo): string => `${formatVersion(d.version)} (from epoch ${formatU64(d.valid_from)})`

/**
 * What a binary running the versions `supported` should do for runtime `rt` at `epoch`:
 * - `Unsupported` (W3) when the active deployment is not supported: stop, install its version;
 * - `TooNew` (W4) when every supported version is above the active one: the binary was updated
 *   too early, run one supporting the active version until the next starts;
 * - `UpgradeSoon` (W2) when the next deployment is not supported and starts within `warnEpochs`;
 * - `Supported` (W1) otherwise.
 *
 * `left(MalformedArgument)` for a malformed `epoch`, `warnEpochs` or `supported` (DX2), and
 * `left(MalformedDeployment)` when the next deployment's `valid_from` is not a uint64 (DX1).
 *
 * @example
 * import { supportVerdict } from 'runtime-deployments'
 * // 1.4.0 active since 1200, 1.5.0 from 1300
 * supportVerdict([{ major: 1, minor: 4 }], rt, 1250, { warnEpochs: 100 })
 * // right({ _tag: 'UpgradeSoon', rule: 'W2', version: { major: 1, minor: 5 }, valid_from: 1300, epochsLeft: 50, … })
 * supportVerdict([{ major: 1, minor: 4 }], rt, 1300, { warnEpochs: 100 })
 * // right({ _tag: 'Unsupported', rule: 'W3', install: { major: 1, minor: 5 }, message: '… install a binary supporting 1.5.0' })
 *
 * @category support
 * @since 0.1.0
 */
export const supportVerdict = (
  supported: SupportedVersions,
  rt: Runtime,
  epoch: U64,
  opts: SupportOptions
): E.Either<RuleViolation, SupportVerdict> => {
  const checked = u64Argument('epoch', epoch)
  if (E.isLeft(checked)) return checked
  const warnEpochs = u64Argument('opts.warnEpochs', typeof opts === 'object' && opts !== null ? opts.warnEpochs : undefined)
  if (E.isLeft(warnEpochs)) return warnEpochs
  const bad = supportedProblem(supported)
  // DX2
  if (bad !== undefined) return E.left(ruleViolation('MalformedArgument', { argument: 'supported', reason: bad }))
  return verdictAt(supported, rt, checked.right, warnEpochs.right)
}

// W1–W4 at a checked epoch.
const verdictAt = (
  supported: SupportedVersions,
  rt: Runtime,
  epoch: CheckedU64,
  warnEpochs: CheckedU64
): E.Either<RuleViolation, SupportVerdict> => {
  const active = activeAt(rt, epoch)
  const next = nextAt(rt, epoch)
  const nextSupported = next === undefined ? undefined : isSupported(supported, next.version)
  if (active !== undefined && !isSupported(supported, active.version)) {
    const lowest = lowestAbove(supported, active.version)
    if (lowest !== undefined) {
      // W4
      const usableFrom = next !== undefined && nextSupported === true ? next.valid_from : undefined
      const message =
        `this binary supports only versions from ${formatVersion(lowest)}, above the active ${at(active)}: ` +
        `it was updated too early; run a binary supporting ${formatVersion(active.version)}` +
        (usableFrom === undefined ? '' : ` until epoch ${formatU64(usableFrom)}`)
      return E.right({ _tag: 'TooNew', rule: 'W4', message, epoch, active, install: active.version, lowestSupported: lowest, usableFrom })
    }
    // W3
    const message =
      `the active runtime version ${at(active)} is not supported by this binary: ` +
      `stop and install a binary supporting ${formatVersion(active.version)}` +
      (next !== undefined && nextSupported === false ? ` and ${at(next)}` : '')
    return E.right({ _tag: 'Unsupported', rule: 'W3', message, epoch, active, install: active.version, next })
  }
  if (next !== undefined && nextSupported === false) {
    const epochsLeft = epochsBetween(epoch, next.valid_from)
    if (epochsLeft === undefined) return E.left(malformedValidFrom(rt, next))
    // W2: within the warning window (inclusive).
    if (epochsLeft <= warnEpochs) {
      const message =
        `runtime version ${formatVersion(next.version)} activates at epoch ${formatU64(next.valid_from)}, ` +
        `in ${formatU64(epochsLeft)} epochs, and this binary does not support it: ` +
        `install a binary supporting ${formatVersion(next.version)} before then`
      return E.right({
        _tag: 'UpgradeSoon',
        rule: 'W2',
        message,
        epoch,
        active,
        version: next.version,
        valid_from: next.valid_from,
        epochsLeft
      })
    }
  }
  // W1
  const now = active === undefined ? `no deployment is active at epoch ${formatU64(epoch)}` : `this binary supports the active ${at(active)}`
  const later =
    next === undefined ? '' : nextSupported === true ? ` and the next, ${at(next)}` : `; the next, ${at(next)}, is not supported yet`
  return E.right({ _tag: 'Supported', rule: 'W1', message: now + later, epoch, active, next, nextSupported })
}
