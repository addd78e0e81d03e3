/**
 * Helpers on single deployments (`VersionInfo`): equality as oasis-core defines it, the
 * canonical order the rules walk, and how a refusal names a deployment.
 *
 * @since 0.1.0
 */
import { compareU64, formatU64 } from '../internal/uint64.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import type { Version } from '../schema/version.js'
import { formatVersion, versionToU64 } from './version.js'

/**
 * A deployment as a refusal names it: its version and the epoch it is valid from.
 *
 * @category deployments
 * @since 0.1.0
 */
export interface DeploymentRef {
  readonly version: Version
  readonly valid_from: U64
}

/**
 * A deployment as messages name it.
 *
 * @example
 * formatDeployment({ version: { major: 1, minor: 4 }, valid_from: 1200n }) // 'deployment 1.4.0 (valid_from 1200)'
 *
 * @category deployments
 * @since 0.1.0
 */
export const formatDeployment = (d: DeploymentRef): string =>
  `deployment ${formatVersion(d.version)} (valid_from ${formatU64(d.valid_from)})`

const EMPTY = new Uint8Array(0)

/**
 * Byte equality where absent and empty are equal, as Go's `bytes.Equal` treats nil and `[]byte{}`.
 *
 * @example
 * bytesEqual(undefined, new Uint8Array(0)) // true
 *
 * @category deployments
 * @since 0.1.0
 */
export const bytesEqual = (a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): boolean => {
  const x = a ?? EMPTY
  const y = b ?? EMPTY
  if (x.length !== y.length) return false
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  return true
}

/**
 * oasis-core's `VersionInfo.Equal`: same version, same `valid_from`, and byte-equal `tee` and
 * `bundle_checksum` (absent equals empty). Used by U8, U9 and PX2.
 *
 * @example
 * sameDeployment({ version: { major: 1 }, valid_from: 5 }, { version: { major: 1 }, valid_from: 5n }) // true
 *
 * @category deployments
 * @since 0.1.0
 */
export const sameDeployment = (a: VersionInfo, b: VersionInfo): boolean =>
  versionToU64(a.version) === versionToU64(b.version) &&
  compareU64(a.valid_from, b.valid_from) === 0 &&
  bytesEqual(a.tee, b.tee) &&
  bytesEqual(a.bundle_checksum, b.bundle_checksum)

/**
 * The version and `valid_from` of a deployment, as a refusal names it.
 *
 * @example
 * deploymentRef({ version: { major: 1 }, valid_from: 5, tee: Uint8Array.of(0xa0) }) // { version: { major: 1 }, valid_from: 5 }
 *
 * @category deployments
 * @since 0.1.0
 */
export const deploymentRef = (d: VersionInfo): DeploymentRef => ({ version: d.version, valid_from: d.valid_from })

/**
 * Byte-string order: shorter first, then bytewise; absent equals empty.
 *
 * @example
 * compareBytes(Uint8Array.of(2), Uint8Array.of(1, 0)) // -1
 *
 * @category deployments
 * @since 0.1.0
 */
export const compareBytes = (a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): number => {
  const x = a ?? EMPTY
  const y = b ?? EMPTY
  if (x.length !== y.length) return x.length < y.length ? -1 : 1
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1
  return 0
}

/**
 * oasis-core's order for validation (D4–D8): by version (T2) only. Used with JavaScript's stable
 * sort it is Go's `sort.SliceStable` by `Version.ToU64()`: deployments of one version keep their
 * array order, so which refusal is reported first follows the array order exactly as upstream.
 *
 * @example
 * const ds = [{ version: { major: 2 }, valid_from: 200 }, { version: { major: 2 }, valid_from: 50 }]
 * ds.slice().sort(byVersionOnly).map((d) => d.valid_from) // [200, 50]
 *
 * @category deployments
 * @since 0.1.0
 */
export const byVersionOnly = (a: VersionInfo, b: VersionInfo): number => versionToU64(a.version) - versionToU64(b.version)

/**
 * The order the update and policy rules walk deployments in, to name a deployment in a refusal:
 * by version (T2), then `valid_from`, then `tee`, then `bundle_checksum`. Only identical
 * deployments tie, so which deployment a refusal names never depends on the order of the array.
 * (These rules refuse with one code whichever deployment they name; validation walks
 * {@link byVersionOnly} as oasis-core does.)
 *
 * @example
 * const a = { version: { major: 1 }, valid_from: 10 }
 * const b = { version: { major: 2 }, valid_from: 5 }
 * const sorted = [b, a].sort(byVersion) // [a, b]
 *
 * @category deployments
 * @since 0.1.0
 */
export const byVersion = (a: VersionInfo, b: VersionInfo): number =>
  versionToU64(a.version) - versionToU64(b.version) ||
  compareU64(a.valid_from, b.valid_from) ||
  compareBytes(a.tee, b.tee) ||
  compareBytes(a.bundle_checksum, b.bundle_checksum)

/**
 * The deployments of a runtime as an array, leaving out anything that is not a deployment
 * (`null` entries, which validation refuses with D3, or entries without a version object, DX1);
 * absent or malformed `deployments` gives `[]`.
 *
 * @example
 * deploymentsOf({ ...rt, deployments: undefined }) // []
 *
 * @category deployments
 * @since 0.1.0
 */
export const deploymentsOf = (rt: Runtime): ReadonlyArray<VersionInfo> => {
  const ds: unknown = rt.deployments
  if (!Array.isArray(ds)) return []
  // An index loop, not `every`: `every` skips the holes of a sparse array, which then reach the
  // callers as `undefined`; `filter` drops them.
  for (let i = 0; i < ds.length; i++) if (!isDeployment(ds[i])) return ds.filter(isDeployment)
  return ds as ReadonlyArray<VersionInfo>
}

const isDeployment = (d: unknown): d is VersionInfo =>
  typeof d === 'object' && d !== null && typeof (d as VersionInfo).version === 'object' && (d as VersionInfo).version !== null

/**
 * The deployments of a runtime in the rules' walking order ({@link byVersion}), as a new array.
 *
 * @example
 * sortedDeployments(rt).map((d) => formatVersion(d.version)) // ['1.0.0', '1.1.0']
 *
 * @category deployments
 * @since 0.1.0
 */
export const sortedDeployments = (rt: Runtime): ReadonlyArray<VersionInfo> => deploymentsOf(rt).slice().sort(byVersion)
