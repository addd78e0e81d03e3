/**
 * `rtdeploy validate` and `rtdeploy check-update`: the registry's verdict on a descriptor or an
 * update, with the rule id and a message when it refuses.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { RuleViolation } from '../../rules/ruleViolation.js'
import type { Runtime, U64 } from '../../schema/runtime.js'
import { activeDeployment, nextDeployment } from '../../rules/selection.js'
import { verifyRuntimeUpdate } from '../../rules/update.js'
import { validateDeployments } from '../../rules/validation.js'
import { type Command, COMMON_OPTIONS } from '../command.js'
import { loadEpoch, loadParams, loadPolicy, loadRuntime, PARAMS_HELP, runtimeAtEpoch, strictOption } from '../load.js'
import { badInput, describeDeployment, EXIT, type Outcome, outcome, refusalOutcome } from '../output.js'

const schedule = (rt: Runtime, now: U64): string => {
  const active = activeDeployment(rt, now)
  const next = nextDeployment(rt, now)
  return `active ${active ? describeDeployment(active) : 'none'}; next ${next ? describeDeployment(next) : 'none'}`
}

/**
 * The outcome of a rule check: accepted (exit 0) or refused with the rule (exit 1).
 *
 * @example
 * verdict(validateDeployments(rt, 1250, {}), 1250, 'valid')
 *
 * @category cli
 * @since 0.1.0
 */
export const verdict = (result: E.Either<RuleViolation, Runtime>, now: U64, accepted: string): Outcome =>
  E.isRight(result)
    ? outcome(EXIT.ok, [`${accepted} at epoch ${now}: ${schedule(result.right, now)}`], { ok: true, epoch: now })
    : refusalOutcome('refused', result.left, { epoch: now })

/**
 * `rtdeploy validate <descriptor> --epoch N [--params FILE]`.
 *
 * @example
 * rtdeploy validate runtime.json --epoch 1250
 *
 * @category cli
 * @since 0.1.0
 */
export const validate: Command = {
  name: 'validate',
  summary: 'check a descriptor\'s deployments at an epoch (D0–D9)',
  usage: `rtdeploy validate <descriptor> --epoch N [--params FILE] [--format cbor|hex|json] [--json]

  Validates the deployments of a descriptor as the registry does at epoch N.
  ${PARAMS_HELP}
  Exit 0 valid, 1 refused by a rule, 2 bad input.`,
  options: { ...COMMON_OPTIONS, epoch: { type: 'string' }, params: { type: 'string' } },
  positionals: 1,
  run: (args) =>
    pipe(
      runtimeAtEpoch(args),
      E.bind('params', () => loadParams(args)),
      E.match(badInput, ({ rt, epoch, params }) => verdict(validateDeployments(rt, epoch, params, { strict: strictOption(args) }), epoch, 'valid'))
    )
}

/**
 * `rtdeploy check-update <current> <proposed> --epoch N [--params FILE] [--policy FILE]`.
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
  usage: `rtdeploy check-update <current> <proposed> --epoch N [--params FILE] [--policy FILE] [--format …] [--json]

  Verifies that <proposed> may replace <current> at epoch N, exactly as oasis-core does; with
  --policy, also this project's stricter rules (PX1–PX5).
  ${PARAMS_HELP}
  --policy FILE   JSON: {"minLeadEpochs", "freezeEpochs", "noPendingDowngrade",
                  "immutableScheduledIdentity", "maxFutureDeployments"}
  Exit 0 accepted, 1 refused by a rule, 2 bad input.`,
  options: { ...COMMON_OPTIONS, epoch: { type: 'string' }, params: { type: 'string' }, policy: { type: 'string' } },
  positionals: 2,
  run: (args) =>
    pipe(
      E.Do,
      E.bind('current', () => loadRuntime(args, 0)),
      E.bind('proposed', () => loadRuntime(args, 1)),
      E.bind('now', () => loadEpoch(args)),
      E.bind('params', () => loadParams(args)),
      E.bind('policy', () => loadPolicy(args)),
      E.match(badInput, ({ current, proposed, now, params, policy }) =>
        verdict(verifyRuntimeUpdate(current, proposed, now, params, policy, { strict: strictOption(args) }), now, 'accepted')
      )
    )
}
