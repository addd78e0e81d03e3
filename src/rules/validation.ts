/**
 * Validation of a runtime's deployments at an epoch (D1–D9), as oasis-core's
 * `Runtime.ValidateDeployments`, plus the well-formedness checks a TypeScript caller needs
 * (DX1, DX2) that Go's types make unnecessary.
 *
 * Check order (the first failure is reported):
 * 1. DX2 arguments: `now`, `params.max_runtime_deployments`, `policy`;
 * 2. D1 no deployments; 3. D2 too many; 4. D3 a null entry (lowest index);
 * 5. DX1 a malformed entry (lowest index);
 * 6. walk the deployments in a stable sort by version only, over the array order (oasis-core's
 *    `sort.SliceStable` by `Version.ToU64()`, so entries of one version keep their array order
 *    and the first refusal is oasis-core's for every input); for each one: D4, D5, D6 (count),
 *    D7, D8;
 * 7. D9 (or PX5 when the policy allows more than one pending deployment).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { type CheckedU64, compareU64, isU64 } from '../internal/uint64.js'
import { decodeSgxConstraints } from '../schema/descriptors.js'
import type { ConsensusParameters } from '../schema/params.js'
import type { Runtime, U64, VersionInfo } from '../schema/runtime.js'
import type { SgxConstraints } from '../schema/sgx.js'
import { optionsViolation, U64_REASON, u64Argument } from './argument.js'
import { byVersionOnly, deploymentRef } from './deployment.js'
import { futureDeploymentLimit, type Policy, policyProblem } from './policy.js'
import { type RuleViolation, ruleViolation } from './ruleViolation.js'
import { isVersionPart, versionToU64 } from './version.js'

/**
 * Options of {@link validateDeployments}.
 *
 * @category validation
 * @since 0.1.0
 */
export interface ValidateOptions {
  /** D7: consensus feature version 26.1 is active, so `fmspc_whitelist` may be non-empty. */
  readonly isFeatureVersion261?: boolean
  /** PX5: the stricter policy, for its `maxFutureDeployments`. */
  readonly policy?: Policy
  /**
   * D7: decode each deployment's `tee` in strict mode (spec/codec.md CX1–CX9) instead of
   * oasis-core's lenient reading; off by default, as oasis-core.
   */
  readonly strict?: boolean
}

/**
 * The checked `now`, or the first malformed argument (DX2): `now` must be a uint64, then
 * {@link paramsViolation}. Public entry points call this once and pass the checked `now` inward.
 *
 * @example
 * checkArguments(1.5, {}, undefined) // left(MalformedArgument for 'now')
 * checkArguments(10n, {}, undefined) // right(10)
 *
 * @category validation
 * @since 0.1.0
 */
export const checkArguments = (
  now: U64,
  params: ConsensusParameters,
  policy: Policy | undefined
): E.Either<RuleViolation, CheckedU64> => {
  const checked = u64Argument('now', now)
  if (E.isLeft(checked)) return checked
  const bad = paramsViolation(params, policy)
  return bad === undefined ? checked : E.left(bad)
}

/**
 * The first malformed argument among `params` and `policy` (DX2): `params` must be an object
 * whose `max_runtime_deployments` (when present) is a uint8 and whose
 * `enable_runtime_governance_models` (when present) is a `Map`, and `policy` well-formed.
 *
 * @example
 * paramsViolation({ max_runtime_deployments: 300 }, undefined) // MalformedArgument for 'params.max_runtime_deployments'
 *
 * @category validation
 * @since 0.1.0
 */
export const paramsViolation = (params: ConsensusParameters, policy: Policy | undefined): RuleViolation | undefined => {
  // DX2
  if (typeof params !== 'object' || params === null) {
    return ruleViolation('MalformedArgument', { argument: 'params', reason: 'not an object' })
  }
  const max = params.max_runtime_deployments
  if (max !== undefined && !(Number.isInteger(max) && max >= 0 && max <= 255)) {
    return ruleViolation('MalformedArgument', { argument: 'params.max_runtime_deployments', reason: 'not a uint8' })
  }
  const models: unknown = params.enable_runtime_governance_models
  if (models !== undefined && models !== null && !(models instanceof Map)) {
    return ruleViolation('MalformedArgument', { argument: 'params.enable_runtime_governance_models', reason: 'not a Map' })
  }
  const problem = policyProblem(policy)
  return problem === undefined ? undefined : ruleViolation('MalformedArgument', { argument: problem[0], reason: problem[1] })
}

