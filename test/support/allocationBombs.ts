/**
 * Hostile CBOR inputs for the allocation bound (C4.6): each is about `size` bytes and made to
 * expand as much as the decoder allows (empty containers standing for zero-filled structs, items
 * of the wrong type, deep nesting, long arrays). Run as a script, it decodes each bomb once and
 * prints the heap the result keeps per input byte, as JSON lines (see codec/allocation.test.ts).
 */
import { pathToFileURL } from 'node:url'
import { decodeConsensusParameters, decodeNodeRuntime, decodeRuntime, decodeSgxConstraints, encodeRuntime, type Runtime } from '../../src/index.js'
import { dep, runtime } from './rulesFixtures.js'

const head = (major: number, n: number): number[] =>
  n < 24 ? [(major << 5) | n] : n < 256 ? [(major << 5) | 24, n] : n < 65536 ? [(major << 5) | 25, n >> 8, n & 255] : [(major << 5) | 26, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]
const text = (s: string): number[] => [...head(3, Buffer.byteLength(s)), ...Buffer.from(s)]
/** `item` `n` times, as bytes (a bomb of megabytes stays one typed array, not a JS array). */
const repeat = (item: number[], n: number): Uint8Array => {
  const out = new Uint8Array(item.length * n)
  for (let i = 0; i < n; i++) out.set(item, i * item.length)
  return out
}

const concat = (...parts: ReadonlyArray<ArrayLike<number>>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** The bytes of `rt` with the value of its top-level key `key` replaced by `value`. */
const withField = (rt: Runtime, key: string, ...value: ReadonlyArray<ArrayLike<number>>): Uint8Array => {
  const r = encodeRuntime({ ...rt, [key]: undefined } as Runtime)
  if (r._tag === 'Left') throw new Error('fixture does not encode')
  const bytes = Uint8Array.from(r.right)
  // The runtime is a map of at most 23 pairs: bump its pair count and append the new pair.
  bytes[0] = bytes[0]! + 1
  return concat(bytes, text(key), ...value)
}

export interface Bomb {
  readonly name: string
  readonly decode: 'runtime' | 'sgx' | 'node' | 'params'
  readonly bytes: Uint8Array
}

/** The bombs, each about `size` bytes, decoding against the given runtime fixture. */
export const bombs = (rt: Runtime, size: number): Bomb[] => {
  const n = (per: number): number => Math.floor(size / per)
  return [
    { name: 'sgx enclaves [{} …]', decode: 'sgx', bytes: concat(head(5, 1), text('enclaves'), head(4, n(1)), repeat([0xa0], n(1))) },
    { name: 'runtime deployments [{} …]', decode: 'runtime', bytes: withField(rt, 'deployments', head(4, n(1)), repeat([0xa0], n(1))) },
    { name: 'runtime deployments [[{0: []} …]] (wrong type)', decode: 'runtime', bytes: withField(rt, 'deployments', head(4, 1), head(4, n(3)), repeat([0xa1, 0x00, 0x80], n(3))) },
    { name: 'runtime deployments [{version: {}} …]', decode: 'runtime', bytes: withField(rt, 'deployments', head(4, n(10)), repeat([0xa1, ...text('version'), 0xa0], n(10))) },
    { name: 'runtime deeply nested arrays', decode: 'runtime', bytes: withField(rt, 'deployments', repeat([0x81], 31), [0x80]) },
    { name: 'runtime deployments [0 …] (wrong type, long)', decode: 'runtime', bytes: withField(rt, 'deployments', head(4, n(1)), repeat([0x00], n(1))) },
    { name: 'node runtime {} …', decode: 'node', bytes: Uint8Array.from([0xa0]) },
    { name: 'params {} nested', decode: 'params', bytes: Uint8Array.from([0xa1, ...text('tee_features'), 0xa1, ...text('sgx'), 0xa0]) }
  ]
}

const decoders = {
  runtime: (b: Uint8Array) => decodeRuntime(b),
  sgx: (b: Uint8Array) => decodeSgxConstraints(b),
  node: (b: Uint8Array) => decodeNodeRuntime(b),
  params: (b: Uint8Array) => decodeConsensusParameters(b)
}

/**
 * Decode `bomb` and measure, per input byte, the heap allocated while decoding (the growth before
 * any collection: run with young generations larger than that, so that none happens) and the
 * heap the result keeps after a full collection.
 */
export const allocationPerByte = (bomb: Bomb): { readonly result: string; readonly allocated: number; readonly retained: number } => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) throw new Error('run with --expose-gc')
  // Once first, so that compiling the decoder is not counted.
  decoders[bomb.decode](bomb.bytes)
  gc()
  const before = process.memoryUsage().heapUsed
  const result = decoders[bomb.decode](bomb.bytes)
  const during = process.memoryUsage().heapUsed
  gc()
  const after = process.memoryUsage().heapUsed
  const tag = result._tag === 'Right' ? 'Right' : `Left ${result.left.rule}`
  const n = bomb.bytes.length
  return { result: tag, allocated: Math.max(0, during - before) / n, retained: Math.max(0, after - before) / n }
}

// Run as a script (`node --expose-gc --import tsx allocationBombs.ts SIZE`): one JSON line per bomb.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const size = Number(process.argv[2] ?? 100_000)
  const rt = runtime([dep('1.0.0', 0)])
  for (const bomb of bombs(rt, size)) {
    process.stdout.write(`${JSON.stringify({ name: bomb.name, bytes: bomb.bytes.length, ...allocationPerByte(bomb) })}\n`)
  }
}
