/**
 * The free names of the doc examples in src/ (`rt`, `registry`, …), declared with their types so
 * that test/docs.test.ts can type-check every example. Declarations only: nothing here runs, and
 * an example that declares a name itself uses its own.
 */
import type * as t from 'io-ts'
import type { Args } from '../../src/cli/command.js'
import type { Scenario } from '../../src/cli/scenario/scenario.js'
import type { SimulationReport } from '../../src/cli/scenario/simulate.js'
import type {
  ActivationIndex,
  ConsensusParameters,
  Cursor,
  DecodeError,
  NodeDescriptor,
  NodeRuntime,
  PersistentMap,
  Registry,
  Runtime,
  RuntimeState,
  U64,
  VersionInfo,
  Wire
} from '../../src/index.js'
import type { UpdateContext } from '../../src/rules/update.js'

// Descriptors and what they hold

/** A runtime descriptor. */
export declare const rt: Runtime
/** Two more runtime descriptors, for a registry of several. */
export declare const rt1: Runtime
export declare const rt2: Runtime
/** The stored descriptor of an update. */
export declare const current: Runtime
/** The proposed descriptor of an update. */
export declare const proposed: Runtime
/** A proposal returned by `planUpgrade`. */
export declare const proposal: Runtime
/** The consensus parameters. */
export declare const params: ConsensusParameters
/** An epoch. */
export declare const epoch: U64
/** The epoch of a verification. */
export declare const now: U64
/** A deployment. */
export declare const deployment: VersionInfo
/** Deployments 1.4.0 (active) and 1.5.0 (pending). */
export declare const v140: VersionInfo
export declare const v150: VersionInfo
/** A 32-byte runtime or node id, and another one. */
export declare const id: Uint8Array
export declare const otherId: Uint8Array
/** An SGX enclave identity. */
export declare const mr_enclave: Uint8Array
export declare const mr_signer: Uint8Array
/** An EIP-2124 genesis hash and fork schedule. */
export declare const mainnetGenesisHash: Uint8Array
export declare const seed: Uint8Array
export declare const forkPoints: ReadonlyArray<U64>
/** A value of unknown shape. */
export declare const someValue: unknown

// Nodes

/** A node, its entity, its runtime entries, and more nodes. */
export declare const node: NodeDescriptor
export declare const entity_id: Uint8Array
export declare const entry: NodeRuntime
export declare const entry150: NodeRuntime
export declare const node1: NodeDescriptor
export declare const node3: NodeDescriptor
export declare const nodes: ReadonlyArray<NodeDescriptor>
/** Stake by `nodeKey(id)`. */
export declare const weights: ReadonlyMap<string, bigint>

// The registry

/** A registry, one of its runtimes' state, and its activation index. */
export declare const registry: Registry
export declare const state: RuntimeState
export declare const index: ActivationIndex
/** A persistent map. */
export declare const m: PersistentMap<string, number>

// Inner functions

/** The context of an update check. */
export declare const ctx: UpdateContext
/** A read position, a codec and a decode error. */
export declare const c: Cursor
export declare const item: Wire<unknown>
export declare const e: DecodeError
/** io-ts validation errors. */
export declare const errors: t.Errors
export declare const error: t.ValidationError

// The CLI

/** Parsed command-line arguments. */
export declare const args: Args
/** A scenario and its report. */
export declare const scenario: Scenario
export declare const report: SimulationReport
