/**
 * Scenario files for `rtdeploy simulate` (and the embedded `rtdeploy demo`): a network of runtimes
 * and nodes, and what happens to it epoch by epoch. The format is described once, as io-ts codecs
 * ({@link ScenarioJson}, {@link ScenarioNodeJson}, {@link ScenarioEventJson}); reading a file
 * decodes it, then checks that the names it refers to exist, and says which field is wrong, what
 * it must be and where. Nothing throws.
 *
 * Format (JSON; descriptors and parameters in the JSON form of the wire shape, see `decode`):
 *
 * ```
 * {
 *   "name": "…",                        optional title
 *   "params": { … },                    registry consensus parameters (default: as --params,
 *                                       DEFAULT_PARAMS, CLI16)
 *   "policy": { … },                    optional stricter policy (as for check-update --policy)
 *   "prune": true,                      prune superseded deployments at each activation (default false)
 *   "epochs": 20,                       simulate epochs 1…epochs; runtimes are registered at genesis (0)
 *   "warnEpochs": 3,                    how early node verdicts warn of an upgrade (default 3)
 *   "runtimes": { "<name>": <descriptor JSON> },
 *   "nodes": [ { "name": "…", "runtimes": { "<runtime>": ["1.0.0", …] }, "binary": ["1.0.0", …] } ],
 *   "events": [
 *     { "epoch": 3, "runtime": "<name>", "deployments": [ <deployment JSON>, … ], "note": "…" },
 *     { "epoch": 3, "runtime": "<name>", "schedule": "1.1.0", "lead": 4, "note": "…" },
 *     { "epoch": 5, "node": "<name>", "runtimes": { … }, "binary": [ … ] }
 *   ]
 * }
 * ```
 *
 * A `deployments` event submits the stored descriptor with that deployment list; a `schedule`
 * event submits what `rtdeploy plan` would (`prune` as the scenario says); a node event replaces
 * what the node advertises and the versions its binary supports.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { hashBytes } from '../../schema/hash.js'
import type { Policy } from '../../rules/policy.js'
import type { NodeDescriptor } from '../../node/node.js'
import { ROLE_COMPUTE_WORKER } from '../../node/node.js'
import type { ConsensusParameters } from '../../schema/params.js'
import { type Runtime, RuntimeCodec, type U64, type VersionInfo, VersionInfoCodec } from '../../schema/runtime.js'
import type { Version } from '../../schema/version.js'
import {
  DEFAULT_PARAMS,
  decodeJson,
  entries,
  U64Json,
  Flag,
  fromWireJson,
  keyed,
  leaf,
  NonEmptyText,
  ParamsJson,
  PolicyJson,
  strict,
  Text,
  VersionString,
  withDefault
} from '../jsonInputs.js'

/**
 * A node of the scenario: what it advertises, and which versions its binary can run.
 *
 * @category cli
 * @since 0.1.0
 */
export interface ScenarioNode {
  readonly name: string
  /** Runtime name → advertised versions. */
  readonly runtimes: ReadonlyMap<string, ReadonlyArray<Version>>
  readonly binary: ReadonlyArray<Version> | undefined
}

/**
 * One event of the scenario, at an epoch.
 *
 * @category cli
 * @since 0.1.0
 */
export type ScenarioEvent =
  | { readonly _tag: 'Deployments'; readonly epoch: U64; readonly runtime: string; readonly deployments: ReadonlyArray<VersionInfo>; readonly note: string | undefined }
  | { readonly _tag: 'Schedule'; readonly epoch: U64; readonly runtime: string; readonly version: Version; readonly lead: U64; readonly note: string | undefined }
  | { readonly _tag: 'Node'; readonly epoch: U64; readonly node: ScenarioNode; readonly note: string | undefined }

/**
 * A checked scenario.
 *
 * @category cli
 * @since 0.1.0
 */
export interface Scenario {
  readonly name: string
  readonly params: ConsensusParameters
  readonly policy: Policy | undefined
  readonly prune: boolean
  readonly epochs: number
  readonly warnEpochs: number
  /** In the order given. */
  readonly runtimes: ReadonlyArray<readonly [string, Runtime]>
  readonly nodes: ReadonlyArray<ScenarioNode>
  /** In epoch order, stable within an epoch. */
  readonly events: ReadonlyArray<ScenarioEvent>
}

const ROOT = 'scenario'
const MAX_EPOCHS = 100_000

const Count = /* @__PURE__ */ leaf(`an integer from 0 to ${MAX_EPOCHS}`, (u): u is number => Number.isInteger(u) && (u as number) >= 0 && (u as number) <= MAX_EPOCHS)

