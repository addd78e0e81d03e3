/**
 * Codec laws (decode ∘ encode = id on values, encode ∘ decode = id on canonical bytes) and the
 * normal-form rules for valid but non-canonical input.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import type * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  compareIntKeys,
  decodeConsensusParameters,
  decodeNodeRuntime,
  decodeRuntime,
  decodeSgxConstraints,
  encodeConsensusParameters,
  encodeNodeRuntime,
  encodeRuntime,
  encodeSgxConstraints,
  type Runtime,
  ConsensusParametersCodec,
  fromJsonWith,
  NodeRuntimeCodec,
  RuntimeCodec,
  SgxConstraintsCodec,
  toJsonWith,
  VersionInfoCodec,
  type Wire,
  writeCbor
} from '../../src/index.js'
import { consensusParameters, nodeRuntime, runtime, sgxConstraints } from '../support/arbitraries.js'
import { deepFreeze, fromHex, left, right } from '../support/helpers.js'

const RUNS = 300

const laws = <A>(
  name: string,
  arb: fc.Arbitrary<A>,
  encode: (a: A) => E.Either<unknown, Uint8Array>,
  decode: (b: Uint8Array, o?: { requireCanonical?: boolean; strict?: boolean }) => E.Either<unknown, A>
) => {
  it(`C4: ${name}: decode(encode(x)) equals x in both modes, and encoding leaves x untouched`, () => {
    fc.assert(
      fc.property(arb, (x) => {
        const frozen = deepFreeze(structuredClone(x))
        const bytes = right(encode(frozen))
        expect(right(decode(bytes))).toEqual(x)
        expect(right(decode(bytes, { strict: true }))).toEqual(x)
        expect(frozen).toEqual(x)
      }),
      { numRuns: RUNS }
    )
  })
  it(`C1: ${name}: encode(decode(b)) equals b for canonical b, which requireCanonical accepts`, () => {
    fc.assert(
      fc.property(arb, (x) => {
        const b = right(encode(x))
        const again = right(encode(right(decode(b, { requireCanonical: true }))))
        expect(bytesToHex(again)).toBe(bytesToHex(b))
      }),
      { numRuns: RUNS }
    )
  })
}

describe('laws', () => {
  laws('Runtime', runtime, encodeRuntime, decodeRuntime)
  laws('SgxConstraints', sgxConstraints, encodeSgxConstraints, decodeSgxConstraints)
  laws('NodeRuntime', nodeRuntime, encodeNodeRuntime, decodeNodeRuntime)
  laws('ConsensusParameters', consensusParameters, encodeConsensusParameters, decodeConsensusParameters)

  it('C7: decoding does not alias the input buffer: later writes to the input change nothing', () => {
    fc.assert(
      fc.property(runtime, (rt) => {
        const bytes = right(encodeRuntime(rt))
        const decoded = right(decodeRuntime(bytes))
        bytes.fill(0xee)
        expect(decoded).toEqual(rt)
      }),
      { numRuns: 50 }
    )
  })
})

// A small descriptor written by hand, with room for non-canonical variations.
const R1 = right(
  decodeRuntime(
    fromHex(
      'aa61760062696458200000000000000000000000000000000000000000000000000000000000000000646b696e64006767656e65736973a265726f756e64006a73746174655f726f6f74582000000000000000000000000000000000000000000000000000000000000000006773746f72616765a373636865636b706f696e745f696e74657276616c0073636865636b706f696e745f6e756d5f6b6570740075636865636b706f696e745f6368756e6b5f73697a6500686578656375746f72a56a67726f75705f73697a65006c6d61785f6d65737361676573006d726f756e645f74696d656f7574007167726f75705f6261636b75705f73697a650072616c6c6f7765645f7374726167676c6572730069656e746974795f6964582000000000000000000000000000000000000000000000000000000000000000006c7465655f6861726477617265007061646d697373696f6e5f706f6c696379a168616e795f6e6f6465a070676f7665726e616e63655f6d6f64656c00'
    )
  )
)
const enc = (x: unknown): Uint8Array => right(encodeRuntime(x as Runtime))

describe('normal form of valid non-canonical input', () => {
  it('C4: a descriptor with only `v` reads every missing field as its Go zero value', () => {
    const rt = right(decodeRuntime(fromHex('a1617603')))
    expect(rt).toEqual({ ...R1, v: 3, admission_policy: {} })
    expect(bytesToHex(enc(rt)).startsWith('aa617603')).toBe(true)
  })

  it('C4: omitempty value fields written empty are accepted and left out on re-encoding', () => {
    const withEmpty = { ...R1, txn_scheduler: { max_batch_size: 0 }, staking: { reward_bad_results: 0 } }
    const bytes = enc(withEmpty)
    expect(bytesToHex(bytes)).toBe(bytesToHex(enc(R1)))
  })

  it('C4: present-but-empty nilable fields (per_role {}, tee h\'\') survive decoding, as in Go', () => {
    // Go keeps `per_role: {}` non-nil (it changes admission-policy validation) and `tee: h''`
    // non-nil (D7 refuses it without TEE hardware), though re-encoding leaves both out.
    const perRole = writeCbor({ admission_policy: { per_role: {} } })
    expect(right(decodeRuntime(perRole)).admission_policy).toEqual({ per_role: new Map() })
    const tee = writeCbor({ deployments: [{ tee: new Uint8Array(0), version: {}, valid_from: 0 }] })
    expect(right(decodeRuntime(tee)).deployments).toEqual([{ version: {}, valid_from: 0, tee: new Uint8Array(0) }])
    expect(bytesToHex(enc(right(decodeRuntime(tee))))).toContain('6b6465706c6f796d656e747381a26776657273696f6ea06a76616c69645f66726f6d00')
  })

  it('C4: non-shortest heads and unsorted keys are accepted and normalised', () => {
    // {"kind": 5 as 1805, "v": 3} — unsorted, non-shortest.
    const rt = right(decodeRuntime(fromHex('a2646b696e641805617603')))
    expect(rt.kind).toBe(5)
    expect(rt.v).toBe(3)
  })

  it('C4: quantity leading zeros are accepted and dropped', () => {
    const bytes = writeCbor({ staking: { min_in_message_fee: Uint8Array.of(0, 0, 7) } })
    expect(right(decodeRuntime(bytes)).staking).toEqual({ min_in_message_fee: Uint8Array.of(7) })
  })

  it('CX2: a key differing from a field name only in case names that field, as in oasis-core; strict mode refuses it', () => {
    expect(right(decodeRuntime(fromHex('a1644b696e6401'))).kind).toBe(1)
    const e = left(decodeRuntime(fromHex('a1644b696e6401'), { strict: true }))
    expect(e).toMatchObject({ _tag: 'CaseVariantKey', rule: 'CX2', path: 'Kind', offset: 1 })
  })

  it('C1: integer map keys follow RFC 7049 order: 0..23, -1..-24, 24..255, -25..', () => {
    const keys = [300, -25, 24, -1, 0, 23, -24, 255, -256, 256]
    expect([...keys].sort(compareIntKeys)).toEqual([0, 23, -1, -24, 24, 255, -25, -256, 256, 300])
    const staking = { thresholds: new Map<number, Uint8Array>([[24, Uint8Array.of(1)], [-1, Uint8Array.of(2)], [2, Uint8Array.of(3)]]) }
    const hex = bytesToHex(enc({ ...R1, staking }))
    // thresholds map: 02, 20 (-1), 1818 (24)
    expect(hex).toContain('6a7468726573686f6c6473a302410320410218184101')
  })

  it('C1: integers take their shortest head across every boundary of the uint64 range', () => {
    const cases: Array<[number | bigint, string]> = [
      [0, '00'],
      [23, '17'],
      [24, '1818'],
      [255, '18ff'],
      [256, '190100'],
      [65535, '19ffff'],
      [65536, '1a00010000'],
      [2 ** 32 - 1, '1affffffff'],
      [2 ** 32, '1b0000000100000000'],
      [Number.MAX_SAFE_INTEGER, '1b001fffffffffffff'],
      [2n ** 53n, '1b0020000000000000'],
      [2n ** 64n - 1n, '1bffffffffffffffff']
    ]
    for (const [n, head] of cases) {
      const rt = { ...R1, genesis: { ...R1.genesis, round: n } }
      expect(bytesToHex(enc(rt))).toContain(`65726f756e64${head}6a`)
      expect(right(decodeRuntime(enc(rt))).genesis.round).toBe(typeof n === 'bigint' && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n)
    }
  })
})

describe('text-keyed maps', () => {
  it('C4.2: a gas_costs key "__proto__" is an ordinary entry that round-trips', () => {
    const bytes = fromHex('a1696761735f636f737473a2612000695f5f70726f746f5f5f00')
    const params = right(decodeConsensusParameters(bytes, { requireCanonical: true }))
    expect(Object.keys(params.gas_costs ?? {})).toEqual([' ', '__proto__'])
    expect(Object.getPrototypeOf(params.gas_costs)).toBe(Object.prototype)
    expect(bytesToHex(right(encodeConsensusParameters(params)))).toBe(bytesToHex(bytes))
  })
})

describe('JSON form', () => {
  const jsonLaw = <A>(name: string, arb: fc.Arbitrary<A>, codec: Wire<A>) =>
    it(`C4: ${name}: the JSON form survives JSON text and reads back to the same value`, () => {
      fc.assert(
        fc.property(arb, (x) => {
          const json = right(toJsonWith(codec)(x))
          const text = JSON.stringify(json)
          expect(right(fromJsonWith(codec)(JSON.parse(text)))).toEqual(x)
        }),
        { numRuns: 200 }
      )
    })
  jsonLaw('Runtime', runtime, RuntimeCodec)
  jsonLaw('SgxConstraints', sgxConstraints, SgxConstraintsCodec)
  jsonLaw('NodeRuntime', nodeRuntime, NodeRuntimeCodec)
  jsonLaw('ConsensusParameters', consensusParameters, ConsensusParametersCodec)

  it('C4.8: integers beyond 2^53 - 1 are decimal strings in JSON; a JSON number there is refused', () => {
    const d = { version: { major: 1 }, valid_from: 2n ** 60n }
    expect(right(toJsonWith(VersionInfoCodec)(d))).toEqual({ version: { major: 1 }, valid_from: '1152921504606846976' })
    const e = left(fromJsonWith(VersionInfoCodec)({ version: {}, valid_from: 2 ** 60 }))
    expect(e).toMatchObject({ _tag: 'IntegerOutOfRange', path: 'valid_from' })
  })

  it('C4.9: JSON byte strings are hex; a wrong length or a non-hex string is refused with its path', () => {
    expect(left(fromJsonWith(RuntimeCodec)({ id: 'zz' }))).toMatchObject({ _tag: 'WrongType', path: 'id' })
    expect(left(fromJsonWith(RuntimeCodec)({ id: '00' }))).toMatchObject({ _tag: 'WrongByteLength', path: 'id' })
    expect(left(fromJsonWith(RuntimeCodec)({ kindd: 1 }))).toMatchObject({ _tag: 'UnknownField', path: 'kindd' })
  })
})
