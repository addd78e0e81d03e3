/**
 * Reading the CLI's inputs: descriptors as CBOR (binary or hex), the library's JSON (the wire
 * shape with bytes as hex; see `docs` in the README) or oasis-node's JSON (spec/codec.md O1–O5),
 * consensus parameters and policies as JSON, epochs as uint64. Every reader returns a value or a
 * message saying what is wrong and where; none throws.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { closeSync, openSync, readSync } from 'node:fs'
import { type DecodeOptions, decodeWith, encodeWith, fromJsonWith, fromOasisJsonWith } from '../codec/codec.js'
import type { DecodeError } from '../codec/decodeError.js'
import { jsonTextProblem, parseExactJson } from '../codec/jsonText.js'
import type { Wire } from '../codec/wire.js'
import { fromHex } from '../internal/bytes.js'
import { MAX_U64, u64FromBigint } from '../internal/uint64.js'
import { bytesEqual } from '../rules/deployment.js'
import type { Policy } from '../rules/policy.js'
import type { U64 } from '../schema/runtime.js'
import { decodeJson, PolicyJson } from './jsonInputs.js'

/**
 * How a descriptor file is written: CBOR, hex of CBOR, the library's JSON, or oasis-node's JSON
 * (spec/codec.md O1–O5; CLI19).
 *
 * @category cli
 * @since 0.1.0
 */
export type Format = 'cbor' | 'hex' | 'json' | 'oasis-json'

/**
 * The format of file contents: JSON when it starts with `{` or `[` (either JSON form, see
 * {@link readEitherJson}), hex when it is only hex digits and white space, CBOR otherwise.
 *
 * @example
 * detectFormat(new TextEncoder().encode('{"v": 3}')) // 'json'
 *
 * @category cli
 * @since 0.1.0
 */
export const detectFormat = (bytes: Uint8Array): Exclude<Format, 'oasis-json'> => {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1 << 16)).trim()
  if (text.startsWith('{') || text.startsWith('[')) return 'json'
  if (text.length > 0 && /^(0x)?[0-9a-fA-F\s]+$/.test(text)) return 'hex'
  return 'cbor'
}

/**
 * A decoding error in one line: rule, tag, path, byte offset, message.
 *
 * @example
 * describeDecodeError(e) // 'C4.5 UnknownField at Kind (byte 1): unknown field "Kind" in Runtime'
 *
 * @category cli
 * @since 0.1.0
 */
export const describeDecodeError = (e: DecodeError): string =>
  `${e.rule} ${e._tag}${e.path === '' ? '' : ` at ${e.path}`}${e.offset === undefined ? '' : ` (byte ${e.offset})`}: ${e.message}`

/**
 * The largest input file the command line reads, 16 MiB: a descriptor is a few kilobytes and a
 * scenario a few megabytes; beyond this a file (or `/dev/zero`, or an endless pipe) is refused
 * after reading at most this much plus one chunk.
 *
 * @example
 * MAX_INPUT_BYTES // 16777216
 *
 * @category cli
 * @since 0.1.0
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024

const CHUNK = 64 * 1024

// Standard input may be non-blocking (a terminal); wait briefly instead of spinning.
const pause = (): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10)
}

/**
 * Read a whole file (`-` is standard input) in bounded chunks, or a message naming the file and
 * the system's reason, or saying it is larger than {@link MAX_INPUT_BYTES}.
 *
 * @example
 * readInput('runtime.cbor') // right(Uint8Array [...])
 * readInput('/dev/zero') // left('/dev/zero: larger than 16 MiB (16777216 bytes); not read')
 *
 * @category cli
 * @since 0.1.0
 */
export const readInput = (path: string, limit: number = MAX_INPUT_BYTES): E.Either<string, Uint8Array> => {
  let fd: number | undefined
  try {
    fd = path === '-' ? 0 : openSync(path, 'r')
    const chunks: Uint8Array[] = []
    let total = 0
    for (;;) {
      const chunk = new Uint8Array(CHUNK)
      let n: number
      try {
        n = readSync(fd, chunk, 0, CHUNK, null)
      } catch (e) {
        if ((e as { code?: string }).code === 'EAGAIN') {
          pause()
          continue
        }
        throw e
      }
      if (n === 0) break
      total += n
      if (total > limit) return E.left(`${path}: larger than ${limit / (1024 * 1024)} MiB (${limit} bytes); not read`)
      chunks.push(chunk.subarray(0, n))
    }
    const out = new Uint8Array(total)
    let at = 0
    for (const c of chunks) {
      out.set(c, at)
      at += c.length
    }
    return E.right(out)
  } catch (e) {
    const code = (e as { code?: string }).code
    return E.left(`${path}: cannot read (${code ?? String(e)})`)
  } finally {
    if (fd !== undefined && fd !== 0) closeSync(fd)
  }
}

