/**
 * Running a {@link Scenario} through the registry engine, epoch by epoch: activations and pruning
 * at each epoch transition, the registrations and node changes of the epoch, runtimes that lack
 * eligible nodes, and node support verdicts; ends with the registry digest.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import type { AnyRefusal } from '../../codec/refusal.js'
import type { NodeDescriptor } from '../../node/node.js'
import { type SupportVerdict, supportVerdict } from '../../node/supportVerdict.js'
import { planUpgrade } from '../../planner/planUpgrade.js'
import { advanceEpoch } from '../../registry/advanceEpoch.js'
import { createRegistry, lookupRuntime, type Registry, registerRuntime } from '../../registry/registry.js'
import { registryDigest } from '../../registry/registryDigest.js'
import { type DeploymentRef, deploymentRef } from '../../rules/deployment.js'
import { activeDeployment } from '../../rules/selection.js'
import { formatVersion } from '../../rules/version.js'
import { committeeFeasibility } from '../../scheduler/feasibility.js'
import type { Runtime, U64, VersionInfo } from '../../schema/runtime.js'
import { nodeDescriptor, type Scenario, type ScenarioEvent, type ScenarioNode } from './scenario.js'

/**
 * One thing that happened in a simulation, in full (CLI20): what each line of the text says, as
 * data. Runtimes and nodes are named as in the scenario.
 *
 * @category cli
 * @since 0.1.0
 */
export type SimulationEvent =
  | { readonly kind: 'genesis'; readonly runtime: string; readonly active: DeploymentRef | null; readonly deployments: ReadonlyArray<DeploymentRef> }
  | { readonly kind: 'activation'; readonly runtime: string; readonly epoch: U64; readonly from: DeploymentRef | null; readonly to: DeploymentRef }
  | { readonly kind: 'pruned'; readonly runtime: string; readonly removed: ReadonlyArray<DeploymentRef> }
  | {
      readonly kind: 'update-accepted'
      readonly runtime: string
      readonly added: ReadonlyArray<DeploymentRef>
      readonly removed: ReadonlyArray<DeploymentRef>
      readonly active: DeploymentRef | null
      readonly note: string | null
    }
  | { readonly kind: 'update-refused'; readonly runtime: string; readonly violation: AnyRefusal; readonly note: string | null }
  | { readonly kind: 'schedule-unchanged'; readonly runtime: string; readonly message: string; readonly note: string | null }
  | { readonly kind: 'node'; readonly node: string; readonly advertises: Readonly<Record<string, ReadonlyArray<string>>>; readonly note: string | null }
  | { readonly kind: 'no-committee'; readonly runtime: string; readonly violation: AnyRefusal }
  | { readonly kind: 'committee-feasible'; readonly runtime: string; readonly eligible: number; readonly needed: number }
  | { readonly kind: 'verdict'; readonly node: string; readonly runtime: string; readonly verdict: SupportVerdict }

/**
 * What happened in one epoch of a simulation, as lines for people, events in full and counts
 * for machines.
 *
 * @category cli
 * @since 0.1.0
 */
export interface EpochReport {
  readonly epoch: U64
  readonly lines: ReadonlyArray<string>
  readonly events: ReadonlyArray<SimulationEvent>
  readonly activations: number
  readonly accepted: number
  readonly refused: ReadonlyArray<{ readonly runtime: string; readonly rule: string; readonly tag: string; readonly message: string }>
  readonly pruned: number
  readonly lackingNodes: ReadonlyArray<string>
}

/**
 * The result of a simulation.
 *
 * @category cli
 * @since 0.1.0
 */
export interface SimulationReport {
  readonly name: string
  readonly genesis: ReadonlyArray<string>
  readonly genesisEvents: ReadonlyArray<SimulationEvent>
  readonly epochs: ReadonlyArray<EpochReport>
  /** Runtime name → active version at the last epoch (or `none`). */
  readonly final: ReadonlyArray<readonly [string, string]>
  /** SHA-512/256 commitment to the final registry state (E12), in hex. */
  readonly digest: string
}

const version = (d: VersionInfo | undefined): string => (d === undefined ? 'none' : formatVersion(d.version))
const refusal = (v: AnyRefusal): string => `${v.rule} ${v._tag}: ${v.message}`
const withNote = (line: string, note: string | undefined): string => (note === undefined ? line : `${line}  (${note})`)

