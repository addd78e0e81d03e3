/**
 * The integer values of oasis-core's runtime enumerations that the rules compare with (private;
 * not exported from the package root): `RuntimeKind`, `RuntimeGovernanceModel` and
 * `TEEHardware`.
 *
 * @since 0.1.0
 */

/** `RuntimeKind` compute. */
export const KIND_COMPUTE = 1
/** `RuntimeKind` key manager. */
export const KIND_KEY_MANAGER = 2
/** `RuntimeGovernanceModel` entity. */
export const GOVERNANCE_ENTITY = 1
/** `RuntimeGovernanceModel` runtime. */
export const GOVERNANCE_RUNTIME = 2
/** `RuntimeGovernanceModel` consensus. */
export const GOVERNANCE_CONSENSUS = 3
/** `TEEHardware` Intel SGX. */
export const TEE_SGX = 1
