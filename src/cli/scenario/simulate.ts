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
import { supportVerdict } from '../../node/supportVerdict.js'
import { planUpgrade } from '../../planner/planUpgrade.js'
import { advanceEpoch } from '../../registry/advanceEpoch.js'
import { createRegistry, lookupRuntime, type Registry, registerRuntime } from '../../registry/registry.js'
import { registryDigest } from '../../registry/registryDigest.js'
import { activeDeployment } from '../../rules/selection.js'
import { formatVersion } from '../../rules/version.js'
import { committeeFeasibility } from '../../scheduler/feasibility.js'
import type { Runtime, U64, VersionInfo } from '../../schema/runtime.js'
import { nodeDescriptor, type Scenario, type ScenarioEvent, type ScenarioNode } from './scenario.js'

/**
 * What happened in one epoch of a simulation, as lines for people and counts for machines.
 *
 * @category cli
 * @since 0.1.0
 */
export interface EpochReport {
  readonly epoch: U64
  readonly lines: ReadonlyArray<string>
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

const scheduleSummary = (before: Runtime, after: Runtime, now: U64): string => {
  const key = (d: VersionInfo): string => `${version(d)}@${d.valid_from}`
  const was = new Set((before.deployments ?? []).map(key))
  const is = new Set((after.deployments ?? []).map(key))
  const added = [...is].filter((k) => !was.has(k))
  const removed = [...was].filter((k) => !is.has(k))
  const parts = [...added.map((k) => `+${k}`), ...removed.map((k) => `-${k}`)]
  return `${parts.length === 0 ? 'no change' : parts.join(' ')}; active at ${now}: ${version(activeDeployment(after, now))}`
}

/** Apply one registration or node event at the registry's epoch; returns its report line. */
const applyEvent = (
  s: Scenario,
  state: State,
  ids: ReadonlyMap<string, Uint8Array>,
  ev: ScenarioEvent,
  report: { accepted: number; refused: EpochReport['refused'][number][] }
): string => {
  const now = state.registry.epoch
  if (ev._tag === 'Node') {
    state.nodes.set(ev.node.name, ev.node)
    const adv = [...ev.node.runtimes].map(([rt, vs]) => `${rt} ${vs.map(formatVersion).join(', ')}`).join('; ')
    return withNote(`• node ${ev.node.name} now advertises ${adv || 'nothing'}`, ev.note)
  }
  const stored = lookupRuntime(state.registry, ids.get(ev.runtime)!)!.runtime
  let proposed: Runtime
  if (ev._tag === 'Schedule') {
    const plan = planUpgrade(stored, { version: ev.version }, now, { leadEpochs: ev.lead, prune: s.prune, params: s.params, ...(s.policy === undefined ? {} : { policy: s.policy }) })
    if (E.isLeft(plan)) {
      report.refused.push({ runtime: ev.runtime, rule: plan.left.rule, tag: plan.left._tag, message: plan.left.message })
      return withNote(`✗ ${ev.runtime}: cannot schedule ${formatVersion(ev.version)}: ${refusal(plan.left)}`, ev.note)
    }
    if (plan.right._tag === 'NoChange') return withNote(`= ${ev.runtime}: ${plan.right.message}`, ev.note)
    proposed = plan.right.runtime
  } else {
    proposed = { ...stored, deployments: ev.deployments }
  }
  const result = registerRuntime(state.registry, proposed, now, s.params, s.policy)
  if (E.isLeft(result)) {
    report.refused.push({ runtime: ev.runtime, rule: result.left.rule, tag: result.left._tag, message: result.left.message })
    return withNote(`✗ ${ev.runtime}: update refused: ${refusal(result.left)}`, ev.note)
  }
  state.registry = result.right
  report.accepted++
  return withNote(`✓ ${ev.runtime}: update accepted: ${scheduleSummary(stored, proposed, now)}`, ev.note)
}

/** Node verdicts that changed since the last epoch (W1–W4), for nodes whose binary is known. */
const verdictLines = (s: Scenario, state: State, runtimes: ReadonlyMap<string, Runtime>, epoch: U64): string[] => {
  const lines: string[] = []
  for (const node of state.nodes.values()) {
    if (node.binary === undefined) continue
    for (const name of node.runtimes.keys()) {
      const v = supportVerdict(node.binary, runtimes.get(name)!, epoch, { warnEpochs: s.warnEpochs })
      if (E.isLeft(v)) continue
      const key = `${node.name}/${name}`
      const was = state.verdicts.get(key)
      state.verdicts.set(key, v.right._tag)
      if (was === v.right._tag || (was === undefined && v.right._tag === 'Supported')) continue
      lines.push(`⚑ node ${node.name} (${name}): ${v.right.rule} ${v.right._tag}: ${v.right.message}`)
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
  for (const [name, rt] of s.runtimes) {
    // Genesis registrations: past deployments allowed (U0), every D rule applies.
    const r = registerRuntime(state.registry, rt, 0, s.params, s.policy, { isGenesis: true })
    if (E.isLeft(r)) return E.left(`runtimes.${name}: refused at genesis: ${refusal(r.left)}`)
    state.registry = r.right
    genesis.push(`${name}: active ${version(activeDeployment(rt, 0))}, ${(rt.deployments ?? []).length} deployment(s)`)
  }
  const epochs: EpochReport[] = []
  let next = 0
  for (let e = 1; e <= s.epochs; e++) {
    const lines: string[] = []
    const advanced = advanceEpoch(state.registry, e, { prune: s.prune })
    if (E.isLeft(advanced)) return E.left(`epoch ${e}: ${refusal(advanced.left)}`)
    state.registry = advanced.right.registry
    for (const a of advanced.right.activations) {
      lines.push(`▲ ${names.get(bytesToHex(a.id))}: ${version(a.from)} → ${version(a.to)} active from epoch ${a.epoch}`)
    }
    let pruned = 0
    for (const p of advanced.right.pruned) {
      pruned += p.removed.length
      lines.push(`✂ ${names.get(bytesToHex(p.id))}: pruned ${p.removed.map((d) => `${version(d)}@${d.valid_from}`).join(', ')}`)
    }
    const report = { accepted: 0, refused: [] as EpochReport['refused'][number][] }
    while (next < s.events.length && BigInt(s.events[next]!.epoch) === BigInt(e)) {
      lines.push(applyEvent(s, state, ids, s.events[next]!, report))
      next++
    }
    const current = new Map(s.runtimes.map(([name, rt]) => [name, lookupRuntime(state.registry, rt.id)?.runtime ?? rt] as const))
    const nodes: NodeDescriptor[] = [...state.nodes.values()].map((n) => nodeDescriptor(n, current))
    const lacking: string[] = []
    for (const [name, rt] of current) {
      const f = committeeFeasibility(rt, nodes, e)
      if (E.isLeft(f)) {
        lacking.push(name)
        lines.push(`⚠ ${name}: no committee at epoch ${e}: ${refusal(f.left)}`)
      } else if (state.lacking.has(name)) {
        lines.push(`✓ ${name}: committee feasible again: ${f.right.eligibleCount} eligible nodes, ${f.right.needed} needed`)
      }
    }
    state.lacking.clear()
    for (const name of lacking) state.lacking.add(name)
    lines.push(...verdictLines(s, state, current, e))
    epochs.push({ epoch: e, lines, activations: advanced.right.activations.length, accepted: report.accepted, refused: report.refused, pruned, lackingNodes: lacking })
    onEpoch?.(e, s.epochs)
  }
  const final = s.runtimes.map(([name, rt]) => [name, version(activeDeployment(lookupRuntime(state.registry, rt.id)!.runtime, s.epochs))] as const)
  return E.right({ name: s.name, genesis, epochs, final, digest: bytesToHex(registryDigest(state.registry)) })
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
  const out = [`${r.name}`, '', 'genesis (epoch 0):', ...r.genesis.map((g) => `  ${g}`)]
  for (const e of r.epochs) {
    if (e.lines.length === 0) continue
    out.push('', `epoch ${e.epoch}:`, ...e.lines.map((l) => `  ${l}`))
  }
  const sum = (f: (e: EpochReport) => number): number => r.epochs.reduce((a, e) => a + f(e), 0)
  out.push(
    '',
    'summary:',
    `  epochs ${r.epochs.length}; activations ${sum((e) => e.activations)}; updates accepted ${sum((e) => e.accepted)}, refused ${sum((e) => e.refused.length)}; deployments pruned ${sum((e) => e.pruned)}; epochs with a runtime lacking nodes ${r.epochs.filter((e) => e.lackingNodes.length > 0).length}`,
    `  active at epoch ${r.epochs.length}: ${r.final.map(([n, v]) => `${n} ${v}`).join(', ')}`,
    `  registry digest: ${r.digest}`
  )
  return out
}
