/**
 * `rtdeploy reconcile`: what a node must install, replace and remove among its runtime bundles
 * at an epoch (spec/nodes.md RC1–RC6, CLI23).
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { isRecord } from '../../codec/containers.js'
import { formatExactJson, parseExactJson } from '../../codec/jsonText.js'
import { fixedBytes, namespace } from '../../codec/scalars.js'
import { type InstalledBundle, type ReconcileAction, reconcileHosted } from '../../node/reconcileHosted.js'
import { formatVersion } from '../../rules/version.js'
import { registryGenesisFromOasisJson } from '../../schema/oasisJson.js'
import { type Runtime, RuntimeCodec, type U64 } from '../../schema/runtime.js'
import { type Args, type Command, COMMON_OPTIONS } from '../command.js'
import { describeDecodeError, detectFormat, readEitherJson, readInput, wireFromContents } from '../input.js'
import { decodeJson, fromWireJson, strict, VersionString } from '../jsonInputs.js'
import { decodeOptions, formatOption, loadEpoch } from '../load.js'
import { badInput, EXIT, outcome } from '../output.js'

const InstalledJson = /* @__PURE__ */ t.readonlyArray(
  strict('a bundle object', 'bundle', { runtime: fromWireJson(namespace), version: VersionString }, { checksum: fromWireJson(fixedBytes(32)) }),
  'an array of bundles'
)

const readJsonFile = (path: string): E.Either<string, unknown> =>
  pipe(
    readInput(path),
    E.chain((raw) => E.mapLeft((m: string) => `${path}: ${m}`)(parseExactJson(new TextDecoder().decode(raw))))
  )

/**
 * `--installed FILE`: a JSON array of `{ "runtime": "<id hex>", "version": "1.4.0", "checksum":
 * "<manifest hash hex>" }` (checksum optional).
 *
 * @example
 * readInstalled('installed.json') // right([{ runtime, version: { major: 1, minor: 4 } }])
 *
 * @category cli
 * @since 0.1.0
 */
export const readInstalled = (path: string): E.Either<string, ReadonlyArray<InstalledBundle>> =>
  pipe(
    readJsonFile(path),
    E.chain((json) => E.mapLeft((m: string) => `${path}: ${m}`)(decodeJson(InstalledJson, 'installed')(json))),
    E.map((list) => list.map((b) => ({ runtime: b.runtime, version: b.version, ...(b.checksum === undefined ? {} : { checksum: b.checksum }) })))
  )

/**
 * `--runtimes FILE`: the descriptors the node serves: a genesis document (its runtimes and
 * suspended runtimes), a JSON array of descriptors in either JSON form, or one descriptor in any
 * format.
 *
 * @example
 * readRuntimes('genesis.json', { values: {}, positionals: [] }) // right([rt1, rt2])
 *
 * @category cli
 * @since 0.1.0
 */
export const readRuntimes = (path: string, args: Args): E.Either<string, ReadonlyArray<Runtime>> => {
  const raw = readInput(path)
  if (E.isLeft(raw)) return raw
  if (detectFormat(raw.right) === 'json') {
    const text = new TextDecoder().decode(raw.right)
    // O3: a genesis document is read as oasis-node reads it (repeated keys kept for the reader),
    // or strictly with --strict (OX1–OX10), as `rtdeploy genesis` reads it.
    const document = parseExactJson(text, { repeatedKeys: 'keep' })
    if (E.isRight(document) && isRecord(document.right) && 'registry' in document.right) {
      const genesis = registryGenesisFromOasisJson(document.right, decodeOptions(args))
      return E.isLeft(genesis) ? E.left(`${path}: ${describeDecodeError(genesis.left)}`) : E.right([...genesis.right.runtimes, ...genesis.right.suspended_runtimes])
    }
    // An array of descriptors is this command's own form: each item is re-read from its text, so
    // a key repeated in it is refused rather than silently merged (CLI15).
    const json = parseExactJson(text)
    if (E.isRight(json) && Array.isArray(json.right)) {
      const out: Runtime[] = []
      for (const [i, item] of json.right.entries()) {
        const rt = readEitherJson(RuntimeCodec, `${path}[${i}]`, formatExactJson(item, 0), decodeOptions(args))
        if (E.isLeft(rt)) return rt
        out.push(rt.right)
      }
      return E.right(out)
    }
  }
  const format = formatOption(args)
  if (E.isLeft(format)) return format
  return E.map((rt: Runtime) => [rt])(wireFromContents(RuntimeCodec, path, raw.right, format.right, decodeOptions(args)))
}

