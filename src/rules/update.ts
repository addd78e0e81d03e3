/**
 * Verifying a runtime registration (U0) and a descriptor update (U1–U10), as oasis-core's
 * `registerRuntime` transaction does with `VerifyRuntime`, `VerifyRuntimeNew` and
 * `VerifyRuntimeUpdate`: the whole descriptor as far as no other registry state is needed.
 *
 * Check order of {@link verifyRuntimeUpdate} (the first failure is reported):
 * 1. DX2 arguments, DX3 the proposed then the current descriptor's fields;
 * 2. RR1 runtime registration disabled;
 * 3. the proposed descriptor, as `VerifyRuntime` checks it before any update rule
 *    (`descriptor.ts`): VR1–VR10, D0, VR11, VR12, D7 (TEE hardware 0 or 1), D1–D9 at `now`
 *    (this is U7's check, reported with its own rule), VR13;
 * 4. RR2 key manager registration disabled; RR4 (with `options.lookupRuntime`) the key manager a
 *    compute runtime names;
 * 5. U1 id, U2 kind, U3 genesis, U4 key manager, U5 governance model;
 * 6. U6 the stored descriptor still validates at `now` (refused as a value, never a crash);
 * 7. U8 every new or changed deployment starts after `now` (walked in version order);
 * 8. U9 the active deployment is kept exactly, U10 no deployment becomes active;
 * 9. RR3 a consensus-governed runtime outside genesis;
 * 10. the opt-in policy: PX1, PX2, PX3, PX4, PX6 (PX5 acts inside steps 3 and 6).
 *
 * Check order of {@link verifyRuntimeNew}: DX2, DX3, RR1, VerifyRuntime (VR1–VR10, D0, VR11,
 * VR12, D7 hardware, D1–D9, VR13), RR2, RR4, U0, RR3, PX1, PX6.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type CheckedU64, compareU64 } from '../internal/uint64.js'
import type { ConsensusParameters } from '../schema/params.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import { optionsArgument } from './argument.js'
import { checkKeyManagerReference, type RuntimeLookup } from './keyManagerReference.js'
import { bytesEqual, deploymentRef, deploymentsOf, sameDeployment, sortedDeployments } from './deployment.js'
import { malformedDescriptor, verifyRuntimeAt } from './descriptor.js'
import { checkAdmittedIdentities, checkFreeze, checkLeadTime, checkNoPendingDowngrade, checkScheduledIdentity, type Policy } from './policy.js'
import { type RuleViolation, ruleViolation } from './ruleViolation.js'
import { GOVERNANCE_CONSENSUS, GOVERNANCE_ENTITY, GOVERNANCE_RUNTIME, KIND_COMPUTE, KIND_KEY_MANAGER } from './runtimeKind.js'
import { activeAt } from './selection.js'
import { checkArguments, validateAt } from './validation.js'
import { versionToU64 } from './version.js'

/**
 * Options of {@link verifyRuntimeNew}.
 *
 * @category verification
 * @since 0.1.0
 */
export interface NewRuntimeOptions {
  /**
   * The registration is part of the genesis state: U0 allows active deployments, VR1 checks the
   * version range, RR1–RR3 do not apply.
   */
  readonly isGenesis?: boolean
  /** D7: consensus feature version 26.1 is active (`fmspc_whitelist` allowed). */
  readonly isFeatureVersion261?: boolean
  /**
   * D7: decode each deployment's `tee` in strict mode (spec/codec.md CX1–CX9) instead of
   * oasis-core's lenient reading; off by default, as oasis-core.
   */
  readonly strict?: boolean
  /**
   * RR4: the registry's runtimes (active or suspended), to check the key manager a compute
   * runtime names; absent, RR4 is not checked (no registry at hand). `registerRuntime` gives it.
   */
  readonly lookupRuntime?: RuntimeLookup
}

/**
 * Options of {@link verifyRuntimeUpdate}.
 *
 * @category verification
 * @since 0.1.0
 */
