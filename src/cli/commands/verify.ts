/**
 * `rtdeploy validate` and `rtdeploy check-update`: the registry's verdict on a descriptor or an
 * update, with the rule id and a message when it refuses.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { deploymentRef, deploymentsOf, sameDeployment } from '../../rules/deployment.js'
import type { RuleViolation } from '../../rules/ruleViolation.js'
import { activeDeployment, nextDeployment } from '../../rules/selection.js'
import { verifyRuntimeUpdate } from '../../rules/update.js'
import { validateDeployments } from '../../rules/validation.js'
import { sameVersion } from '../../rules/version.js'
import type { ConsensusParameters } from '../../schema/params.js'
import type { Runtime, U64, VersionInfo } from '../../schema/runtime.js'
import { type Command, COMMON_OPTIONS } from '../command.js'
import { loadEpoch, loadParamsWithSource, loadPolicy, loadRuntime, PARAMS_HELP, PARAMS_OPTIONS, runtimeAtEpoch, strictOption } from '../load.js'
import { type ParamsSource, paramsJson, paramsNotes } from '../networks.js'
import { badInput, describeDeployment, EXIT, type Outcome, outcome, refusalOutcome } from '../output.js'

const schedule = (rt: Runtime, now: U64): string => {
  const active = activeDeployment(rt, now)
  const next = nextDeployment(rt, now)
  return `active ${active ? describeDeployment(active) : 'none'}; next ${next ? describeDeployment(next) : 'none'}`
}

/**
 * What an update changes in the deployments (CLI20): those only the proposed descriptor has,
 * those only the current one has, and versions whose start epoch moved.
 *
 * @category cli
 * @since 0.1.0
 */
export interface DeploymentChanges {
  readonly added: ReadonlyArray<VersionInfo>
  readonly removed: ReadonlyArray<VersionInfo>
  readonly moved: ReadonlyArray<{ readonly from: VersionInfo; readonly to: VersionInfo }>
}

/**
 * The deployment changes from `current` to `proposed`: a version in both at different epochs is
 * moved; other deployments only in one are added or removed.
 *
 * @example
 * deploymentChanges(current, proposed) // { added: [1.2.0@1300], removed: [], moved: [] }
 *
 * @category cli
 * @since 0.1.0
 */
export const deploymentChanges = (current: Runtime, proposed: Runtime): DeploymentChanges => {
  const before = deploymentsOf(current)
  const after = deploymentsOf(proposed)
  const moved = after.flatMap((to) => {
    const from = before.find((d) => sameVersion(d.version, to.version) && !sameDeployment(d, to))
    return from === undefined || before.some((d) => sameDeployment(d, to)) ? [] : [{ from, to }]
  })
  const isMoved = (d: VersionInfo): boolean => moved.some((m) => m.from === d || m.to === d)
  return {
    added: after.filter((d) => !before.some((b) => sameDeployment(b, d)) && !isMoved(d)),
    removed: before.filter((d) => !after.some((a) => sameDeployment(a, d)) && !isMoved(d)),
    moved
  }
}

const describeChanges = (c: DeploymentChanges): string => {
  const parts = [
    ...c.added.map((d) => `+ ${describeDeployment(d)}`),
    ...c.removed.map((d) => `- ${describeDeployment(d)}`),
    ...c.moved.map((m) => `~ ${describeDeployment(m.from)} → epoch ${m.to.valid_from}`)
  ]
  return `changes: ${parts.length === 0 ? 'none to the deployments' : parts.join('; ')}`
}

/**
 * The outcome of a rule check: accepted (exit 0) or refused with the rule (exit 1), with the
 * active and next deployment at the epoch, the parameters used (CLI18) and, for an update, what
 * changed (CLI20), in the text and in `--json`.
 *
 * @example
 * verdict(validateDeployments(rt, 1250, {}), 1250, 'valid', { params: {}, source: { kind: 'assumed' } })
 *
 * @category cli
 * @since 0.1.0
 */