const isBytes = (x: unknown): boolean => x === undefined || x === null || x instanceof Uint8Array

// DX1: the fields the rules read have their wire types.
const malformedField = (d: VersionInfo): readonly [string, string] | undefined => {
  const v: unknown = d.version
  if (typeof v !== 'object' || v === null) return ['version', 'not a version object']
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (!isVersionPart((v as Record<string, unknown>)[key])) return [`version.${key}`, 'not a uint16']
  }
  if (!isU64(d.valid_from)) return ['valid_from', U64_REASON]
  if (!isBytes(d.tee)) return ['tee', 'not a byte string']
  if (!isBytes(d.bundle_checksum)) return ['bundle_checksum', 'not a byte string']
  return undefined
}

// D7: the deployment's TEE constraints must match the runtime's TEE hardware.
const teeViolation = (
  teeHardware: number,
  d: VersionInfo,
  params: ConsensusParameters,
  options: ValidateOptions
): RuleViolation | undefined => {
  const deployment = deploymentRef(d)
  if (teeHardware === 0) {
    // D7: any present `tee`, even empty, is refused (Go checks for non-nil).
    return d.tee === undefined || d.tee === null ? undefined : ruleViolation('TeeWithoutHardware', { deployment })
  }
  if (teeHardware !== 1) return ruleViolation('InvalidTeeHardware', { tee_hardware: teeHardware })
  // D7: an absent `tee` reads as zero constraints (Go's cbor.Unmarshal(nil) is a no-op), which
  // then fail for lack of enclaves; a present but empty `tee` does not decode.
  const decoded = d.tee === undefined || d.tee === null ? E.right<never, SgxConstraints>({}) : decodeSgxConstraints(d.tee, { strict: options.strict === true })
  if (E.isLeft(decoded)) {
    return ruleViolation('InvalidSgxConstraints', { deployment, problem: 'undecodable', decodeError: decoded.left })
  }
  const cs = decoded.right
  const sgx = params.tee_features?.sgx
  if (cs.v === 1 && sgx?.pcs !== true) {
    return ruleViolation('InvalidSgxConstraints', { deployment, problem: 'pcs-not-enabled', decodeError: undefined })
  }
  const pcs = cs.v === 1 ? cs.policy?.pcs : undefined
  if (pcs?.tdx !== undefined && sgx?.tdx !== true) {
    return ruleViolation('InvalidSgxConstraints', { deployment, problem: 'tdx-not-enabled', decodeError: undefined })
  }
  if ((pcs?.fmspc_whitelist?.length ?? 0) > 0 && options.isFeatureVersion261 !== true) {
    return ruleViolation('InvalidSgxConstraints', {
      deployment,
      problem: 'fmspc-whitelist-not-allowed',
      decodeError: undefined
    })
  }
  if ((cs.enclaves?.length ?? 0) === 0) return ruleViolation('NoEnclaves', { deployment })
  return undefined
}

/**
 * D2: the most deployments a descriptor may hold under `params` (already checked):
 * `max(2, max_runtime_deployments)`, an unset value counting as 0.
 *
 * @example
 * deploymentLimit({}) // 2
 * deploymentLimit({ max_runtime_deployments: 5 }) // 5
 */
export const deploymentLimit = (params: ConsensusParameters): number => Math.max(2, params.max_runtime_deployments ?? 0)

/**
 * {@link validateDeployments} after {@link checkArguments}: the first violation of D1–D9, DX1
 * (PX5), or `undefined`.
 *
 * @example
 * import { checkU64 } from '../internal/uint64.js'
 * validateAt(rt, checkU64(10)!, { max_runtime_deployments: 5 }, {}) // undefined
 */