export interface UpdateOptions {
  /** D7: consensus feature version 26.1 is active (`fmspc_whitelist` allowed). */
  readonly isFeatureVersion261?: boolean
  /**
   * D7: decode each deployment's `tee` in strict mode (spec/codec.md CX1–CX9) instead of
   * oasis-core's lenient reading; off by default, as oasis-core.
   */
  readonly strict?: boolean
  /**
   * RR4: the registry's runtimes (active or suspended), to check the key manager a compute
   * runtime names; absent, RR4 is not checked (no registry at hand). `registerRuntime` gives it.
   */
  readonly lookupRuntime?: RuntimeLookup
}

/**
 * Everything an update rule looks at.
 *
 * @category verification
 * @since 0.1.0
 */
export interface UpdateContext {
  readonly current: Runtime
  readonly proposed: Runtime
  readonly now: CheckedU64
  readonly params: ConsensusParameters
  readonly policy: Policy | undefined
  readonly options: UpdateOptions
}

// registerRuntime up to the update rules, in its order: RR1, VerifyRuntime, RR2 (after DX3).
const registrationViolation = (
  rt: Runtime,
  now: CheckedU64,
  params: ConsensusParameters,
  policy: Policy | undefined,
  options: NewRuntimeOptions
): RuleViolation | undefined => {
  const genesis = options.isGenesis === true
  // RR1: registration is disabled outside genesis.
  if (!genesis && params.disable_runtime_registration === true) return ruleViolation('RuntimeRegistrationDisabled', {})
  const invalid = verifyRuntimeAt(rt, now, params, { isGenesis: genesis, isFeatureVersion261: options.isFeatureVersion261, policy, strict: options.strict })
  if (invalid !== undefined) return invalid
  // RR2: key manager registration is disabled outside genesis.
  if (!genesis && rt.kind === KIND_KEY_MANAGER && params.disable_km_runtime_registration === true) {
    return ruleViolation('KeyManagerRegistrationDisabled', {})
  }
  // RR4, at genesis too: InitChain registers key managers before compute runtimes.
  return typeof options.lookupRuntime === 'function' ? checkKeyManagerReference(rt, options.lookupRuntime) : undefined
}

/**
 * RR3: the transaction's signer check refuses a runtime governed by consensus (3) outside
 * genesis: for an update the stored descriptor's model counts, for a registration its own.
 *
 * @example
 * checkConsensusGovernance({ ...ctx, current: { ...current, governance_model: 3 } }) // ConsensusGovernanceNotAllowed
 *
 * @category verification
 * @since 0.1.0
 */
export const checkConsensusGovernance = ({ current }: UpdateContext): RuleViolation | undefined =>
  current.governance_model === GOVERNANCE_CONSENSUS ? ruleViolation('ConsensusGovernanceNotAllowed', {}) : undefined

/**
 * U1: the runtime id cannot change.
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * const ctx: UpdateContext = { current, proposed: { ...current, id: otherId }, now: checkU64(1250)!, params, policy: undefined, options: {} }
 * checkRuntimeId(ctx) // RuntimeIdChanged
 *
 * @category verification
 * @since 0.1.0
 */
export const checkRuntimeId = ({ current, proposed }: UpdateContext): RuleViolation | undefined =>
  bytesEqual(current.id, proposed.id)
    ? undefined
    : ruleViolation('RuntimeIdChanged', { current: current.id, proposed: proposed.id })

/**
 * U2: the runtime kind cannot change.
 *
 * @example
 * checkKind({ ...ctx, proposed: { ...current, kind: 2 } }) // KindChanged
 *
 * @category verification
 * @since 0.1.0
 */
export const checkKind = ({ current, proposed }: UpdateContext): RuleViolation | undefined =>
  current.kind === proposed.kind ? undefined : ruleViolation('KindChanged', { current: current.kind, proposed: proposed.kind })

/**
 * U3: the genesis (state root and round) cannot change.
 *
 * @example
 * checkGenesis({ ...ctx, proposed: { ...current, genesis: { ...current.genesis, round: 1 } } }) // GenesisChanged
 *
 * @category verification
 * @since 0.1.0
 */
