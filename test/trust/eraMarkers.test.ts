/**
 * Mithril era markers (spec/trust.md ER1–ER7) with keys made here: decoding, verification as
 * dalek's verify_strict, the on-chain datum form, era selection and the node's verdict.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  datumPayloadHex,
  decodeEraMarkers,
  decodeEraVerificationKey,
  type EraMarker,
  eraMarkersMessage,
  readEraMarkers,
  verifyEraMarkers
} from '../../src/trust/eraMarkers.js'
import { eraAt, eraVerdict } from '../../src/trust/eraVerdict.js'
import { nodeReadiness } from '../../src/trust/nodeReadiness.js'
import { rtN } from '../support/engineFixtures.js'
import { left, right } from '../support/helpers.js'

const SECRET = new Uint8Array(32).fill(7)
const KEY = ed25519.getPublicKey(SECRET)
const OTHER_KEY = ed25519.getPublicKey(new Uint8Array(32).fill(8))
const hexOf = (text: string): string => bytesToHex(new TextEncoder().encode(text))
const jsonHexKey = (key: Uint8Array): string => hexOf(JSON.stringify(Array.from(key)))
const MARKERS: EraMarker[] = [
  { name: 'pythagoras', epoch: 539 },
  { name: 'lagrange', epoch: null }
]
const sign = (markers: ReadonlyArray<EraMarker>, secret = SECRET): string => bytesToHex(ed25519.sign(eraMarkersMessage(markers), secret))
const payloadHex = (markers: ReadonlyArray<EraMarker>, signature: string | null = sign(markers)): string =>
  hexOf(`{"markers":[${markers.map((m) => `{"name":${JSON.stringify(m.name)},"epoch":${m.epoch === null ? 'null' : String(m.epoch)}}`).join(',')}],"signature":${signature === null ? 'null' : `"${signature}"`}}`)
const datum = (hex: string): unknown => ({ constructor: 0, fields: (hex.match(/.{1,128}/g) ?? []).map((bytes) => ({ bytes })) })

describe('era markers', () => {
  it('ER1: a verification key reads from json-hex or raw hex; anything else is MalformedEraKey', () => {
    expect(right(decodeEraVerificationKey(jsonHexKey(KEY)))).toEqual(KEY)
    expect(right(decodeEraVerificationKey(bytesToHex(KEY)))).toEqual(KEY)
    expect(left(decodeEraVerificationKey(bytesToHex(KEY).slice(2)))).toMatchObject({ _tag: 'MalformedEraKey', rule: 'ER1' })
    expect(left(decodeEraVerificationKey(hexOf(JSON.stringify([...KEY, 1]))))).toMatchObject({ _tag: 'MalformedEraKey' })
    expect(left(decodeEraVerificationKey(`0x${bytesToHex(KEY)}`))).toMatchObject({ _tag: 'MalformedEraKey' })
  })

  it('ER2: a payload decodes from json-hex: missing epochs are null, epochs are exact uint64s, unknown fields ignored', () => {
    const p = right(decodeEraMarkers(hexOf('{"markers":[{"name":"a"},{"name":"b","epoch":18446744073709551615,"extra":1}],"signature":null,"v":2}')))
    expect(p).toEqual({ markers: [{ name: 'a', epoch: null }, { name: 'b', epoch: 2n ** 64n - 1n }], signature: undefined })
    expect(right(decodeEraMarkers(payloadHex(MARKERS))).signature).toHaveLength(64)
    // The signature as json-hex of its 64 bytes reads the same.
    const sig = ed25519.sign(eraMarkersMessage(MARKERS), SECRET)
    expect(right(decodeEraMarkers(payloadHex(MARKERS, jsonHexKey(sig)))).signature).toEqual(sig)
    for (const [bad, reason] of [
      ['zz', 'not hex of UTF-8 text'],
      [hexOf('[1]'), 'not a JSON object'],
      [hexOf('{"markers":{}}'), 'markers is not an array'],
      [hexOf('{"markers":[{"name":1}]}'), 'markers[0].name is not a string'],
      [hexOf('{"markers":[{"name":"a","epoch":-1}]}'), 'markers[0].epoch is not a uint64'],
      [hexOf('{"markers":[{"name":"a","epoch":18446744073709551616}]}'), 'markers[0].epoch is not a uint64'],
      [hexOf('{"markers":[],"signature":"abcd"}'), 'signature is neither 128 hex digits nor json-hex of 64 byte values']
    ] as const) {
      expect(left(decodeEraMarkers(bad)), bad).toMatchObject({ _tag: 'MalformedEraPayload', rule: 'ER2', message: `the era markers payload is malformed: ${reason}` })
    }
  })

  it('ER3: the signature covers the re-serialized markers: pretty-printed or reordered payloads verify, any changed marker does not', () => {
    expect(new TextDecoder().decode(eraMarkersMessage(MARKERS))).toBe('[{"name":"pythagoras","epoch":539},{"name":"lagrange","epoch":null}]')
    expect(right(E.chain((p: Parameters<typeof verifyEraMarkers>[0]) => verifyEraMarkers(p, KEY))(decodeEraMarkers(payloadHex(MARKERS))))).toEqual(MARKERS)
    const pretty = hexOf(`{\n  "signature": "${sign(MARKERS)}",\n  "markers": [ { "epoch": 539, "name": "pythagoras" }, { "name": "lagrange" } ]\n}`)
    expect(E.isRight(E.chain((p: Parameters<typeof verifyEraMarkers>[0]) => verifyEraMarkers(p, KEY))(decodeEraMarkers(pretty)))).toBe(true)
    const verify = (markers: EraMarker[], signature = sign(MARKERS), key = KEY) => E.chain((p: Parameters<typeof verifyEraMarkers>[0]) => verifyEraMarkers(p, key))(decodeEraMarkers(payloadHex(markers, signature)))
    expect(left(verify([{ name: 'pythagoras', epoch: 540 }, MARKERS[1]!]))).toMatchObject({ _tag: 'InvalidEraSignature', rule: 'ER3' })
    expect(left(verify([{ name: 'Pythagoras', epoch: 539 }, MARKERS[1]!]))).toMatchObject({ _tag: 'InvalidEraSignature' })
    expect(left(verify(MARKERS, sign(MARKERS), OTHER_KEY))).toMatchObject({ _tag: 'InvalidEraSignature' })
    expect(left(E.chain((p: Parameters<typeof verifyEraMarkers>[0]) => verifyEraMarkers(p, KEY))(decodeEraMarkers(payloadHex(MARKERS, null))))).toMatchObject({ _tag: 'MissingEraSignature', rule: 'ER3' })
  })

  it('ER3: verification is strict: a non-canonical S, a small-order key or R are refused', () => {
    const sig = ed25519.sign(eraMarkersMessage(MARKERS), SECRET)
    // S + L (the group order) is the same scalar, not canonical: zip215 would accept it, dalek's verify_strict does not.
    const L = 2n ** 252n + 27742317777372353535851937790883648493n
    const s = BigInt(`0x${bytesToHex(sig.slice(32).reverse())}`) + L
    const sPlusL = Uint8Array.from({ length: 32 }, (_, i) => Number((s >> BigInt(8 * i)) & 0xffn))
    const malleated = Uint8Array.from([...sig.slice(0, 32), ...sPlusL])
    expect(left(verifyEraMarkers({ markers: MARKERS, signature: malleated }, KEY))).toMatchObject({ _tag: 'InvalidEraSignature' })
    // The identity point (small order) as the key, or as R.
    const identity = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0))
    expect(left(verifyEraMarkers({ markers: MARKERS, signature: sig }, identity))).toMatchObject({ _tag: 'InvalidEraSignature', message: expect.stringContaining('the key is of small order') })
    expect(left(verifyEraMarkers({ markers: MARKERS, signature: Uint8Array.from([...identity, ...sig.slice(32)]) }, KEY))).toMatchObject({ message: expect.stringContaining('R is of small order') })
    expect(left(verifyEraMarkers({ markers: MARKERS, signature: sig }, new Uint8Array(31)))).toMatchObject({ _tag: 'MalformedEraKey' })
  })

  it('ER3: any single-bit change of a signed payload is refused, never thrown', () => {
    const bytes = new TextEncoder().encode(`{"markers":[{"name":"pythagoras","epoch":539},{"name":"lagrange","epoch":null}],"signature":"${sign(MARKERS)}"}`)
    fc.assert(
      fc.property(fc.nat({ max: bytes.length * 8 - 1 }), (bit) => {
        const flipped = Uint8Array.from(bytes)
        flipped[bit >> 3]! ^= 1 << (bit & 7)
        const r = E.chain((p: Parameters<typeof verifyEraMarkers>[0]) => verifyEraMarkers(p, KEY))(decodeEraMarkers(bytesToHex(flipped)))
        // A flip inside JSON white space or a key's letter case may leave the markers and the
        // signature as they were; otherwise the payload is refused.
        if (E.isRight(r)) expect(r.right).toEqual(MARKERS)
      }),
      { numRuns: 400 }
    )
  })

  it('ER4: the first datum that holds valid signed markers wins; the others are passed over with a reason', () => {
    const good = payloadHex(MARKERS)
    const other: EraMarker[] = [{ name: 'pythagoras', epoch: 1 }]
    expect(datumPayloadHex(datum(good))).toBe(good)
    expect(right(readEraMarkers([{ constructor: 0, fields: [] }, datum(payloadHex(other, sign(other, new Uint8Array(32).fill(9)))), datum(good), datum(payloadHex(other))], KEY))).toEqual(MARKERS)
    const none = left(readEraMarkers([datum('zz'), datum(payloadHex(MARKERS, null)), 5], KEY))
    expect(none).toMatchObject({ _tag: 'NoValidEraDatum', rule: 'ER4', datums: 3 })
    expect(none.message).toBe('none of the 3 datums holds valid signed era markers (datum 0: ER2 MalformedEraPayload; datum 1: ER3 MissingEraSignature; datum 2: no bytes fields)')
  })

  it('ER5: the current era is the latest scheduled at or before the epoch, the earlier on a tie; the next is the last marker', () => {
    const list: EraMarker[] = [
      { name: 'one', epoch: 1 },
      { name: 'pythagoras', epoch: null },
      { name: 'pythagoras', epoch: 10 }
    ]
    expect(right(eraAt(list, 10))).toEqual({ current: list[2], next: undefined })
    expect(right(eraAt(list, 9))).toEqual({ current: list[0], next: list[2] })
    expect(right(eraAt([{ name: 'a', epoch: 5 }, { name: 'b', epoch: 5 }], 5))).toEqual({ current: { name: 'a', epoch: 5 }, next: { name: 'b', epoch: 5 } })
    expect(right(eraAt([{ name: 'a', epoch: 10 }, { name: 'b', epoch: 1 }], 12)).next).toEqual({ name: 'b', epoch: 1 })
    expect(right(eraAt([{ name: 'a', epoch: 2n ** 64n - 1n }], 2n ** 64n - 1n)).current.name).toBe('a')
    expect(left(eraAt([{ name: 'a', epoch: null }, { name: 'b', epoch: 100 }], 9))).toMatchObject({
      _tag: 'CurrentEraNotFound',
      rule: 'ER5',
      message: 'no era marker is active at epoch 9 (markers: a@unscheduled, b@100)'
    })
    expect(left(eraAt([], 9))).toMatchObject({ _tag: 'CurrentEraNotFound' })
  })

  it('ER6: a node halts when the current era is not one it supports (names compare exactly) and runs otherwise', () => {
    expect(right(eraVerdict([{ name: 'pythagoras', epoch: 0 }], ['pythagoras'], 3))).toMatchObject({ _tag: 'EraSupported', rule: 'ER6' })
    expect(right(eraVerdict([{ name: 'Pythagoras', epoch: 0 }], ['pythagoras'], 3))).toMatchObject({ _tag: 'EraUnsupported', rule: 'ER6' })
    expect(right(eraVerdict([{ name: 'pythagoras', epoch: 0 }, { name: 'unsupported', epoch: 4 }], ['pythagoras'], 4))).toMatchObject({ _tag: 'EraUnsupported' })
  })

  it('ER7: a node warns before an upcoming era it does not support, with its epoch when scheduled', () => {
    const soon = right(eraVerdict([{ name: 'pythagoras', epoch: 1 }, { name: 'futurium', epoch: 60 }], ['pythagoras'], 59))
    expect(soon).toMatchObject({ _tag: 'EraUpgradeSoon', rule: 'ER7', next: { name: 'futurium', epoch: 60 } })
    expect(soon.message).toBe("the upcoming era 'futurium' (from epoch 60) is not supported by this binary: update before it starts")
    expect(right(eraVerdict([{ name: 'pythagoras', epoch: 1 }, { name: 'futurium', epoch: null }], ['pythagoras'], 50)).message).toContain('(announced, not yet scheduled)')
    expect(right(eraVerdict([{ name: 'pythagoras', epoch: 1 }, { name: 'lagrange', epoch: null }], ['pythagoras', 'lagrange'], 50))).toMatchObject({ _tag: 'EraSupported' })
  })
})

describe('node readiness', () => {
  // 1.4.0 active since 1200, 1.5.0 from 1300.
  const rt = rtN(1, [
    { version: { major: 1, minor: 4 }, valid_from: 1200 },
    { version: { major: 1, minor: 5 }, valid_from: 1300 }
  ])
  const eras = (next: string, at: number): { markers: EraMarker[]; supported: string[] } => ({
    markers: [
      { name: 'pythagoras', epoch: 0 },
      { name: next, epoch: at }
    ],
    supported: ['pythagoras']
  })
  const v14 = [{ major: 1, minor: 4 }]
  const both = [{ major: 1, minor: 4 }, { major: 1, minor: 5 }]

  it('ER8: one call answers for the runtime and the era; the stricter action wins, with the messages that call for it', () => {
    const run = right(nodeReadiness(both, rt, 1250, { warnEpochs: 3 }, eras('pythagoras', 0)))
    expect(run).toMatchObject({ action: 'run', runtime: { _tag: 'Supported' }, era: { _tag: 'EraSupported' }, messages: [] })
    const eraWarn = right(nodeReadiness(both, rt, 1250, { warnEpochs: 3 }, eras('lagrange', 1280)))
    expect(eraWarn.action).toBe('warn')
    expect(eraWarn.messages).toEqual([expect.stringMatching(/^ER7 EraUpgradeSoon: the upcoming era 'lagrange' \(from epoch 1280\)/)])
    const bothWarn = right(nodeReadiness(v14, rt, 1298, { warnEpochs: 3 }, eras('lagrange', 1280 + 100)))
    expect(bothWarn.action).toBe('warn')
    expect(bothWarn.messages.map((m) => m.split(' ')[0])).toEqual(['W2', 'ER7'])
    const halt = right(nodeReadiness(both, rt, 1290, { warnEpochs: 3 }, eras('lagrange', 1280)))
    expect(halt).toMatchObject({ action: 'halt', era: { _tag: 'EraUnsupported' } })
    expect(right(nodeReadiness(v14, rt, 1300, { warnEpochs: 3 }))).toMatchObject({ action: 'halt', runtime: { _tag: 'Unsupported' }, era: undefined })
    expect(left(nodeReadiness(both, rt, 1250, { warnEpochs: 3 }, { markers: [], supported: [] }))).toMatchObject({ _tag: 'CurrentEraNotFound', rule: 'ER5' })
    expect(left(nodeReadiness(both, rt, -1, { warnEpochs: 3 }))).toMatchObject({ _tag: 'MalformedArgument' })
  })
})
