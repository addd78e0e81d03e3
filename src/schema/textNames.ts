/**
 * The text names oasis-core's Go types give their values (their `MarshalText` and
 * `UnmarshalText`), which oasis-node's JSON uses instead of the integers on the CBOR wire (O1,
 * O2 of `spec/codec.md`). From oasis-core `go/registry/api/runtime.go` (governance models),
 * `go/scheduler/api/api.go` (committee kinds, roles), `go/staking/api` (threshold kinds, slash
 * reasons) and `go/common/node/node.go` (roles masks).
 *
 * @since 0.1.0
 */
import { keys, type KeyKind } from '../codec/containers.js'
import { namedKey, type TextNames } from '../codec/enumeration.js'
import { Problem } from '../codec/problem.js'

/**
 * `RuntimeGovernanceModel`: 0 is written `invalid` but never read back.
 *
 * @example
 * GOVERNANCE_MODEL_NAMES.written[1] // [1, 'entity']
 *
 * @category names
 * @since 0.1.0
 */
export const GOVERNANCE_MODEL_NAMES: TextNames = {
  goType: 'RuntimeGovernanceModel',
  written: [
    [0, 'invalid'],
    [1, 'entity'],
    [2, 'runtime'],
    [3, 'consensus']
  ],
  read: ['entity', 'runtime', 'consensus']
}

/**
 * `scheduler.CommitteeKind`: 0 is written `invalid` but never read back.
 *
 * @example
 * COMMITTEE_KIND_NAMES.read // ['executor']
 *
 * @category names
 * @since 0.1.0
 */
export const COMMITTEE_KIND_NAMES: TextNames = {
  goType: 'CommitteeKind',
  written: [
    [0, 'invalid'],
    [1, 'executor']
  ],
  read: ['executor']
}

/**
 * `scheduler.Role`: 0 is written `invalid` but never read back.
 *
 * @example
 * ROLE_NAMES.written[2] // [2, 'backup-worker']
 *
 * @category names
 * @since 0.1.0
 */
export const ROLE_NAMES: TextNames = {
  goType: 'Role',
  written: [
    [0, 'invalid'],
    [1, 'worker'],
    [2, 'backup-worker']
  ],
  read: ['worker', 'backup-worker']
}

/**
 * `staking.ThresholdKind`. Go writes a kind without a name as `[unknown threshold kind]`, which
 * it cannot read back; here such a kind has no text form (O1).
 *
 * @example
 * THRESHOLD_KIND_NAMES.written[2] // [2, 'node-compute']
 *
 * @category names
 * @since 0.1.0
 */
export const THRESHOLD_KIND_NAMES: TextNames = {
  goType: 'ThresholdKind',
  written: [
    [0, 'entity'],
    [1, 'node-validator'],
    [2, 'node-compute'],
    [3, 'node-observer'],
    [4, 'node-keymanager'],
    [5, 'runtime-compute'],
    [6, 'runtime-keymanager'],
    [7, 'keymanager-churp']
  ]
}

/**
 * `staking.SlashReason`: the beacon reasons 0x01–0x03 have no name (Go's `MarshalText` fails).
 *
 * @example
 * SLASH_REASON_NAMES.written[2] // [0x80, 'runtime-incorrect-results']
 *
 * @category names
 * @since 0.1.0
 */
export const SLASH_REASON_NAMES: TextNames = {
  goType: 'SlashReason',
  written: [
    [0x00, 'consensus-equivocation'],
    [0x04, 'consensus-light-client-attack'],
    [0x80, 'runtime-incorrect-results'],
    [0x81, 'runtime-equivocation'],
    [0x82, 'runtime-liveness']
  ]
}

// node.RolesMask bits with a name; every other bit is reserved (Go writes "[invalid roles]").
const ROLE_BITS: ReadonlyArray<readonly [number, string]> = [
  [1, 'compute'],
  [2, 'observer'],
  [4, 'key-manager'],
  [8, 'validator'],
  [32, 'storage-rpc']
]
const NAMED_ROLE_BITS = ROLE_BITS.reduce((m, [bit]) => m | bit, 0)

/**
 * The text of a `node.RolesMask` (its role names joined by commas), or the problem when Go's
 * text could not be read back: reserved bits, or no role at all (O1).
 *
 * @example
 * rolesMaskText(5) // 'compute,key-manager'
 *
 * @category names
 * @since 0.1.0
 */
export const rolesMaskText = (mask: number): string | Problem => {
  if (!Number.isInteger(mask) || mask <= 0 || mask > 0xffffffff || (mask & ~NAMED_ROLE_BITS) !== 0) {
    return new Problem('NoTextForm', `RolesMask ${mask} has no text form oasis-core reads back (${mask === 0 ? 'no role' : 'reserved bits'})`)
  }
  return ROLE_BITS.filter(([bit]) => (mask & bit) !== 0)
    .map(([, name]) => name)
    .join(',')
}

/**
 * A `node.RolesMask` from its text, as `UnmarshalText` reads it: role names separated by commas,
 * each known and given once (O2).
 *
 * @example
 * rolesMaskFromText('compute,validator') // 9
 *
 * @category names
 * @since 0.1.0
 */
export const rolesMaskFromText = (text: string): number | Problem => {
  let mask = 0
  for (const name of text.split(',')) {
    const bit = ROLE_BITS.find(([, n]) => n === name)?.[0]
    if (bit === undefined) {
      return new Problem('UnknownName', `${JSON.stringify(name.slice(0, 40))} is no role (expected ${ROLE_BITS.map(([, n]) => n).join(', ')})`)
    }
    if ((mask & bit) !== 0) return new Problem('UnknownName', `role ${JSON.stringify(name)} appears twice`)
    mask |= bit
  }
  return mask
}

/**
 * Map keys of type `node.RolesMask` (admission policies' `max_nodes` and `per_role`).
 *
 * @example
 * rolesMaskKey.oasisRender(1) // 'compute'
 *
 * @category names
 * @since 0.1.0
 */
export const rolesMaskKey: KeyKind<number> = {
  ...keys.u32,
  oasisRender: rolesMaskText,
  oasisParse: (s) => {
    const mask = rolesMaskFromText(s)
    return mask instanceof Problem ? mask : keys.u32.codec.check(mask)
  }
}

/**
 * Map keys of type `scheduler.CommitteeKind`, `scheduler.Role`, `staking.ThresholdKind` and
 * `staking.SlashReason`.
 *
 * @example
 * namedKeys.role.oasisRender(1) // 'worker'
 *
 * @category names
 * @since 0.1.0
 */
export const namedKeys = {
  committeeKind: namedKey(keys.u8, COMMITTEE_KIND_NAMES),
  role: namedKey(keys.u8, ROLE_NAMES),
  thresholdKind: namedKey(keys.i64, THRESHOLD_KIND_NAMES),
  slashReason: namedKey(keys.u8, SLASH_REASON_NAMES),
  governanceModel: namedKey(keys.u8, GOVERNANCE_MODEL_NAMES)
} as const