export const checkGenesis = ({ current, proposed }: UpdateContext): RuleViolation | undefined => {
  if (!bytesEqual(current.genesis.state_root, proposed.genesis.state_root)) {
    return ruleViolation('GenesisChanged', { field: 'state_root' })
  }
  if (compareU64(current.genesis.round, proposed.genesis.round) !== 0) return ruleViolation('GenesisChanged', { field: 'round' })
  return undefined
}

/**
 * U4: a key manager, once set, can be neither removed nor replaced; setting one is allowed.
 *
 * @example
 * checkKeyManager({ ...ctx, proposed: { ...current, key_manager: undefined } }) // KeyManagerChanged (removed)
 *
 * @category verification
 * @since 0.1.0
 */
export const checkKeyManager = ({ current, proposed }: UpdateContext): RuleViolation | undefined => {
  const was = current.key_manager ?? undefined
  const is = proposed.key_manager ?? undefined
  if (was === undefined) return undefined
  if (is === undefined) return ruleViolation('KeyManagerChanged', { change: 'removed', current: was, proposed: undefined })
  return bytesEqual(was, is) ? undefined : ruleViolation('KeyManagerChanged', { change: 'replaced', current: was, proposed: is })
}

/**
 * U5: the governance model may only change from entity (1) to runtime (2), and runtime
 * governance needs a compute runtime. The second half cannot fail once VR13 passed on the
 * proposed descriptor; it is kept, as oasis-core keeps it, as a second line.
 *
 * @example
 * checkGovernanceModel({ ...ctx, proposed: { ...current, governance_model: 1 } }) // from 2: GovernanceModelChanged
 *
 * @category verification
 * @since 0.1.0
 */
export const checkGovernanceModel = ({ current, proposed }: UpdateContext): RuleViolation | undefined => {
  const data = { current: current.governance_model, proposed: proposed.governance_model, kind: proposed.kind }
  const changed = current.governance_model !== proposed.governance_model
  if (changed && !(current.governance_model === GOVERNANCE_ENTITY && proposed.governance_model === GOVERNANCE_RUNTIME)) {
    return ruleViolation('GovernanceModelChanged', { ...data, problem: 'transition' })
  }
  if (proposed.governance_model === GOVERNANCE_RUNTIME && proposed.kind !== KIND_COMPUTE) {
    return ruleViolation('GovernanceModelChanged', { ...data, problem: 'runtime-governance-needs-compute' })
  }
  return undefined
}

/**
 * U6: the stored descriptor must still validate at `now` (parameters can change by governance);
 * where oasis-core panics, this returns `StoredDescriptorInvalid` with the cause.
 *
 * @example
 * checkStoredDescriptor({ ...ctx, params: { max_runtime_deployments: 2 } }) // StoredDescriptorInvalid (cause D2)
 *
 * @category verification
 * @since 0.1.0
 */
export const checkStoredDescriptor = ({ current, now, params, policy, options }: UpdateContext): RuleViolation | undefined => {
  const cause = validateAt(current, now, params, { isFeatureVersion261: options.isFeatureVersion261, policy, strict: options.strict })
  return cause === undefined ? undefined : ruleViolation('StoredDescriptorInvalid', { cause, now })
}

/**
 * U8: every deployment of `proposed` is either equal to the one of the same version in
 * `current`, or starts after `now`: no change to an active or superseded deployment, no
 * retroactive addition, no re-adding of a pruned one. Walked in version order.
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * checkExistingDeployments({ ...ctx, now: checkU64(1250)! }) // DeploymentChanged: 1.4.0 (valid_from 1200) cannot change
 *
 * @category verification
 * @since 0.1.0
 */
export const checkExistingDeployments = ({ current, proposed, now }: UpdateContext): RuleViolation | undefined => {
  const existing = new Map<number, VersionInfo>()
  for (const d of deploymentsOf(current)) {
    const key = versionToU64(d.version)
    // V1: the first deployment of a version is the one that counts.
    if (!existing.has(key)) existing.set(key, d)
  }
  for (const d of sortedDeployments(proposed)) {
    const old = existing.get(versionToU64(d.version))
    if (old !== undefined && sameDeployment(old, d)) continue
    if (compareU64(d.valid_from, now) > 0) continue
    // U8
    return old === undefined
      ? ruleViolation('RetroactiveDeployment', { deployment: deploymentRef(d), now })
      : ruleViolation('DeploymentChanged', { current: deploymentRef(old), proposed: deploymentRef(d), now })
  }
  return undefined
}

