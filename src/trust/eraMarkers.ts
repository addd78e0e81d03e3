/**
 * Mithril era markers (ER1–ER4 of `spec/trust.md`): the signed list of eras a network announces
 * and schedules, read from its on-chain form and verified under the network's era key exactly as
 * Mithril's cardano-chain adapter does (Ed25519 `verify_strict` over the re-serialized markers).
 *
 * @since 0.1.0
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import * as E from 'fp-ts/lib/Either.js'
import { isRecord } from '../codec/containers.js'
import { parseExactJson } from '../codec/jsonText.js'
import { fromHex } from '../internal/bytes.js'
import { checkU64, type U64 } from '../internal/uint64.js'
import { type EraRefusal, eraRefusal } from './eraRefusal.js'

/**
 * One era marker: an era's name and the epoch it becomes current, `null` while only announced.
 *
 * @category trust
 * @since 0.1.0
 */
export interface EraMarker {
  readonly name: string
  readonly epoch: U64 | null
}

/**
 * A decoded payload: the markers, and the Ed25519 signature when there is one.
 *
 * @category trust
 * @since 0.1.0
 */
export interface EraMarkersPayload {
  readonly markers: ReadonlyArray<EraMarker>
  readonly signature: Uint8Array | undefined
}

const malformedPayload = (reason: string): E.Either<EraRefusal, never> => E.left(eraRefusal('MalformedEraPayload', { reason }))

