/**
 * Which Mithril era is current at an epoch and what a node does about it (ER5–ER7 of
 * `spec/trust.md`): run, warn before an upcoming era it does not support, or halt.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { checkU64, compareU64, type U64 } from '../internal/uint64.js'
import type { EraMarker } from './eraMarkers.js'
import { type EraRefusal, eraRefusal } from './eraRefusal.js'

/**
 * The current era at an epoch, and the next one when the list names another.
 *
 * @category trust
 * @since 0.1.0
 */
export interface EraAt {
  readonly current: EraMarker
  readonly next: EraMarker | undefined
}

/**
 * The era at `epoch` (ER5), as Mithril's `EraReader` reads it: current is the marker with the
 * greatest epoch at or before `epoch` (on a tie the earlier in the list); next is the last marker
 * of the list unless it is the current one. The list is taken as it is, unsorted. No marker with
 * such an epoch is `CurrentEraNotFound`.
 *
 * @example
 * import { eraAt } from 'runtime-deployments'
 * eraAt([{ name: 'thales', epoch: 1 }, { name: 'pythagoras', epoch: 539 }], 538) // right({ current: thales@1, next: pythagoras@539 })
 *
 * @category trust
 * @since 0.1.0
 */
export const eraAt = (markers: ReadonlyArray<EraMarker>, epoch: U64): E.Either<EraRefusal, EraAt> => {
  const list = Array.isArray(markers) ? markers.filter((m): m is EraMarker => typeof m === 'object' && m !== null && typeof m.name === 'string') : []
  const now = checkU64(epoch)
  let current: EraMarker | undefined
  let currentEpoch: U64 | undefined
  for (const m of list) {
    const at = m.epoch === null ? undefined : checkU64(m.epoch)
    if (now === undefined || at === undefined || compareU64(at, now) > 0) continue
    // ER5: strictly greater, so that the earlier of equal epochs stays.
    if (currentEpoch === undefined || compareU64(at, currentEpoch) > 0) {
      current = m
      currentEpoch = at
    }
  }
  if (current === undefined) return E.left(eraRefusal('CurrentEraNotFound', { epoch, eras: list.map(describeMarker) }))
  const last = list[list.length - 1]!
  const same = last.name === current.name && sameEpoch(last.epoch, current.epoch)
  return E.right({ current, next: same ? undefined : last })
}

const sameEpoch = (a: U64 | null, b: U64 | null): boolean => {
  const x = a === null ? undefined : checkU64(a)
  const y = b === null ? undefined : checkU64(b)
  return x === undefined || y === undefined ? a === b : compareU64(x, y) === 0
}

const describeMarker = (m: EraMarker): string => `${m.name}@${m.epoch === null ? 'unscheduled' : String(m.epoch)}`

/**
 * A node's verdict on the eras (ER6, ER7): `EraSupported` (run), `EraUpgradeSoon` (run, but the
 * next era is not supported: warn, with its epoch when scheduled), `EraUnsupported` (halt).
 *
 * @category trust
 * @since 0.1.0
 */
export type EraVerdict =
  | { readonly _tag: 'EraSupported'; readonly rule: 'ER6'; readonly message: string; readonly current: EraMarker; readonly next: EraMarker | undefined }
  | { readonly _tag: 'EraUpgradeSoon'; readonly rule: 'ER7'; readonly message: string; readonly current: EraMarker; readonly next: EraMarker }
  | { readonly _tag: 'EraUnsupported'; readonly rule: 'ER6'; readonly message: string; readonly current: EraMarker; readonly next: EraMarker | undefined }

/**
 * What a node supporting `supportedEras` (names, compared exactly, as Mithril's case-sensitive
 * `SupportedEra::from_str`) does at `epoch` (ER6, ER7): halt when the current era is not
 * supported; warn when the next one is not; otherwise run. No current era is
 * `CurrentEraNotFound` (ER5).
 *
 * @example
 * import { eraVerdict } from 'runtime-deployments'
 * eraVerdict([{ name: 'pythagoras', epoch: 539 }, { name: 'lagrange', epoch: 900 }], ['pythagoras'], 850)
 * // right({ _tag: 'EraUpgradeSoon', next: lagrange@900, … })
 *
 * @category trust
 * @since 0.1.0
 */
export const eraVerdict = (markers: ReadonlyArray<EraMarker>, supportedEras: ReadonlyArray<string>, epoch: U64): E.Either<EraRefusal, EraVerdict> =>
  E.map(({ current, next }: EraAt): EraVerdict => {
    const supported = (m: EraMarker): boolean => Array.isArray(supportedEras) && supportedEras.includes(m.name)
    if (!supported(current)) {
      return {
        _tag: 'EraUnsupported',
        rule: 'ER6',
        message: `the current era '${current.name}' (from epoch ${String(current.epoch)}) is not supported by this binary: halt and install one that supports it`,
        current,
        next
      }
    }
    if (next !== undefined && !supported(next)) {
      return {
        _tag: 'EraUpgradeSoon',
        rule: 'ER7',
        message:
          `the upcoming era '${next.name}'${next.epoch === null ? ' (announced, not yet scheduled)' : ` (from epoch ${String(next.epoch)})`} ` +
          'is not supported by this binary: update before it starts',
        current,
        next
      }
    }
    return { _tag: 'EraSupported', rule: 'ER6', message: `the current era '${current.name}' is supported`, current, next }
  })(eraAt(markers, epoch))