/**
 * U9: when `current` has an active deployment, `proposed` keeps it exactly as its active one;
 * U10: when `current` has none, `proposed` has none either (`debug_deploy_immediately` does not
 * apply to updates). U10 cannot fail once U8 passed; it is kept as oasis-core keeps it.
 *
 * @example
 * // 1.4.0 active since 1200, 1.5.0 pending from 1300: a proposal at 1250 without 1.4.0
 * checkActiveDeployment({ ...ctx, proposed: { ...current, deployments: [v150] } }) // ActiveDeploymentRemoved
 *
 * @category verification
 * @since 0.1.0
 */
export const checkActiveDeployment = ({ current, proposed, now }: UpdateContext): RuleViolation | undefined => {
  const was = activeAt(current, now)
  const is = activeAt(proposed, now)
  if (was !== undefined) {
    // U9
    if (is === undefined) return ruleViolation('ActiveDeploymentRemoved', { deployment: deploymentRef(was), now })
    if (!sameDeployment(was, is)) {
      return ruleViolation('ActiveDeploymentChanged', { current: deploymentRef(was), proposed: deploymentRef(is), now })
    }
    return undefined
  }
  // U10
  return is === undefined ? undefined : ruleViolation('UpdateDeploysImmediately', { deployment: deploymentRef(is), now })
}

/**
 * The update rules after the proposed descriptor has validated, in the order they run.
 *
 * @example
 * UPDATE_CHECKS.map(([rule]) => rule) // ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U8', 'U9/U10', 'RR3', 'PX1', 'PX2', 'PX3', 'PX4', 'PX6']
 *
 * @category verification
 * @since 0.1.0
 */
export const UPDATE_CHECKS: ReadonlyArray<readonly [string, (ctx: UpdateContext) => RuleViolation | undefined]> = [
  ['U1', checkRuntimeId],
  ['U2', checkKind],
  ['U3', checkGenesis],
  ['U4', checkKeyManager],
  ['U5', checkGovernanceModel],
  ['U6', checkStoredDescriptor],
  ['U8', checkExistingDeployments],
  ['U9/U10', checkActiveDeployment],
  ['RR3', checkConsensusGovernance],
  ['PX1', (c) => checkLeadTime(c.current, c.proposed, c.now, c.policy)],
  ['PX2', (c) => checkFreeze(c.current, c.proposed, c.now, c.policy)],
  ['PX3', (c) => checkNoPendingDowngrade(c.current, c.proposed, c.now, c.policy)],
  ['PX4', (c) => checkScheduledIdentity(c.current, c.proposed, c.now, c.policy)],
  ['PX6', (c) => checkAdmittedIdentities(c.current, c.proposed, c.policy)]
]

/**
 * Verify the registration of a new runtime at epoch `now`: the descriptor passes oasis-core's
 * `VerifyRuntime` (VR1–VR13, D0–D9) and the registration checks that need no other state (RR1–RR3),
 * RR4 when `options.lookupRuntime` gives the registered runtimes,
 * and, unless at genesis or with `params.debug_deploy_immediately`, no deployment is active yet
 * (U0). With a `policy`, PX1 (lead time) and PX6 (admitted code identities), neither at genesis,
 * and PX5 apply too.
 *
 * @example
 * import { verifyRuntimeNew } from 'runtime-deployments'
 * verifyRuntimeNew(rt, 10, params) // right(rt) when rt's one deployment starts after epoch 10
 * verifyRuntimeNew(rt, 10, params, undefined, { isGenesis: true }) // past deployments allowed
 *
 * @category verification
 * @since 0.1.0
 */
export const verifyRuntimeNew = (
  rt: Runtime,
  now: U64,
  params: ConsensusParameters,
  policy?: Policy,
  options: NewRuntimeOptions = {}
): E.Either<RuleViolation, Runtime> =>
  pipe(
    checkArguments(now, params, policy),
    E.chainFirst(() => optionsArgument(options)),
    E.chain((checked) => verifyNewAt(rt, checked, params, policy, options))
  )

