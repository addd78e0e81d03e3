/**
 * Loading what commands share: a descriptor argument, `--epoch`, `--params`, `--policy`, and
 * writing a descriptor back in a chosen format.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { writeFileSync } from 'node:fs'
import { type DecodeOptions, encodeWith, toJsonWith } from '../codec/codec.js'
import { isRecord } from '../codec/containers.js'
import { formatExactJson, parseExactJson } from '../codec/jsonText.js'
import type { Policy } from '../rules/policy.js'
import { registryGenesisFromOasisJson, runtimeToOasisJson } from '../schema/oasisJson.js'
import { type ConsensusParameters, ConsensusParametersCodec } from '../schema/params.js'
import { type Runtime, RuntimeCodec, type U64 } from '../schema/runtime.js'
import type { Args } from './command.js'
import { describeDecodeError, detectFormat, type Format, parseEpoch, readInput, readPolicy, readWire, wireFromContents } from './input.js'
import { NETWORK_NAMES, NETWORK_PARAMS, type NetworkName, type ParamsSource } from './networks.js'
import { toJsonText } from './output.js'

const FORMATS: ReadonlyArray<Format> = ['cbor', 'hex', 'json', 'oasis-json']

/**
 * The `--format` option, when given.
 *
 * @example
 * formatOption({ values: { format: 'json' }, positionals: [] }) // right('json')
 *
 * @category cli
 * @since 0.1.0
 */
export const formatOption = (args: Args): E.Either<string, Format | undefined> => {
  const f = args.values['format']
  if (f === undefined) return E.right(undefined)
  return FORMATS.includes(f as Format) ? E.right(f as Format) : E.left(`--format must be one of ${FORMATS.join(', ')}`)
}

/**
 * The descriptor named by positional `index`, read in `--format` or the detected format.
 *
 * @example
 * loadRuntime(args, 0)
 *
 * @category cli
 * @since 0.1.0
 */
export const loadRuntime = (args: Args, index: number): E.Either<string, Runtime> => {
  const format = formatOption(args)
  if (E.isLeft(format)) return format
  return readWire(RuntimeCodec, args.positionals[index]!, format.right, decodeOptions(args))
}

/**
 * The descriptor of positional 0 and `--epoch`: what most commands start from.
 *
 * @example
 * runtimeAtEpoch(args) // right({ rt, epoch: 1250 })
 *
 * @category cli
 * @since 0.1.0
 */
export const runtimeAtEpoch = (args: Args): E.Either<string, { readonly rt: Runtime; readonly epoch: U64 }> =>
  pipe(
    loadRuntime(args, 0),
    E.bindTo('rt'),
    E.bind('epoch', () => loadEpoch(args))
  )

/**
 * The parameters a file holds (CLI16): CBOR, the library's JSON, oasis-node's JSON of the
 * registry `ConsensusParameters`, or a whole genesis document (its `registry.params`, O5).
 *
 * @example
 * readParams('genesis.json') // right({ max_runtime_deployments: 5, … })
 *
 * @category cli
 * @since 0.1.0
 */
export const readParams = (path: string, options?: DecodeOptions): E.Either<string, ConsensusParameters> => {
  const raw = readInput(path)
  if (E.isLeft(raw)) return raw
  if (detectFormat(raw.right) === 'json') {
    const json = parseExactJson(new TextDecoder().decode(raw.right), { repeatedKeys: 'keep' })
    // A genesis document: its registry section holds the parameters.
    if (E.isRight(json) && isRecord(json.right) && 'registry' in json.right) {
      const genesis = registryGenesisFromOasisJson({ registry: { params: isRecord(json.right['registry']) ? json.right['registry']['params'] : undefined } }, options)
      return E.isLeft(genesis) ? E.left(`${path}: genesis document: ${describeDecodeError(genesis.left)}`) : E.right(genesis.right.params)
    }
  }
  return wireFromContents(ConsensusParametersCodec, path, raw.right, undefined, options)
}

/**
 * The parameters a command runs under and where they come from (CLI16, CLI18): `--params FILE`,
 * `--network NAME`, or, with neither, an oasis-core local network's, assumed. Both at once are
 * refused.
 *
 * @example
 * loadParamsWithSource({ values: { network: 'mainnet' }, positionals: [] }) // right({ params: {…}, source: { kind: 'network', network: 'mainnet' } })
 *
 * @category cli
 * @since 0.1.0
 */
export const loadParamsWithSource = (args: Args): E.Either<string, { readonly params: ConsensusParameters; readonly source: ParamsSource }> => {
  const path = args.values['params']
  const network = args.values['network']
  if (typeof path === 'string' && network !== undefined) return E.left('--params and --network both name parameters; give one')
  if (typeof path === 'string') return E.map((params: ConsensusParameters) => ({ params, source: { kind: 'file', path } as const }))(readParams(path, decodeOptions(args)))
  if (network === undefined) return E.right({ params: NETWORK_PARAMS.local, source: { kind: 'assumed' } })
  if (!NETWORK_NAMES.includes(network as NetworkName)) return E.left(`--network must be one of ${NETWORK_NAMES.join(', ')}, got ${JSON.stringify(network)}`)
  return E.right({ params: NETWORK_PARAMS[network as NetworkName], source: { kind: 'network', network: network as NetworkName } })
}

