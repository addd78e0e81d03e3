/**
 * What a node must do to its installed runtime bundles at an epoch (RC1–RC6 of `spec/nodes.md`):
 * install what it must host now or pre-warm, replace a bundle whose checksum is not the one the
 * registry names, remove superseded bundles (oasis-core's bundle cleanup), bundles of runtimes it
 * no longer serves and bundles of versions no longer scheduled — as an idempotent plan, in a fixed
 * order, marking the actions the node needs to keep serving.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { checkU64 } from '../internal/uint64.js'
import { bytesEqual, compareBytes, deploymentsOf } from '../rules/deployment.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import { compareVersions, isVersion, sameVersion } from '../rules/version.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import type { Version } from '../schema/version.js'
import { DEFAULT_PRE_WARM_EPOCHS, hostedVersions } from './hostedVersions.js'

/**
 * A runtime bundle installed on the node: the runtime, the version it carries, and its manifest
 * hash (the registry's `bundle_checksum`), when known.
 *
 * @category node
 * @since 0.1.0
 */
export interface InstalledBundle {
  readonly runtime: Uint8Array
  readonly version: Version
  readonly checksum?: Uint8Array
}

/**
 * One step of a plan. `required`: the node cannot keep serving the runtime without it (a failure
 * there means halt, RC5).
 *
 * @category node
 * @since 0.1.0
 */
export type ReconcileAction =
  | {
      readonly _tag: 'Install'
      readonly rule: 'RC1'
      readonly runtime: Uint8Array
      readonly version: Version
      readonly checksum: Uint8Array | undefined
      /** Active now, or the next deployment within the pre-warm window (from its `valid_from`). */
      readonly reason: 'active' | 'pre-warm'
      readonly validFrom: U64
      readonly required: boolean
    }
  | {
      readonly _tag: 'Replace'
      readonly rule: 'RC2'
      readonly runtime: Uint8Array
      readonly version: Version
      readonly installed: Uint8Array | undefined
      readonly checksum: Uint8Array
      readonly reason: 'active' | 'pre-warm'
      readonly required: boolean
    }
  | {
      readonly _tag: 'Remove'
      readonly rule: 'RC3' | 'RC4'
      readonly runtime: Uint8Array
      readonly version: Version
      /** Below the active version, of a runtime not served, a version no deployment has, or a second copy. */
      readonly reason: 'superseded' | 'not-served' | 'not-scheduled' | 'duplicate'
      readonly required: false
    }

/**
 * Options of {@link reconcileHosted}.
 *
 * @category node
 * @since 0.1.0
 */
export interface ReconcileOptions {
  /** W6: how many epochs ahead the next deployment is hosted (default 3, oasis-core's `pre_warm_epochs`). */
  readonly preWarmEpochs?: U64
}

const malformed = (argument: string, reason: string): E.Either<RuleViolation, never> => E.left(ruleViolation('MalformedArgument', { argument, reason }))

const isBundle = (b: unknown): b is InstalledBundle =>
  typeof b === 'object' &&
  b !== null &&
  (b as InstalledBundle).runtime instanceof Uint8Array &&
  isVersion((b as InstalledBundle).version) &&
  ((b as InstalledBundle).checksum === undefined || (b as InstalledBundle).checksum instanceof Uint8Array)

const KIND_ORDER = { Install: 0, Replace: 1, Remove: 2 } as const

// RC6: by runtime id, then installs, replacements, removals, each by version.
const compareActions = (a: ReconcileAction, b: ReconcileAction): number =>
  compareBytes(a.runtime, b.runtime) || KIND_ORDER[a._tag] - KIND_ORDER[b._tag] || compareVersions(a.version, b.version)

/**
 * The plan that brings the `installed` bundles to what a node serving `runtimes` needs at `epoch`
 * (RC1–RC6): installs of the active and the pre-warmed deployment (W6) it lacks, replacements
 * where the installed bundle's checksum is not the deployment's `bundle_checksum`, and removals of
 * bundles below a runtime's active version, of runtimes not in `runtimes`, of versions no
 * deployment has, and of second copies. Applying the plan ({@link applyReconcilePlan}) and
 * reconciling again gives no action; the same inputs give the same plan in the same order.
 * Malformed arguments are `MalformedArgument` (DX2).
 *
 * @example
 * import { reconcileHosted } from 'runtime-deployments'
 * // rt: 1.4.0 active since 1200, 1.5.0 from 1300; the node has 1.3.0 and 1.4.0
 * reconcileHosted([{ runtime: rt.id, version: { major: 1, minor: 3 } }, { runtime: rt.id, version: { major: 1, minor: 4 } }], [rt], 1298)
 * // right([Install 1.5.0 (pre-warm, not required), Remove 1.3.0 (superseded)])
 *
 * @category node
 * @since 0.1.0
 */