interface State {
  registry: Registry
  readonly nodes: Map<string, ScenarioNode>
  readonly verdicts: Map<string, string>
  /** Runtimes whose committee lacked eligible nodes at the previous epoch. */
  readonly lacking: Set<string>
}

const refOrNull = (d: VersionInfo | undefined): DeploymentRef | null => (d === undefined ? null : deploymentRef(d))

const scheduleChange = (before: Runtime, after: Runtime, now: U64): { readonly text: string; readonly added: DeploymentRef[]; readonly removed: DeploymentRef[] } => {
  const key = (d: VersionInfo): string => `${version(d)}@${d.valid_from}`
  const was = before.deployments ?? []
  const is = after.deployments ?? []
  const added = is.filter((d) => !was.some((w) => key(w) === key(d)))
  const removed = was.filter((d) => !is.some((i) => key(i) === key(d)))
  const parts = [...added.map((d) => `+${key(d)}`), ...removed.map((d) => `-${key(d)}`)]
  return {
    text: `${parts.length === 0 ? 'no change' : parts.join(' ')}; active at ${now}: ${version(activeDeployment(after, now))}`,
    added: added.map(deploymentRef),
    removed: removed.map(deploymentRef)
  }
}

/** A report line and the same as an event. */
interface Said {
  readonly line: string
  readonly event: SimulationEvent
}

/** Apply one registration or node event at the registry's epoch; returns what to report. */
const applyEvent = (
  s: Scenario,
  state: State,
  ids: ReadonlyMap<string, Uint8Array>,
  ev: ScenarioEvent,
  report: { accepted: number; refused: EpochReport['refused'][number][] }
): Said => {
  const now = state.registry.epoch
  const note = ev.note ?? null
  if (ev._tag === 'Node') {
    state.nodes.set(ev.node.name, ev.node)
    const adv = [...ev.node.runtimes].map(([rt, vs]) => `${rt} ${vs.map(formatVersion).join(', ')}`).join('; ')
    const advertises = Object.fromEntries([...ev.node.runtimes].map(([rt, vs]) => [rt, vs.map(formatVersion)]))
    return { line: withNote(`• node ${ev.node.name} now advertises ${adv || 'nothing'}`, ev.note), event: { kind: 'node', node: ev.node.name, advertises, note } }
  }
  const stored = lookupRuntime(state.registry, ids.get(ev.runtime)!)!.runtime
  const refused = (violation: AnyRefusal, text: string): Said => {
    report.refused.push({ runtime: ev.runtime, rule: violation.rule, tag: violation._tag, message: violation.message })
    return { line: withNote(text, ev.note), event: { kind: 'update-refused', runtime: ev.runtime, violation, note } }
  }
  let proposed: Runtime
  if (ev._tag === 'Schedule') {
    const plan = planUpgrade(stored, { version: ev.version }, now, { leadEpochs: ev.lead, prune: s.prune, params: s.params, ...(s.policy === undefined ? {} : { policy: s.policy }) })
    if (E.isLeft(plan)) return refused(plan.left, `✗ ${ev.runtime}: cannot schedule ${formatVersion(ev.version)}: ${refusal(plan.left)}`)
    if (plan.right._tag === 'NoChange') {
      return { line: withNote(`= ${ev.runtime}: ${plan.right.message}`, ev.note), event: { kind: 'schedule-unchanged', runtime: ev.runtime, message: plan.right.message, note } }
    }
    proposed = plan.right.runtime
  } else {
    proposed = { ...stored, deployments: ev.deployments }
  }
  const result = registerRuntime(state.registry, proposed, now, s.params, s.policy)
  if (E.isLeft(result)) return refused(result.left, `✗ ${ev.runtime}: update refused: ${refusal(result.left)}`)
  state.registry = result.right
  report.accepted++
  const change = scheduleChange(stored, proposed, now)
  return {
    line: withNote(`✓ ${ev.runtime}: update accepted: ${change.text}`, ev.note),
    event: { kind: 'update-accepted', runtime: ev.runtime, added: change.added, removed: change.removed, active: refOrNull(activeDeployment(proposed, now)), note }
  }
}

