/**
 * `version.Version` on the wire (T1): three uint16 parts, each left out when zero.
 *
 * @since 0.1.0
 */
import { u16 } from '../codec/scalars.js'
import { struct } from '../codec/struct.js'
import { type Wire } from '../codec/wire.js'

/**
 * A runtime version, `major.minor.patch`, each part a uint16; absent parts are 0.
 *
 * @category model
 * @since 0.1.0
 */
export interface Version {
  readonly major?: number
  readonly minor?: number
  readonly patch?: number
}

/**
 * Codec of {@link Version}: `{}` for 0.0.0, `{major: 44, patch: 1}` for 44.0.1 (T1).
 *
 * @example
 * VersionCodec.encode({ major: 44, patch: 1 }) // { major: 44, patch: 1 }
 *
 * @category codecs
 * @since 0.1.0
 */
export const VersionCodec: Wire<Version> = /* @__PURE__ */ struct<Version>('Version', [
  ['major', u16, 'omitempty'],
  ['minor', u16, 'omitempty'],
  ['patch', u16, 'omitempty']
])
