/**
 * Scenario files for `rtdeploy simulate` (and the embedded `rtdeploy demo`): a network of runtimes
 * and nodes, and what happens to it epoch by epoch. Reading one checks every field and says which
 * one is wrong; nothing throws.
 *
 * Format (JSON; descriptors and parameters in the JSON form of the wire shape, see `decode`):
 *
 * ```
 * {
 *   "name": "…",                        optional title
 *   "params": { … },                    registry consensus parameters (default {})
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
import { fromJsonWith } from '../../codec/codec.js'
import { isRecord } from '../../codec/containers.js'
import { hashBytes } from '../../schema/hash.js'
import { parseVersion } from '../../rules/parseVersion.js'
import type { Policy } from '../../rules/policy.js'
import type { NodeDescriptor } from '../../node/node.js'
import { ROLE_COMPUTE_WORKER } from '../../node/node.js'
import { type ConsensusParameters, ConsensusParametersCodec } from '../../schema/params.js'
import { type Runtime, RuntimeCodec, type U64, type VersionInfo, VersionInfoCodec } from '../../schema/runtime.js'
import type { Version } from '../../schema/version.js'
import { parseEpoch } from '../input.js'

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

type Obj = Record<string, unknown>

const fail = (path: string, message: string): E.Either<string, never> => E.left(`${path}: ${message}`)

const only = (o: Obj, path: string, allowed: ReadonlyArray<string>): E.Either<string, Obj> => {
  const extra = Object.keys(o).find((k) => !allowed.includes(k))
  return extra === undefined ? E.right(o) : fail(`${path}.${extra}`, `unknown field (allowed: ${allowed.join(', ')})`)
}

const smallCount = (u: unknown, path: string, max: number): E.Either<string, number> =>
  Number.isInteger(u) && (u as number) >= 0 && (u as number) <= max ? E.right(u as number) : fail(path, `must be an integer from 0 to ${max}`)

const epochOf = (u: unknown, path: string): E.Either<string, U64> =>
  E.mapLeft(() => `${path}: must be a uint64 (number or decimal string)`)(parseEpoch(path, typeof u === 'number' ? String(u) : typeof u === 'string' ? u : undefined))

const versionsOf = (u: unknown, path: string): E.Either<string, ReadonlyArray<Version>> => {
  if (!Array.isArray(u)) return fail(path, 'must be an array of version strings')
  const out: Version[] = []
  for (let i = 0; i < u.length; i++) {
    const s: unknown = u[i]
    if (typeof s !== 'string') return fail(`${path}[${i}]`, 'must be a version string such as "1.2.0"')
    const v = parseVersion(s)
    if (E.isLeft(v)) return fail(`${path}[${i}]`, v.left.message)
    out.push(v.right)
  }
  return E.right(out)
}

const nodeRuntimesOf = (u: unknown, path: string, runtimes: ReadonlySet<string>): E.Either<string, ReadonlyMap<string, ReadonlyArray<Version>>> => {
  if (!isRecord(u)) return fail(path, 'must be an object: runtime name → versions')
  const out = new Map<string, ReadonlyArray<Version>>()
  for (const [name, vs] of Object.entries(u)) {
    if (!runtimes.has(name)) return fail(`${path}.${name}`, 'names no runtime of the scenario')
    const versions = versionsOf(vs, `${path}.${name}`)
    if (E.isLeft(versions)) return versions
    out.set(name, versions.right)
  }
  return E.right(out)
}

const nodeOf = (u: unknown, path: string, runtimes: ReadonlySet<string>, named: boolean): E.Either<string, ScenarioNode> => {
  if (!isRecord(u)) return fail(path, 'must be an object')
  const o = only(u, path, named ? ['name', 'runtimes', 'binary'] : ['epoch', 'node', 'runtimes', 'binary', 'note'])
  if (E.isLeft(o)) return o
  const name = named ? u['name'] : u['node']
  if (typeof name !== 'string' || name === '') return fail(`${path}.${named ? 'name' : 'node'}`, 'must be a non-empty string')
  const rts = nodeRuntimesOf(u['runtimes'] ?? {}, `${path}.runtimes`, runtimes)
  if (E.isLeft(rts)) return rts
  const binary = u['binary'] === undefined ? E.right(undefined) : versionsOf(u['binary'], `${path}.binary`)
  if (E.isLeft(binary)) return binary
  return E.right({ name, runtimes: rts.right, binary: binary.right })
}

const eventOf = (u: unknown, path: string, runtimes: ReadonlySet<string>, nodes: ReadonlySet<string>): E.Either<string, ScenarioEvent> => {
  if (!isRecord(u)) return fail(path, 'must be an object')
  const epoch = epochOf(u['epoch'], `${path}.epoch`)
  if (E.isLeft(epoch)) return epoch
  const note = typeof u['note'] === 'string' ? u['note'] : undefined
  if (u['node'] !== undefined) {
    if (!nodes.has(String(u['node']))) return fail(`${path}.node`, 'names no node of the scenario')
    return E.map((node: ScenarioNode): ScenarioEvent => ({ _tag: 'Node', epoch: epoch.right, node, note }))(nodeOf(u, path, runtimes, false))
  }
  const runtime = u['runtime']
  if (typeof runtime !== 'string' || !runtimes.has(runtime)) return fail(`${path}.runtime`, 'must name a runtime of the scenario')
  if (u['schedule'] !== undefined) {
    const o = only(u, path, ['epoch', 'runtime', 'schedule', 'lead', 'note'])
    if (E.isLeft(o)) return o
    const version = typeof u['schedule'] === 'string' ? parseVersion(u['schedule']) : undefined
    if (version === undefined || E.isLeft(version)) return fail(`${path}.schedule`, 'must be a version string such as "1.2.0"')
    const lead = epochOf(u['lead'] ?? 4, `${path}.lead`)
    if (E.isLeft(lead)) return lead
    return E.right({ _tag: 'Schedule', epoch: epoch.right, runtime, version: version.right, lead: lead.right, note })
  }
  const o = only(u, path, ['epoch', 'runtime', 'deployments', 'note'])
  if (E.isLeft(o)) return o
  if (!Array.isArray(u['deployments'])) return fail(`${path}`, 'needs "deployments" (an array), "schedule" (a version) or "node"')
  const deployments: VersionInfo[] = []
  for (let i = 0; i < u['deployments'].length; i++) {
    const d = fromJsonWith(VersionInfoCodec)(u['deployments'][i])
    if (E.isLeft(d)) return fail(`${path}.deployments[${i}]${d.left.path === '' ? '' : `.${d.left.path}`}`, d.left.message)
    deployments.push(d.right)
  }
  return E.right({ _tag: 'Deployments', epoch: epoch.right, runtime, deployments, note })
}

/**
 * Check a parsed scenario file, or say which field is wrong.
 *
 * @example
 * parseScenario(JSON.parse(readFileSync('scenario.json', 'utf8')))
 *
 * @category cli
 * @since 0.1.0
 */
