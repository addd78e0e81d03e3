#!/usr/bin/env node
/**
 * The `rtdeploy` executable: runs the command line and prints its outcome, as text or, with
 * `--json`, as one JSON document; exits 0 accepted, 1 refused by a rule, 2 bad input.
 *
 * @since 0.1.0
 */
import { runCli } from './run.js'
import { toJsonText } from './output.js'

// CLI13: a reader that stops reading (`rtdeploy … | head -1`) ends the run normally: exit 0,
// nothing more printed. Any other output error is reported once, without a stack trace.
const onOutputError = (e: NodeJS.ErrnoException): void => {
  if (e.code === 'EPIPE') process.exit(0)
  process.stderr.write(`error: cannot write output (${e.code ?? e.message})\n`)
  process.exit(2)
}
process.stdout.on('error', onOutputError)
process.stderr.on('error', onOutputError)

// CLI22: `npm run rtdeploy -- …` runs in the package root; paths on its command line mean what
// they mean where npm was started (INIT_CWD), so `npm --prefix ~/runtime-deployments run rtdeploy
// -- validate ./rt.json` reads ./rt.json of the caller's directory. Only for that script.
const { INIT_CWD, npm_lifecycle_event, npm_package_name } = process.env
if (npm_lifecycle_event === 'rtdeploy' && npm_package_name === 'runtime-deployments' && INIT_CWD !== undefined && INIT_CWD !== '') {
  process.chdir(INIT_CWD)
}

const argv = process.argv.slice(2)
const result = await runCli(argv)
if (argv.includes('--json')) process.stdout.write(`${toJsonText(result.json)}\n`)
else {
  const stream = result.code === 2 ? process.stderr : process.stdout
  if (result.text.length > 0) stream.write(`${result.text.join('\n')}\n`)
}
process.exitCode = result.code