export const reconcileHosted = (
  installed: ReadonlyArray<InstalledBundle>,
  runtimes: ReadonlyArray<Runtime>,
  epoch: U64,
  opts: ReconcileOptions = {}
): E.Either<RuleViolation, ReadonlyArray<ReconcileAction>> => {
  // DX2
  const now = checkU64(epoch)
  if (now === undefined) return malformed('epoch', 'not a uint64')
  if (!Array.isArray(installed)) return malformed('installed', 'not an array')
  if (!Array.isArray(runtimes)) return malformed('runtimes', 'not an array')
  if (typeof opts !== 'object' || opts === null) return malformed('opts', 'not an object')
  const preWarm = opts.preWarmEpochs ?? DEFAULT_PRE_WARM_EPOCHS
  if (checkU64(preWarm) === undefined) return malformed('opts.preWarmEpochs', 'not a uint64')
  const served = new Map<string, Runtime>()
  for (let i = 0; i < runtimes.length; i++) {
    const rt = runtimes[i]
    if (typeof rt !== 'object' || rt === null || !(rt.id instanceof Uint8Array)) return malformed(`runtimes[${i}].id`, 'not a byte string')
    const key = bytesToHex(rt.id)
    if (served.has(key)) return malformed(`runtimes[${i}]`, `runtime ${key} is given twice`)
    served.set(key, rt)
  }
  for (let i = 0; i < installed.length; i++) {
    if (!isBundle(installed[i])) return malformed(`installed[${i}]`, 'not a bundle ({ runtime: bytes, version, checksum?: bytes })')
  }
  const actions: ReconcileAction[] = []
  const kept: InstalledBundle[] = []
  for (const b of installed) {
    const key = bytesToHex(b.runtime)
    const rt = served.get(key)
    const remove = (rule: 'RC3' | 'RC4', reason: 'superseded' | 'not-served' | 'not-scheduled' | 'duplicate'): void => {
      actions.push({ _tag: 'Remove', rule, runtime: b.runtime, version: b.version, reason, required: false })
    }
    // RC4: a second copy of the same runtime and version.
    if (kept.some((k) => bytesToHex(k.runtime) === key && sameVersion(k.version, b.version))) remove('RC4', 'duplicate')
    // RC4: a runtime the node does not serve (Fluence's deployer leaves these behind).
    else if (rt === undefined) remove('RC4', 'not-served')
    else {
      const active = hostedVersions(rt, now, preWarm).active
      // RC3: below the active version, as oasis-core's bundle cleanup removes them.
      if (active !== undefined && compareVersions(b.version, active.version) < 0) remove('RC3', 'superseded')
      // RC4: a version no deployment schedules any more (an upgrade withdrawn).
      else if (!deploymentsOf(rt).some((d) => sameVersion(d.version, b.version))) remove('RC4', 'not-scheduled')
      else kept.push(b)
    }
  }
  for (const [key, rt] of served) {
    const hosted = hostedVersions(rt, now, preWarm)
    for (const d of hosted.deployments) {
      const reason = d === hosted.active ? 'active' : 'pre-warm'
      // RC5: only the active deployment is needed to keep serving now.
      const required = reason === 'active'
      const have = kept.find((k) => bytesToHex(k.runtime) === key && sameVersion(k.version, d.version))
      const checksum = checksumOf(d)
      if (have === undefined) {
        // RC1
        actions.push({ _tag: 'Install', rule: 'RC1', runtime: rt.id, version: d.version, checksum, reason, validFrom: d.valid_from, required })
      } else if (checksum !== undefined && !bytesEqual(have.checksum, checksum)) {
        // RC2: the registry names the bundle; another (or an unknown) one is not it.
        actions.push({ _tag: 'Replace', rule: 'RC2', runtime: rt.id, version: d.version, installed: have.checksum, checksum, reason, required })
      }
    }
  }
  return E.right(actions.sort(compareActions))
}

const checksumOf = (d: VersionInfo): Uint8Array | undefined =>
  d.bundle_checksum instanceof Uint8Array && d.bundle_checksum.length > 0 ? d.bundle_checksum : undefined

/**
 * The installed bundles after carrying out `plan` (RC6): installs added, replacements with the new
 * checksum, removals gone (one copy per removal). A new array; the inputs are not changed.
 *
 * @example
 * import { applyReconcilePlan, reconcileHosted } from 'runtime-deployments'
 * import * as E from 'fp-ts/lib/Either.js'
 * const plan = reconcileHosted([], [rt], 1297)
 * if (E.isRight(plan)) applyReconcilePlan([], plan.right) // nothing left for reconcileHosted(…, [rt], 1297) to do
 *
 * @category node
 * @since 0.1.0
 */
export const applyReconcilePlan = (installed: ReadonlyArray<InstalledBundle>, plan: ReadonlyArray<ReconcileAction>): ReadonlyArray<InstalledBundle> => {
  let out = Array.isArray(installed) ? [...installed] : []
  for (const a of Array.isArray(plan) ? plan : []) {
    if (typeof a !== 'object' || a === null || !(a.runtime instanceof Uint8Array) || !isVersion(a.version)) continue
    const same = (b: InstalledBundle): boolean => isBundle(b) && bytesEqual(b.runtime, a.runtime) && sameVersion(b.version, a.version)
    if (a._tag === 'Install') out.push({ runtime: a.runtime, version: a.version, ...(a.checksum === undefined ? {} : { checksum: a.checksum }) })
    else if (a._tag === 'Replace') out = out.map((b) => (same(b) ? { runtime: b.runtime, version: b.version, checksum: a.checksum } : b))
    else {
      // Remove one copy: the last, so that a duplicate's first copy stays.
      const at = out.map(same).lastIndexOf(true)
      if (at >= 0) out.splice(at, 1)
    }
  }
  return out
}