export const parseScenario = (u: unknown, policy: (j: unknown) => E.Either<string, Policy | undefined>): E.Either<string, Scenario> => {
  if (!isRecord(u)) return fail('scenario', 'must be a JSON object')
  const top = only(u, 'scenario', ['name', 'params', 'policy', 'prune', 'epochs', 'warnEpochs', 'runtimes', 'nodes', 'events'])
  if (E.isLeft(top)) return top
  const params = fromJsonWith(ConsensusParametersCodec)(u['params'] ?? {})
  if (E.isLeft(params)) return fail(`params${params.left.path === '' ? '' : `.${params.left.path}`}`, params.left.message)
  const pol = policy(u['policy'])
  if (E.isLeft(pol)) return pol
  const epochs = smallCount(u['epochs'], 'epochs', 100_000)
  if (E.isLeft(epochs)) return epochs
  const warnEpochs = smallCount(u['warnEpochs'] ?? 3, 'warnEpochs', 100_000)
  if (E.isLeft(warnEpochs)) return warnEpochs
  if (!isRecord(u['runtimes'])) return fail('runtimes', 'must be an object: name → descriptor')
  const runtimes: Array<readonly [string, Runtime]> = []
  for (const [name, j] of Object.entries(u['runtimes'])) {
    const rt = fromJsonWith(RuntimeCodec)(j)
    if (E.isLeft(rt)) return fail(`runtimes.${name}${rt.left.path === '' ? '' : `.${rt.left.path}`}`, `${rt.left.rule} ${rt.left.message}`)
    runtimes.push([name, rt.right])
  }
  const runtimeNames = new Set(runtimes.map(([n]) => n))
  if (!Array.isArray(u['nodes'] ?? [])) return fail('nodes', 'must be an array')
  const nodes: ScenarioNode[] = []
  for (const [i, j] of ((u['nodes'] ?? []) as unknown[]).entries()) {
    const n = nodeOf(j, `nodes[${i}]`, runtimeNames, true)
    if (E.isLeft(n)) return n
    if (nodes.some((m) => m.name === n.right.name)) return fail(`nodes[${i}].name`, `duplicate node name ${JSON.stringify(n.right.name)}`)
    nodes.push(n.right)
  }
  const nodeNames = new Set(nodes.map((n) => n.name))
  if (!Array.isArray(u['events'] ?? [])) return fail('events', 'must be an array')
  const events: ScenarioEvent[] = []
  for (const [i, j] of ((u['events'] ?? []) as unknown[]).entries()) {
    const ev = eventOf(j, `events[${i}]`, runtimeNames, nodeNames)
    if (E.isLeft(ev)) return ev
    events.push(ev.right)
  }
  // Stable: events of one epoch keep their order.
  const ordered = events.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => (BigInt(a.epoch) < BigInt(b.epoch) ? -1 : BigInt(a.epoch) > BigInt(b.epoch) ? 1 : i - j))
  return E.right({
    name: typeof u['name'] === 'string' ? u['name'] : 'scenario',
    params: params.right,
    policy: pol.right,
    prune: u['prune'] === true,
    epochs: epochs.right,
    warnEpochs: warnEpochs.right,
    runtimes,
    nodes,
    events: ordered.map(([e]) => e)
  })
}

const idFor = (kind: string, name: string): Uint8Array => hashBytes(new TextEncoder().encode(`rtdeploy scenario ${kind} ${name}`))

/**
 * The node descriptor of a scenario node: ids derived from its name, the compute role, and one
 * runtime entry per advertised (runtime, version).
 *
 * @example
 * nodeDescriptor(node, new Map([['oracle', oracleRuntime]]))
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
