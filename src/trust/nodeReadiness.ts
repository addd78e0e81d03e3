/**
 * One answer for a node at an epoch (ER8 of `spec/trust.md`): does its binary support the
 * runtime's active deployment (W1–W4, `supportVerdict`) and the network's current era (ER5–ER7,
 * `eraVerdict`), and so should it run, warn or halt.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { RuleViolation } from '../rules/ruleViolation.js'
import type { Runtime, U64 } from '../schema/runtime.js'
import type { EraMarker } from './eraMarkers.js'
import type { EraRefusal } from './eraRefusal.js'
import { type EraVerdict, eraVerdict } from './eraVerdict.js'
import { type SupportedVersions, type SupportOptions, type SupportVerdict, supportVerdict } from '../node/supportVerdict.js'

/**
 * What a node should do: keep running, keep running but upgrade soon, or stop.
 *
 * @category support
 * @since 0.1.0
 */
export type NodeAction = 'run' | 'warn' | 'halt'

/**
 * The eras a node checks besides its runtime: the network's verified markers and the era names
 * its binary supports.
 *
 * @category support
 * @since 0.1.0
 */
export interface EraSupport {
  readonly markers: ReadonlyArray<EraMarker>
  readonly supported: ReadonlyArray<string>
}

/**
 * Both verdicts and what they mean together: the stricter of the two actions (ER8).
 *
 * @category support
 * @since 0.1.0
 */
export interface NodeReadiness {
  readonly action: NodeAction
  readonly runtime: SupportVerdict
  readonly era: EraVerdict | undefined
  /** The verdict lines that call for the action (both when both do), for the operator. */
  readonly messages: ReadonlyArray<string>
}

const ACTION_OF: Readonly<Record<SupportVerdict['_tag'] | EraVerdict['_tag'], NodeAction>> = {
  Supported: 'run',
  UpgradeSoon: 'warn',
  Unsupported: 'halt',
  TooNew: 'halt',
  EraSupported: 'run',
  EraUpgradeSoon: 'warn',
  EraUnsupported: 'halt'
}

const RANK: Readonly<Record<NodeAction, number>> = { run: 0, warn: 1, halt: 2 }

/**
 * The readiness of a node whose binary supports `supported` runtime versions (and, with `eras`,
 * those era names) at `epoch` (ER8): `halt` when either verdict halts (W3, W4, ER6), `warn` when
 * either warns (W2, ER7), `run` otherwise. The refusals are those of `supportVerdict` (DX2) and
 * `eraVerdict` (`CurrentEraNotFound`, ER5).
 *
 * @example
 * import { nodeReadiness } from 'runtime-deployments'
 * // 1.4.0 active since 1200; the network in era pythagoras, lagrange scheduled at 1280
 * nodeReadiness([{ major: 1, minor: 4 }], rt, 1250, { warnEpochs: 3 }, { markers: [{ name: 'pythagoras', epoch: 0 }, { name: 'lagrange', epoch: 1280 }], supported: ['pythagoras'] })
 * // right({ action: 'warn', runtime: Supported, era: EraUpgradeSoon, messages: ["the upcoming era 'lagrange' …"] })
 *
 * @category support
 * @since 0.1.0
 */
export const nodeReadiness = (
  supported: SupportedVersions,
  rt: Runtime,
  epoch: U64,
  opts: SupportOptions,
  eras?: EraSupport
): E.Either<RuleViolation | EraRefusal, NodeReadiness> => {
  const runtime = supportVerdict(supported, rt, epoch, opts)
  if (E.isLeft(runtime)) return runtime
  const era = eras === undefined || eras === null ? E.right(undefined) : eraVerdict(eras.markers, eras.supported, epoch)
  if (E.isLeft(era)) return era
  const verdicts = [runtime.right, ...(era.right === undefined ? [] : [era.right])]
  // ER8: the stricter action; the messages of the verdicts that call for it.
  const action = verdicts.map((v) => ACTION_OF[v._tag]).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'run' as NodeAction)
  const messages = verdicts.filter((v) => ACTION_OF[v._tag] === action && action !== 'run').map((v) => `${v.rule} ${v._tag}: ${v.message}`)
  return E.right({ action, runtime: runtime.right, era: era.right, messages })
}