/**
 * {@link verifyRuntimeNew} after {@link checkArguments}, for callers that checked them already.
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * verifyNewAt(rt, checkU64(10)!, params, undefined, {}) // right(rt)
 */
export const verifyNewAt = (
  rt: Runtime,
  now: CheckedU64,
  params: ConsensusParameters,
  policy: Policy | undefined,
  options: NewRuntimeOptions
): E.Either<RuleViolation, Runtime> => {
  // DX3
  const invalid = malformedDescriptor(rt, 'proposed') ?? registrationViolation(rt, now, params, policy, options)
  if (invalid !== undefined) return E.left(invalid)
  // U0
  if (options.isGenesis !== true && params.debug_deploy_immediately !== true) {
    const active = activeAt(rt, now)
    if (active !== undefined) return E.left(ruleViolation('ImmediateDeployment', { deployment: deploymentRef(active), now }))
  }
  // RR3
  if (options.isGenesis !== true && rt.governance_model === GOVERNANCE_CONSENSUS) {
    return E.left(ruleViolation('ConsensusGovernanceNotAllowed', {}))
  }
  // PX1, PX6: a genesis document is its own authority, so neither applies there.
  if (options.isGenesis === true) return E.right(rt)
  const refused = checkLeadTime(undefined, rt, now, policy) ?? checkAdmittedIdentities(undefined, rt, policy)
  return refused === undefined ? E.right(rt) : E.left(refused)
}

/**
 * Verify an update of a runtime descriptor at epoch `now` (U1–U10 and RR3 after `VerifyRuntime`
 * on the proposed descriptor, VR1–VR13 and D0–D9, and RR1–RR2; PX1–PX5 with a `policy`). Returns
 * the proposed descriptor, or the first violation in the order documented at the top of this
 * module.
 *
 * @example
 * import { verifyRuntimeUpdate } from 'runtime-deployments'
 * // add 1.5.0 at epoch 1300 to a runtime running 1.4.0 since 1200
 * verifyRuntimeUpdate(current, { ...current, deployments: [v140, v150] }, 1250, params) // right(proposed)
 *
 * @category verification
 * @since 0.1.0
 */
export const verifyRuntimeUpdate = (
  current: Runtime,
  proposed: Runtime,
  now: U64,
  params: ConsensusParameters,
  policy?: Policy,
  options: UpdateOptions = {}
): E.Either<RuleViolation, Runtime> =>
  pipe(
    checkArguments(now, params, policy),
    E.chainFirst(() => optionsArgument(options)),
    E.chain((checked) => verifyUpdateAt(current, proposed, checked, params, policy, options))
  )

/**
 * {@link verifyRuntimeUpdate} after {@link checkArguments}, for callers that checked them already.
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * verifyUpdateAt(current, proposed, checkU64(1250)!, params, undefined, {}) // right(proposed)
 */
export const verifyUpdateAt = (
  current: Runtime,
  proposed: Runtime,
  now: CheckedU64,
  params: ConsensusParameters,
  policy: Policy | undefined,
  options: UpdateOptions
): E.Either<RuleViolation, Runtime> => {
  // U7: the proposed descriptor passes VerifyRuntime (VR1–VR13, D0–D9) first, as oasis-core runs
  // it (and RR1, RR2) before the update rules.
  const invalid =
    // DX3: the proposed descriptor, then the stored one.
    malformedDescriptor(proposed, 'proposed') ??
    malformedDescriptor(current, 'current') ??
    registrationViolation(proposed, now, params, policy, {
      isFeatureVersion261: options.isFeatureVersion261,
      strict: options.strict,
      lookupRuntime: options.lookupRuntime
    })
  if (invalid !== undefined) return E.left(invalid)
  const ctx: UpdateContext = { current, proposed, now, params, policy, options }
  for (const [, check] of UPDATE_CHECKS) {
    const violation = check(ctx)
    if (violation !== undefined) return E.left(violation)
  }
  return E.right(proposed)
}
