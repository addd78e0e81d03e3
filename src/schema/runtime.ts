/**
 * The registry runtime descriptor, version 3, in the Oasis wire shape: snake_case keys, byte
 * fields as `Uint8Array`, integers as `number` (or `bigint` above 2^53 - 1). Compatible with
 * `@oasisprotocol/client`'s `types.RegistryRuntime`. Field semantics: `spec/codec.md` and the
 * schema reference; presence rules (C3) are in the codec tables below.
 *
 * @since 0.1.0
 */
import { array, keys, map, nilPointer, nullable } from '../codec/containers.js'
import { bytes, fixedBytes, i64, namespace, quantity, u16, u32, u64, u8 } from '../codec/scalars.js'
import { enumeration } from '../codec/enumeration.js'
import { struct } from '../codec/struct.js'
import { type Wire } from '../codec/wire.js'
import type { U64 } from '../internal/uint64.js'
import { GOVERNANCE_MODEL_NAMES, namedKeys, rolesMaskKey } from './textNames.js'
import { type Version, VersionCodec } from './version.js'

export type { U64 } from '../internal/uint64.js'

/**
 * A signed 64-bit integer (Go `int64`, `time.Duration` in nanoseconds).
 *
 * @category model
 * @since 0.1.0
 */
export type I64 = number | bigint

/**
 * One deployment: a version, the epoch it is valid from, and its TEE identity and bundle checksum.
 *
 * @category model
 * @since 0.1.0
 */
export interface VersionInfo {
  readonly version: Version
  readonly valid_from: U64
  /** Opaque TEE constraints; for SGX runtimes the canonical CBOR of `SgxConstraints`. */
  readonly tee?: Uint8Array
  /** Bundle manifest hash: absent or 32 bytes (checked by validation, D8). */
  readonly bundle_checksum?: Uint8Array
}

/** @category model @since 0.1.0 */
export interface RuntimeGenesis {
  readonly state_root: Uint8Array
  readonly round: U64
}

/** @category model @since 0.1.0 */
export interface ExecutorParameters {
  readonly group_size: number
  readonly group_backup_size: number
  readonly allowed_stragglers: number
  readonly round_timeout: I64
  readonly max_messages: number
  readonly min_live_rounds_percent?: number
  readonly max_missed_proposals_percent?: number
  readonly min_live_rounds_eval?: U64
  readonly max_liveness_fails?: number
}

/** @category model @since 0.1.0 */
export interface TxnSchedulerParameters {
  readonly batch_flush_timeout?: I64
  readonly max_batch_size?: U64
  readonly max_batch_size_bytes?: U64
  readonly max_in_messages?: number
  readonly propose_batch_timeout?: I64
}

/** @category model @since 0.1.0 */
export interface StorageParameters {
  readonly checkpoint_interval: U64
  readonly checkpoint_num_kept: U64
  readonly checkpoint_chunk_size: U64
}

/**
 * A field-less struct, written `{}`. `@oasisprotocol/client` models it as an empty `Map`.
 *
 * @category model
 * @since 0.1.0
 */
export type EmptyStruct = Readonly<Record<string, never>> | ReadonlyMap<never, never>

/** @category model @since 0.1.0 */
export interface EntityWhitelistConfig {
  /** Keyed by a single-role `RolesMask`. */
  readonly max_nodes?: ReadonlyMap<number, number>
}

/** @category model @since 0.1.0 */
export interface EntityWhitelistRuntimeAdmissionPolicy {
  /** Keyed by entity public key; `null` is Go's nil map. */
  readonly entities: ReadonlyMap<Uint8Array, EntityWhitelistConfig> | null
}

/** @category model @since 0.1.0 */
export interface EntityWhitelistRoleConfig {
  readonly max_nodes?: number
}

/** @category model @since 0.1.0 */
export interface EntityWhitelistRoleAdmissionPolicy {
  readonly entities: ReadonlyMap<Uint8Array, EntityWhitelistRoleConfig> | null
}

/** @category model @since 0.1.0 */
export interface PerRoleAdmissionPolicy {
  readonly entity_whitelist?: EntityWhitelistRoleAdmissionPolicy
}

/** @category model @since 0.1.0 */
export interface RuntimeAdmissionPolicy {
  readonly any_node?: EmptyStruct
  readonly entity_whitelist?: EntityWhitelistRuntimeAdmissionPolicy
  /** Keyed by a single-role `RolesMask`. */
  readonly per_role?: ReadonlyMap<number, PerRoleAdmissionPolicy>
}