/**
 * The parameters alone, see {@link loadParamsWithSource}.
 *
 * @example
 * loadParams(args) // right({ max_runtime_deployments: 5 })
 *
 * @category cli
 * @since 0.1.0
 */
export const loadParams = (args: Args): E.Either<string, ConsensusParameters> => E.map((p: { params: ConsensusParameters }) => p.params)(loadParamsWithSource(args))

/**
 * `--strict`: decode CBOR in strict mode (spec/codec.md CX1–CX9) and pass `strict` to the rules (D7).
 *
 * @example
 * strictOption({ values: { strict: true }, positionals: [] }) // true
 *
 * @category cli
 * @since 0.1.0
 */
export const strictOption = (args: Args): boolean => args.values['strict'] === true

/**
 * The decoder options of a command line: `{ strict: true }` with `--strict`.
 *
 * @example
 * decodeOptions({ values: {}, positionals: [] }) // { strict: false }
 *
 * @category cli
 * @since 0.1.0
 */
export const decodeOptions = (args: Args): DecodeOptions => ({ strict: strictOption(args) })

/**
 * The `--params` line of the commands' help: what the option takes and what it defaults to (CLI16).
 *
 * @example
 * PARAMS_HELP // '--params FILE   registry consensus parameters …'
 *
 * @category cli
 * @since 0.1.0
 */
export const PARAMS_HELP = `--params FILE   registry consensus parameters, used as given: CBOR, JSON (the library's or
                  oasis-node's), or a genesis document (its registry.params)
  --network NAME  the parameters of mainnet or testnet (at most 5 deployments, TEE features
                  on) or local; without --params or --network, an oasis-core local network's
                  (oasis-net-runner) are assumed: entity and runtime governance enabled, nothing
                  else set, so at most 2 deployments, i.e.
                  {"enable_runtime_governance_models": {"1": true, "2": true}}`

/**
 * The options naming parameters, for every command that checks rules (CLI16, CLI18).
 *
 * @example
 * const options = { ...PARAMS_OPTIONS, epoch: { type: 'string' } }
 *
 * @category cli
 * @since 0.1.0
 */
export const PARAMS_OPTIONS = { params: { type: 'string' }, network: { type: 'string' } } as const

/**
 * `--policy FILE`, or no policy (exactly oasis-core's rules).
 *
 * @example
 * loadPolicy(args) // right(undefined)
 *
 * @category cli
 * @since 0.1.0
 */
export const loadPolicy = (args: Args): E.Either<string, Policy | undefined> => {
  const path = args.values['policy']
  return typeof path === 'string' ? readPolicy(path) : E.right(undefined)
}

/**
 * `--epoch N`.
 *
 * @example
 * loadEpoch({ values: { epoch: '1250' }, positionals: [] }) // right(1250)
 *
 * @category cli
 * @since 0.1.0
 */
export const loadEpoch = (args: Args, name = 'epoch'): E.Either<string, U64> => {
  const v = args.values[name]
  return parseEpoch(name, typeof v === 'string' ? v : undefined)
}

/**
 * A descriptor as file contents in `format`: CBOR bytes, hex text, the library's JSON text, or
 * oasis-node's (O1).
 *
 * @example
 * renderRuntime(rt, 'json') // right('{\n  "v": 3, …')
 *
 * @category cli
 * @since 0.1.0
 */
export const renderRuntime = (rt: Runtime, format: Format): E.Either<string, Uint8Array> => {
  if (format === 'oasis-json') {
    const json = runtimeToOasisJson(rt)
    return E.isLeft(json) ? E.left(json.left.message) : E.right(new TextEncoder().encode(`${formatExactJson(json.right)}\n`))
  }
  if (format === 'json') {
    const json = toJsonWith(RuntimeCodec)(rt)
    return E.isLeft(json) ? E.left(json.left.message) : E.right(new TextEncoder().encode(`${toJsonText(json.right)}\n`))
  }
  const bytes = encodeWith(RuntimeCodec)(rt)
  if (E.isLeft(bytes)) return E.left(bytes.left.message)
  return E.right(format === 'hex' ? new TextEncoder().encode(`${bytesToHex(bytes.right)}\n`) : bytes.right)
}

/**
 * Write bytes to a file, or a message naming the file and the system's reason.
 *
 * @example
 * writeOutput('params.cbor', Uint8Array.of(0xa0)) // right(undefined)
 *
 * @category cli
 * @since 0.1.0
 */
export const writeOutput = (path: string, bytes: Uint8Array): E.Either<string, void> => {
  try {
    writeFileSync(path, bytes)
    return E.right(undefined)
  } catch (e) {
    return E.left(`${path}: cannot write (${(e as { code?: string }).code ?? String(e)})`)
  }
}
