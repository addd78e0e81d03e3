/**
 * `rtdeploy genesis`: every runtime of a genesis document checked as oasis-core's genesis sanity
 * check checks it (CLI21), and the active and next deployment of each.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { parseExactJson } from '../../codec/jsonText.js'
import type { AnyRefusal } from '../../codec/refusal.js'
import { registryRefusal } from '../../registry/registryRefusal.js'
import { deploymentRef } from '../../rules/deployment.js'
import { checkKeyManagerReference } from '../../rules/keyManagerReference.js'
import { oasisError } from '../../rules/oasisError.js'
import { activeDeployment, nextDeployment } from '../../rules/selection.js'
import { verifyRuntimeNew } from '../../rules/update.js'
import { type RegistryGenesis, registryGenesisFromOasisJson } from '../../schema/oasisJson.js'
import type { Runtime, U64 } from '../../schema/runtime.js'
import { type Args, type Command, COMMON_OPTIONS } from '../command.js'
import { describeDecodeError, parseEpoch, readInput } from '../input.js'
import { strictOption } from '../load.js'
import { paramsJson } from '../networks.js'
import { badInput, describeDeployment, EXIT, outcome, type Outcome } from '../output.js'

/** One runtime of the document and the verdict on it. */
interface Checked {
  readonly rt: Runtime
  readonly suspended: boolean
  readonly refusal: AnyRefusal | undefined
}

// O3: read as oasis-node reads the document (repeated keys kept for the reader), or strictly (--strict).
const readGenesis = (path: string, strict: boolean): E.Either<string, RegistryGenesis> =>
  pipe(
    readInput(path),
    E.chain((raw) => E.mapLeft((m: string) => `${path}: ${m}`)(parseExactJson(new TextDecoder().decode(raw), { repeatedKeys: 'keep' }))),
    E.chain((doc) => E.mapLeft((e: Parameters<typeof describeDecodeError>[0]) => `${path}: ${describeDecodeError(e)}`)(registryGenesisFromOasisJson(doc, { strict })))
  )

const epochOf = (args: Args, genesis: RegistryGenesis): E.Either<string, U64> => {
  const given = args.values['epoch']
  if (typeof given === 'string') return parseEpoch('epoch', given)
  return genesis.baseEpoch === undefined ? E.left('--epoch is required (the document has no beacon.base)') : E.right(genesis.baseEpoch)
}

/**
 * The verdict on every runtime, in oasis-core's order (CLI21): each runtime, then each suspended
 * one, through `VerifyRuntime` at genesis (the D rules at `now`, VR1 as a range check); then the
 * ids, each given once across both lists (E2); then each compute runtime's key manager among the
 * document's runtimes (RR4).
 *
 * @example
 * checkGenesis({ params: {}, runtimes: [rt], suspended_runtimes: [], baseEpoch: undefined }, 28017, false)
 * // [{ rt, suspended: false, refusal: VR12 GovernanceModelNotEnabled }]
 *
 * @category cli
 * @since 0.1.0
 */
export const checkGenesis = (genesis: RegistryGenesis, now: U64, strict: boolean): ReadonlyArray<Checked> => {
  const all = [...genesis.runtimes.map((rt) => ({ rt, suspended: false })), ...genesis.suspended_runtimes.map((rt) => ({ rt, suspended: true }))]
  const seen = new Map<string, Runtime>()
  const checked = all.map(({ rt, suspended }, index) => {
    const verified = verifyRuntimeNew(rt, now, genesis.params, undefined, { isGenesis: true, strict })
    const id = bytesToHex(rt.id)
    const duplicate = seen.has(id)
    if (!duplicate) seen.set(id, rt)
    const refusal: AnyRefusal | undefined = E.isLeft(verified)
      ? verified.left
      : duplicate
        ? registryRefusal('DuplicateRuntime', { id: rt.id, index })
        : undefined
    return { rt, suspended, refusal }
  })
  // RR4: every compute runtime's key manager, looked up among the document's runtimes, as the
  // sanity check does once every runtime has passed VerifyRuntime.
  const lookup = (id: Uint8Array): Runtime | undefined => seen.get(bytesToHex(id))
  return checked.map((c) => (c.refusal === undefined ? { ...c, refusal: checkKeyManagerReference(c.rt, lookup) } : c))
}

