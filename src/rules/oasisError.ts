/**
 * What oasis-core puts in the transaction result for each refusal of this library: the error's
 * module, code and message. A transaction result carries the module and code, and results are
 * part of consensus, so a node built on this library must report the same ones.
 *
 * Codes are those of oasis-core's registry errors (`go/registry/api/api.go`): ErrInvalidArgument
 * 1, ErrNoEnclaveForRuntime 5, ErrForbidden 16, ErrRuntimeUpdateNotAllowed 18. A message is the
 * Go error's text: the registry error's own text, then `: ` and the wrapped detail where oasis-core
 * wraps one. Refusals with no oasis-core counterpart map to `undefined`: this library's own checks
 * of TypeScript arguments (DX1–DX3) and version strings (T6), the opt-in policy (PX1–PX5), and U6,
 * where oasis-core panics instead of refusing (the one intended difference). The table per
 * refusal is in `spec/rules.md` ("Error codes").
 *
 * @since 0.1.0
 */
import type { AnyRefusal } from '../codec/refusal.js'
import {
  type AdmissionPolicyProblem,
  type ExecutorProblem,
  RULE_VIOLATION_RULES,
  type RuleViolation,
  type StorageProblem,
  type TxnSchedulerProblem
} from './ruleViolation.js'

/**
 * An oasis-core error as a transaction result carries it.
 *
 * @category errors
 * @since 0.1.0
 */
export interface OasisError {
  /** The module that registered the error; every rule here is the registry's. */
  readonly module: 'registry'
  /** The error code within the module. */
  readonly code: number
  /** The Go error's text (`err.Error()`). */
  readonly message: string
}

/**
 * oasis-core's registry error codes the rules can produce, with the text of each error.
 *
 * @example
 * OASIS_REGISTRY_ERRORS.ErrRuntimeUpdateNotAllowed // { code: 18, message: 'registry: runtime update not allowed' }
 *
 * @category errors
 * @since 0.1.0
 */
export const OASIS_REGISTRY_ERRORS = {
  ErrInvalidArgument: { code: 1, message: 'registry: invalid argument' },
  ErrNoEnclaveForRuntime: { code: 5, message: 'registry: no enclaves for TEE runtime registration' },
  ErrNoSuchRuntime: { code: 11, message: 'registry: no such runtime' },
  ErrForbidden: { code: 16, message: 'registry: forbidden by policy' },
  ErrRuntimeUpdateNotAllowed: { code: 18, message: 'registry: runtime update not allowed' }
} as const

type ErrorName = keyof typeof OASIS_REGISTRY_ERRORS

const error = (name: ErrorName, detail?: string): OasisError => {
  const e = OASIS_REGISTRY_ERRORS[name]
  return { module: 'registry', code: e.code, message: detail === undefined ? e.message : `${e.message}: ${detail}` }
}
const invalid = (detail: string): OasisError => error('ErrInvalidArgument', detail)

const EXECUTOR: { readonly [P in ExecutorProblem]: string } = {
  'group-size': 'executor primary group too small',
  stragglers: 'number of allowed stragglers too large',
  'round-timeout': 'round timeout too small',
  'min-live-rounds-percent': 'minimum live rounds percentage cannot be greater than 100'
}

const TXN_SCHEDULER: { readonly [P in TxnSchedulerProblem]: string } = {
  'batch-flush-timeout': 'transaction scheduler batch flush timeout parameter too small',
  'max-batch-size': 'transaction scheduler max batch size parameter too small',
  'max-batch-size-bytes': 'transaction scheduler max batch bytes size parameter too small',
  'propose-batch-timeout': 'transaction scheduler proposer timeout parameter too small',
  // Not in the reference or any oasis-core source read for this table (spec/rules.md).
  'batch-flush-after-propose': 'transaction scheduler batch flush timeout parameter too large'
}

