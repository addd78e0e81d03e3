import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { writeCbor } from '../../src/codec/cbor.js'
import { readCbor } from '../../src/codec/reader.js'
import { sha512_256 } from '@noble/hashes/sha2.js'
import { activeVersions } from '../../src/registry/activeVersions.js'
import { advanceEpoch } from '../../src/registry/advanceEpoch.js'
import { createRegistry, lookupRuntime, type Registry, runtimeState } from '../../src/registry/registry.js'
import { registryDigest, registryRoot } from '../../src/registry/registryDigest.js'
import { restoreRegistry, type SnapshotManifest, snapshotRegistry } from '../../src/registry/snapshot.js'
import { suspendRuntime } from '../../src/registry/suspension.js'
import { decodeRuntime, encodeRuntime } from '../../src/schema/descriptors.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import { arbId, hex, idFrom } from '../support/registryModel.js'
import { dep, runtime } from '../support/rulesFixtures.js'

/** A registry of `ids`, runtime i with deployments at 0 and 10 + i % 7, some suspended, advanced to `epoch`. */
const sample = (ids: ReadonlyArray<Uint8Array>, flags: ReadonlyArray<boolean>, epoch: number): Registry => {
  let r = right(createRegistry(ids.map((id, i) => runtime([dep('1.0.0', 0), dep('1.1.0', 10 + (i % 7))], { id })), 0))
  ids.forEach((id, i) => {
    if (flags[i] === true) r = right(suspendRuntime(r, id))
  })
  return epoch === 0 ? r : right(advanceEpoch(r, epoch)).registry
}

/** Everything a registry answers; descriptors by their canonical encoding (C1: equal descriptors). */
const answers = (r: Registry) => ({
  epoch: r.epoch,
  root: hex(registryRoot(r)),
  digest: hex(registryDigest(r)),
  active: right(activeVersions(r, r.epoch)).map((s) => ({ ...s, runtime: hex(right(encodeRuntime(s.runtime))) })),
  nextActivation: r.nextActivation,
  schedule: r.schedule.size,
  after: E.map((x: { activations: ReadonlyArray<{ id: Uint8Array; epoch: unknown; to: unknown }>; registry: Registry }) => [
    x.activations.map((a) => [hex(a.id), a.epoch, a.to]),
    hex(registryDigest(x.registry))
  ])(advanceEpoch(r, 30))
})

const arbState = fc
  .uniqueArray(arbId, { maxLength: 40, selector: hex })
  .chain((ids) => fc.tuple(fc.constant(ids), fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 9 })))