// The refusal oasis-core's sanity check reports: VerifyRuntime's in document order, then a
// duplicate id, then a key manager reference (RR4).
const PHASE = (r: AnyRefusal): number => (r._tag === 'DuplicateRuntime' ? 1 : r.rule === 'RR4' ? 2 : 0)

const firstRefused = (checked: ReadonlyArray<Checked>): Checked | undefined =>
  checked
    .filter((c) => c.refusal !== undefined)
    .reduce<Checked | undefined>((best, c) => (best === undefined || PHASE(c.refusal!) < PHASE(best.refusal!) ? c : best), undefined)

const describeRuntime = (c: Checked, now: U64): string => {
  const name = `${bytesToHex(c.rt.id)}${c.suspended ? ' (suspended)' : ''}`
  if (c.refusal !== undefined) return `${name}: refused: ${c.refusal.rule} ${c.refusal._tag}: ${c.refusal.message}`
  const active = activeDeployment(c.rt, now)
  const next = nextDeployment(c.rt, now)
  return `${name}: active ${active === undefined ? 'none' : describeDeployment(active)}; next ${next === undefined ? 'none' : describeDeployment(next)}`
}

const report = (path: string, genesis: RegistryGenesis, now: U64, checked: ReadonlyArray<Checked>): Outcome => {
  const refused = checked.filter((c) => c.refusal !== undefined)
  const params = paramsJson(genesis.params, { kind: 'genesis', path })
  const summary =
    refused.length === 0
      ? `${checked.length} runtime${checked.length === 1 ? '' : 's'} valid at epoch ${now} under the document's registry parameters (at most ${params.max_deployments} deployments)`
      : `${refused.length} of ${checked.length} runtime${checked.length === 1 ? '' : 's'} refused at epoch ${now}; oasis-core's sanity check stops at the first: ${bytesToHex(firstRefused(checked)!.rt.id)}`
  return outcome(refused.length === 0 ? EXIT.ok : EXIT.refused, [...checked.map((c) => describeRuntime(c, now)), summary], {
    ok: refused.length === 0,
    epoch: now,
    runtimes: checked.map((c) => {
      const active = activeDeployment(c.rt, now)
      const next = nextDeployment(c.rt, now)
      return {
        id: c.rt.id,
        suspended: c.suspended,
        ok: c.refusal === undefined,
        active: active === undefined ? null : deploymentRef(active),
        next: next === undefined ? null : deploymentRef(next),
        ...(c.refusal === undefined ? {} : { violation: c.refusal, oasis: oasisError(c.refusal) ?? null })
      }
    }),
    params
  })
}

/**
 * `rtdeploy genesis <genesis.json> [--epoch N]`.
 *
 * @example
 * rtdeploy genesis genesis.json --epoch 28017
 *
 * @category cli
 * @since 0.1.0
 */
export const genesis: Command = {
  name: 'genesis',
  summary: 'check every runtime of a genesis document as oasis-core does; active and next of each',
  usage: `rtdeploy genesis <genesis.json> [--epoch N] [--strict] [--json]

  Reads a genesis document (oasis-node's JSON) and checks each runtime of registry.runtimes,
  then of registry.suspended_runtimes, as oasis-core's genesis sanity check does (VerifyRuntime
  at genesis under the document's registry.params: the deployment rules D1–D9 at epoch N, VR1 as
  a range check), each id given once; prints each runtime's active and next deployment. N
  defaults to the document's beacon.base. Not checked here: a compute runtime's key manager
  reference, and the document's other sections.
  Exit 0 all valid, 1 a runtime refused, 2 bad input.`,
  options: { ...COMMON_OPTIONS, epoch: { type: 'string' } },
  positionals: 1,
  run: (args) => {
    const path = args.positionals[0]!
    return pipe(
      readGenesis(path, strictOption(args)),
      E.bindTo('genesis'),
      E.bind('now', ({ genesis }) => epochOf(args, genesis)),
      E.match(badInput, ({ genesis, now }) => report(path, genesis, now, checkGenesis(genesis, now, strictOption(args))))
    )
  }
}