/**
 * Parse JSON text, or a message naming the file and the position of the error.
 *
 * @example
 * parseJson('params.json', '{"max_runtime_deployments": 5}') // right({...})
 *
 * @category cli
 * @since 0.1.0
 */
export const parseJson = (path: string, text: string): E.Either<string, unknown> => {
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch (e) {
    return E.left(`${path}: not valid JSON (${(e as Error).message})`)
  }
  // CLI15: no repeated key, no integer JSON.parse would round.
  const problem = jsonTextProblem(text)
  return problem === undefined ? E.right(value) : E.left(`${path}: ${problem}`)
}

/**
 * The bytes a CBOR file holds: its contents, or for hex the bytes the hex digits spell (white
 * space ignored).
 *
 * @example
 * binaryContents('tee.hex', new TextEncoder().encode('a0\n'), 'hex') // right(Uint8Array [0xa0])
 *
 * @category cli
 * @since 0.1.0
 */
export const binaryContents = (path: string, raw: Uint8Array, format: 'cbor' | 'hex'): E.Either<string, Uint8Array> => {
  if (format === 'cbor') return E.right(raw)
  const hex = fromHex(new TextDecoder().decode(raw).replace(/\s+/g, ''))
  return hex === undefined ? E.left(`${path}: not valid hex`) : E.right(hex)
}

/**
 * Read a file holding a value of `codec` in the given or detected format; CBOR with `options`
 * (`{ strict: true }` for `--strict`).
 *
 * @example
 * readWire(RuntimeCodec, 'runtime.json') // right(runtime)
 *
 * @category cli
 * @since 0.1.0
 */
export const readWire = <A>(codec: Wire<A>, path: string, format?: Format, options?: DecodeOptions): E.Either<string, A> =>
  E.chain((raw: Uint8Array) => wireFromContents(codec, path, raw, format, options))(readInput(path))

/**
 * A value of `codec` from contents already read from `path` (named in messages), in the given or
 * detected format: what {@link readWire} does once the file is read.
 *
 * @example
 * wireFromContents(RuntimeCodec, 'rt.json', new TextEncoder().encode('{"v": 3}')) // right(runtime)
 *
 * @category cli
 * @since 0.1.0
 */
export const wireFromContents = <A>(codec: Wire<A>, path: string, raw: Uint8Array, format?: Format, options?: DecodeOptions): E.Either<string, A> => {
  const fmt = format ?? detectFormat(raw)
  if (fmt === 'json' || fmt === 'oasis-json') {
    const text = new TextDecoder().decode(raw)
    return format === undefined ? readEitherJson(codec, path, text, options) : readJsonForm(codec, path, text, fmt, options)
  }
  const bytes = binaryContents(path, raw, fmt)
  if (E.isLeft(bytes)) return bytes
  const decoded = decodeWith(codec)(bytes.right, options)
  return E.isLeft(decoded) ? E.left(`${path}: ${describeDecodeError(decoded.left)}`) : decoded
}

/**
 * JSON text as a value of `codec` in one form: the library's JSON (CLI15: no repeated key, no
 * integer beyond 2^53 − 1 as a number) or oasis-node's (integers read exactly, O4), read as Go
 * reads it (O3) or, with `{ strict: true }` (`--strict`), refusing Go's leniencies (OX1–OX10).
 *
 * @example
 * readJsonForm(RuntimeCodec, 'rt.json', '{"v": 3}', 'oasis-json') // right(runtime)
 *
 * @category cli
 * @since 0.1.0
 */
export const readJsonForm = <A>(codec: Wire<A>, path: string, text: string, form: 'json' | 'oasis-json', options?: DecodeOptions): E.Either<string, A> => {
  // O3: oasis-node's JSON keeps a repeated key for the reader, which reads it as Go does (or refuses it, OX3).
  const json = form === 'json' ? parseJson(path, text) : E.mapLeft((m: string) => `${path}: ${m}`)(parseExactJson(text, { repeatedKeys: 'keep' }))
  if (E.isLeft(json)) return json
  const decoded: E.Either<DecodeError, A> = form === 'json' ? fromJsonWith(codec)(json.right) : fromOasisJsonWith(codec)(json.right, options)
  return E.isLeft(decoded) ? E.left(`${path}: ${describeDecodeError(decoded.left)}`) : decoded
}

