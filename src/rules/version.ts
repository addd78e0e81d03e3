/**
 * Runtime versions (T1–T5): comparison, packing to and from a uint64, and formatting.
 * Parsing version strings (T6) is in `parseVersion.ts`.
 *
 * Each part is a uint16 and an absent part is 0 (T1). A part outside 0..65535 is not a valid
 * version part (validation refuses it, DX1); the total functions below read such a part as Go's
 * `uint16(x)` conversion would (fraction dropped, modulo 2^16, non-finite as 0), so that
 * comparison, packing and equality always agree with one another.
 *
 * @since 0.1.0
 */
import { fromCompare, type Ord } from 'fp-ts/lib/Ord.js'
import type { U64 } from '../schema/runtime.js'
import type { Version } from '../schema/version.js'

// T1: absent = 0; out-of-range parts reduced as Go's uint16 conversion.
const part = (x: number | undefined): number => (x === undefined ? 0 : Number.isFinite(x) ? Math.trunc(x) & 0xffff : 0)

/**
 * Pack a version into one integer: `major << 32 | minor << 16 | patch` (T2). The result is at
 * most 2^48 - 1, so it is an exact `number`.
 *
 * @example
 * versionToU64({ major: 44, patch: 1 }) // 188978561025
 * versionToU64({}) // 0
 *
 * @category versions
 * @since 0.1.0
 */
export const versionToU64 = (v: Version): number =>
  // T2
  part(v.major) * 2 ** 32 + part(v.minor) * 2 ** 16 + part(v.patch)

/**
 * Unpack a version from an integer (T2): each part is 16 bits from the positions `versionToU64`
 * uses; bits 48–63 are ignored. The result leaves zero parts out, like the wire form (T1).
 * A value outside the uint64 range is first reduced modulo 2^64 (fraction dropped, non-finite
 * as 0), as Go's `uint64(x)` would.
 *
 * @example
 * versionFromU64(188978561025) // { major: 44, patch: 1 }
 * versionFromU64(2n ** 64n - 1n) // { major: 65535, minor: 65535, patch: 65535 }
 *
 * @category versions
 * @since 0.1.0
 */
export const versionFromU64 = (u: U64): Version => {
  const word =
    typeof u === 'bigint' ? BigInt.asUintN(64, u) : Number.isFinite(u) ? BigInt.asUintN(64, BigInt(Math.trunc(u))) : 0n
  // T2: bits 48–63 ignored.
  const major = Number((word >> 32n) & 0xffffn)
  const minor = Number((word >> 16n) & 0xffffn)
  const patch = Number(word & 0xffffn)
  return {
    ...(major !== 0 ? { major } : {}),
    ...(minor !== 0 ? { minor } : {}),
    ...(patch !== 0 ? { patch } : {})
  }
}

/**
 * Compare two versions by major, then minor, then patch (T3); -1, 0 or 1.
 *
 * @example
 * compareVersions({ major: 1, minor: 1, patch: 1 }, { major: 1, minor: 2 }) // -1
 * compareVersions({ major: 1 }, { major: 1, minor: 0, patch: 0 }) // 0
 *
 * @category versions
 * @since 0.1.0
 */
export const compareVersions = (a: Version, b: Version): -1 | 0 | 1 => {
  // T3: major, then minor, then patch is the order of the packed value.
  const x = versionToU64(a)
  const y = versionToU64(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * True when two versions are the same version (T1: absent parts are 0); oasis-core's struct
 * equality on `version.Version` (V1).
 *
 * @example
 * sameVersion({ major: 1 }, { major: 1, minor: 0 }) // true
 *
 * @category versions
 * @since 0.1.0
 */
export const sameVersion = (a: Version, b: Version): boolean => versionToU64(a) === versionToU64(b)

/**
 * `Ord` instance for versions (T3), for fp-ts sorting and `pipe`.
 *
 * @example
 * import * as RA from 'fp-ts/lib/ReadonlyArray.js'
 * RA.sort(versionOrd)([{ major: 2 }, { major: 1 }]) // [{ major: 1 }, { major: 2 }]
 *
 * @category versions
 * @since 0.1.0
 */
export const versionOrd: Ord<Version> = /* @__PURE__ */ fromCompare(compareVersions)

/**
 * Render a version as `major.minor.patch` (T4).
 *
 * @example
 * formatVersion({ major: 44, patch: 1 }) // '44.0.1'
 * formatVersion({}) // '0.0.0'
 *
 * @category versions
 * @since 0.1.0
 */
export const formatVersion = (v: Version): string =>
  // T4
  `${part(v.major)}.${part(v.minor)}.${part(v.patch)}`

/**
 * T1: a version part as the wire holds it: absent (0) or an integer in [0, 65535].
 *
 * @example
 * isVersionPart(65535) // true
 * isVersionPart(65536) // false
 *
 * @category versions
 * @since 0.1.0
 */
export const isVersionPart = (x: unknown): boolean => x === undefined || (Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 0xffff)

/**
 * T1: a version as the wire holds it: an object whose parts are each absent or a uint16.
 *
 * @example
 * isVersion({ major: 1, minor: 4 }) // true
 * isVersion({ major: 70000 }) // false
 *
 * @category versions
 * @since 0.1.0
 */
export const isVersion = (v: unknown): v is Version =>
  typeof v === 'object' &&
  v !== null &&
  isVersionPart((v as Version).major) &&
  isVersionPart((v as Version).minor) &&
  isVersionPart((v as Version).patch)