/** Node verdicts that changed since the last epoch (W1–W4), for nodes whose binary is known. */
const verdictLines = (s: Scenario, state: State, runtimes: ReadonlyMap<string, Runtime>, epoch: U64): Said[] => {
  const lines: Said[] = []
  for (const node of state.nodes.values()) {
    if (node.binary === undefined) continue
    for (const name of node.runtimes.keys()) {
      const v = supportVerdict(node.binary, runtimes.get(name)!, epoch, { warnEpochs: s.warnEpochs })
      if (E.isLeft(v)) continue
      const key = `${node.name}/${name}`
      const was = state.verdicts.get(key)
      state.verdicts.set(key, v.right._tag)
      if (was === v.right._tag || (was === undefined && v.right._tag === 'Supported')) continue
      lines.push({
        line: `⚑ node ${node.name} (${name}): ${v.right.rule} ${v.right._tag}: ${v.right.message}`,
        event: { kind: 'verdict', node: node.name, runtime: name, verdict: v.right }
      })
    }
  }
  return lines
}

/**
 * Run a scenario; `onEpoch` is told after each epoch (for progress). A scenario whose genesis
 * descriptors are refused is reported as a message.
 *
 * @example
 * simulate(scenario) // right({ epochs: [...], digest: 'c0ffee…' })
 *
 * @category cli
 * @since 0.1.0
 */
export const simulate = (s: Scenario, onEpoch?: (epoch: number, total: number) => void): E.Either<string, SimulationReport> => {
  // CLI12: every event happens within epochs 1…epochs (parseScenario checks it for files).
  const outside = s.events.findIndex((ev) => BigInt(ev.epoch) < 1n || BigInt(ev.epoch) > BigInt(s.epochs))
  if (outside >= 0) return E.left(`events[${outside}].epoch: must be within the simulated epochs 1…${s.epochs}`)
  const empty = createRegistry([], 0)
  if (E.isLeft(empty)) return E.left(refusal(empty.left))
  const state: State = { registry: empty.right, nodes: new Map(s.nodes.map((n) => [n.name, n])), verdicts: new Map(), lacking: new Set() }
  const ids = new Map(s.runtimes.map(([name, rt]) => [name, rt.id] as const))
  const names = new Map(s.runtimes.map(([name, rt]) => [bytesToHex(rt.id), name] as const))
  const genesis: string[] = []
  const genesisEvents: SimulationEvent[] = []
  for (const [name, rt] of s.runtimes) {
    // Genesis registrations: past deployments allowed (U0), every D rule applies.
    const r = registerRuntime(state.registry, rt, 0, s.params, s.policy, { isGenesis: true })
    if (E.isLeft(r)) return E.left(`runtimes.${name}: refused at genesis: ${refusal(r.left)}`)
    state.registry = r.right
    genesis.push(`${name}: active ${version(activeDeployment(rt, 0))}, ${(rt.deployments ?? []).length} deployment(s)`)
    genesisEvents.push({ kind: 'genesis', runtime: name, active: refOrNull(activeDeployment(rt, 0)), deployments: (rt.deployments ?? []).map(deploymentRef) })
  }
  const epochs: EpochReport[] = []
  let next = 0
  for (let e = 1; e <= s.epochs; e++) {
    const said: Said[] = []
    const advanced = advanceEpoch(state.registry, e, { prune: s.prune })
    if (E.isLeft(advanced)) return E.left(`epoch ${e}: ${refusal(advanced.left)}`)
    state.registry = advanced.right.registry
    for (const a of advanced.right.activations) {
      const runtime = names.get(bytesToHex(a.id))!
      said.push({
        line: `▲ ${runtime}: ${version(a.from)} → ${version(a.to)} active from epoch ${a.epoch}`,
        event: { kind: 'activation', runtime, epoch: a.epoch, from: refOrNull(a.from), to: deploymentRef(a.to) }
      })
    }
    let pruned = 0
    for (const p of advanced.right.pruned) {
      pruned += p.removed.length
      const runtime = names.get(bytesToHex(p.id))!
      said.push({
        line: `✂ ${runtime}: pruned ${p.removed.map((d) => `${version(d)}@${d.valid_from}`).join(', ')}`,
        event: { kind: 'pruned', runtime, removed: p.removed.map(deploymentRef) }
      })
    }
    const report = { accepted: 0, refused: [] as EpochReport['refused'][number][] }
    while (next < s.events.length && BigInt(s.events[next]!.epoch) === BigInt(e)) {
      said.push(applyEvent(s, state, ids, s.events[next]!, report))
      next++
    }
    const current = new Map(s.runtimes.map(([name, rt]) => [name, lookupRuntime(state.registry, rt.id)?.runtime ?? rt] as const))
    const nodes: NodeDescriptor[] = [...state.nodes.values()].map((n) => nodeDescriptor(n, current))
    const lacking: string[] = []
    for (const [name, rt] of current) {
      const f = committeeFeasibility(rt, nodes, e)
      if (E.isLeft(f)) {
        lacking.push(name)
        said.push({ line: `⚠ ${name}: no committee at epoch ${e}: ${refusal(f.left)}`, event: { kind: 'no-committee', runtime: name, violation: f.left } })
      } else if (state.lacking.has(name)) {
        said.push({
          line: `✓ ${name}: committee feasible again: ${f.right.eligibleCount} eligible nodes, ${f.right.needed} needed`,
          event: { kind: 'committee-feasible', runtime: name, eligible: f.right.eligibleCount, needed: f.right.needed }
        })
      }
    }
    state.lacking.clear()
    for (const name of lacking) state.lacking.add(name)
    said.push(...verdictLines(s, state, current, e))
    epochs.push({
      epoch: e,
      lines: said.map((x) => x.line),
      events: said.map((x) => x.event),
      activations: advanced.right.activations.length, accepted: report.accepted, refused: report.refused, pruned, lackingNodes: lacking })
    onEpoch?.(e, s.epochs)
  }
  const final = s.runtimes.map(([name, rt]) => [name, version(activeDeployment(lookupRuntime(state.registry, rt.id)!.runtime, s.epochs))] as const)
  return E.right({ name: s.name, genesis, genesisEvents, epochs, final, digest: bytesToHex(registryDigest(state.registry)) })
}