const sameEncoding = <A>(codec: Wire<A>, a: A, b: A): boolean => {
  const x = encodeWith(codec)(a)
  const y = encodeWith(codec)(b)
  return E.isRight(x) && E.isRight(y) && bytesEqual(x.right, y.right)
}

/**
 * JSON text in whichever form reads it (CLI19): the library's JSON or oasis-node's. Text both
 * read into different values is ambiguous and refused; text neither reads is refused with both
 * reasons.
 *
 * @example
 * readEitherJson(RuntimeCodec, 'rt.json', '{"v": 3}') // right(runtime), in either form
 *
 * @category cli
 * @since 0.1.0
 */
export const readEitherJson = <A>(codec: Wire<A>, path: string, text: string, options?: DecodeOptions): E.Either<string, A> => {
  try {
    JSON.parse(text)
  } catch (e) {
    return E.left(`${path}: not valid JSON (${(e as Error).message})`)
  }
  const library = readJsonForm(codec, path, text, 'json')
  // CLI19: detection takes text for oasis-node's JSON only where it names no unknown key (Go
  // would skip it, O3/OX1: a file of another kind would read as the zero value); --format
  // oasis-json reads it as Go does.
  const named = readJsonForm(codec, path, text, 'oasis-json', { strict: true })
  const oasis =
    E.isLeft(named) && named.left.includes('OX1 IgnoredKey') && options?.strict !== true
      ? E.left(`${named.left} (pass --format oasis-json to read it as oasis-node does, skipping such keys)`)
      : readJsonForm(codec, path, text, 'oasis-json', options)
  if (E.isRight(library) && E.isRight(oasis)) {
    return sameEncoding(codec, library.right, oasis.right)
      ? library
      : E.left(`${path}: reads as the library's JSON and as oasis-node's JSON with different values; pass --format json or --format oasis-json`)
  }
  if (E.isRight(library)) return library
  if (E.isRight(oasis)) return oasis
  const why = (e: string): string => e.slice(path.length + 2)
  return E.left(
    `${path}: neither the library's JSON (bytes as hex) nor oasis-node's JSON (public keys and byte strings in base64, names for enumerations) — ` +
      `as the library's: ${why(library.left)}; as oasis-node's: ${why(oasis.left)}`
  )
}

/**
 * An epoch given on the command line: a decimal uint64.
 *
 * @example
 * parseEpoch('epoch', '1200') // right(1200)
 *
 * @category cli
 * @since 0.1.0
 */
export const parseEpoch = (name: string, text: string | undefined): E.Either<string, U64> => {
  if (text === undefined) return E.left(`--${name} is required`)
  if (!/^(0|[1-9][0-9]*)$/.test(text)) return E.left(`--${name} must be a decimal uint64, got ${JSON.stringify(text)}`)
  const n = BigInt(text)
  if (n > MAX_U64) return E.left(`--${name} ${text} exceeds 2^64 - 1`)
  return E.right(u64FromBigint(n))
}

/**
 * A policy from its JSON form ({@link PolicyJson}: the fields of {@link Policy}, epochs as
 * numbers or decimal strings, no other key); `undefined` stays no policy. `where` names the source
 * in messages.
 *
 * @example
 * policyFromJson({ minLeadEpochs: 4 }, 'policy.json') // right({ minLeadEpochs: 4 })
 * policyFromJson({ lead: 4 }, 'policy.json') // left('policy.json: lead: unknown policy field "lead" (allowed: minLeadEpochs, …)')
 *
 * @category cli
 * @since 0.1.0
 */
export const policyFromJson = (j: unknown, where: string): E.Either<string, Policy | undefined> =>
  j === undefined ? E.right(undefined) : E.mapLeft((m: string) => `${where}: ${m}`)(decodeJson(PolicyJson)(j))

/**
 * A policy file: JSON with the fields of {@link Policy}.
 *
 * @example
 * readPolicy('policy.json') // right({ minLeadEpochs: 4 })
 *
 * @category cli
 * @since 0.1.0
 */
export const readPolicy = (path: string): E.Either<string, Policy | undefined> => {
  const raw = readInput(path)
  if (E.isLeft(raw)) return raw
  const json = parseJson(path, new TextDecoder().decode(raw.right))
  if (E.isLeft(json)) return json
  return json.right === undefined ? E.left(`${path}: empty`) : policyFromJson(json.right, path)
}
