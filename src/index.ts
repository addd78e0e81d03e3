export * from './codec/cbor.js'
export * from './codec/codec.js'
export * from './codec/decodeError.js'
export * from './codec/descriptors.js'
export { type CborKey, type CborTextMap, type CborValue, keyName, READ_LIMITS, readCbor, scanCbor, toHex } from './codec/reader.js'
export * from './codec/wire.js'
export * from './hash.js'
export * from './schema/node.js'
export * from './schema/params.js'
export * from './schema/runtime.js'
export * from './schema/sgx.js'
export * from './schema/version.js'
export { MAX_U64, compareU64, formatU64, isU64 } from './epoch.js'
export { bytesEqual, sameDeployment } from './deployment.js'
export { parseVersion } from './parseVersion.js'
export { futureDeploymentLimit, type Policy, STRICT_POLICY } from './policy.js'
export { type PruneResult, pruneSuperseded } from './prune.js'
export * from './ruleViolation.js'
export { activeDeployment, deploymentForVersion, nextDeployment } from './selection.js'
export {
  type NewRuntimeOptions,
  type UpdateOptions,
  verifyRuntimeNew,
  verifyRuntimeUpdate
} from './update.js'
export { type ValidateOptions, validateDeployments } from './validation.js'
export { compareVersions, formatVersion, sameVersion, versionFromU64, versionOrd, versionToU64 } from './version.js'