const Versions = /* @__PURE__ */ t.readonlyArray(VersionString, 'an array of version strings')

// What a node advertises: runtime name → versions; absent or null is nothing.
const Advertised = /* @__PURE__ */ withDefault(entries(Versions, 'an object: runtime name → versions'), [])

/**
 * A node of a scenario file (`nodes[i]`).
 *
 * @example
 * decodeJson(ScenarioNodeJson)({ name: 'n01', runtimes: { oracle: ['1.0.0'] }, binary: ['1.0.0'] })
 *
 * @category cli
 * @since 0.1.0
 */
export const ScenarioNodeJson = /* @__PURE__ */ strict('a node object', 'node', { name: NonEmptyText, runtimes: Advertised }, { binary: Versions })

const NodeEventJson = /* @__PURE__ */ strict(
  'a node event',
  'node event',
  { epoch: U64Json, node: NonEmptyText, runtimes: Advertised },
  { binary: Versions, note: Text }
)

const ScheduleEventJson = /* @__PURE__ */ strict(
  'a schedule event',
  'schedule event',
  { epoch: U64Json, runtime: Text, schedule: VersionString, lead: withDefault(U64Json, 4) },
  { note: Text }
)

const DeploymentsEventJson = /* @__PURE__ */ strict(
  'a deployments event',
  'deployments event',
  { epoch: U64Json, runtime: Text, deployments: t.readonlyArray(fromWireJson(VersionInfoCodec), 'an array of deployments') },
  { note: Text }
)

/**
 * An event of a scenario file (`events[i]`): a node event when it has `node`, else a schedule
 * event when it has `schedule`, else a deployments event.
 *
 * @example
 * decodeJson(ScenarioEventJson)({ epoch: 2, runtime: 'oracle', schedule: '1.1.0', lead: 4 })
 *
 * @category cli
 * @since 0.1.0
 */
export const ScenarioEventJson = /* @__PURE__ */ keyed(
  'an event object',
  [
    ['node', NodeEventJson],
    ['schedule', ScheduleEventJson],
    ['deployments', DeploymentsEventJson]
  ],
  'needs "schedule" (a version), "deployments" (an array) or "node" (a node name): a schedule event takes epoch, runtime, schedule, lead, note; a deployments event epoch, runtime, deployments, note; a node event epoch, node, runtimes, binary, note',
  ['epoch', 'runtime', 'schedule', 'lead', 'deployments', 'node', 'runtimes', 'binary', 'note']
)

/**
 * A scenario file (see the module documentation). Names are checked against each other by
 * {@link parseScenario}.
 *
 * @example
 * import { DEMO_SCENARIO } from './demoScenario.js'
 * decodeJson(ScenarioJson, 'scenario')(DEMO_SCENARIO)
 *
 * @category cli
 * @since 0.1.0
 */
export const ScenarioJson = /* @__PURE__ */ strict(
  'a JSON object',
  '',
  {
    params: withDefault(ParamsJson, DEFAULT_PARAMS),
    epochs: Count,
    warnEpochs: withDefault(Count, 3),
    runtimes: entries(fromWireJson(RuntimeCodec), 'an object: name → descriptor'),
    nodes: withDefault(t.readonlyArray(ScenarioNodeJson, 'an array of nodes'), []),
    events: withDefault(t.readonlyArray(ScenarioEventJson, 'an array of events'), [])
  },
  { name: Text, policy: PolicyJson, prune: Flag }
)

type Advertised = t.TypeOf<typeof Advertised>

const fail = (path: string, message: string): E.Either<string, never> => E.left(`${path}: ${message}`)

// The names a scenario gives (runtimes, nodes) must be the ones it refers to.
const advertisedOf = (a: Advertised, path: string, runtimes: ReadonlySet<string>): E.Either<string, ReadonlyMap<string, ReadonlyArray<Version>>> => {
  const unknown = a.find(([name]) => !runtimes.has(name))
  return unknown === undefined ? E.right(new Map(a)) : fail(`${path}.runtimes.${unknown[0]}`, 'names no runtime of the scenario')
}

