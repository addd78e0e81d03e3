/**
 * `rtdeploy hash`, `rtdeploy encode` and `rtdeploy decode`: the descriptor hash, and JSON ↔ CBOR.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { toJsonWith } from '../../codec/codec.js'
import { runtimeHash } from '../../schema/hash.js'
import { RuntimeCodec } from '../../schema/runtime.js'
import { type Command, COMMON_OPTIONS } from '../command.js'
import { loadRuntime, renderRuntime, writeOutput } from '../load.js'
import { badInput, EXIT, outcome } from '../output.js'

/**
 * `rtdeploy hash <descriptor>`: SHA-512/256 of the canonical encoding (C7).
 *
 * @example
 * rtdeploy hash runtime.json
 *
 * @category cli
 * @since 0.1.0
 */
export const hash: Command = {
  name: 'hash',
  summary: 'the descriptor hash oasis-core computes (SHA-512/256 of the canonical CBOR)',
  usage: `rtdeploy hash <descriptor> [--format cbor|hex|json] [--json]`,
  options: { ...COMMON_OPTIONS },
  positionals: 1,
  run: (args) =>
    pipe(
      loadRuntime(args, 0),
      E.chain((rt) => E.mapLeft((e: { message: string }) => e.message)(runtimeHash(rt))),
      E.match(badInput, (h) => outcome(EXIT.ok, [bytesToHex(h)], { ok: true, hash: bytesToHex(h) }))
    )
}

/**
 * `rtdeploy encode <descriptor.json> [-o FILE]`: canonical CBOR (hex on standard output without -o).
 *
 * @example
 * rtdeploy encode runtime.json -o runtime.cbor
 *
 * @category cli
 * @since 0.1.0
 */
export const encode: Command = {
  name: 'encode',
  summary: 'JSON (or any format) → canonical CBOR',
  usage: `rtdeploy encode <descriptor> [-o FILE] [--format …] [--json]

  Writes the canonical CBOR of a descriptor to FILE, or prints it as hex.`,
  options: { ...COMMON_OPTIONS, output: { type: 'string', short: 'o' } },
  positionals: 1,
  run: (args) =>
    pipe(
      loadRuntime(args, 0),
      E.chain((rt) => renderRuntime(rt, 'cbor')),
      E.chain((bytes) => {
        const out = args.values['output']
        return typeof out === 'string' ? E.map(() => [`wrote ${bytes.length} bytes to ${out}`])(writeOutput(out, bytes)) : E.right([bytesToHex(bytes)])
      }),
      E.match(badInput, (lines) => outcome(EXIT.ok, lines, { ok: true, output: lines[0] }))
    )
}

/**
 * `rtdeploy decode <descriptor.cbor> [-o FILE]`: the JSON form of a descriptor.
 *
 * @example
 * rtdeploy decode runtime.cbor
 *
 * @category cli
 * @since 0.1.0
 */
export const decode: Command = {
  name: 'decode',
  summary: 'CBOR (binary or hex) → JSON, the library\'s or oasis-node\'s',
  usage: `rtdeploy decode <descriptor> [-o FILE] [--to json|oasis-json] [--format …] [--json]

  Decodes a descriptor as oasis-core does (--strict: refusing its leniencies) and writes its JSON
  form to FILE or standard output: the library's (bytes as hex, integers beyond 2^53 - 1 as
  decimal strings), or with --to oasis-json oasis-node's (public keys and byte strings in base64,
  enumerations by name, every integer a number; spec/codec.md O1).`,
  options: { ...COMMON_OPTIONS, output: { type: 'string', short: 'o' }, to: { type: 'string' } },
  positionals: 1,
  run: (args) =>
    pipe(
      loadRuntime(args, 0),
      E.bindTo('rt'),
      E.bind('json', ({ rt }) => E.mapLeft((e: { message: string }) => e.message)(toJsonWith(RuntimeCodec)(rt))),
      E.bind('to', () => {
        const to = args.values['to'] ?? 'json'
        return to === 'json' || to === 'oasis-json' ? E.right<string, 'json' | 'oasis-json'>(to) : E.left(`--to must be json or oasis-json, got ${JSON.stringify(to)}`)
      }),
      E.bind('text', ({ rt, to }) => E.map((b: Uint8Array) => new TextDecoder().decode(b).trimEnd())(renderRuntime(rt, to))),
      E.chainFirst(({ text }) => {
        const out = args.values['output']
        return typeof out === 'string' ? writeOutput(out, new TextEncoder().encode(`${text}\n`)) : E.right(undefined)
      }),
      E.match(badInput, ({ json, text }) => {
        const out = args.values['output']
        return outcome(EXIT.ok, typeof out === 'string' ? [`wrote ${out}`] : [text], { ok: true, runtime: json })
      })
    )
}
