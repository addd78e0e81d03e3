/**
 * Conformance with Mithril's own era-marker data (spec/trust.md ER1–ER7): the upstream golden
 * payload and runbook example, the networks' era keys, derived signed payloads and negatives, the
 * on-chain datum, and the era reader's cases — read from `../shared/vectors/mithril/` (not ours to
 * commit). Where `../shared` is absent the suite says so and is skipped.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { parseExactJson } from '../../src/codec/jsonText.js'
import { decodeEraMarkers, decodeEraVerificationKey, type EraMarker, eraMarkersMessage, readEraMarkers, verifyEraMarkers } from '../../src/trust/eraMarkers.js'
import { eraAt, eraVerdict } from '../../src/trust/eraVerdict.js'
import { fromHex, left, right } from '../support/helpers.js'
import { sharedVectorsDir } from '../support/sharedVectors.js'

const DIR = sharedVectorsDir('mithril')
const load = (file: string): any => right(parseExactJson(readFileSync(join(DIR, file), 'utf8'))) // eslint-disable-line @typescript-eslint/no-explicit-any
const hexOf = (text: string): string => Buffer.from(text, 'utf8').toString('hex')
const verified = (jsonHex: string, key: Uint8Array) => E.chain((p: Parameters<typeof verifyEraMarkers>[0]) => verifyEraMarkers(p, key))(decodeEraMarkers(jsonHex))

describe('Mithril era-marker vectors (../shared/vectors/mithril)', () => {
  if (!existsSync(DIR)) {
    it.skip('ER1: SKIPPED, ../shared/vectors/mithril is not here: the Mithril conformance vectors were not read', () => {})
    return
  }
  const upstream = load('upstream/mithril-upstream-vectors.json')
  const derived = load('derived/mithril-derived-vectors.json')
  const reader = load('era-reader-cases.json')
  const keyOf = (network: string): Uint8Array => right(decodeEraVerificationKey(upstream.era_verification_keys.keys.find((k: { network: string }) => k.network === network).verification_key_json_hex))
  const deterministic = fromHex(derived.verification_key_hex)

  it('ER1: every network era key reads from its era.vkey json-hex as its raw bytes; the deterministic key from either form', () => {
    expect(upstream.era_verification_keys.keys.length).toBeGreaterThanOrEqual(4)
    for (const k of upstream.era_verification_keys.keys) {
      expect(Buffer.from(right(decodeEraVerificationKey(k.verification_key_json_hex))).toString('hex'), k.network).toBe(k.raw_hex)
    }
    expect(right(decodeEraVerificationKey(derived.verification_key_json_hex))).toEqual(deterministic)
  })

  it('ER3: the upstream golden payload verifies under the deterministic key and not the mainnet key; the runbook example under the preprod key', () => {
    const golden = upstream.golden_era_markers_payload
    expect(new TextDecoder().decode(eraMarkersMessage(right(decodeEraMarkers(golden.json_hex)).markers))).toBe(golden.signed_message_utf8)
    expect(right(verified(golden.json_hex, fromHex(golden.verification_key_hex)))).toEqual([
      { name: 'thales', epoch: 1 },
      { name: 'pythagoras', epoch: 2 }
    ])
    expect(left(verified(golden.json_hex, keyOf('release-mainnet')))).toMatchObject({ _tag: 'InvalidEraSignature' })
    const runbook = hexOf(JSON.stringify(upstream.runbook_example_payload.payload))
    expect(E.isRight(verified(runbook, keyOf('release-preprod')))).toBe(true)
    expect(E.isLeft(verified(runbook, keyOf('release-mainnet')))).toBe(true)
    expect(E.isLeft(verified(runbook, deterministic))).toBe(true)
  })

  it('ER2: the derived signed payloads verify, an epoch of 2^64 − 1 included, and sign exactly the stated message', () => {
    expect(derived.positive.length).toBe(4)
    for (const p of derived.positive) {
      const markers = right(verified(p.payload_json_hex_with_raw_sig, deterministic)) as ReadonlyArray<EraMarker>
      expect(markers, p.name).toEqual(p.markers.map((m: EraMarker) => ({ name: m.name, epoch: m.epoch })))
      expect(new TextDecoder().decode(eraMarkersMessage(markers)), p.name).toBe(p.signed_message_utf8)
    }
  })

  it('ER3: re-serialized payloads (pretty-printed, reordered, extra fields) verify; every negative is refused', () => {
    // A case is given as the payload's json-hex, its JSON, or only the signature (json-hex form) of the golden markers.
    const golden = { markers: [{ name: 'thales', epoch: 1 }, { name: 'pythagoras', epoch: 2 }] }
    const payloadOf = (c: { payload_json_hex?: string; payload_json?: string; signature_field?: string }): string =>
      c.payload_json_hex ?? (c.payload_json === undefined ? hexOf(JSON.stringify({ ...golden, signature: c.signature_field })) : hexOf(c.payload_json))
    expect(derived.reserialization_cases.cases.length).toBe(4)
    for (const c of derived.reserialization_cases.cases) expect(E.isRight(verified(payloadOf(c), deterministic)), c.name).toBe(true)
    expect(derived.negative.length).toBe(6)
    for (const n of derived.negative) expect(E.isLeft(verified(hexOf(n.payload_json), fromHex(n.verification_key_hex))), n.name).toBe(true)
  })

  it('ER4: the golden payload as a Cardano inline datum reads back through the datum reader; an invalid datum before it is passed over', () => {
    const datum = right(parseExactJson(derived.tx_datum.golden_datum_json))
    expect((datum as { fields: unknown[] }).fields).toHaveLength(derived.tx_datum.chunk_count)
    expect(right(readEraMarkers([{ constructor: 0, fields: [{ bytes: 'zz' }] }, datum], deterministic))).toEqual([
      { name: 'thales', epoch: 1 },
      { name: 'pythagoras', epoch: 2 }
    ])
  })

  it('ER5: the era reader cases give the same current and next eras, or CurrentEraNotFound', () => {
    const cases = reader.cases.filter((c: { expected?: unknown; current_epoch?: unknown }) => c.expected !== undefined && c.current_epoch !== undefined)
    expect(cases.length).toBeGreaterThanOrEqual(13)
    for (const c of cases) {
      const at = eraAt(c.markers, c.current_epoch)
      if (c.expected.error !== undefined) expect(left(at), c.id).toMatchObject({ _tag: c.expected.error })
      else if (c.expected.current !== undefined) {
        expect(right(at).current, c.id).toEqual(c.expected.current)
        if ('next' in c.expected) expect(right(at).next ?? null, c.id).toEqual(c.expected.next)
      }
    }
  })

  it('ER6: nodes halt and run where Mithril\'s signer and aggregator tests say, and ER7: warn where they warn', () => {
    const supported: string[] = reader.supported_eras_at_snapshot
    for (const c of reader.cases) {
      const verdictAt = (epoch: number) => eraVerdict(c.markers, supported, epoch)
      if (c.epochs !== undefined) {
        for (const [epoch, says] of Object.entries(c.epochs as Record<string, string>)) {
          const v = right(verdictAt(Number(epoch)))
          // "runs" is any verdict that keeps the node running; "warns" the upgrade warning.
          if (/halt|Critical/.test(says)) expect(v._tag, `${c.id} epoch ${epoch}`).toBe('EraUnsupported')
          else if (/warns/.test(says)) expect(v._tag, `${c.id} epoch ${epoch}`).toBe('EraUpgradeSoon')
          else expect(v._tag, `${c.id} epoch ${epoch}`).not.toBe('EraUnsupported')
        }
        continue
      }
      const e = c.expected
      if (e.error !== undefined) continue
      const v = right(verdictAt(c.current_epoch ?? 1))
      if (e.node !== undefined && /halt|Critical/.test(e.node)) expect(v._tag, c.id).toBe('EraUnsupported')
      if (e.warn === true || typeof e.warn === 'string') expect(v._tag, c.id).toBe('EraUpgradeSoon')
      if (e.warn === false) expect(v._tag, c.id).toBe('EraSupported')
    }
  })
})
