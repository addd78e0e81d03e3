/**
 * Codec benchmark: decode, encode and hash of realistic descriptors (1, 5 and 255 deployments),
 * side by side with @oasisprotocol/client (cborg + @noble/hashes) on the same bytes, in the same
 * run, printed as ratios (> 1 means this library is faster).
 *
 * Run: `npm run bench` (all benchmarks) or `npx tsx benchmarks/codec.ts`.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as oasis from '@oasisprotocol/client'
import * as E from 'fp-ts/lib/Either.js'
import { pathToFileURL } from 'node:url'
import { Bench } from 'tinybench'
import { decodeRuntime, encodeRuntime, runtimeHash } from '../src/index.js'
import { realisticRuntime } from './fixtures.js'

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const hz = (bench: Bench, name: string): number => bench.tasks.find((t) => t.name === name)?.result?.hz ?? Number.NaN

export const runCodecBenchmark = async (): Promise<void> => {
  const rows: string[][] = [['deployments', 'bytes', 'op', 'ours ops/s', 'client ops/s', 'ratio']]
  for (const n of [1, 5, 255]) {
    const rt = realisticRuntime(n)
    const bytes = must(encodeRuntime(rt))
    if (bytesToHex(bytes) !== bytesToHex(oasis.misc.toCBOR(rt))) throw new Error('encodings differ: the comparison would be meaningless')
    const clientValue = oasis.misc.fromCBOR(bytes)
    const bench = new Bench({ time: n === 255 ? 1500 : 800, warmupTime: 200 })
    bench
      .add('ours decode', () => must(decodeRuntime(bytes)))
      .add('client decode', () => oasis.misc.fromCBOR(bytes))
      .add('ours encode', () => must(encodeRuntime(rt)))
      .add('client encode', () => oasis.misc.toCBOR(clientValue))
      .add('ours hash', () => must(runtimeHash(rt)))
      .add('client hash', () => oasis.hash.hash(oasis.misc.toCBOR(clientValue)))
    await bench.run()
    for (const op of ['decode', 'encode', 'hash']) {
      const ours = hz(bench, `ours ${op}`)
      const theirs = hz(bench, `client ${op}`)
      rows.push([String(n), String(bytes.length), op, ours.toFixed(0), theirs.toFixed(0), `${(ours / theirs).toFixed(2)}x`])
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  console.log('\ncodec: this library vs @oasisprotocol/client (same bytes, same run)')
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '))
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await runCodecBenchmark()