describe('registry snapshots', () => {
  it('E18: chunks of at most chunkSize [descriptor bytes, suspended] entries in id order, named by hash in the manifest', () => {
    fc.assert(
      fc.property(arbState, ([ids, flags, epoch, chunkSize]) => {
        const r = sample(ids, flags, epoch)
        const { manifest, chunks } = right(snapshotRegistry(r, { chunkSize }))
        expect(manifest).toEqual({
          version: 1,
          epoch: r.epoch,
          root: registryRoot(r),
          runtimes: ids.length,
          chunkSize,
          chunks: chunks.map((c) => sha512_256(c))
        })
        expect(chunks.length).toBe(Math.ceil(ids.length / chunkSize))
        const entries = chunks.flatMap((c) => right(readCbor(c)) as Array<[Uint8Array, boolean]>)
        expect(chunks.every((c) => (right(readCbor(c)) as unknown[]).length <= chunkSize)).toBe(true)
        expect(entries.map(([d]) => hex(right(decodeRuntime(d)).id))).toEqual(ids.map(hex).sort())
        for (const [d, suspended] of entries) {
          const state = runtimeState(r, right(decodeRuntime(d)).id)!
          expect(d).toEqual(right(encodeRuntime(state.runtime)))
          expect(suspended).toBe(state.suspended)
        }
        for (const c of chunks) expect(writeCbor(right(readCbor(c)) as never)).toEqual(c)
      })
    )
    expect(left(snapshotRegistry(sample([], [], 0), { chunkSize: 0 }))._tag).toBe('MalformedArgument')
    expect(left(snapshotRegistry(sample([], [], 0), null as never))._tag).toBe('MalformedArgument')
  })

  it('E19: the restored registry has the expected root and answers every query as the original', () => {
    fc.assert(
      fc.property(arbState, ([ids, flags, epoch, chunkSize]) => {
        const r = deepFreeze(sample(ids, flags, epoch))
        const snap = deepFreeze(right(snapshotRegistry(r, { chunkSize })))
        const restored = right(restoreRegistry(snap.manifest, snap.chunks, registryRoot(r)))
        expect(answers(restored)).toEqual(answers(r))
        for (const id of ids) {
          const [a, b] = [lookupRuntime(restored, id)!, lookupRuntime(r, id)!]
          expect([a.suspended, right(encodeRuntime(a.runtime))]).toEqual([b.suspended, right(encodeRuntime(b.runtime))])
        }
      })
    )
  })

  it('E19: a missing, extra, reordered or altered chunk, or another root, is refused as a value', () => {
    const ids = Array.from({ length: 23 }, (_, i) => idFrom(sha512_256(Uint8Array.of(i)).subarray(0, 24)))
    const r = sample(ids, ids.map((_, i) => i % 5 === 0), 12)
    const { manifest, chunks } = right(snapshotRegistry(r, { chunkSize: 4 }))
    const root = registryRoot(r)
    const tag = (m: SnapshotManifest, cs: ReadonlyArray<Uint8Array>, expected = root): string => left(restoreRegistry(m, cs, expected))._tag
    expect(chunks).toHaveLength(6)
    for (let i = 0; i < chunks.length; i++) {
      expect(tag(manifest, chunks.filter((_, j) => j !== i))).toBe('ChunkCountMismatch')
      expect(tag(manifest, [...chunks.slice(0, i), chunks[i]!, ...chunks.slice(i)])).toBe('ChunkCountMismatch')
      if (i > 0) {
        const swapped = chunks.slice()
        swapped[i] = chunks[i - 1]!
        swapped[i - 1] = chunks[i]!
        expect(tag(manifest, swapped)).toBe('ChunkHashMismatch')
      }
      // every bit of every chunk
      for (let bit = 0; bit < chunks[i]!.length * 8; bit += 7) {
        const altered = chunks.slice()
        const c = chunks[i]!.slice()
        c[bit >> 3]! ^= 1 << (bit & 7)
        altered[i] = c
        expect(tag(manifest, altered)).toBe('ChunkHashMismatch')
      }
    }
    expect(tag(manifest, [...chunks, new Uint8Array(0)])).toBe('ChunkCountMismatch')
    expect(tag(manifest, chunks, registryRoot(sample(ids.slice(1), [], 12)))).toBe('SnapshotRootMismatch')
    // An altered chunk with its hash put in the manifest too: the rebuilt root gives it away.
    const other = sample(ids, [], 12)
    const forged = right(snapshotRegistry(other, { chunkSize: 4 }))
    expect(tag({ ...forged.manifest, root }, forged.chunks)).toBe('SnapshotRootMismatch')
    // Entries out of order, with consistent hashes.
    const entries = chunks.flatMap((c) => right(readCbor(c)) as Array<[Uint8Array, boolean]>)
    const shuffled = [writeCbor([entries[1]!, entries[0]!, entries[2]!, entries[3]!] as never), ...chunks.slice(1)]
    expect(tag({ ...manifest, chunks: shuffled.map((c) => sha512_256(c)) }, shuffled)).toBe('MalformedChunk')
    const notCbor = [Uint8Array.of(0xff), ...chunks.slice(1)]
    expect(tag({ ...manifest, chunks: notCbor.map((c) => sha512_256(c)) }, notCbor)).toBe('MalformedChunk')
    // Malformed manifests and arguments
    expect(tag({ ...manifest, version: 2 as 1 }, chunks)).toBe('MalformedManifest')
    expect(tag({ ...manifest, chunks: manifest.chunks.slice(1) }, chunks)).toBe('MalformedManifest')
    expect(tag({ ...manifest, runtimes: -1 }, chunks)).toBe('MalformedManifest')
    expect(tag(null as never, chunks)).toBe('MalformedManifest')
    expect(tag(manifest, 'chunks' as never)).toBe('ChunkCountMismatch')
    expect(tag(manifest, chunks, new Uint8Array(3))).toBe('SnapshotArgument')
    expect(E.isRight(restoreRegistry(manifest, chunks, root))).toBe(true)
  })

  it('E19: an empty registry round-trips with no chunk', () => {
    const r = right(createRegistry([], 7))
    const { manifest, chunks } = right(snapshotRegistry(r, { chunkSize: 10 }))
    expect(chunks).toEqual([])
    expect(answers(right(restoreRegistry(manifest, chunks, registryRoot(r))))).toEqual(answers(r))
  })
})