// ER1: "json-hex" is the hex of UTF-8 JSON text; a key's JSON is an array of its bytes.
const jsonHexText = (hex: string): string | undefined => {
  const bytes = fromHex(hex.trim())
  if (bytes === undefined) return undefined
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

const byteArray = (json: unknown, size: number): Uint8Array | undefined =>
  Array.isArray(json) && json.length === size && json.every((x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 255)
    ? Uint8Array.from(json as number[])
    : undefined

/**
 * Bytes of `size` from Mithril's key codec: json-hex (hex of a JSON array of byte values) first,
 * then raw hex (ER1, `ProtocolKeyCodec::decode_key`).
 */
const keyBytes = (text: string, size: number): Uint8Array | undefined => {
  const json = jsonHexText(text)
  if (json !== undefined) {
    const parsed = parseExactJson(json)
    const bytes = E.isRight(parsed) ? byteArray(parsed.right, size) : undefined
    if (bytes !== undefined) return bytes
  }
  const raw = fromHex(text.trim())
  return raw !== undefined && raw.length === size && !text.trim().startsWith('0x') ? raw : undefined
}

/**
 * An era verification key from its text (ER1): json-hex, as `era.vkey` files hold it, or the 64
 * hex digits of the raw 32 bytes.
 *
 * @example
 * import { decodeEraVerificationKey } from 'runtime-deployments'
 * decodeEraVerificationKey('5b33322c…5d') // right(Uint8Array(32))
 *
 * @category trust
 * @since 0.1.0
 */
export const decodeEraVerificationKey = (text: string): E.Either<EraRefusal, Uint8Array> => {
  if (typeof text !== 'string') return E.left(eraRefusal('MalformedEraKey', { reason: 'not a string' }))
  const key = keyBytes(text, 32)
  return key === undefined ? E.left(eraRefusal('MalformedEraKey', { reason: 'neither json-hex of 32 byte values nor 64 hex digits' })) : E.right(key)
}

const markerOf = (u: unknown, index: number): E.Either<EraRefusal, EraMarker> => {
  if (!isRecord(u)) return malformedPayload(`markers[${index}] is not an object`)
  const name = u['name']
  if (typeof name !== 'string') return malformedPayload(`markers[${index}].name is not a string`)
  // ER2: serde reads a missing Option as None; an epoch is a u64.
  const epoch = u['epoch']
  if (epoch === undefined || epoch === null) return E.right({ name, epoch: null })
  const checked = checkU64(epoch)
  return checked === undefined ? malformedPayload(`markers[${index}].epoch is not a uint64`) : E.right({ name, epoch: checked })
}

/**
 * A payload from its JSON value (ER2): `markers`, an array of `{ name, epoch }` (a missing epoch
 * is `null`), and `signature`, the 64 signature bytes as raw hex or json-hex, or `null`/absent.
 * Unknown fields are ignored, as serde does.
 *
 * @example
 * eraMarkersFromJson({ markers: [{ name: 'pythagoras', epoch: 539 }], signature: null }) // right({ markers, signature: undefined })
 *
 * @category trust
 * @since 0.1.0
 */
export const eraMarkersFromJson = (json: unknown): E.Either<EraRefusal, EraMarkersPayload> => {
  if (!isRecord(json)) return malformedPayload('not a JSON object')
  const list = json['markers']
  if (!Array.isArray(list)) return malformedPayload('markers is not an array')
  const markers: EraMarker[] = []
  for (let i = 0; i < list.length; i++) {
    const m = markerOf(list[i], i)
    if (E.isLeft(m)) return m
    markers.push(m.right)
  }
  const sig = json['signature']
  if (sig === undefined || sig === null) return E.right({ markers, signature: undefined })
  if (typeof sig !== 'string') return malformedPayload('signature is not a string')
  const signature = keyBytes(sig, 64)
  return signature === undefined ? malformedPayload('signature is neither 128 hex digits nor json-hex of 64 byte values') : E.right({ markers, signature })
}

/**
 * A payload from its on-chain text (ER2): json-hex of the payload's JSON. Epochs beyond 2^53 − 1
 * are read exactly.
 *
 * @example
 * import { decodeEraMarkers } from 'runtime-deployments'
 * decodeEraMarkers('7b226d61726b657273223a5b…') // right({ markers: [thales@1, pythagoras@2], signature })
 *
 * @category trust
 * @since 0.1.0
 */
export const decodeEraMarkers = (jsonHex: string): E.Either<EraRefusal, EraMarkersPayload> => {
  if (typeof jsonHex !== 'string') return malformedPayload('not a string')
  const text = jsonHexText(jsonHex)
  if (text === undefined) return malformedPayload('not hex of UTF-8 text')
  const json = parseExactJson(text)
  return E.isLeft(json) ? malformedPayload(json.left) : eraMarkersFromJson(json.right)
}

/**
 * The bytes Mithril signs (ER3): the markers as compact JSON, `name` then `epoch` (`null` when
 * absent), re-serialized from the parsed markers, as serde_json writes them.
 *
 * @example
 * new TextDecoder().decode(eraMarkersMessage([{ name: 'thales', epoch: 1 }])) // '[{"name":"thales","epoch":1}]'
 *
 * @category trust
 * @since 0.1.0
 */
export const eraMarkersMessage = (markers: ReadonlyArray<EraMarker>): Uint8Array => {
  // DX2: what is no marker is written as serde would write its parts that are none: null.
  const one = (m: EraMarker): string => {
    if (typeof m !== 'object' || m === null) return 'null'
    const epoch = m.epoch === null ? undefined : checkU64(m.epoch)
    return `{"name":${typeof m.name === 'string' ? JSON.stringify(m.name) : 'null'},"epoch":${epoch === undefined ? 'null' : String(epoch)}}`
  }
  return new TextEncoder().encode(`[${(Array.isArray(markers) ? markers : []).map(one).join(',')}]`)
}

/**
 * The markers when the payload's signature verifies under `verificationKey` (ER3): Ed25519 as
 * ed25519-dalek's `verify_strict` checks it — canonical encodings, and neither the key nor the
 * signature's R of small order — over {@link eraMarkersMessage}. A payload without a signature is
 * `MissingEraSignature`.
 *
 * @example
 * import { decodeEraMarkers, decodeEraVerificationKey, verifyEraMarkers } from 'runtime-deployments'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { pipe } from 'fp-ts/lib/function.js'
 * pipe(decodeEraMarkers('7b226d61726b657273223a5b5d7d'), E.chain((p) => verifyEraMarkers(p, new Uint8Array(32)))) // left(MissingEraSignature)
 *
 * @category trust
 * @since 0.1.0
 */
export const verifyEraMarkers = (payload: EraMarkersPayload, verificationKey: Uint8Array): E.Either<EraRefusal, ReadonlyArray<EraMarker>> => {
  if (typeof payload !== 'object' || payload === null || !Array.isArray(payload.markers)) return malformedPayload('not a payload')
  if (!(verificationKey instanceof Uint8Array) || verificationKey.length !== 32) {
    return E.left(eraRefusal('MalformedEraKey', { reason: 'not 32 bytes' }))
  }
  const signature = payload.signature
  if (signature === undefined) return E.left(eraRefusal('MissingEraSignature', {}))
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return E.left(eraRefusal('InvalidEraSignature', { reason: 'not 64 bytes' }))
  try {
    // ER3: dalek's verify_strict refuses a key or an R of small order; noble with zip215 off
    // checks canonical encodings (RFC 8032 §5.1.7) but not the order of R.
    const key = ed25519.Point.fromBytes(verificationKey)
    if (key.isSmallOrder()) return E.left(eraRefusal('InvalidEraSignature', { reason: 'the key is of small order' }))
    const r = ed25519.Point.fromBytes(signature.subarray(0, 32))
    if (r.isSmallOrder()) return E.left(eraRefusal('InvalidEraSignature', { reason: 'R is of small order' }))
    const ok = ed25519.verify(signature, eraMarkersMessage(payload.markers), verificationKey, { zip215: false })
    return ok ? E.right(payload.markers) : E.left(eraRefusal('InvalidEraSignature', { reason: 'the signature is not the key holder\'s over these markers' }))
  } catch (e) {
    // A point that does not decode: not a valid key or signature.
    return E.left(eraRefusal('InvalidEraSignature', { reason: `not a valid point (${e instanceof Error ? e.message : 'invalid encoding'})` }))
  }
}

/**
 * The json-hex a Cardano inline datum holds (ER4): the `bytes` fields of its `fields`, in order,
 * concatenated; `undefined` when it holds none.
 *
 * @example
 * datumPayloadHex({ constructor: 0, fields: [{ bytes: '7b22' }, { bytes: '7d' }] }) // '7b227d'
 *
 * @category trust
 * @since 0.1.0
 */
export const datumPayloadHex = (datum: unknown): string | undefined => {
  if (!isRecord(datum) || !Array.isArray(datum['fields'])) return undefined
  const parts = datum['fields'].map((f) => (isRecord(f) && typeof f['bytes'] === 'string' ? f['bytes'] : undefined)).filter((b): b is string => b !== undefined)
  return parts.length === 0 ? undefined : parts.join('')
}

/**
 * The markers of the first datum that holds a valid signed payload (ER4), as Mithril's era reader
 * takes them: datums that do not decode or verify are passed over; none valid is
 * `NoValidEraDatum`, listing why each was passed over.
 *
 * @example
 * import { readEraMarkers } from 'runtime-deployments'
 * const datums = [{ constructor: 0, fields: [{ bytes: '7b226d61726b657273223a5b5d7d' }] }] // as the chain observer gives them
 * readEraMarkers(datums, new Uint8Array(32)) // right(markers of the first valid one), or left(NoValidEraDatum)
 *
 * @category trust
 * @since 0.1.0
 */
export const readEraMarkers = (datums: ReadonlyArray<unknown>, verificationKey: Uint8Array): E.Either<EraRefusal, ReadonlyArray<EraMarker>> => {
  const list = Array.isArray(datums) ? datums : []
  const reasons: string[] = []
  for (let i = 0; i < list.length; i++) {
    const hex = datumPayloadHex(list[i])
    if (hex === undefined) {
      reasons.push(`datum ${i}: no bytes fields`)
      continue
    }
    const verified = E.chain((p: EraMarkersPayload) => verifyEraMarkers(p, verificationKey))(decodeEraMarkers(hex))
    if (E.isRight(verified)) return verified
    reasons.push(`datum ${i}: ${verified.left.rule} ${verified.left._tag}`)
  }
  return E.left(eraRefusal('NoValidEraDatum', { datums: list.length, reasons }))
}
