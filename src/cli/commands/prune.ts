/**
 * `rtdeploy prune`: drop the deployments superseded at an epoch (PR1–PR3), keeping the active one
 * and every future one.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { pruneSuperseded } from '../../rules/prune.js'
import { type Command, COMMON_OPTIONS } from '../command.js'
import { formatOption, renderRuntime, runtimeAtEpoch, writeOutput } from '../load.js'
import { badInput, describeDeployment, EXIT, outcome, toJsonText } from '../output.js'

/**
 * `rtdeploy prune <descriptor> --epoch N [-o FILE]`.
 *
 * @example
 * rtdeploy prune runtime.cbor --epoch 1300 -o pruned.cbor
 *
 * @category cli
 * @since 0.1.0
 */
export const prune: Command = {
  name: 'prune',
  summary: 'drop deployments superseded at an epoch (keeps the active and future ones)',
  usage: `rtdeploy prune <descriptor> --epoch N [-o FILE] [--format cbor|hex|json] [--json]

  Removes every deployment superseded at epoch N. The result passes check-update against the
  input. With -o, writes the pruned descriptor (in --format, default CBOR); without, prints it
  as JSON.`,
  options: { ...COMMON_OPTIONS, epoch: { type: 'string' }, output: { type: 'string', short: 'o' } },
  positionals: 1,
  run: (args) =>
    pipe(
      runtimeAtEpoch(args),
      E.bind('format', () => formatOption(args)),
      E.bind('pruned', ({ rt, epoch }) => E.right(pruneSuperseded(rt, epoch))),
      E.bind('file', ({ pruned, format }) => {
        const out = args.values['output']
        if (typeof out !== 'string') return E.right(undefined)
        return pipe(
          renderRuntime(pruned.runtime, format ?? 'cbor'),
          E.chain((bytes) => writeOutput(out, bytes)),
          E.map(() => out)
        )
      }),
      E.bind('printed', ({ pruned, file }) =>
        file === undefined ? E.map((b: Uint8Array) => [new TextDecoder().decode(b).trimEnd()])(renderRuntime(pruned.runtime, 'json')) : E.right([])
      ),
      E.match(badInput, ({ pruned, epoch, file, printed }) => {
        const removed = pruned.removed.map(describeDeployment)
        const head = removed.length === 0 ? `nothing superseded at epoch ${epoch}` : `removed at epoch ${epoch}: ${removed.join(', ')}`
        return outcome(EXIT.ok, [head, ...(file === undefined ? printed : [`wrote ${file}`])], {
          ok: true,
          epoch,
          removed: pruned.removed,
          runtime: JSON.parse(toJsonText(pruned.runtime)) as unknown
        })
      })
    )
}
