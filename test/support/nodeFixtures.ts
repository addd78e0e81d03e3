/** Builders and arbitraries shared by the scheduler, node-side and planner tests. */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type { TeeVerifier } from '../../src/node/tee.js'
import { type NodeDescriptor, ROLE_COMPUTE_WORKER } from '../../src/node/node.js'
import type { CapabilityTEE, NodeRuntime } from '../../src/schema/node.js'
import type { Runtime, VersionInfo } from '../../src/schema/runtime.js'
import { dep, runtime, SGX_V0, ver } from './rulesFixtures.js'

/** The id of the runtimes `runtime()` builds (32 zero bytes). */
export const RT_ID = new Uint8Array(32)

/** Another runtime id. */
export const OTHER_RT_ID = new Uint8Array(32).fill(0xee)

/** A 32-byte node id filled with `n`. */
export const nodeId = (n: number): Uint8Array => new Uint8Array(32).fill(n)

/** An SGX TEE capability (hardware 1 unless told). */
export const teeCap = (hardware = 1): CapabilityTEE => ({ hardware, rak: new Uint8Array(32).fill(7), attestation: Uint8Array.of(1, 2) })

/** A node runtime entry for `RT_ID` at `version`, optionally with a TEE capability or another id. */
export const entry = (version: string, extra: { tee?: CapabilityTEE; id?: Uint8Array } = {}): NodeRuntime => ({
  id: extra.id ?? RT_ID,
  version: ver(version),
  capabilities: extra.tee === undefined ? {} : { tee: extra.tee },
  extra_info: null
})

/** A compute node with id `nodeId(n)` advertising `entries`. */
export const node = (n: number, entries: ReadonlyArray<NodeRuntime> | null, overrides: Partial<NodeDescriptor> = {}): NodeDescriptor => ({
  id: nodeId(n),
  entity_id: nodeId(0x80 + (n % 0x40)),
  roles: ROLE_COMPUTE_WORKER,
  runtimes: entries,
  ...overrides
})

/** A verifier that accepts every attestation. */
export const acceptAll: TeeVerifier = () => E.right(undefined)

/** A verifier that refuses every attestation. */
export const refuseAll: TeeVerifier = () => E.left('quote too old')

/** 1.3.0@1000 superseded, 1.4.0@1200 active at 1250, 1.5.0@1300 pending. */
export const v130 = dep('1.3.0', 1000)
export const v140 = dep('1.4.0', 1200)
export const v150 = dep('1.5.0', 1300)
export const NOW = 1250

/** A non-TEE runtime with the given deployments and executor sizes. */
export const computeRuntime = (deployments: ReadonlyArray<VersionInfo>, groupSize = 2, backupSize = 0): Runtime =>
  runtime(deployments, {
    executor: { group_size: groupSize, group_backup_size: backupSize, allowed_stragglers: 0, round_timeout: 5, max_messages: 32 }
  })

/** An SGX runtime (tee_hardware 1) whose deployments carry the v0 SGX vector. */
export const sgxRuntime = (versions: ReadonlyArray<readonly [string, number]>): Runtime =>
  runtime(
    versions.map(([v, from]) => dep(v, from, { tee: SGX_V0 })),
    { tee_hardware: 1 }
  )

// -------------------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------------------

const versionStrings = ['1.3.0', '1.4.0', '1.5.0', '1.4.1', '2.0.0']

/** An arbitrary node runtime entry (any of a few versions, maybe a TEE, maybe another runtime). */
export const anyEntry: fc.Arbitrary<NodeRuntime> = fc
  .record({
    version: fc.constantFrom(...versionStrings),
    tee: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    other: fc.boolean()
  })
  .map(({ version, tee, other }) =>
    entry(version, { ...(tee === undefined ? {} : { tee: teeCap(tee) }), ...(other ? { id: OTHER_RT_ID } : {}) })
  )

/** An arbitrary node: id among a few (so duplicates happen), any roles, any entries, maybe expired. */
export const anyNode: fc.Arbitrary<NodeDescriptor> = fc
  .record({
    n: fc.integer({ min: 1, max: 8 }),
    roles: fc.integer({ min: 0, max: 15 }),
    entries: fc.option(fc.array(anyEntry, { maxLength: 4 }), { nil: null }),
    expiration: fc.option(fc.oneof(fc.integer({ min: 1190, max: 1310 }), fc.bigInt({ min: 1190n, max: 1310n })), { nil: undefined })
  })
  .map(({ n, roles, entries, expiration }) => node(n, entries, { roles, ...(expiration === undefined ? {} : { expiration }) }))

/** A node that is not even well formed (for totality properties). */
export const junkNode: fc.Arbitrary<NodeDescriptor> = fc
  .oneof(
    fc.constant(null),
    fc.record({ id: fc.uint8Array({ maxLength: 33 }), entity_id: fc.uint8Array({ maxLength: 33 }), roles: fc.double(), runtimes: fc.constant([null]) }),
    fc.record({ id: fc.constant(nodeId(1)), entity_id: fc.constant(nodeId(2)), roles: fc.constant(1), runtimes: fc.constant('x') })
  )
  .map((x) => x as unknown as NodeDescriptor)
