import { describe } from 'vitest'
import { REGISTRY_REFUSAL_RULES, type RegistryRefusalData, type RegistryRefusalTag, registryRefusal } from '../../src/registry/registryRefusal.js'
import { decodeSgxConstraints } from '../../src/schema/descriptors.js'
import { left } from '../support/helpers.js'
import { refusalTableTests } from '../support/refusals.js'

// One sample of every member, so every message template is exercised.
const SAMPLES: { readonly [T in RegistryRefusalTag]: RegistryRefusalData[T] } = {
  DuplicateRuntime: { id: Uint8Array.of(0xaa), index: 3 },
  UnencodableRuntime: { id: undefined, cause: left(decodeSgxConstraints(new Uint8Array(0))) },
  EpochMismatch: { operation: 'activeVersions', epoch: 10, requested: 11n },
  UnregisteredRuntime: { id: Uint8Array.of(0xaa), operation: 'suspendRuntime' },
  EpochRegression: { epoch: 10, requested: 9 },
  ForkIdRemoteForkPassed: {
    error: 'local-incompatible-or-stale',
    local: { hash: Uint8Array.of(1, 2, 3, 4), next: 0 },
    remote: { hash: Uint8Array.of(1, 2, 3, 4), next: 5 },
    head: 7
  },
  ForkIdRemoteStale: {
    error: 'remote-stale',
    local: { hash: Uint8Array.of(1, 2, 3, 4), next: 0 },
    remote: { hash: Uint8Array.of(5, 6, 7, 8), next: 0 },
    head: 7,
    expectedNext: 5
  },
  ForkIdIncompatible: {
    error: 'local-incompatible-or-stale',
    local: { hash: Uint8Array.of(1, 2, 3, 4), next: 0 },
    remote: { hash: Uint8Array.of(5, 6, 7, 8), next: 0 },
    head: 7
  }
}

describe('registryRefusal', () => {
  refusalTableTests('E2', REGISTRY_REFUSAL_RULES, registryRefusal, SAMPLES)
})
