/**
 * Descriptors and parameters in oasis-node's JSON form (O1–O5 of `spec/codec.md`): what
 * `oasis-node registry runtime list -v`, `oasis-node genesis dump` and the genesis document's
 * `registry` section hold — Go's `encoding/json` with oasis-core's text forms (public keys and
 * `[]byte` in base64, namespaces and hashes in hex, quantities in decimal, enumerations by name,
 * every integer a bare JSON number).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { type DecodeOptions, type EncodeError, fromOasisJsonWith, toOasisJsonWith } from '../codec/codec.js'
import { array, isRecord, nilPointer } from '../codec/containers.js'
import { type DecodeError, decodeError } from '../codec/decodeError.js'
import { renderPath, Problem } from '../codec/problem.js'
import { u64 } from '../codec/scalars.js'
import { struct } from '../codec/struct.js'
import type { OasisJson } from '../codec/wire.js'
import { type ConsensusParameters, ConsensusParametersCodec } from './params.js'
import { type Runtime, RuntimeCodec, type U64 } from './runtime.js'

/**
 * A runtime descriptor in oasis-node's JSON form (O1): the value oasis-core holds for it,
 * written as Go's `encoding/json` writes it. Refused (`NoTextForm`) where Go could not write a
 * value it reads back, such as governance model 0.
 *
 * @example
 * import { runtimeToOasisJson, formatExactJson } from 'runtime-deployments'
 * import * as E from 'fp-ts/lib/Either.js'
 * const json = runtimeToOasisJson(rt)
 * if (E.isRight(json)) console.log(formatExactJson(json.right)) // { "v": 3, "id": "8000…", "entity_id": "AQEB…=", … }
 *
 * @category json
 * @since 0.1.0
 */
export const runtimeToOasisJson: (rt: Runtime) => E.Either<EncodeError, OasisJson> = /* @__PURE__ */ toOasisJsonWith(RuntimeCodec)

/**
 * A runtime descriptor from oasis-node's JSON form, as `parseExactJson` or `JSON.parse` returns
 * it: by default as Go's `encoding/json` reads it into oasis-core's `Runtime` (O2, O3), with
 * `{ strict: true }` refusing each of Go's leniencies (OX1–OX10); the same checks as decoding its
 * CBOR. Never throws.
 *
 * @example
 * import { parseExactJson, runtimeFromOasisJson } from 'runtime-deployments'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { readFileSync } from 'node:fs'
 * const json = parseExactJson(readFileSync('runtime.json', 'utf8'), { repeatedKeys: 'keep' })
 * const rt = E.isRight(json) ? runtimeFromOasisJson(json.right) : undefined // right(runtime) or left(DecodeError)
 *
 * @category json
 * @since 0.1.0
 */
export const runtimeFromOasisJson: (json: unknown, options?: DecodeOptions) => E.Either<DecodeError, Runtime> = /* @__PURE__ */ fromOasisJsonWith(RuntimeCodec)

/**
 * Registry consensus parameters in oasis-node's JSON form (O1): governance models by name.
 *
 * @example
 * paramsToOasisJson({ enable_runtime_governance_models: new Map([[1, true]]), max_runtime_deployments: 5 })
 * // right({ enable_runtime_governance_models: { entity: true }, max_runtime_deployments: 5 })
 *
 * @category json
 * @since 0.1.0
 */
export const paramsToOasisJson: (params: ConsensusParameters) => E.Either<EncodeError, OasisJson> =
  /* @__PURE__ */ toOasisJsonWith(ConsensusParametersCodec)

/**
 * Registry consensus parameters from oasis-node's JSON form (O2, O3; `{ strict: true }`:
 * OX1–OX10): `registry.params` of a genesis document, or what `oasis-node registry …` prints.
 *
 * @example
 * paramsFromOasisJson({ enable_runtime_governance_models: { entity: true, runtime: true }, max_runtime_deployments: 5 })
 * // right({ enable_runtime_governance_models: Map { 1 => true, 2 => true }, max_runtime_deployments: 5 })
 *
 * @category json
 * @since 0.1.0
 */
export const paramsFromOasisJson: (json: unknown, options?: DecodeOptions) => E.Either<DecodeError, ConsensusParameters> =
  /* @__PURE__ */ fromOasisJsonWith(ConsensusParametersCodec)

