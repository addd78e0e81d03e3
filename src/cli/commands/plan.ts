/**
 * `rtdeploy plan`: the descriptor update that schedules a target version (PL1–PL6), ready to
 * submit; or why no such update exists.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { encodeWith, fromJsonWith } from '../../codec/codec.js'
import type { DecodeError } from '../../codec/decodeError.js'
import { fromHex } from '../../internal/bytes.js'
import { planUpgrade, type UpgradeTarget } from '../../planner/planUpgrade.js'
import { parseVersion } from '../../rules/parseVersion.js'
import { SgxConstraintsCodec } from '../../schema/sgx.js'
import type { Args } from '../command.js'
import { type Command, COMMON_OPTIONS } from '../command.js'
import { binaryContents, describeDecodeError, detectFormat, parseJson, readInput } from '../input.js'
import { formatOption, loadEpoch, loadParamsWithSource, loadPolicy, loadRuntime, PARAMS_HELP, PARAMS_OPTIONS, renderRuntime, strictOption, writeOutput } from '../load.js'
import { paramsJson, paramsNotes } from '../networks.js'
import { badInput, EXIT, outcome, toJsonText, refusalOutcome } from '../output.js'

// `--tee FILE`: SGX constraints as JSON (encoded canonically here), or their CBOR (binary or hex).
const loadTee = (path: string): E.Either<string, Uint8Array> =>
  pipe(
    readInput(path),
    E.chain((raw) => {
      const format = detectFormat(raw)
      if (format !== 'json') return binaryContents(path, raw, format)
      return pipe(
        parseJson(path, new TextDecoder().decode(raw)),
        E.chain((json) => E.mapLeft((e: DecodeError) => `${path}: ${describeDecodeError(e)}`)(fromJsonWith(SgxConstraintsCodec)(json))),
        E.chain((c) => E.mapLeft((e: { message: string }) => `${path}: ${e.message}`)(encodeWith(SgxConstraintsCodec)(c)))
      )
    })
  )

const loadTarget = (args: Args): E.Either<string, UpgradeTarget> => {
  const v = args.values['version']
  if (typeof v !== 'string') return E.left('--version is required')
  const version = parseVersion(v)
  if (E.isLeft(version)) return E.left(`--version: ${version.left.message}`)
  const tee = args.values['tee']
  const checksum = args.values['bundle-checksum']
  const teeBytes = typeof tee === 'string' ? loadTee(tee) : E.right(undefined)
  if (E.isLeft(teeBytes)) return teeBytes
  const sum = typeof checksum === 'string' ? fromHex(checksum) : undefined
  if (typeof checksum === 'string' && sum === undefined) return E.left('--bundle-checksum must be hex')
  return E.right({
    version: version.right,
    ...(teeBytes.right === undefined ? {} : { tee: teeBytes.right }),
    ...(sum === undefined ? {} : { bundle_checksum: sum })
  })
}

/**
 * `rtdeploy plan <descriptor> --version X.Y.Z [--tee FILE] [--bundle-checksum HEX] --epoch N --lead K [-o FILE]`.
 *
 * @example
 * rtdeploy plan runtime.cbor --version 1.5.0 --epoch 1250 --lead 50 --prune --params params.json -o next.cbor
 *
 * @category cli
 * @since 0.1.0
 */
export const plan: Command = {
  name: 'plan',
  summary: 'the update that schedules a version, guaranteed to pass check-update (PL1–PL6)',
  usage: `rtdeploy plan <descriptor> --version X.Y.Z --epoch N --lead K [--tee FILE] [--bundle-checksum HEX]
                [--prune] [--params FILE | --network NAME] [--policy FILE] [-o FILE] [--format …] [--json]

  Builds the descriptor update that schedules version X.Y.Z at epoch N + K: it replaces a pending
  deployment where needed, drops superseded ones with --prune, and passes check-update at epoch N
  (under --params and --policy). Prints "no change" when the version is already active or
  scheduled with the same identity. --tee: SGX constraints as JSON, CBOR or hex.
  ${PARAMS_HELP}
  Exit 0 planned or no change, 1 no such update (e.g. a downgrade), 2 bad input.`,
  options: {
    ...COMMON_OPTIONS,
    version: { type: 'string' },
    tee: { type: 'string' },
    'bundle-checksum': { type: 'string' },
    epoch: { type: 'string' },
    lead: { type: 'string' },
    prune: { type: 'boolean' },
    ...PARAMS_OPTIONS,
    policy: { type: 'string' },
    output: { type: 'string', short: 'o' }
  },
  positionals: 1,
  run: (args) =>
    pipe(
      E.Do,
      E.bind('rt', () => loadRuntime(args, 0)),
      E.bind('target', () => loadTarget(args)),
      E.bind('now', () => loadEpoch(args)),
      E.bind('lead', () =>
        pipe(
          loadEpoch(args, 'lead'),
          E.filterOrElse(
            (lead) => lead !== 0,
            () => '--lead must be at least 1: a planned deployment starts after the epoch'
          )
        )
      ),
      E.bind('used', () => loadParamsWithSource(args)),
      E.bind('policy', () => loadPolicy(args)),
      E.bind('format', () => formatOption(args)),
      E.chain((ctx) => {
        const result = planUpgrade(ctx.rt, ctx.target, ctx.now, {
          leadEpochs: ctx.lead,
          prune: args.values['prune'] === true,
          params: ctx.used.params,
          strict: strictOption(args),
          ...(ctx.policy === undefined ? {} : { policy: ctx.policy })
        })
        const params = paramsJson(ctx.used.params, ctx.used.source)
        if (E.isLeft(result)) {
          const refused = refusalOutcome('no such update', result.left, { params })
          return E.right({ ...refused, text: [...refused.text, ...paramsNotes(ctx.used.params, ctx.used.source, result.left.rule)] })
        }
        const p = result.right
        const notes = paramsNotes(ctx.used.params, ctx.used.source, undefined)
        if (p._tag === 'NoChange') return E.right(outcome(EXIT.ok, [`no change: ${p.message}`, ...notes], { ok: true, plan: p, params }))
        const out = args.values['output']
        const written =
          typeof out === 'string'
            ? pipe(
                renderRuntime(p.runtime, ctx.format ?? 'cbor'),
                E.chain((bytes) => writeOutput(out, bytes)),
                E.map(() => [`wrote ${out}`])
              )
            : pipe(
                renderRuntime(p.runtime, 'json'),
                E.map((b) => [new TextDecoder().decode(b).trimEnd()])
              )
        return E.map((lines: string[]) =>
          outcome(EXIT.ok, [`planned: ${p.message}`, ...lines, ...notes], { ok: true, plan: JSON.parse(toJsonText(p)) as unknown, params })
        )(written)
      }),
      E.getOrElse(badInput)
    )
}
