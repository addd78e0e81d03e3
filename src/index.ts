export * from './codec/cbor.js'
export * from './codec/cborSink.js'
export * from './codec/codec.js'
export * from './codec/decodeError.js'
export * from './schema/descriptors.js'
export * from './codec/containers.js'
export { Problem, renderPath } from './codec/problem.js'
export type { AnyRefusal, Refusal, RefusalMessages, RefusalUnion } from './codec/refusal.js'
export type { CheckedU64 } from './internal/uint64.js'
export type { Compare, MapBranch, MapLeaf, MapNode, PersistentMap } from './internal/persistentMap.js'
export {
  type CborKey,
  CborTagged,
  type CborTextMap,
  type CborValue,
  type Cursor,
  keyName,
  READ_LIMITS,
  readCbor,
  readCborTagged,
  scanCbor
} from './codec/reader.js'
export * from './codec/scalars.js'
export * from './codec/struct.js'
export { type Json, type OasisJson, Wire, wrongType } from './codec/wire.js'
export { enumeration, namedKey, nameOfValue, type TextNames, valueOfName } from './codec/enumeration.js'
export { formatExactJson, parseExactJson, type ParseExactOptions } from './codec/jsonText.js'
export type { GoJsonContext } from './codec/goJson.js'
export * from './schema/hash.js'
export * from './schema/node.js'
export * from './schema/oasisJson.js'
export * from './schema/textNames.js'
export * from './schema/params.js'
export * from './schema/runtime.js'
export * from './schema/sgx.js'
export * from './schema/version.js'
export { bytesEqual, type DeploymentRef, formatDeployment, sameDeployment } from './rules/deployment.js'
export { parseVersion } from './rules/parseVersion.js'
export { futureDeploymentLimit, type Policy, STRICT_POLICY } from './rules/policy.js'
export { type CodeIdentity, codeIdentities } from './rules/codeIdentity.js'
export { checkKeyManagerReference, type RuntimeLookup } from './rules/keyManagerReference.js'
export { type PruneResult, pruneSuperseded } from './rules/prune.js'
export * from './rules/ruleViolation.js'
export { OASIS_REGISTRY_ERRORS, type OasisError, oasisError } from './rules/oasisError.js'
export { activeDeployment, deploymentForVersion, nextDeployment } from './rules/selection.js'
export {
  type NewRuntimeOptions,
  type UpdateOptions,
  verifyRuntimeNew,
  verifyRuntimeUpdate
} from './rules/update.js'
export { type ValidateOptions, validateDeployments } from './rules/validation.js'
export { compareVersions, formatVersion, sameVersion, versionFromU64, versionOrd, versionToU64 } from './rules/version.js'
export { type Activation, type AdvanceOptions, type AdvanceResult, advanceEpoch, type PrunedDeployments } from './registry/advanceEpoch.js'
export { activeVersions } from './registry/activeVersions.js'
export {
  computeForkId,
  type ForkId,
  type ForkIdAcceptance,
  type ForkSchedule,
  forkId,
  runtimeForkSchedule,
  validateForkId
} from './registry/forkId.js'
export {
  createRegistry,
  lookupRuntime,
  type RegisterOptions,
  type Registry,
  registerRuntime,
  type RuntimeState,
  runtimeState
} from './registry/registry.js'
export type { ActivationIndex, ActivationSet } from './registry/activationIndex.js'
export { registryDigest, registryRoot } from './registry/registryDigest.js'
export type { CommitmentInner, CommitmentLeaf, CommitmentNode } from './registry/commitment.js'
export {
  PROOF_ERROR_RULES,
  type ProofError,
  proofError,
  type ProofErrorData,
  type ProvenRuntime,
  proveRuntime,
  verifyRuntimeProof
} from './registry/registryProof.js'
export {
  MAX_CHUNK_SIZE,
  type RegistrySnapshot,
  restoreRegistry,
  SNAPSHOT_ERROR_RULES,
  type SnapshotError,
  snapshotError,
  type SnapshotErrorData,
  type SnapshotManifest,
  type SnapshotOptions,
  snapshotRegistry
} from './registry/snapshot.js'
export { resumeRuntime, suspendRuntime } from './registry/suspension.js'
export {
  compareNodeIds,
  hasRoles,
  isExpired,
  type NodeDescriptor,
  nodeKey,
  nodeProblem,
  nodeRuntimeProblem,
  nodeRuntimes,
  ROLE_COMPUTE_WORKER,
  ROLE_KEY_MANAGER,
  ROLE_OBSERVER,
  ROLE_VALIDATOR
} from './node/node.js'
export {
  type Eligibility,
  type EligibilityOptions,
  eligibleNodes,
  eligibleNodesFor,
  type ExcludedNode,
  exclusion,
  EXCLUSION_RULES,
  type ExclusionData,
  type ExclusionReason,
  type ExclusionTag
} from './scheduler/eligibility.js'
export type { TeeCheck, TeeVerifier } from './node/tee.js'
export {
  committeeFeasibility,
  committeeFeasibilityFor,
  type CommitteeParameters,
  committeeParameters,
  exclusionCounts,
  type Feasible,
  type FeasibilityOptions,
  resolveCommitteeParameters
} from './scheduler/feasibility.js'
export {
  CELESTIA_THRESHOLD,
  type Fraction,
  MITHRIL_THRESHOLD,
  type NoUpgradePending,
  type ReadinessOptions,
  type UpgradePending,
  type UpgradeReadiness,
  upgradeReadiness
} from './scheduler/readiness.js'
export { epochPlus, epochsBetween } from './rules/epochSpan.js'
export {
  isSupported,
  type Supported,
  type SupportedVersions,
  type SupportOptions,
  type SupportVerdict,
  supportVerdict,
  type TooNew,
  type Unsupported,
  type UpgradeSoon,
  type VersionRange
} from './node/supportVerdict.js'
export { DEFAULT_PRE_WARM_EPOCHS, type HostedVersions, hostedVersions } from './node/hostedVersions.js'
export {
  datumPayloadHex,
  decodeEraMarkers,
  decodeEraVerificationKey,
  type EraMarker,
  type EraMarkersPayload,
  eraMarkersFromJson,
  eraMarkersMessage,
  readEraMarkers,
  verifyEraMarkers
} from './trust/eraMarkers.js'
export { ERA_REFUSAL_RULES, type EraRefusal, eraRefusal, type EraRefusalData, type EraRefusalTag } from './trust/eraRefusal.js'
export { type EraAt, eraAt, type EraVerdict, eraVerdict } from './trust/eraVerdict.js'
export { type EraSupport, type NodeAction, type NodeReadiness, nodeReadiness } from './trust/nodeReadiness.js'
export { checkSvn, raiseSvnFloor, type SvnBelowFloor, svnFloor, type SvnFloors } from './trust/svnFloor.js'
export { type Admission, type AdmissionInput, admitCodeIdentity } from './trust/admitCodeIdentity.js'
export {
  type CodeUpdatePolicy,
  type CodeUpdatePolicyRules,
  evaluateCodeUpdatePolicy,
  type PolicyStatement,
  policyStatement
} from './trust/codeUpdatePolicy.js'
export {
  asHeader,
  type CoseHeader,
  type CoseSign1,
  decodeCoseSign1,
  type EnvelopeProblem,
  sigStructure,
  withoutUnprotectedHeader
} from './trust/coseSign1.js'
export {
  COSE_ALGORITHMS,
  type CoseAlgorithm,
  type Curve,
  type PublicKey,
  readPublicKey,
  type SignatureCheck,
  verifyCoseSignature
} from './trust/coseSignature.js'
export { type DidX509Document, type DidX509Resolution, type PublicKeyJwk, resolveDidX509 } from './trust/didX509.js'
export {
  DID_X509_REFUSAL_RULES,
  type DidX509Refusal,
  didX509Refusal,
  type DidX509Reason,
  type DidX509RefusalData,
  type DidX509RefusalTag,
  type DidX509Verification
} from './trust/didX509Refusal.js'
export { decodeReceipt, type InclusionProof, isTxid, merkleRoot, type Receipt, type ReceiptProblem } from './trust/receipt.js'
export { cwtTime, headerAlgorithm, type HeaderProblem, readStatementHeader, type StatementHeader } from './trust/statementHeader.js'
export {
  type ReceiptTrust,
  serviceKeyId,
  type VerifiedReceipt,
  type VerifiedStatement,
  verifyTransparentStatement
} from './trust/transparentStatement.js'
export {
  TRUST_VIOLATION_RULES,
  type TrustViolation,
  trustViolation,
  type TrustViolationData,
  type TrustViolationTag
} from './trust/trustViolation.js'
export {
  applyReconcilePlan,
  type InstalledBundle,
  type ReconcileAction,
  type ReconcileOptions,
  reconcileHosted
} from './node/reconcileHosted.js'
export { type NoChange, type PlanOptions, planUpgrade, type ProposedUpgrade, type UpgradePlan, type UpgradeTarget } from './planner/planUpgrade.js'
export { type NodeRegistrationOptions, verifyNodeRuntimes, verifyNodeUpdate } from './node/nodeRegistration.js'
export * from './registry/registryRefusal.js'
export * from './node/nodeRefusal.js'
export * from './scheduler/schedulerRefusal.js'
export * from './planner/plannerRefusal.js'
