/**
 * The leniencies of oasis-core's decoder, one table row per case (test/support/oracleCases.ts,
 * `LENIENCIES`): by default each input is accepted and holds the value oasis-core holds (its
 * canonical re-encoding is the one the Go oracle prints, which test/schema/oracle.test.ts checks
 * against Go itself); with `{ strict: true }` it is refused under the strict-mode rule the row
 * names (spec/codec.md CX1–CX5, CX7–CX9).
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { DECODE_ERROR_RULES, type DecodeError, type DecodeErrorTag, decodeRuntime, encodeRuntime, type Runtime } from '../../src/index.js'
import { fromHex, LENIENCIES } from '../support/oracleCases.js'
import { WIRE_CODECS } from '../support/wireCodecs.js'

const right = <A>(r: E.Either<{ readonly _tag: string; readonly message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected a Right, got ${r.left._tag}: ${r.left.message}`)
  return r.right
}

describe('codec: oasis-core leniencies (default) and strict mode', () => {
  it.each(LENIENCIES.map((l) => [l.title, l] as const))('%s', (_title, l) => {
    const { decode, encode } = WIRE_CODECS[l.mode]
    const input = fromHex(l.input)
    // Default: accepted, holding the value oasis-core holds.
    const value = right(decode(input))
    expect(bytesToHex(right(encode(value as never)))).toBe(l.go)
    // requireCanonical still refuses it: these bytes are never anyone's canonical encoding.
    const canonical = decode(input, { requireCanonical: true })
    expect(E.isLeft(canonical) && canonical.left.rule).toBe('CX6')
    // Strict: refused under the named rule, at the offending item.
    const strict = decode(input, { strict: true })
    expect(E.isLeft(strict)).toBe(true)
    const e = (strict as E.Left<DecodeError>).left
    expect({ tag: e._tag, path: e.path, offset: e.offset }).toEqual(l.strict)
    expect(e.rule).toBe(DECODE_ERROR_RULES[l.strict.tag as DecodeErrorTag])
    expect(l.title.startsWith(`${e.rule}:`)).toBe(true)
  })

  it('CX7: the table covers every strict-mode rule', () => {
    const rules = new Set(LENIENCIES.map((l) => DECODE_ERROR_RULES[l.strict.tag as DecodeErrorTag]))
    expect([...rules].sort()).toEqual(['CX1', 'CX2', 'CX3', 'CX4', 'CX5', 'CX7', 'CX8', 'CX9'])
  })

  it('CX7: a namespace oasis-core read from an array keeps its reserved flags, and its re-encoding is refused as Go refuses it (C4.11)', () => {
    const input = fromHex(LENIENCIES.find((l) => l.title.startsWith('CX7: an id from an array'))!.input)
    const rt = right(decodeRuntime(input))
    expect(rt.id[0]).toBe(1)
    const bytes = right(encodeRuntime(rt))
    for (const opts of [undefined, { strict: true }]) {
      const again = decodeRuntime(bytes, opts)
      expect(E.isLeft(again) && again.left._tag).toBe('InvalidNamespace')
    }
  })

  it('CX4: a null deployment entry is kept by default and written as null; validation-facing code sees it as null', () => {
    const l = LENIENCIES.find((x) => x.title.startsWith('CX4: a null deployment'))!
    const rt = right(decodeRuntime(fromHex(l.input))) as Runtime
    expect(rt.deployments).toEqual([null])
    expect(bytesToHex(right(encodeRuntime(rt)))).toBe(l.go)
    // Its own re-encoding reads back the same by default, and is refused in strict mode.
    expect(right(decodeRuntime(right(encodeRuntime(rt))))).toEqual(rt)
    expect(E.isLeft(decodeRuntime(fromHex(l.go), { strict: true }))).toBe(true)
  })

  it('CX2: a case-variant key next to the exact name is refused in both modes (one key per field)', () => {
    const both = fromHex('a2646b696e6401644b696e6402') // {"kind": 1, "Kind": 2}
    for (const opts of [undefined, { strict: true }]) expect(E.isLeft(decodeRuntime(both, opts))).toBe(true)
    const twice = fromHex('a2644b494e4401644b494e4402') // {"KIND": 1, "KIND": 2}
    const e = decodeRuntime(twice)
    expect(E.isLeft(e) && e.left._tag).toBe('DuplicateKey')
  })

  it('CX5: a null key after another key of an integer-keyed map repeats it: a duplicate (Go reuses its key variable)', () => {
    const input = fromHex('a16b636f6e73747261696e7473a201a0f6a0') // {"constraints": {1: {}, null: {}}}
    const e = decodeRuntime(input)
    expect(E.isLeft(e) && e.left._tag).toBe('DuplicateKey')
  })
})