export const validateAt = (
  rt: Runtime,
  now: CheckedU64,
  params: ConsensusParameters,
  options: ValidateOptions
): RuleViolation | undefined => {
  const raw: unknown = rt.deployments
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    return ruleViolation('MalformedDeployment', { index: undefined, field: 'deployments', reason: 'not an array' })
  }
  const all: ReadonlyArray<unknown> = Array.isArray(raw) ? raw : []
  // D1
  if (all.length === 0) return ruleViolation('NoDeployments', {})
  // D2: max(2, max_runtime_deployments), checked before D3 as upstream does.
  const limit = deploymentLimit(params)
  if (all.length > limit) return ruleViolation('TooManyDeployments', { count: all.length, limit })
  // D3
  const nil = all.findIndex((d) => d === null || d === undefined)
  if (nil >= 0) return ruleViolation('NilDeployment', { index: nil })
  for (let i = 0; i < all.length; i++) {
    const d = all[i]
    // DX1
    const bad = typeof d === 'object' ? malformedField(d as VersionInfo) : (['', 'not a deployment object'] as const)
    if (bad !== undefined) return ruleViolation('MalformedDeployment', { index: i, field: bad[0], reason: bad[1] })
  }
  // Stable (ES2019 Array.prototype.sort), by version only: Go's sort.SliceStable.
  const sorted = (all as ReadonlyArray<VersionInfo>).slice().sort(byVersionOnly)
  const future: VersionInfo[] = []
  let prev: VersionInfo | undefined
  // T5: 0.0.0 is an ordinary version here; nothing refuses it.
  for (const d of sorted) {
    // D4: equal versions are adjacent in version order (in array order among themselves).
    if (prev !== undefined && versionToU64(prev.version) === versionToU64(d.version)) {
      return ruleViolation('DuplicateVersion', { deployment: deploymentRef(d), other: deploymentRef(prev) })
    }
    // D5
    if (prev !== undefined && compareU64(prev.valid_from, d.valid_from) >= 0) {
      return ruleViolation('VersionsNotIncreasing', { deployment: deploymentRef(d), previous: deploymentRef(prev) })
    }
    prev = d
    // D6
    if (compareU64(d.valid_from, now) > 0) future.push(d)
    // D7
    const tee = teeViolation(rt.tee_hardware, d, params, options)
    if (tee !== undefined) return tee
    // D8
    const checksum = d.bundle_checksum?.length ?? 0
    if (checksum > 0 && checksum !== 32) {
      return ruleViolation('InvalidBundleChecksum', { deployment: deploymentRef(d), length: checksum })
    }
  }
  const maxFuture = futureDeploymentLimit(options.policy)
  if (future.length > maxFuture) {
    const refs = future.map(deploymentRef)
    // D9, or PX5 when the policy allows several pending deployments.
    return maxFuture === 1
      ? ruleViolation('MoreThanOneFutureDeployment', { future: refs, now })
      : ruleViolation('TooManyFutureDeployments', { future: refs, limit: maxFuture, now })
  }
  return undefined
}

/**
 * Validate a runtime's deployments at epoch `now` under the registry parameters (D1–D9, DX1,
 * DX2; PX5 when `options.policy` allows several pending deployments). Returns the runtime
 * unchanged, or the first violation in the order documented at the top of this module.
 *
 * @example
 * import { validateDeployments } from 'runtime-deployments'
 * validateDeployments(rt, 10, { max_runtime_deployments: 5 }) // right(rt)
 * validateDeployments({ ...rt, deployments: [] }, 10, {}) // left({ _tag: 'NoDeployments', rule: 'D1', … })
 *
 * @category validation
 * @since 0.1.0
 */
export const validateDeployments = (
  rt: Runtime,
  now: U64,
  params: ConsensusParameters,
  options: ValidateOptions = {}
): E.Either<RuleViolation, Runtime> => {
  const badOptions = optionsViolation(options)
  if (badOptions !== undefined) return E.left(badOptions)
  const checked = checkArguments(now, params, options.policy)
  if (E.isLeft(checked)) return checked
  const violation = validateAt(rt, checked.right, params, options)
  return violation === undefined ? E.right(rt) : E.left(violation)
}
