import { describe } from 'vitest'
import { NODE_REFUSAL_RULES, type NodeRefusalData, type NodeRefusalTag, nodeRefusal } from '../../src/node/nodeRefusal.js'
import { refusalTableTests } from '../support/refusals.js'

const ref = { version: { major: 1, minor: 4 }, valid_from: 1200 }
const later = { version: { major: 1, minor: 5 }, valid_from: 1300n }

// One sample of every member, so every message template is exercised.
const SAMPLES: { readonly [T in NodeRefusalTag]: NodeRefusalData[T] } = {
  DuplicateNodeRuntime: { index: 1, first: 0, runtime_id: Uint8Array.of(0xaa), version: ref.version },
  UnknownRuntime: { index: 0, runtime_id: Uint8Array.of(0xaa) },
  NodeTeeHardwareMismatch: { index: 0, runtime_id: Uint8Array.of(0xaa), required: 1, hardware: undefined },
  UnknownEnclaveVersion: { index: 0, runtime_id: Uint8Array.of(0xaa), version: later.version, deployed: [ref.version] },
  NodeAttestationRejected: { index: 0, runtime_id: Uint8Array.of(0xaa), deployment: ref, reason: 'stale quote' },
  NodeIdentityChanged: { field: 'entity_id', current: Uint8Array.of(1), proposed: Uint8Array.of(2) },
  NodeRuntimeRemoved: { runtime_id: Uint8Array.of(0xaa), version: ref.version, active: ref, now: 1250 },
  NodeTeeChanged: { runtime_id: Uint8Array.of(0xaa), version: ref.version, change: 'removed', current: 1, proposed: undefined },
  UndeployedNodeVersion: { index: 0, runtime_id: Uint8Array.of(0xaa), version: later.version, deployed: [] },
  MalformedNode: { argument: 'proposed', field: 'roles', reason: 'not a uint32' },
  NodeCodeIdentityNotAdmitted: { index: 0, runtime_id: Uint8Array.of(0xaa), version: later.version, field: 'bundle_checksum', identity: 'ab' }
}

describe('nodeRefusal', () => {
  refusalTableTests('R1', NODE_REFUSAL_RULES, nodeRefusal, SAMPLES)
})