const STORAGE: { readonly [P in StorageProblem]: string } = {
  'checkpoint-interval': 'storage CheckpointInterval parameter too small',
  'checkpoint-num-kept': 'storage CheckpointNumKept parameter too small',
  'checkpoint-chunk-size': 'storage CheckpointChunkSize parameter too small'
}

const ADMISSION: { readonly [P in AdmissionPolicyProblem]: string } = {
  'not-exactly-one': 'invalid admission policy',
  'per-role-not-single-role': 'non-single role in per-role admission policy',
  'max-nodes-not-single-role': 'non-single role in entity whitelist max nodes map'
}

// staking.ThresholdKind's names (schema reference §2.11).
const THRESHOLD_KINDS = [
  'entity',
  'node-validator',
  'node-compute',
  'node-observer',
  'node-keymanager',
  'runtime-compute',
  'runtime-keymanager',
  'keymanager-churp'
]

const thresholdKind = (k: number | bigint): string =>
  (typeof k === 'number' || typeof k === 'bigint' ? THRESHOLD_KINDS[Number(k)] : undefined) ?? `[unknown threshold kind ${String(k)}]`

const GOVERNANCE_MODELS = ['invalid', 'entity', 'runtime', 'consensus']

const isRuleViolation = (r: AnyRefusal): r is RuleViolation =>
  Object.hasOwn(RULE_VIOLATION_RULES, r._tag) && RULE_VIOLATION_RULES[r._tag as keyof typeof RULE_VIOLATION_RULES] === r.rule