const eventOf = (
  ev: t.TypeOf<typeof ScenarioEventJson>,
  path: string,
  runtimes: ReadonlySet<string>,
  nodes: ReadonlySet<string>
): E.Either<string, ScenarioEvent> => {
  const note = ev.note
  if ('node' in ev) {
    if (!nodes.has(ev.node)) return fail(`${path}.node`, 'names no node of the scenario')
    return E.map((rts: ReadonlyMap<string, ReadonlyArray<Version>>): ScenarioEvent => ({
      _tag: 'Node',
      epoch: ev.epoch,
      node: { name: ev.node, runtimes: rts, binary: ev.binary },
      note
    }))(advertisedOf(ev.runtimes, path, runtimes))
  }
  if (!runtimes.has(ev.runtime)) return fail(`${path}.runtime`, 'must name a runtime of the scenario')
  return E.right(
    'schedule' in ev
      ? { _tag: 'Schedule', epoch: ev.epoch, runtime: ev.runtime, version: ev.schedule, lead: ev.lead, note }
      : { _tag: 'Deployments', epoch: ev.epoch, runtime: ev.runtime, deployments: ev.deployments, note }
  )
}

const scenarioOf = (j: t.TypeOf<typeof ScenarioJson>): E.Either<string, Scenario> => {
  const runtimeNames = new Set(j.runtimes.map(([n]) => n))
  const nodes: ScenarioNode[] = []
  for (const [i, n] of j.nodes.entries()) {
    const path = `${ROOT}.nodes[${i}]`
    const rts = advertisedOf(n.runtimes, path, runtimeNames)
    if (E.isLeft(rts)) return rts
    if (nodes.some((m) => m.name === n.name)) return fail(`${path}.name`, `duplicate node name ${JSON.stringify(n.name)}`)
    nodes.push({ name: n.name, runtimes: rts.right, binary: n.binary })
  }
  const nodeNames = new Set(nodes.map((n) => n.name))
  const events: ScenarioEvent[] = []
  for (const [i, e] of j.events.entries()) {
    const path = `${ROOT}.events[${i}]`
    // CLI12: an event outside the simulated epochs would silently never happen.
    if (BigInt(e.epoch) < 1n || BigInt(e.epoch) > BigInt(j.epochs)) {
      return fail(`${path}.epoch`, `must be within the simulated epochs 1…${j.epochs} (epoch 0 is genesis), got ${e.epoch}`)
    }
    const ev = eventOf(e, path, runtimeNames, nodeNames)
    if (E.isLeft(ev)) return ev
    events.push(ev.right)
  }
  // Stable: events of one epoch keep their order.
  const ordered = events.map((e, i) => [e, i] as const).sort(([a, i], [b, k]) => (BigInt(a.epoch) < BigInt(b.epoch) ? -1 : BigInt(a.epoch) > BigInt(b.epoch) ? 1 : i - k))
  return E.right({
    name: j.name ?? 'scenario',
    params: j.params,
    policy: j.policy,
    prune: j.prune ?? false,
    epochs: j.epochs,
    warnEpochs: j.warnEpochs,
    runtimes: j.runtimes,
    nodes,
    events: ordered.map(([e]) => e)
  })
}

/**
 * Check a parsed scenario file ({@link ScenarioJson}, then the names it refers to), or say which
 * field is wrong, what it must be and where: `scenario.events[3].runtime: must name a runtime of
 * the scenario`.
 *
 * @example
 * import { readFileSync } from 'node:fs'
 * parseScenario(JSON.parse(readFileSync('scenario.json', 'utf8')))
 *
 * @category cli
 * @since 0.1.0
 */
export const parseScenario = (u: unknown): E.Either<string, Scenario> =>
  pipe(u, decodeJson(ScenarioJson, ROOT), E.chain(scenarioOf))

const idFor = (kind: string, name: string): Uint8Array => hashBytes(new TextEncoder().encode(`rtdeploy scenario ${kind} ${name}`))

/**
 * The node descriptor of a scenario node: ids derived from its name, the compute role, and one
 * runtime entry per advertised (runtime, version).
 *
 * @example
 * const n01: ScenarioNode = { name: 'n01', runtimes: new Map([['oracle', [{ major: 1 }]]]), binary: undefined }
 * nodeDescriptor(n01, new Map([['oracle', rt]])).runtimes // [{ id: rt.id, version: { major: 1 }, capabilities: {}, extra_info: null }]
 *
 * @category cli
 * @since 0.1.0
 */
export const nodeDescriptor = (node: ScenarioNode, runtimes: ReadonlyMap<string, Runtime>): NodeDescriptor => ({
  id: idFor('node', node.name),
  entity_id: idFor('entity', node.name),
  roles: ROLE_COMPUTE_WORKER,
  runtimes: [...node.runtimes].flatMap(([name, versions]) =>
    versions.map((version) => ({ id: runtimes.get(name)!.id, version, capabilities: {}, extra_info: null }))
  )
})