export const verdict = (
  result: E.Either<RuleViolation, Runtime>,
  now: U64,
  accepted: string,
  used: { readonly params: ConsensusParameters; readonly source: ParamsSource },
  changes?: DeploymentChanges
): Outcome => {
  const notes = paramsNotes(used.params, used.source, E.isLeft(result) ? result.left.rule : undefined)
  const params = paramsJson(used.params, used.source)
  const changed = changes === undefined ? {} : { changes }
  const changeLines = changes === undefined ? [] : [describeChanges(changes)]
  if (E.isLeft(result)) {
    const refused = refusalOutcome('refused', result.left, { epoch: now, ...changed, params })
    return { ...refused, text: [...refused.text, ...changeLines, ...notes] }
  }
  const rt = result.right
  const active = activeDeployment(rt, now)
  const next = nextDeployment(rt, now)
  return outcome(EXIT.ok, [`${accepted} at epoch ${now}: ${schedule(rt, now)}`, ...changeLines, ...notes], {
    ok: true,
    epoch: now,
    active: active === undefined ? null : deploymentRef(active),
    next: next === undefined ? null : deploymentRef(next),
    ...changed,
    params
  })
}

/**
 * `rtdeploy validate <descriptor> --epoch N [--params FILE | --network NAME]`.
 *
 * @example
 * rtdeploy validate runtime.json --epoch 1250 --network mainnet
 *
 * @category cli
 * @since 0.1.0
 */
export const validate: Command = {
  name: 'validate',
  summary: 'check a descriptor\'s deployments at an epoch (D0–D9)',
  usage: `rtdeploy validate <descriptor> --epoch N [--params FILE | --network NAME] [--format …] [--json]

  Validates the deployments of a descriptor as the registry does at epoch N.
  ${PARAMS_HELP}
  Exit 0 valid, 1 refused by a rule, 2 bad input.`,
  options: { ...COMMON_OPTIONS, epoch: { type: 'string' }, ...PARAMS_OPTIONS },
  positionals: 1,
  run: (args) =>
    pipe(
      runtimeAtEpoch(args),
      E.bind('used', () => loadParamsWithSource(args)),
      E.match(badInput, ({ rt, epoch, used }) => verdict(validateDeployments(rt, epoch, used.params, { strict: strictOption(args) }), epoch, 'valid', used))
    )
}

/**
 * `rtdeploy check-update <current> <proposed> --epoch N [--params FILE | --network NAME] [--policy FILE]`.
 *
 * @example
 * rtdeploy check-update current.cbor proposed.json --epoch 1250 --policy strict.json
 *
 * @category cli
 * @since 0.1.0
 */
export const checkUpdate: Command = {
  name: 'check-update',
  summary: 'check an update of a descriptor before submitting it (U1–U10, D0–D9, policy)',
  usage: `rtdeploy check-update <current> <proposed> --epoch N [--params FILE | --network NAME] [--policy FILE] [--format …] [--json]

  Verifies that <proposed> may replace <current> at epoch N, exactly as oasis-core does; with
  --policy, also this project's stricter rules (PX1–PX6). Says what the update changes in the
  deployments (+ added, - removed, ~ moved to another epoch).
  ${PARAMS_HELP}
  --policy FILE   JSON: {"minLeadEpochs", "freezeEpochs", "noPendingDowngrade",
                  "immutableScheduledIdentity", "maxFutureDeployments",
                  "admittedCodeIdentities": [hex…]}
  Exit 0 accepted, 1 refused by a rule, 2 bad input.`,
  options: { ...COMMON_OPTIONS, epoch: { type: 'string' }, ...PARAMS_OPTIONS, policy: { type: 'string' } },
  positionals: 2,
  run: (args) =>
    pipe(
      E.Do,
      E.bind('current', () => loadRuntime(args, 0)),
      E.bind('proposed', () => loadRuntime(args, 1)),
      E.bind('now', () => loadEpoch(args)),
      E.bind('used', () => loadParamsWithSource(args)),
      E.bind('policy', () => loadPolicy(args)),
      E.match(badInput, ({ current, proposed, now, used, policy }) =>
        verdict(verifyRuntimeUpdate(current, proposed, now, used.params, policy, { strict: strictOption(args) }), now, 'accepted', used, deploymentChanges(current, proposed))
      )
    )
}
