/**
 * Running `rtdeploy` on a list of arguments: dispatch, `--help`, usage errors, and the promise
 * that nothing prints a stack trace: every failure becomes a message and exit code 2.
 *
 * @since 0.1.0
 */
import { parseArgs } from 'node:util'
import type { Command } from './command.js'
import * as commands from './commands/index.js'
import { badInput, EXIT, type Outcome, outcome } from './output.js'

/**
 * Every command, in the order `rtdeploy --help` lists them.
 *
 * @category cli
 * @since 0.1.0
 */
export const COMMANDS: ReadonlyArray<Command> = [
  commands.demo,
  commands.simulate,
  commands.validate,
  commands.checkUpdate,
  commands.active,
  commands.next,
  commands.timeline,
  commands.prune,
  commands.plan,
  commands.genesis,
  commands.reconcile,
  commands.era,
  commands.statement,
  commands.fingerprint,
  commands.hash,
  commands.encode,
  commands.decode
]

const overview = (): string[] => [
  'rtdeploy: govern versioned runtime descriptors (Oasis-compatible)',
  '',
  'usage: rtdeploy <command> [arguments] [--json] [--help]',
  '',
  'commands:',
  ...COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`),
  '',
  'Descriptors are read as CBOR (binary or hex), the library\'s JSON (bytes as hex) or oasis-node\'s',
  'JSON (base64, names); --format cbor|hex|json|oasis-json overrides detection. Rules run under',
  '--params FILE or --network mainnet|testnet|local. CBOR is read as oasis-core reads it;',
  '--strict refuses its leniencies (spec/codec.md CX1-CX9), also in the TEE constraints the',
  'rules decode (D7).',
  'Exit codes: 0 accepted, 1 refused by a rule, 2 bad input or usage.'
]

/**
 * Run one command line (without `node` and the script name) to an {@link Outcome}; never throws.
 *
 * @example
 * await runCli(['active', 'runtime.json', '--epoch', '1250'])
 *
 * @category cli
 * @since 0.1.0
 */
export const runCli = async (argv: ReadonlyArray<string>): Promise<Outcome> => {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return outcome(name === undefined ? EXIT.badInput : EXIT.ok, overview(), { ok: name !== undefined, commands: COMMANDS.map((c) => c.name) })
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (command === undefined) return badInput(`unknown command ${JSON.stringify(name)}; try rtdeploy --help`)
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true })
  } catch (e) {
    return badInput(`${(e as Error).message.split('\n')[0]}\n${command.usage}`)
  }
  const values = parsed.values as Record<string, string | boolean | undefined>
  if (values['help'] === true) return outcome(EXIT.ok, [command.usage])
  if (parsed.positionals.length !== command.positionals) {
    return badInput(`${command.name} takes ${command.positionals} argument${command.positionals === 1 ? '' : 's'}, got ${parsed.positionals.length}\n${command.usage}`)
  }
  try {
    return await command.run({ values, positionals: parsed.positionals })
  } catch (e) {
    // A defect, not a verdict: say so without a stack trace.
    return badInput(`internal error in ${command.name}: ${String(e)}`)
  }
}
