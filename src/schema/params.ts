/**
 * The registry consensus parameters that govern runtime registration, in wire shape.
 *
 * @since 0.1.0
 */
import { map, textMap } from '../codec/containers.js'
import { bool, u64, u8 } from '../codec/scalars.js'
import { struct } from '../codec/struct.js'
import { type Wire } from '../codec/wire.js'
import { type QuotePolicy, QuotePolicyCodec } from './sgx.js'
import { namedKeys } from './textNames.js'

/** @category model @since 0.1.0 */
export interface TEEFeaturesSGX {
  /** Allows SGX constraints v1 and PCS attestations. */
  readonly pcs: boolean
  readonly signed_attestations?: boolean
  readonly default_policy?: QuotePolicy
  readonly max_attestation_age?: number | bigint
  /** Allows TDX policies. */
  readonly tdx?: boolean
}

/** @category model @since 0.1.0 */
export interface TEEFeatures {
  readonly sgx: TEEFeaturesSGX
  readonly freshness_proofs: boolean
}

/**
 * Registry consensus parameters (the fields that govern runtime and node registration).
 *
 * @category model
 * @since 0.1.0
 */
export interface ConsensusParameters {
  readonly debug_allow_unroutable_addresses?: boolean
  readonly debug_allow_test_runtimes?: boolean
  readonly debug_deploy_immediately?: boolean
  readonly disable_runtime_registration?: boolean
  readonly disable_km_runtime_registration?: boolean
  readonly enable_km_churp?: boolean
  readonly gas_costs?: Readonly<Record<string, number | bigint>>
  readonly max_node_expiration?: number | bigint
  /** Governance model → enabled. */
  readonly enable_runtime_governance_models?: ReadonlyMap<number, boolean>
  readonly tee_features?: TEEFeatures
  /** Effective deployment limit is max(2, value) (D2). */
  readonly max_runtime_deployments?: number
}

const TEEFeaturesCodec = /* @__PURE__ */ struct<TEEFeatures>('TEEFeatures', [
  [
    'sgx',
    struct<TEEFeaturesSGX>('TEEFeaturesSGX', [
      ['pcs', bool, 'always'],
      ['signed_attestations', bool, 'omitempty'],
      ['default_policy', QuotePolicyCodec, 'pointer'],
      ['max_attestation_age', u64, 'omitempty'],
      ['tdx', bool, 'omitempty']
    ]),
    'always'
  ],
  ['freshness_proofs', bool, 'always']
])

/**
 * Codec of {@link ConsensusParameters}.
 *
 * @example
 * ConsensusParametersCodec.decode({ max_runtime_deployments: 5 })
 *
 * @category codecs
 * @since 0.1.0
 */
export const ConsensusParametersCodec: Wire<ConsensusParameters> = /* @__PURE__ */ struct<ConsensusParameters>(
  'ConsensusParameters',
  [
    ['debug_allow_unroutable_addresses', bool, 'omitempty'],
    ['debug_allow_test_runtimes', bool, 'omitempty'],
    ['debug_deploy_immediately', bool, 'omitempty'],
    ['disable_runtime_registration', bool, 'omitempty'],
    ['disable_km_runtime_registration', bool, 'omitempty'],
    ['enable_km_churp', bool, 'omitempty'],
    ['gas_costs', textMap(u64), 'omitempty'],
    ['max_node_expiration', u64, 'omitempty'],
    ['enable_runtime_governance_models', map(namedKeys.governanceModel, bool), 'omitempty'],
    ['tee_features', TEEFeaturesCodec, 'pointer'],
    ['max_runtime_deployments', u8, 'omitempty']
  ]
)
