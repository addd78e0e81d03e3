/**
 * COSE_Sign1 envelopes (RFC 9052 §4.2): reading one whole (TS1, TS6), the bytes its signature
 * covers (§4.4) and the envelope with its unprotected header emptied (TS7).
 *
 * @since 0.1.0
 */
import { concatBytes } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { writeCbor } from '../codec/cbor.js'
import { type CborKey, CborTagged, type CborValue, readCborTagged } from '../codec/reader.js'

/**
 * A COSE header as read: labels (integers or text) to values.
 *
 * @category trust
 * @since 0.1.0
 */
export type CoseHeader = ReadonlyMap<CborKey, CborValue>

/**
 * A COSE_Sign1 envelope as received. `protectedBytes` is the protected header exactly as it came
 * (what the signature covers), `protectedHeader` what it reads as.
 *
 * @category trust
 * @since 0.1.0
 */
export interface CoseSign1 {
  readonly protectedBytes: Uint8Array
  readonly protectedHeader: CoseHeader
  readonly unprotectedHeader: CoseHeader
  /** The payload; `null` when it is detached (a receipt's). */
  readonly payload: Uint8Array | null
  readonly signature: Uint8Array
}

/**
 * Which part of an envelope is malformed, and why.
 *
 * @category trust
 * @since 0.1.0
 */
export interface EnvelopeProblem {
  readonly part: 'envelope' | 'protected' | 'unprotected' | 'payload' | 'signature'
  readonly reason: string
}

/** The COSE_Sign1 tag (RFC 9052 §2). */
const COSE_SIGN1_TAG = 18

/**
 * A CBOR map read by `readCborTagged` as a header, or `undefined` when the value is no map.
 *
 * @example
 * asHeader(new Map([[1, -7]]))?.get(1) // -7
 *
 * @category trust
 * @since 0.1.0
 */
export const asHeader = (v: CborValue): CoseHeader | undefined => {
  if (v instanceof Map) return v
  // A map whose keys are all text is read as a plain record (CborTextMap).
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof CborTagged)) {
    return new Map(Object.entries(v))
  }
  return undefined
}

const problem = (part: EnvelopeProblem['part'], reason: string): E.Either<EnvelopeProblem, never> => E.left({ part, reason })

/**
 * Read a whole COSE_Sign1 envelope (TS1; TS6 with `'detached'`): tag 18 around
 * `[protected bstr, unprotected map, payload, signature bstr]`, the protected header a map too.
 * The payload must be a byte string when `'attached'`, `null` when `'detached'`.
 *
 * @example
 * import { decodeCoseSign1 } from 'runtime-deployments'
 * decodeCoseSign1(Uint8Array.of(0x84, 0x40, 0xa0, 0x40, 0x40), 'attached') // left({ part: 'envelope', … })
 *
 * @category trust
 * @since 0.1.0
 */
export const decodeCoseSign1 = (bytes: Uint8Array, payload: 'attached' | 'detached'): E.Either<EnvelopeProblem, CoseSign1> => {
  const read = readCborTagged(bytes)
  if (E.isLeft(read)) return problem('envelope', read.left.message)
  const tagged = read.right
  if (!(tagged instanceof CborTagged) || tagged.tag !== COSE_SIGN1_TAG) return problem('envelope', 'not tagged 18 (COSE_Sign1)')
  const items = tagged.value
  if (!Array.isArray(items) || items.length !== 4) return problem('envelope', 'not an array of four items')
  const [p, u, body, signature] = items as ReadonlyArray<CborValue>
  if (!(p instanceof Uint8Array)) return problem('protected', 'not a byte string')
  const ph = readCborTagged(p)
  if (E.isLeft(ph)) return problem('protected', ph.left.message)
  const protectedHeader = asHeader(ph.right)
  if (protectedHeader === undefined) return problem('protected', 'not a map')
  const unprotectedHeader = asHeader(u!)
  if (unprotectedHeader === undefined) return problem('unprotected', 'not a map')
  if (payload === 'attached' ? !(body instanceof Uint8Array) : body !== null) {
    return problem('payload', payload === 'attached' ? 'not a byte string (detached payloads are not accepted)' : 'not null (detached)')
  }
  if (!(signature instanceof Uint8Array)) return problem('signature', 'not a byte string')
  return E.right({ protectedBytes: p, protectedHeader, unprotectedHeader, payload: body as Uint8Array | null, signature })
}

/**
 * The bytes a COSE_Sign1 signature covers (RFC 9052 §4.4): `["Signature1", protected, h'',
 * payload]` with the protected header as received and shortest heads (TS4, TS10).
 *
 * @example
 * import { sigStructure } from 'runtime-deployments'
 * sigStructure(Uint8Array.of(0xa0), Uint8Array.of(1)) // 84 6a5369676e617475726531 41a0 40 4101
 *
 * @category trust
 * @since 0.1.0
 */
export const sigStructure = (protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array =>
  writeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload])

/**
 * The envelope with its unprotected header emptied, `d2 84 ‖ bstr(protected) ‖ a0 ‖
 * bstr(payload) ‖ bstr(signature)`: what a receipt's claims digest hashes (TS7).
 *
 * @example
 * import { withoutUnprotectedHeader } from 'runtime-deployments'
 * withoutUnprotectedHeader({ protectedBytes: Uint8Array.of(0xa0), protectedHeader: new Map(), unprotectedHeader: new Map(), payload: Uint8Array.of(), signature: Uint8Array.of() })
 * // d2 84 41a0 a0 40 40
 *
 * @category trust
 * @since 0.1.0
 */
export const withoutUnprotectedHeader = (sign1: CoseSign1): Uint8Array => {
  // The tag head is written here: the canonical writer has no tags (C1).
  return concatBytes(Uint8Array.of(0xc0 | COSE_SIGN1_TAG), writeCbor([sign1.protectedBytes, {}, sign1.payload, sign1.signature]))
}