/** @category model @since 0.1.0 */
export interface LimitConstraint {
  readonly limit: number
}

/** @category model @since 0.1.0 */
export interface SchedulingConstraints {
  readonly validator_set?: EmptyStruct
  readonly max_nodes?: LimitConstraint
  readonly min_pool_size?: LimitConstraint
}

/** @category model @since 0.1.0 */
export interface Slash {
  readonly amount: Uint8Array
  readonly freeze_interval: U64
}

/** @category model @since 0.1.0 */
export interface RuntimeStakingParameters {
  /** Keyed by `ThresholdKind`; amounts are quantities (big-endian bytes, zero = empty). */
  readonly thresholds?: ReadonlyMap<number | bigint, Uint8Array>
  /** Keyed by `SlashReason`. */
  readonly slashing?: ReadonlyMap<number, Slash>
  readonly reward_equivocation?: number
  readonly reward_bad_results?: number
  readonly min_in_message_fee?: Uint8Array
}

/**
 * The registry runtime descriptor (v3).
 *
 * @category model
 * @since 0.1.0
 */
export interface Runtime {
  readonly v: number
  readonly id: Uint8Array
  readonly entity_id: Uint8Array
  readonly genesis: RuntimeGenesis
  readonly kind: number
  readonly tee_hardware: number
  readonly key_manager?: Uint8Array
  /** Always written (zeros included); optional only so client objects can be passed in. */
  readonly executor?: ExecutorParameters
  readonly txn_scheduler?: TxnSchedulerParameters
  /** Always written (zeros included); optional only so client objects can be passed in. */
  readonly storage?: StorageParameters
  readonly admission_policy: RuntimeAdmissionPolicy
  /** CommitteeKind → Role → constraints; an inner `null` is Go's nil map. */
  readonly constraints?: ReadonlyMap<number, ReadonlyMap<number, SchedulingConstraints> | null>
  readonly staking?: RuntimeStakingParameters
  readonly governance_model: number
  /**
   * Go `[]*VersionInfo`. By default a decoded descriptor can hold `null` entries here (Go's nil
   * pointer, written `null`), exactly as oasis-core decodes and re-encodes them; validation
   * refuses them (D3), and strict decoding refuses them (CX4). The element type leaves `null`
   * out so that code reading deployments of a validated descriptor needs no check.
   */
  readonly deployments?: ReadonlyArray<VersionInfo>
}

const emptyStruct = (name: string): Wire<EmptyStruct> => struct<EmptyStruct>(name, [])

/**
 * Codec of {@link VersionInfo}.
 *
 * @example
 * VersionInfoCodec.decode({ version: { major: 1 }, valid_from: 10 })
 *
 * @category codecs
 * @since 0.1.0
 */
export const VersionInfoCodec: Wire<VersionInfo> = /* @__PURE__ */ struct<VersionInfo>('VersionInfo', [
  ['version', VersionCodec, 'always'],
  ['valid_from', u64, 'always'],
  ['tee', bytes, 'omitempty'],
  ['bundle_checksum', bytes, 'omitempty']
])

const ExecutorCodec = /* @__PURE__ */ struct<ExecutorParameters>('ExecutorParameters', [
  ['group_size', u16, 'always'],
  ['group_backup_size', u16, 'always'],
  ['allowed_stragglers', u16, 'always'],
  ['round_timeout', i64, 'always'],
  ['max_messages', u32, 'always'],
  ['min_live_rounds_percent', u8, 'omitempty'],
  ['max_missed_proposals_percent', u8, 'omitempty'],
  ['min_live_rounds_eval', u64, 'omitempty'],
  ['max_liveness_fails', u8, 'omitempty']
])

const TxnSchedulerCodec = /* @__PURE__ */ struct<TxnSchedulerParameters>('TxnSchedulerParameters', [
  ['batch_flush_timeout', i64, 'omitempty'],
  ['max_batch_size', u64, 'omitempty'],
  ['max_batch_size_bytes', u64, 'omitempty'],
  ['max_in_messages', u32, 'omitempty'],
  ['propose_batch_timeout', i64, 'omitempty']
])

const StorageCodec = /* @__PURE__ */ struct<StorageParameters>('StorageParameters', [
  ['checkpoint_interval', u64, 'always'],
  ['checkpoint_num_kept', u64, 'always'],
  ['checkpoint_chunk_size', u64, 'always']
])

