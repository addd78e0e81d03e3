/**
 * The registry consensus parameters of the networks `--network` names (CLI18 of `spec/cli.md`,
 * where every value is traced to its source), and how the command line says which parameters it
 * used.
 *
 * @since 0.1.0
 */
import { deploymentLimit } from '../rules/validation.js'
import type { ConsensusParameters } from '../schema/params.js'

/**
 * A network `--network` accepts.
 *
 * @category cli
 * @since 0.1.0
 */
export type NetworkName = 'mainnet' | 'testnet' | 'local'

/**
 * The names `--network` accepts, in the order the help lists them.
 *
 * @example
 * NETWORK_NAMES.join('|') // 'mainnet|testnet|local'
 *
 * @category cli
 * @since 0.1.0
 */
export const NETWORK_NAMES: ReadonlyArray<NetworkName> = ['mainnet', 'testnet', 'local']

const GAS_COSTS = {
  deregister_entity: 1000,
  prove_freshness: 1000,
  register_entity: 1000,
  register_node: 1000,
  register_runtime: 1000,
  runtime_epoch_maintenance: 1000,
  unfreeze_node: 1000
}

const TEE_FEATURES = { sgx: { pcs: true, signed_attestations: true, max_attestation_age: 1200 }, freshness_proofs: true }

const ENTITY_AND_RUNTIME_GOVERNANCE = (): ReadonlyMap<number, boolean> =>
  new Map([
    [1, true],
    [2, true]
  ])

/**
 * The registry consensus parameters of each network (CLI18): Oasis Mainnet as its registry
 * reports them since the Eden upgrade (2023-11-29) with CHURP enabled since; the Testnet as its
 * 2023-10-12 upgrade set them; `local` as `oasis-net-runner` sets up a local network (CLI16).
 *
 * @example
 * NETWORK_PARAMS.mainnet.max_runtime_deployments // 5
 * NETWORK_PARAMS.local.max_runtime_deployments // undefined: at most max(2, 0) = 2 (D2)
 *
 * @category cli
 * @since 0.1.0
 */
export const NETWORK_PARAMS: Readonly<Record<NetworkName, ConsensusParameters>> = Object.freeze({
  mainnet: Object.freeze({
    enable_km_churp: true,
    gas_costs: GAS_COSTS,
    max_node_expiration: 2,
    enable_runtime_governance_models: ENTITY_AND_RUNTIME_GOVERNANCE(),
    tee_features: TEE_FEATURES,
    max_runtime_deployments: 5
  }),
  testnet: Object.freeze({
    gas_costs: GAS_COSTS,
    max_node_expiration: 2,
    enable_runtime_governance_models: ENTITY_AND_RUNTIME_GOVERNANCE(),
    tee_features: TEE_FEATURES,
    max_runtime_deployments: 5
  }),
  local: Object.freeze({ enable_runtime_governance_models: ENTITY_AND_RUNTIME_GOVERNANCE() })
})

/**
 * Where the parameters a command used came from: a file (`--params`), a network (`--network`),
 * or nothing given, so the local network's were assumed (CLI16).
 *
 * @category cli
 * @since 0.1.0
 */
export type ParamsSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'genesis'; readonly path: string }
  | { readonly kind: 'network'; readonly network: NetworkName }
  | { readonly kind: 'assumed' }

/**
 * The source of parameters in words, for output.
 *
 * @example
 * describeParamsSource({ kind: 'network', network: 'mainnet' }) // 'Oasis Mainnet (--network mainnet)'
 *
 * @category cli
 * @since 0.1.0
 */
export const describeParamsSource = (source: ParamsSource): string => {
  switch (source.kind) {
    case 'file':
      return `--params ${source.path}`
    case 'genesis':
      return `the registry.params of ${source.path}`
    case 'network':
      return `${NETWORK_TITLES[source.network]} (--network ${source.network})`
    case 'assumed':
      return 'an oasis-core local network (assumed: no --params or --network given)'
  }
}

const NETWORK_TITLES: Readonly<Record<NetworkName, string>> = { mainnet: 'Oasis Mainnet', testnet: 'Oasis Testnet', local: 'an oasis-core local network' }

/**
 * The deployment limit the parameters give, with where it comes from (D2: `max(2,
 * max_runtime_deployments)`).
 *
 * @example
 * deploymentLimitNote({}, { kind: 'assumed' })
 * // 'at most 2 deployments: max(2, max_runtime_deployments = 0) of an oasis-core local network (assumed: …)'
 *
 * @category cli
 * @since 0.1.0
 */
export const deploymentLimitNote = (params: ConsensusParameters, source: ParamsSource): string =>
  `at most ${limitText(params, ': ')} of ${describeParamsSource(source)}`

// D2's limit and, after `joiner`, where it comes from, as the notes say it.
const limitText = (params: ConsensusParameters, joiner: string): string =>
  `${deploymentLimit(params)} deployments${joiner}max(2, max_runtime_deployments = ${params.max_runtime_deployments ?? 0})`

/**
 * What the output says about the parameters (CLI18): with none given, which were assumed and
 * what that limits; after a refusal for too many deployments (D2), where the limit comes from.
 *
 * @example
 * paramsNotes({}, { kind: 'assumed' }, undefined)
 * // ['note: no --params or --network given, so an oasis-core local network\'s parameters were assumed:', …]
 *
 * @category cli
 * @since 0.1.0
 */
export const paramsNotes = (params: ConsensusParameters, source: ParamsSource, refusalRule: string | undefined): ReadonlyArray<string> => {
  if (source.kind === 'assumed') {
    return [
      "note: no --params or --network given, so an oasis-core local network's parameters were assumed:",
      `      at most ${limitText(params, ' = ')}, entity and runtime`,
      '      governance, no TEE features; Oasis Mainnet and Testnet allow 5 (--network mainnet)'
    ]
  }
  return refusalRule === 'D2' ? [`note: ${deploymentLimitNote(params, source)}`] : []
}

/**
 * The parameters in `--json` output: where they came from and the deployment limit they give.
 *
 * @example
 * paramsJson({ max_runtime_deployments: 5 }, { kind: 'network', network: 'mainnet' })
 * // { source: { kind: 'network', network: 'mainnet' }, max_deployments: 5 }
 *
 * @category cli
 * @since 0.1.0
 */
export const paramsJson = (params: ConsensusParameters, source: ParamsSource): { readonly source: ParamsSource; readonly max_deployments: number } => ({
  source,
  max_deployments: deploymentLimit(params)
})
