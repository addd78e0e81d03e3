/**
 * The shape of a CLI command: its name, help text, options (node:util `parseArgs` syntax) and a
 * pure-ish `run` from parsed arguments to an {@link Outcome} (reading files is its only effect).
 *
 * @since 0.1.0
 */
import type { ParseArgsConfig } from 'node:util'
import type { Outcome } from './output.js'

/**
 * Parsed command-line values: option values by name, and positionals.
 *
 * @category cli
 * @since 0.1.0
 */
export interface Args {
  readonly values: Readonly<Record<string, string | boolean | undefined>>
  readonly positionals: ReadonlyArray<string>
}

/**
 * One `rtdeploy` command.
 *
 * @category cli
 * @since 0.1.0
 */
export interface Command {
  readonly name: string
  /** One line for the command list. */
  readonly summary: string
  /** `rtdeploy <name> …` synopsis and option descriptions, for `--help`. */
  readonly usage: string
  readonly options: NonNullable<ParseArgsConfig['options']>
  /** How many positionals: exactly this many. */
  readonly positionals: number
  run(args: Args): Outcome | Promise<Outcome>
}

/**
 * Options every command accepts.
 *
 * @category cli
 * @since 0.1.0
 */
export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  format: { type: 'string' },
  strict: { type: 'boolean' }
} as const satisfies NonNullable<ParseArgsConfig['options']>