const short = (id: Uint8Array): string => bytesToHex(id)

const describeAction = (a: ReconcileAction): string => {
  const what = `${short(a.runtime)} ${formatVersion(a.version)}`
  switch (a._tag) {
    case 'Install':
      return `${a.required ? '!' : ' '} install ${what} (${a.reason === 'active' ? `active since epoch ${a.validFrom}` : `pre-warm, active from epoch ${a.validFrom}`})${a.checksum === undefined ? '' : ` checksum ${bytesToHex(a.checksum)}`}`
    case 'Replace':
      return `${a.required ? '!' : ' '} replace ${what}: checksum ${a.installed === undefined ? 'unknown' : bytesToHex(a.installed)} → ${bytesToHex(a.checksum)}`
    case 'Remove':
      return `  remove  ${what}: ${a.reason === 'superseded' ? 'below the active version' : a.reason === 'not-served' ? 'a runtime this node does not serve' : a.reason === 'not-scheduled' ? 'no deployment has this version' : 'a second copy'}`
  }
}

const preWarmOf = (args: Args): E.Either<string, U64 | undefined> => (args.values['pre-warm'] === undefined ? E.right(undefined) : loadEpoch(args, 'pre-warm'))

/**
 * `rtdeploy reconcile --installed FILE --runtimes FILE --epoch N [--pre-warm K]`.
 *
 * @example
 * rtdeploy reconcile --installed installed.json --runtimes genesis.json --epoch 1297
 *
 * @category cli
 * @since 0.1.0
 */
export const reconcile: Command = {
  name: 'reconcile',
  summary: 'what a node must install, replace and remove among its bundles at an epoch (RC1–RC6)',
  usage: `rtdeploy reconcile --installed FILE --runtimes FILE --epoch N [--pre-warm K] [--json]

  Plans what a node must do to its runtime bundles at epoch N: install the active deployment
  and, within K epochs (default 3), the next one; replace a bundle whose checksum is not the
  deployment's bundle_checksum; remove bundles below the active version, of runtimes it does not
  serve, of versions no deployment has, and second copies. "!" marks what the node needs to keep
  serving (a failure there means halt). Applying the plan and reconciling again gives nothing.
  --installed FILE  JSON: [{"runtime": "<id hex>", "version": "1.4.0", "checksum": "<hex>"}, …]
  --runtimes FILE   the descriptors the node serves: a genesis document, a JSON array of
                    descriptors (either JSON form), or one descriptor
  Exit 0 (a plan, possibly empty), 2 bad input.`,
  options: { ...COMMON_OPTIONS, installed: { type: 'string' }, runtimes: { type: 'string' }, epoch: { type: 'string' }, 'pre-warm': { type: 'string' } },
  positionals: 0,
  run: (args) => {
    const installedPath = args.values['installed']
    const runtimesPath = args.values['runtimes']
    if (typeof installedPath !== 'string') return badInput('--installed is required')
    if (typeof runtimesPath !== 'string') return badInput('--runtimes is required')
    return pipe(
      E.Do,
      E.bind('installed', () => readInstalled(installedPath)),
      E.bind('runtimes', () => readRuntimes(runtimesPath, args)),
      E.bind('epoch', () => loadEpoch(args)),
      E.bind('preWarm', () => preWarmOf(args)),
      E.chain(({ installed, runtimes, epoch, preWarm }) =>
        pipe(
          reconcileHosted(installed, runtimes, epoch, preWarm === undefined ? {} : { preWarmEpochs: preWarm }),
          E.mapLeft((v) => `${v.rule} ${v._tag}: ${v.message}`),
          E.map((plan) => ({ plan, epoch }))
        )
      ),
      E.match(badInput, ({ plan, epoch }) => {
        const required = plan.filter((a) => a.required).length
        const head =
          plan.length === 0
            ? `nothing to do at epoch ${epoch}`
            : `at epoch ${epoch}: ${plan.length} action${plan.length === 1 ? '' : 's'}, ${required} required to keep serving (!)`
        return outcome(EXIT.ok, [head, ...plan.map(describeAction)], { ok: true, epoch, required, actions: plan })
      })
    )
  }
}
