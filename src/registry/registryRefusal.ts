/**
 * Typed refusals of the registry engine and the fork identifier (E and F rules of
 * `spec/engine.md`).
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import type { DecodeError } from '../codec/decodeError.js'
import { type RefusalMessages, refusalConstructor, type RefusalUnion } from '../codec/refusal.js'
import { compareU64, formatU64 as ep, type U64 } from '../internal/uint64.js'

/**
 * The rule each registry refusal enforces.
 *
 * @example
 * REGISTRY_REFUSAL_RULES.EpochRegression // 'E9'
 *
 * @category errors
 * @since 0.1.0
 */
export const REGISTRY_REFUSAL_RULES = {
  DuplicateRuntime: 'E2',
  UnencodableRuntime: 'E3',
  EpochMismatch: 'E4',
  UnregisteredRuntime: 'E6',
  EpochRegression: 'E9',
  ForkIdRemoteForkPassed: 'F1.1',
  ForkIdRemoteStale: 'F2',
  ForkIdIncompatible: 'F4'
} as const

/**
 * The `_tag` of a {@link RegistryRefusal}.
 *
 * @category errors
 * @since 0.1.0
 */
export type RegistryRefusalTag = keyof typeof REGISTRY_REFUSAL_RULES

/**
 * A fork identifier as named in a refusal (F-rules of `spec/engine.md`): a 4-byte CRC32 and the
 * next fork point (0 when none).
 *
 * @category errors
 * @since 0.1.0
 */
export interface ForkIdRef {
  readonly hash: Uint8Array
  readonly next: U64
}

/**
 * What every fork-identifier refusal carries: EIP-2124's error name, both identifiers and the
 * local head.
 *
 * @category errors
 * @since 0.1.0
 */
export interface ForkIdRefusal<Err extends 'remote-stale' | 'local-incompatible-or-stale'> {
  readonly error: Err
  readonly local: ForkIdRef
  readonly remote: ForkIdRef
  readonly head: U64
}

/**
 * The data each registry refusal carries, by tag.
 *
 * @category errors
 * @since 0.1.0
 */
export interface RegistryRefusalData {
  readonly DuplicateRuntime: { readonly id: Uint8Array; readonly index: number }
  readonly UnencodableRuntime: { readonly id: Uint8Array | undefined; readonly cause: DecodeError }
  readonly EpochMismatch: {
    readonly operation: 'registerRuntime' | 'activeVersions'
    readonly epoch: U64
    readonly requested: U64
  }
  readonly UnregisteredRuntime: { readonly id: Uint8Array; readonly operation: 'suspendRuntime' | 'resumeRuntime' }
  readonly EpochRegression: { readonly epoch: U64; readonly requested: U64 }
  readonly ForkIdRemoteForkPassed: ForkIdRefusal<'local-incompatible-or-stale'>
  readonly ForkIdRemoteStale: ForkIdRefusal<'remote-stale'> & { readonly expectedNext: U64 }
  readonly ForkIdIncompatible: ForkIdRefusal<'local-incompatible-or-stale'>
}

/**
 * A registry refusal: its tag, rule, one-line message and data.
 *
 * @example
 * import { registryRefusal } from 'runtime-deployments'
 * registryRefusal('EpochRegression', { epoch: 10, requested: 9 }).rule // 'E9'
 *
 * @category errors
 * @since 0.1.0
 */
export type RegistryRefusal = RefusalUnion<typeof REGISTRY_REFUSAL_RULES, RegistryRefusalData>

const forkRef = (f: ForkIdRef): string => `${bytesToHex(f.hash)}/${ep(f.next)}`

const MESSAGES: RefusalMessages<RegistryRefusalData> = {
  DuplicateRuntime: (d) => `runtime ${bytesToHex(d.id)} is given twice (again at runtimes[${d.index}]): each id may appear once`,
  UnencodableRuntime: (d) =>
    `runtime ${d.id instanceof Uint8Array ? bytesToHex(d.id) : '(no id)'} cannot be stored: ` +
    `it does not encode (${d.cause.rule} at ${d.cause.path === '' ? 'the top' : d.cause.path}: ${d.cause.message})`,
  EpochMismatch: (d) =>
    `${d.operation} asked for epoch ${ep(d.requested)} but the registry is at epoch ${ep(d.epoch)}: ` +
    (compareU64(d.requested, d.epoch) > 0 ? 'advance the registry first' : 'a registry keeps only its current epoch'),
  UnregisteredRuntime: (d) => `${d.operation}: no runtime ${bytesToHex(d.id)} in the registry; register it first`,
  EpochRegression: (d) => `cannot go back from epoch ${ep(d.epoch)} to epoch ${ep(d.requested)}: epochs only advance`,
  ForkIdRemoteForkPassed: (d) =>
    `the remote announces a fork at ${ep(d.remote.next)}, already passed locally (head ${ep(d.head)}) ` +
    'without the local schedule having it: local incompatible or stale',
  ForkIdRemoteStale: (d) =>
    `the remote fork id ${forkRef(d.remote)} is a past local state but announces next ${ep(d.remote.next)}, ` +
    `not the local fork at ${ep(d.expectedNext)}: remote stale`,
  ForkIdIncompatible: (d) =>
    `the remote fork hash ${bytesToHex(d.remote.hash)} matches no past, current or future local state ` +
    `(local is ${forkRef(d.local)}): local incompatible or stale`
}

/**
 * Build a {@link RegistryRefusal}; the rule and the message derive from the tag and the data.
 *
 * @example
 * registryRefusal('EpochRegression', { epoch: 10, requested: 9 }).rule // 'E9'
 *
 * @category constructors
 * @since 0.1.0
 */
export const registryRefusal = refusalConstructor(REGISTRY_REFUSAL_RULES, MESSAGES)