const AdmissionPolicyCodec = /* @__PURE__ */ struct<RuntimeAdmissionPolicy>('RuntimeAdmissionPolicy', [
  ['any_node', emptyStruct('AnyNodeRuntimeAdmissionPolicy'), 'pointer'],
  [
    'entity_whitelist',
    struct<EntityWhitelistRuntimeAdmissionPolicy>('EntityWhitelistRuntimeAdmissionPolicy', [
      [
        'entities',
        nullable(
          map(
            keys.publicKey,
            struct<EntityWhitelistConfig>('EntityWhitelistConfig', [['max_nodes', map(rolesMaskKey, u16), 'omitempty']])
          )
        ),
        'always'
      ]
    ]),
    'pointer'
  ],
  [
    'per_role',
    map(
      rolesMaskKey,
      struct<PerRoleAdmissionPolicy>('PerRoleAdmissionPolicy', [
        [
          'entity_whitelist',
          struct<EntityWhitelistRoleAdmissionPolicy>('EntityWhitelistRoleAdmissionPolicy', [
            [
              'entities',
              nullable(
                map(
                  keys.publicKey,
                  struct<EntityWhitelistRoleConfig>('EntityWhitelistRoleConfig', [['max_nodes', u16, 'omitempty']])
                )
              ),
              'always'
            ]
          ]),
          'pointer'
        ]
      ])
    ),
    'omitempty'
  ]
])

const LimitCodec = (name: string): Wire<LimitConstraint> => struct<LimitConstraint>(name, [['limit', u16, 'always']])

const SchedulingConstraintsCodec = /* @__PURE__ */ struct<SchedulingConstraints>('SchedulingConstraints', [
  ['validator_set', emptyStruct('ValidatorSetConstraint'), 'pointer'],
  ['max_nodes', LimitCodec('MaxNodesConstraint'), 'pointer'],
  ['min_pool_size', LimitCodec('MinPoolSizeConstraint'), 'pointer']
])

const StakingCodec = /* @__PURE__ */ struct<RuntimeStakingParameters>('RuntimeStakingParameters', [
  ['thresholds', map(namedKeys.thresholdKind, quantity), 'omitempty'],
  [
    'slashing',
    map(
      namedKeys.slashReason,
      struct<Slash>('Slash', [
        ['amount', quantity, 'always'],
        ['freeze_interval', u64, 'always']
      ])
    ),
    'omitempty'
  ],
  ['reward_equivocation', u8, 'omitempty'],
  ['reward_bad_results', u8, 'omitempty'],
  ['min_in_message_fee', quantity, 'omitempty']
])

/**
 * Codec of {@link Runtime} (registry descriptor v3), field by field as oasis-core's Go struct.
 * A `null` entry of `deployments` (Go's nil `*VersionInfo`) is read by default and written as
 * `null`, as oasis-core does; strict decoding refuses it (CX4).
 *
 * @example
 * import { RuntimeCodec } from 'runtime-deployments'
 * RuntimeCodec.is(someValue) // true when someValue is a well-formed descriptor
 *
 * @category codecs
 * @since 0.1.0
 */
export const RuntimeCodec: Wire<Runtime> = /* @__PURE__ */ struct<Runtime>('Runtime', [
  ['v', u16, 'always'],
  ['id', namespace, 'always'],
  ['entity_id', fixedBytes(32, 'base64'), 'always'],
  [
    'genesis',
    struct<RuntimeGenesis>('RuntimeGenesis', [
      ['state_root', fixedBytes(32, 'hex'), 'always'],
      ['round', u64, 'always']
    ]),
    'always'
  ],
  ['kind', u32, 'always'],
  ['tee_hardware', u8, 'always'],
  ['key_manager', namespace, 'pointer'],
  // C3: omitempty, but never empty (it has non-omitempty fields), so always written.
  ['executor', ExecutorCodec, 'always'],
  ['txn_scheduler', TxnSchedulerCodec, 'omitempty'],
  ['storage', StorageCodec, 'always'],
  ['admission_policy', AdmissionPolicyCodec, 'always'],
  ['constraints', map(namedKeys.committeeKind, nullable(map(namedKeys.role, SchedulingConstraintsCodec))), 'omitempty'],
  ['staking', StakingCodec, 'omitempty'],
  ['governance_model', enumeration(u8, GOVERNANCE_MODEL_NAMES), 'always'],
  ['deployments', array(nilPointer(VersionInfoCodec)) as Wire<ReadonlyArray<VersionInfo | null>> as Wire<ReadonlyArray<VersionInfo>>, 'omitempty']
])
