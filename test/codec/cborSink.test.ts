/**
 * C1: the direct writer (`emit` into a `CborSink`) against cbor-x writing the model of the same
 * value: the same bytes for every value, the same problem for every refused one.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  CborSink,
  cborInt,
  ConsensusParametersCodec,
  encodeThen,
  encodeWith,
  NodeRuntimeCodec,
  Problem,
  renderPath,
  RuntimeCodec,
  SgxConstraintsCodec,
  struct,
  u64,
  VersionInfoCodec,
  type Wire,
  writeCbor
} from '../../src/index.js'
import { consensusParameters, nodeRuntime, runtime, sgxConstraints, versionInfo } from '../support/arbitraries.js'
import { hostile } from '../support/totalityHostile.js'

/** What cbor-x writes for the model of `v`, or the problem `write` throws. */
const viaModel = (codec: Wire<unknown>, v: unknown): E.Either<{ tag: string; message: string; path: string }, string> => {
  try {
    return E.right(bytesToHex(writeCbor(codec.write(v))))
  } catch (e) {
    if (!(e instanceof Problem)) throw e
    return E.left({ tag: e.tag, message: e.message, path: renderPath(e) })
  }
}

const direct = (codec: Wire<unknown>, v: unknown): E.Either<{ tag: string; message: string; path: string }, string> => {
  const r = encodeWith(codec)(v)
  return E.isRight(r) ? E.right(bytesToHex(r.right)) : E.left({ tag: r.left._tag, message: r.left.message, path: r.left.path })
}

/**
 * `v` with some of its numbers, strings, byte strings and arrays replaced by their empty values
 * (0, '', empty): what omitempty leaves out (C3), which the arbitraries rarely produce.
 */
const emptied = (v: unknown, picks: ReadonlyArray<boolean>): unknown => {
  let at = 0
  const pick = (): boolean => picks[at++ % picks.length] === true
  const walk = (x: unknown): unknown => {
    if (typeof x === 'number' || typeof x === 'bigint') return pick() ? 0 : x
    if (typeof x === 'string') return pick() ? '' : x
    if (x instanceof Uint8Array) return pick() ? new Uint8Array(0) : x
    if (Array.isArray(x)) return pick() ? [] : x.map(walk)
    if (x instanceof Map || typeof x !== 'object' || x === null) return x
    return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, walk(y)]))
  }
  return walk(v)
}

const CODECS: ReadonlyArray<readonly [string, Wire<unknown>, fc.Arbitrary<unknown>]> = [
  ['Runtime', RuntimeCodec as Wire<unknown>, runtime],
  ['SgxConstraints', SgxConstraintsCodec as Wire<unknown>, sgxConstraints],
  ['NodeRuntime', NodeRuntimeCodec as Wire<unknown>, nodeRuntime],
  ['ConsensusParameters', ConsensusParametersCodec as Wire<unknown>, consensusParameters],
  ['VersionInfo', VersionInfoCodec as Wire<unknown>, versionInfo]
]

describe('direct writing', () => {
  for (const [name, codec, arb] of CODECS) {
    it(`C1: ${name}: emit writes the bytes cbor-x writes for the model, and refuses what write refuses with the same problem`, () => {
      fc.assert(
        fc.property(hostile(arb), fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }), (v, picks) => {
          expect(direct(codec, v)).toEqual(viaModel(codec, v))
          const sparse = emptied(v, picks)
          expect(direct(codec, sparse)).toEqual(viaModel(codec, sparse))
        }),
        { numRuns: 400 }
      )
    })
  }

  it('C1: integers take the head cbor-x gives them at every boundary of the uint64 and int64 ranges', () => {
    const edges = [0n, 23n, 24n, 255n, 256n, 65535n, 65536n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 64n - 1n]
    const values = [...edges, ...edges.map((e) => -1n - e)].filter((v) => v >= -(2n ** 63n))
    for (const v of values) {
      const sink = new CborSink(1)
      const n = cborInt(v)
      sink.int(typeof n === 'bigint' && n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n)
      expect(bytesToHex(sink.take()), String(v)).toBe(bytesToHex(writeCbor(cborInt(v))))
      sink.reset()
      sink.int(v)
      expect(bytesToHex(sink.take()), `${v} as bigint`).toBe(bytesToHex(writeCbor(cborInt(v))))
    }
  })

  it('C1: an argument no head can hold is refused with a Problem, never written wrong', () => {
    const sink = new CborSink(4)
    for (const bad of [-1, 0.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, -1n, 2n ** 64n]) {
      expect(() => sink.head(0, bad), String(bad)).toThrow(Problem)
    }
    expect(() => sink.int(-(2n ** 64n) - 1n)).toThrow(Problem)
    sink.reset()
    sink.int(-(2n ** 64n))
    expect(bytesToHex(sink.take())).toBe('3bffffffffffffffff')
  })

  it('C1: a struct of more than 23 fields gets a two-byte map head, its entries moved after it', () => {
    const names = Array.from({ length: 30 }, (_, i) => `f${String(i).padStart(2, '0')}`)
    const wide = struct<Record<string, unknown>>('Wide', names.map((k) => [k, u64, 'omitempty'] as const)) as Wire<unknown>
    fc.assert(
      fc.property(fc.subarray(names), fc.nat({ max: 2 ** 40 }), (present, x) => {
        const v = Object.fromEntries(present.map((k, i) => [k, x + i + 1]))
        expect(direct(wide, v)).toEqual(viaModel(wide, v))
      }),
      { numRuns: 200 }
    )
  })

  it('C1: text with characters beyond ASCII is written as UTF-8', () => {
    for (const s of ['', 'a', 'é', '日本', '😀', 'x'.repeat(300)]) {
      const sink = new CborSink(2)
      sink.text(s)
      expect(bytesToHex(sink.take())).toBe(bytesToHex(writeCbor(s)))
    }
  })

  it('C1: a value whose getter encodes another value while it is being encoded gets both encodings right', () => {
    const inner = { major: 7 }
    let nested: string | undefined
    const outer = {
      get major(): number {
        const r = encodeWith(VersionInfoCodec)({ version: inner, valid_from: 5 })
        nested = E.isRight(r) ? bytesToHex(r.right) : 'refused'
        return 3
      }
    }
    const r = encodeWith(VersionInfoCodec)({ version: outer, valid_from: 9 })
    expect(E.isRight(r) && bytesToHex(r.right)).toBe(bytesToHex(writeCbor(VersionInfoCodec.write({ version: { major: 3 }, valid_from: 9 }))))
    expect(nested).toBe(bytesToHex(writeCbor(VersionInfoCodec.write({ version: inner, valid_from: 5 }))))
  })

  it('C7: encodeThen lends the bytes encodeWith returns, and refuses what it refuses', () => {
    fc.assert(
      fc.property(hostile(versionInfo), (v) => {
        const lent = encodeThen(VersionInfoCodec, bytesToHex)(v)
        const copied = encodeWith(VersionInfoCodec)(v)
        expect(lent).toEqual(E.isRight(copied) ? E.right(bytesToHex(copied.right)) : copied)
      }),
      { numRuns: 200 }
    )
  })
})
