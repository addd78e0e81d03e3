/**
 * The node descriptor's runtime entry (`node.Runtime`): the versions a node advertises.
 *
 * @since 0.1.0
 */
import { nullable } from '../codec/containers.js'
import { bytes, fixedBytes, namespace, u8 } from '../codec/scalars.js'
import { struct } from '../codec/struct.js'
import { type Wire } from '../codec/wire.js'
import { type Version, VersionCodec } from './version.js'

/** @category model @since 0.1.0 */
export interface CapabilityTEE {
  readonly hardware: number
  readonly rak: Uint8Array
  readonly rek?: Uint8Array
  /** Opaque attestation bytes; `null` is Go's nil. */
  readonly attestation: Uint8Array | null
}

/** @category model @since 0.1.0 */
export interface Capabilities {
  readonly tee?: CapabilityTEE
}

/**
 * One runtime a node serves, at one version.
 *
 * @category model
 * @since 0.1.0
 */
export interface NodeRuntime {
  readonly id: Uint8Array
  readonly version: Version
  readonly capabilities: Capabilities
  /** `null` is Go's nil (written as CBOR null, the common case). */
  readonly extra_info: Uint8Array | null
}

/**
 * Codec of {@link NodeRuntime}.
 *
 * @example
 * NodeRuntimeCodec.decode({ id, version: { patch: 321 }, capabilities: {}, extra_info: null })
 *
 * @category codecs
 * @since 0.1.0
 */
export const NodeRuntimeCodec: Wire<NodeRuntime> = /* @__PURE__ */ struct<NodeRuntime>('NodeRuntime', [
  ['id', namespace, 'always'],
  ['version', VersionCodec, 'always'],
  [
    'capabilities',
    struct<Capabilities>('Capabilities', [
      [
        'tee',
        struct<CapabilityTEE>('CapabilityTEE', [
          ['hardware', u8, 'always'],
          ['rak', fixedBytes(32), 'always'],
          ['rek', fixedBytes(32), 'pointer'],
          ['attestation', nullable(bytes), 'always']
        ]),
        'pointer'
      ]
    ]),
    'always'
  ],
  ['extra_info', nullable(bytes), 'always']
])
