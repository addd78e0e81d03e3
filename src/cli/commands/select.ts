/**
 * `rtdeploy active` and `rtdeploy next`: which deployment is active at an epoch, which comes next.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Runtime, U64, VersionInfo } from '../../schema/runtime.js'
import { activeDeployment, nextDeployment } from '../../rules/selection.js'
import { formatVersion } from '../../rules/version.js'
import { type Command, COMMON_OPTIONS } from '../command.js'
import { runtimeAtEpoch } from '../load.js'
import { badInput, describeDeployment, EXIT, outcome } from '../output.js'

const selectCommand = (
  name: 'active' | 'next',
  pick: (rt: Runtime, epoch: U64) => VersionInfo | undefined,
  what: string
): Command => ({
  name,
  summary: `the deployment ${what} at an epoch (${name === 'active' ? 'A1–A4' : 'N1–N3'})`,
  usage: `rtdeploy ${name} <descriptor> --epoch N [--format cbor|hex|json] [--json]

  Prints the deployment ${what} at epoch N, or "none". Exit 0, or 2 on bad input.`,
  options: { ...COMMON_OPTIONS, epoch: { type: 'string' } },
  positionals: 1,
  run: (args) =>
    pipe(
      runtimeAtEpoch(args),
      E.match(badInput, ({ rt, epoch }) => {
        const d = pick(rt, epoch)
        return outcome(EXIT.ok, [d === undefined ? 'none' : describeDeployment(d)], {
          ok: true,
          epoch,
          deployment: d === undefined ? null : { ...d, version_text: formatVersion(d.version) }
        })
      })
    )
})

/**
 * `rtdeploy active <descriptor> --epoch N`.
 *
 * @example
 * rtdeploy active runtime.json --epoch 1250 // 1.4.0 from epoch 1200
 *
 * @category cli
 * @since 0.1.0
 */
export const active: Command = selectCommand('active', activeDeployment, 'active')

/**
 * `rtdeploy next <descriptor> --epoch N`.
 *
 * @example
 * rtdeploy next runtime.json --epoch 1250 // 1.5.0 from epoch 1300
 *
 * @category cli
 * @since 0.1.0
 */
export const next: Command = selectCommand('next', nextDeployment, 'that activates next')