/**
 * What a genesis document says about runtimes (O5): the registry parameters, the runtimes and
 * the suspended runtimes in their document order, and the epoch the network starts at
 * (`beacon.base`, the `now` of oasis-core's genesis sanity check), when given.
 *
 * @category json
 * @since 0.1.0
 */
export interface RegistryGenesis {
  readonly params: ConsensusParameters
  readonly runtimes: ReadonlyArray<Runtime>
  readonly suspended_runtimes: ReadonlyArray<Runtime>
  readonly baseEpoch: U64 | undefined
}

// O5: the sections of a genesis document read, as Go reads them (O3); the other sections and
// keys are skipped, in strict mode too.
const RegistrySectionCodec = /* @__PURE__ */ struct<{ params?: ConsensusParameters; runtimes?: ReadonlyArray<Runtime | null>; suspended_runtimes?: ReadonlyArray<Runtime | null> }>(
  'registry.Genesis',
  [
    ['params', ConsensusParametersCodec, 'always'],
    ['runtimes', array(nilPointer(RuntimeCodec)), 'omitempty'],
    ['suspended_runtimes', array(nilPointer(RuntimeCodec)), 'omitempty']
  ],
  { open: true }
)
const GenesisDocumentCodec = /* @__PURE__ */ struct<{ registry?: { params: ConsensusParameters; runtimes?: ReadonlyArray<Runtime | null>; suspended_runtimes?: ReadonlyArray<Runtime | null> }; beacon?: { base?: U64 } }>(
  'genesis.Document',
  [
    ['registry', RegistrySectionCodec, 'pointer'],
    ['beacon', struct('beacon.Genesis', [['base', u64, 'pointer']], { open: true }), 'pointer']
  ],
  { open: true }
)

// Go's nil *Runtime, which oasis-core's genesis check refuses.
const nonNull = (list: ReadonlyArray<Runtime | null> | undefined, path: string): E.Either<DecodeError, ReadonlyArray<Runtime>> => {
  const i = (list ?? []).indexOf(null)
  return i < 0 ? E.right((list ?? []) as ReadonlyArray<Runtime>) : E.left(decodeError('NullNotAllowed', 'a null runtime descriptor (Go\'s nil pointer, which the genesis check refuses)', `${path}[${i}]`, undefined))
}

/**
 * The registry part of a genesis document in oasis-node's JSON form (O5): `registry.params`,
 * `registry.runtimes`, `registry.suspended_runtimes` and `beacon.base`, each checked as oasis-core
 * reads it (O3; with `{ strict: true }` refusing Go's leniencies in them, OX1–OX10), errors
 * naming their path in the document (`registry.runtimes[2].entity_id`). The other sections
 * (entities, nodes, staking, …) are not read. Never throws.
 *
 * @example
 * import { parseExactJson, registryGenesisFromOasisJson } from 'runtime-deployments'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { readFileSync } from 'node:fs'
 * const doc = parseExactJson(readFileSync('genesis.json', 'utf8'), { repeatedKeys: 'keep' })
 * if (E.isRight(doc)) registryGenesisFromOasisJson(doc.right) // right({ params, runtimes, suspended_runtimes, baseEpoch })
 *
 * @category json
 * @since 0.1.0
 */
export const registryGenesisFromOasisJson = (doc: unknown, options?: DecodeOptions): E.Either<DecodeError, RegistryGenesis> => {
  if (!isRecord(doc)) return E.left(decodeError('WrongType', 'expected a genesis document (a JSON object)', '', undefined))
  const read = GenesisDocumentCodec.fromOasisJson(doc, { strict: options?.strict === true })
  if (read instanceof Problem) return E.left(decodeError(read.tag, read.message, renderPath(read), undefined))
  const registry = read.registry
  if (registry === undefined) return E.left(decodeError('WrongType', 'expected a genesis document with a "registry" object', 'registry', undefined))
  const runtimes = nonNull(registry.runtimes, 'registry.runtimes')
  if (E.isLeft(runtimes)) return runtimes
  const suspended = nonNull(registry.suspended_runtimes, 'registry.suspended_runtimes')
  if (E.isLeft(suspended)) return suspended
  return E.right({ params: registry.params, runtimes: runtimes.right, suspended_runtimes: suspended.right, baseEpoch: read.beacon?.base })
}
