/**
 * `rtdeploy simulate <scenario.json>` and `rtdeploy demo`: the registry engine, the scheduler's
 * eligibility check and node verdicts run over a scenario, epoch by epoch.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type Args, type Command, COMMON_OPTIONS } from '../command.js'
import { DEMO_SCENARIO } from '../scenario/demoScenario.js'
import { parseJson, readInput } from '../input.js'
import { writeOutput } from '../load.js'
import { badInput, EXIT, type Outcome, outcome, toJsonText } from '../output.js'
import { parseScenario } from '../scenario/scenario.js'
import { renderReport, simulate as runScenario } from '../scenario/simulate.js'

// A progress bar on standard error, only on a terminal and only for runs long enough to need one.
const progress = (args: Args): ((epoch: number, total: number) => void) | undefined => {
  if (args.values['json'] === true || process.stderr.isTTY !== true) return undefined
  let last = -1
  return (epoch, total) => {
    if (total < 200) return
    const pct = Math.floor((epoch * 100) / total)
    if (pct === last) return
    last = pct
    const filled = Math.floor(pct / 4)
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(25 - filled)}] ${epoch}/${total} epochs${epoch === total ? '\n' : ''}`)
  }
}

const runScenarioJson = (json: unknown, where: string, args: Args): Outcome =>
  pipe(
    parseScenario(json),
    E.mapLeft((m) => `${where}: ${m}`),
    E.chain((scenario) => runScenario(scenario, progress(args))),
    E.match(badInput, (report) => outcome(EXIT.ok, renderReport(report), { ok: true, report: JSON.parse(toJsonText(report)) as unknown }))
  )

/**
 * `rtdeploy simulate <scenario.json>`.
 *
 * @example
 * rtdeploy simulate my-network.json
 *
 * @category cli
 * @since 0.1.0
 */
export const simulate: Command = {
  name: 'simulate',
  summary: 'run a scenario file through the registry engine, epoch by epoch',
  usage: `rtdeploy simulate <scenario.json> [--json]

  Registers the scenario's runtimes at genesis, then for each epoch: advances the registry
  (activations, pruning), applies the epoch's updates and node changes, reports runtimes whose
  committee lacks eligible nodes and node support verdicts; ends with a summary and the registry
  digest. The file format is described in the README ("Scenarios"); \`rtdeploy demo --scenario
  FILE\` writes the demo's scenario as an example. Shows a progress bar on a terminal.`,
  options: { ...COMMON_OPTIONS },
  positionals: 1,
  run: (args) => {
    const path = args.positionals[0]!
    return pipe(
      readInput(path),
      E.chain((raw) => parseJson(path, new TextDecoder().decode(raw))),
      E.match(badInput, (json) => runScenarioJson(json, path, args))
    )
  }
}

/**
 * `rtdeploy demo`: the embedded scenario; `npm start` runs it.
 *
 * @example
 * rtdeploy demo
 *
 * @category cli
 * @since 0.1.0
 */
export const demo: Command = {
  name: 'demo',
  summary: 'a small network over 20 epochs: upgrades, refusals, pruning, missing nodes',
  usage: `rtdeploy demo [--scenario FILE] [--json]

  Runs the embedded demo scenario (what \`npm start\` shows). --scenario FILE writes the scenario
  as JSON instead, a starting point for \`rtdeploy simulate\`.`,
  options: { ...COMMON_OPTIONS, scenario: { type: 'string' } },
  positionals: 0,
  run: (args) => {
    const file = args.values['scenario']
    if (typeof file === 'string') {
      return pipe(
        writeOutput(file, new TextEncoder().encode(`${JSON.stringify(DEMO_SCENARIO, null, 2)}\n`)),
        E.match(badInput, () => outcome(EXIT.ok, [`wrote the demo scenario to ${file}; run it with: rtdeploy simulate ${file}`]))
      )
    }
    return runScenarioJson(DEMO_SCENARIO, 'demo scenario', args)
  }
}