const oasisErrorOf = (v: RuleViolation): OasisError | undefined => {
  switch (v._tag) {
    // No oasis-core counterpart: TypeScript argument checks, version strings, the opt-in policy.
    case 'MalformedDeployment':
    case 'MalformedArgument':
    case 'MalformedDescriptor':
    case 'InvalidVersionString':
    case 'LeadTimeTooShort':
    case 'DeploymentFrozen':
    case 'PendingDowngrade':
    case 'ScheduledIdentityChanged':
    case 'TooManyFutureDeployments':
    case 'CodeIdentityNotAdmitted':
      return undefined
    // U6: oasis-core panics ("malformed deployments present in state"); the intended difference.
    case 'StoredDescriptorInvalid':
      return undefined
    // registerRuntime
    case 'RuntimeRegistrationDisabled':
    case 'KeyManagerRegistrationDisabled':
    case 'ConsensusGovernanceNotAllowed':
      return error('ErrForbidden')
    // VerifyRuntime: ValidateBasic's errors wrapped in ErrInvalidArgument
    case 'InvalidDescriptorVersion':
      return invalid(
        v.strict
          ? `invalid runtime descriptor version (expected: 3 got: ${v.v})`
          : 'invalid runtime descriptor version (min: 3 max: 3)'
      )
    case 'InvalidRuntimeKind':
      return invalid(`bad runtime kind: ${v.kind === 0 ? 'invalid' : '[unsupported runtime kind]'}`)
    case 'ComputeIdHasKeyManagerFlag':
      return invalid('compute runtime ID has the key manager flag set')
    case 'SelfKeyManager':
      return invalid('compute runtime has self as key manager')
    case 'InvalidExecutorParameters':
      return invalid(`bad executor parameters: ${EXECUTOR[v.problem]}`)
    case 'InvalidTxnSchedulerParameters':
      return invalid(`bad txn scheduler parameters: ${TXN_SCHEDULER[v.problem]}`)
    case 'InvalidStorageParameters':
      return invalid(`bad storage parameters: ${STORAGE[v.problem]}`)
    case 'KeyManagerIdWithoutFlag':
      return invalid('key manager runtime ID does not have the key manager flag set')
    case 'KeyManagerWithKeyManager':
      return invalid('key manager runtime cannot itself have a key manager')
    case 'KeyManagerWithoutSgx':
      return invalid('non-SGX keymanager runtime')
    // VerifyRegisterComputeRuntimeArgs: the lookup's error, a bare ErrInvalidArgument, a wrapped one
    case 'UnknownKeyManager':
      return error('ErrNoSuchRuntime')
    case 'NotAKeyManager':
      return error('ErrInvalidArgument')
    case 'KeyManagerUserWithoutSgx':
      return invalid('compute runtime without SGX using key manager')
    case 'InvalidStakingParameters':
      return invalid(
        `bad staking parameters: ${
          v.problem === 'threshold-kind'
            ? `unsupported staking threshold kind for runtime: ${thresholdKind(v.value)}`
            : `runtime reward percentage from slashing for ${v.problem === 'reward-equivocation' ? 'equivocation' : 'bad results'} must be <= 100`
        }`
      )
    case 'InvalidAdmissionPolicy':
      return invalid(ADMISSION[v.problem])
    case 'InvalidGovernanceModel':
      return invalid('runtime: unsupported governance model: out of range')
    case 'NoDeploymentInfo':
      return invalid('no deployment information specified')
    case 'TestRuntimeNotAllowed':
      return invalid('test runtime not allowed')
    case 'GovernanceModelNotEnabled':
      return v.problem === 'none-enabled'
        ? error('ErrForbidden', 'no runtime governance models are enabled')
        : error('ErrForbidden', `runtime governance model is not enabled: ${GOVERNANCE_MODELS[v.governance_model] ?? 'invalid'}`)
    case 'RuntimeGovernanceNotCompute':
      return invalid('runtime governance can only be used with compute runtimes')
    // ValidateDeployments
    case 'NoDeployments':
      return invalid('no deployments')
    case 'TooManyDeployments':
      return invalid('too many deployments')
    case 'NilDeployment':
      return invalid('nil deployment')
    case 'DuplicateVersion':
      return invalid('duplicate version')
    case 'VersionsNotIncreasing':
      return invalid('versions must increase over time')
    case 'TeeWithoutHardware':
      return invalid('TEE constraints when no TEE specified')
    case 'InvalidSgxConstraints':
      return invalid('invalid SGX TEE constraints')
    case 'NoEnclaves':
      return error('ErrNoEnclaveForRuntime', 'invalid SGX TEE constraints')
    case 'InvalidTeeHardware':
      return invalid('invalid TEE hardware')
    case 'InvalidBundleChecksum':
      return invalid('invalid bundle checksum')
    case 'MoreThanOneFutureDeployment':
      return invalid('more than one future deployment')
    // VerifyRuntimeNew, VerifyRuntimeUpdate: the bare error, the reason only in oasis-core's logs.
    case 'ImmediateDeployment':
    case 'RuntimeIdChanged':
    case 'KindChanged':
    case 'GenesisChanged':
    case 'KeyManagerChanged':
    case 'GovernanceModelChanged':
    case 'DeploymentChanged':
    case 'RetroactiveDeployment':
    case 'ActiveDeploymentRemoved':
    case 'ActiveDeploymentChanged':
    case 'UpdateDeploysImmediately':
      return error('ErrRuntimeUpdateNotAllowed')
    default:
      // Every tag is listed above; a new tag fails to compile here until it is mapped.
      return unmapped(v)
  }
}

const unmapped = (_: never): undefined => undefined

/**
 * The oasis-core error a refusal stands for: module `registry`, its code and its message, as
 * oasis-core puts them in the transaction result; `undefined` for a refusal with no oasis-core
 * counterpart (DX1–DX3, T6, PX1–PX5, the U6 panic) and for any refusal that is not a
 * `RuleViolation`.
 *
 * @example
 * import { oasisError, verifyRuntimeUpdate } from 'runtime-deployments'
 * const r = verifyRuntimeUpdate(current, { ...current, kind: 2 }, 1250, params)
 * if (r._tag === 'Left') oasisError(r.left) // { module: 'registry', code: 1, message: 'registry: invalid argument: …' }
 *
 * @category errors
 * @since 0.1.0
 */
export const oasisError = (refusal: AnyRefusal): OasisError | undefined =>
  typeof refusal === 'object' && refusal !== null && isRuleViolation(refusal) ? oasisErrorOf(refusal) : undefined
