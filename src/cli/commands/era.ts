/**
 * `rtdeploy era`: verify a network's signed Mithril era markers and say what a node supporting
 * some eras does at an epoch (spec/trust.md ER1–ER7, CLI24).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { existsSync } from 'node:fs'
import { parseExactJson } from '../../codec/jsonText.js'
import {
  decodeEraMarkers,
  decodeEraVerificationKey,
  type EraMarker,
  type EraMarkersPayload,
  eraMarkersFromJson,
  readEraMarkers,
  verifyEraMarkers
} from '../../trust/eraMarkers.js'
import type { EraRefusal } from '../../trust/eraRefusal.js'
import { eraVerdict } from '../../trust/eraVerdict.js'
import type { U64 } from '../../schema/runtime.js'
import { type Args, type Command, COMMON_OPTIONS } from '../command.js'
import { readInput } from '../input.js'
import { loadEpoch } from '../load.js'
import { badInput, EXIT, outcome, type Outcome, refusalOutcome } from '../output.js'

// The key: a file holding it (an era.vkey), or the key text itself.
const loadKey = (args: Args): E.Either<string, E.Either<EraRefusal, Uint8Array>> => {
  const key = args.values['key']
  if (typeof key !== 'string') return E.left('--key is required (an era.vkey file, or the key as json-hex or hex)')
  if (!existsSync(key)) return E.right(decodeEraVerificationKey(key))
  return E.map((raw: Uint8Array) => decodeEraVerificationKey(new TextDecoder().decode(raw).trim()))(readInput(key))
}

const loadSupported = (args: Args): E.Either<string, ReadonlyArray<string>> => {
  const names = args.values['supported']
  if (typeof names !== 'string') return E.left('--supported is required: the era names this binary supports, comma-separated (e.g. pythagoras)')
  const list = names.split(',').filter((n) => n !== '')
  return list.length === 0 ? E.left('--supported names no era') : E.right(list)
}

/**
 * The verified markers of a file (ER2–ER4): the payload's json-hex text, its JSON, one Cardano
 * inline datum, or an array of datums (the first valid wins).
 *
 * @example
 * markersOf(new TextEncoder().encode('7b226d61726b657273223a5b5d7d'), new Uint8Array(32)) // left(MissingEraSignature)
 *
 * @category cli
 * @since 0.1.0
 */
export const markersOf = (raw: Uint8Array, key: Uint8Array): E.Either<EraRefusal, ReadonlyArray<EraMarker>> => {
  const text = new TextDecoder().decode(raw).trim()
  const json = text.startsWith('{') || text.startsWith('[') ? parseExactJson(text) : undefined
  if (json === undefined || E.isLeft(json)) return E.chain((p: EraMarkersPayload) => verifyEraMarkers(p, key))(decodeEraMarkers(text))
  const value = json.right
  if (Array.isArray(value)) return readEraMarkers(value, key)
  if (typeof value === 'object' && value !== null && 'fields' in value) return readEraMarkers([value], key)
  return E.chain((p: EraMarkersPayload) => verifyEraMarkers(p, key))(eraMarkersFromJson(value))
}

const describe = (m: EraMarker | undefined): string => (m === undefined ? 'none' : `${m.name} (${m.epoch === null ? 'announced' : `from epoch ${String(m.epoch)}`})`)

const report = (markers: ReadonlyArray<EraMarker>, supported: ReadonlyArray<string>, epoch: U64): Outcome => {
  const verdict = eraVerdict(markers, supported, epoch)
  if (E.isLeft(verdict)) return refusalOutcome('refused', verdict.left, { epoch, markers })
  const v = verdict.right
  const lines = [
    `${v._tag === 'EraUnsupported' ? 'halt' : v._tag === 'EraUpgradeSoon' ? 'warn' : 'run'} at epoch ${epoch}: ${v.rule} ${v._tag}: ${v.message}`,
    `current era: ${describe(v.current)}; next: ${describe(v.next)}`
  ]
  // CLI24: halting is a refusal (exit 1); a warning still runs (exit 0).
  return outcome(v._tag === 'EraUnsupported' ? EXIT.refused : EXIT.ok, lines, { ok: v._tag !== 'EraUnsupported', epoch, verdict: v, markers })
}

/**
 * `rtdeploy era <markers> --key KEY --epoch N --supported NAMES`.
 *
 * @example
 * rtdeploy era datum.json --key era.vkey --epoch 540 --supported pythagoras
 *
 * @category cli
 * @since 0.1.0
 */
export const era: Command = {
  name: 'era',
  summary: 'verify signed Mithril era markers and say whether a node runs, warns or halts (ER1–ER7)',
  usage: `rtdeploy era <markers> --key KEY --epoch N --supported NAMES [--json]

  Verifies a network's era markers under its era key as Mithril does (Ed25519, strict) and says
  what a node whose binary supports the eras NAMES (comma-separated, exact names) does at epoch
  N: run, warn before an upcoming era it does not support, or halt in one.
  <markers>  the payload's json-hex (as on chain), its JSON, a Cardano inline datum, or an array
             of datums (the first that verifies wins)
  --key KEY  an era.vkey file, or the key itself as json-hex or 64 hex digits
  Exit 0 run or warn, 1 halt or markers refused (no valid signature, no current era), 2 bad input.`,
  options: { ...COMMON_OPTIONS, key: { type: 'string' }, epoch: { type: 'string' }, supported: { type: 'string' } },
  positionals: 1,
  run: (args) =>
    pipe(
      E.Do,
      E.bind('raw', () => readInput(args.positionals[0]!)),
      E.bind('key', () => loadKey(args)),
      E.bind('epoch', () => loadEpoch(args)),
      E.bind('supported', () => loadSupported(args)),
      E.match(badInput, ({ raw, key, epoch, supported }) => {
        if (E.isLeft(key)) return badInput(`--key: ${key.left.rule} ${key.left._tag}: ${key.left.message}`)
        const markers = markersOf(raw, key.right)
        return E.isLeft(markers) ? refusalOutcome('refused', markers.left, { epoch }) : report(markers.right, supported, epoch)
      })
    )
}