/**
 * The report as text: genesis, then each epoch with something to say, then a summary.
 *
 * @example
 * renderReport(report).join('\n')
 *
 * @category cli
 * @since 0.1.0
 */
export const renderReport = (r: SimulationReport): string[] => {
  const out = [`${r.name}`, ...LEGEND, '', 'genesis (epoch 0):', ...r.genesis.flatMap((g) => wrap(g, '  '))]
  for (const e of r.epochs) {
    if (e.lines.length === 0) continue
    out.push('', `epoch ${e.epoch}:`, ...e.lines.flatMap((l) => wrap(l, '  ')))
  }
  const sum = (f: (e: EpochReport) => number): number => r.epochs.reduce((a, e) => a + f(e), 0)
  out.push(
    '',
    'summary:',
    ...wrap(
      `epochs ${r.epochs.length}; activations ${sum((e) => e.activations)}; updates accepted ${sum((e) => e.accepted)}, refused ${sum((e) => e.refused.length)}; deployments pruned ${sum((e) => e.pruned)}; epochs with a runtime lacking nodes ${r.epochs.filter((e) => e.lackingNodes.length > 0).length}`,
      '  '
    ),
    ...wrap(`active at epoch ${r.epochs.length}: ${r.final.map(([n, v]) => `${n} ${v}`).join(', ')}`, '  '),
    `  registry digest: ${r.digest}`
  )
  return out
}

/**
 * What the report's symbols mean, said once at its top (CLI11).
 *
 * @example
 * LEGEND[0] // 'legend: ▲ version activated  ✂ superseded deployment pruned  ✓ accepted  ✗ refused'
 *
 * @category cli
 * @since 0.1.0
 */
export const LEGEND: ReadonlyArray<string> = [
  'legend: ▲ version activated  ✂ superseded deployment pruned  ✓ accepted  ✗ refused',
  '        = nothing to schedule  • node changed  ⚠ runtime lacks nodes (S4)  ⚑ node verdict (W1–W4)'
]

/** The widest report line, in characters (CLI11: under 100 columns). */
const COLUMNS = 99

/**
 * A report line after `indent`, broken at spaces into lines of at most 99 characters; the lines
 * after the first are indented two more (a word longer than a line stays whole).
 *
 * @example
 * wrap('a b', '  ') // ['  a b']
 *
 * @category cli
 * @since 0.1.0
 */
export const wrap = (text: string, indent: string): string[] => {
  const lines: string[] = []
  let current = indent
  let fresh = true
  for (const word of text.split(' ')) {
    const next = fresh ? `${current}${word}` : `${current} ${word}`
    if (!fresh && next.length > COLUMNS) {
      lines.push(current)
      current = `${indent}  ${word}`
    } else current = next
    fresh = false
  }
  lines.push(current)
  return lines
}
