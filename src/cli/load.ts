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
import type { Policy } from '../rules/policy.js'
import { type ConsensusParameters, ConsensusParametersCodec } from '../schema/params.js'
import { type Runtime, RuntimeCodec, type U64 } from '../schema/runtime.js'
import type { Args } from './command.js'
import { type Format, parseEpoch, readPolicy, readWire } from './input.js'
import { DEFAULT_PARAMS } from './jsonInputs.js'
import { toJsonText } from './output.js'

const FORMATS: ReadonlyArray<Format> = ['cbor', 'hex', 'json']

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
 * `--params FILE` (JSON or CBOR consensus parameters, used as they are), or
 * {@link DEFAULT_PARAMS} (CLI16: an oasis-core local network's, entity and runtime governance
 * enabled).
 *
 * @example
 * loadParams(args) // right({ max_runtime_deployments: 5 })
 *
 * @category cli
 * @since 0.1.0
 */
export const loadParams = (args: Args): E.Either<string, ConsensusParameters> => {
  const path = args.values['params']
  return typeof path === 'string' ? readWire(ConsensusParametersCodec, path, undefined, decodeOptions(args)) : E.right(DEFAULT_PARAMS)
}

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
export const PARAMS_HELP = `--params FILE   registry consensus parameters (JSON or CBOR), used as given; without it, an
                  oasis-core local network's (oasis-net-runner): entity and runtime governance
                  enabled, nothing else set, i.e.
                  {"enable_runtime_governance_models": {"1": true, "2": true}}`

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
 * A descriptor as file contents in `format`: CBOR bytes, hex text, or JSON text.
 *
 * @example
 * renderRuntime(rt, 'json') // right('{\n  "v": 3, …')
 *
 * @category cli
 * @since 0.1.0
 */
export const renderRuntime = (rt: Runtime, format: Format): E.Either<string, Uint8Array> => {
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
