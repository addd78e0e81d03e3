/**
 * COSE signature algorithms this library verifies (TS4, TS10): ECDSA ES256/384/512 with
 * `@noble/curves`, RSASSA-PSS PS256/384/512 with `node:crypto`, and the public keys they take.
 *
 * @since 0.1.0
 */
import { constants, createPublicKey, type KeyObject, verify as nodeVerify } from 'node:crypto'
import { p256, p384, p521 } from '@noble/curves/nist.js'
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js'
import { concatBytes } from '@noble/hashes/utils.js'
import { bytesEqual } from '../rules/deployment.js'

/**
 * The name of a COSE algorithm this library verifies.
 *
 * @category trust
 * @since 0.1.0
 */
export type CoseAlgorithm = 'ES256' | 'ES384' | 'ES512' | 'PS256' | 'PS384' | 'PS512'

/**
 * COSE algorithm identifiers (IANA "COSE Algorithms") to names, for the algorithms TS2 and TS6 accept.
 *
 * @example
 * COSE_ALGORITHMS.get(-7) // 'ES256'
 *
 * @category trust
 * @since 0.1.0
 */
export const COSE_ALGORITHMS: ReadonlyMap<number, CoseAlgorithm> = new Map([
  [-7, 'ES256'],
  [-35, 'ES384'],
  [-36, 'ES512'],
  [-37, 'PS256'],
  [-38, 'PS384'],
  [-39, 'PS512']
])

/**
 * An elliptic curve a COSE ECDSA algorithm runs on.
 *
 * @category trust
 * @since 0.1.0
 */
export type Curve = 'P-256' | 'P-384' | 'P-521'

/**
 * A public key read from its SubjectPublicKeyInfo: an EC point (uncompressed SEC1) on a NIST
 * curve, an RSA key, or a key of another type that no algorithm here takes.
 *
 * @category trust
 * @since 0.1.0
 */
export type PublicKey =
  | { readonly kind: 'EC'; readonly curve: Curve; readonly point: Uint8Array; readonly spki: Uint8Array }
  | { readonly kind: 'RSA'; readonly spki: Uint8Array }
  | { readonly kind: 'other'; readonly type: string; readonly spki: Uint8Array }

const CURVES: Readonly<Record<string, Curve>> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }

const describeKey = (key: KeyObject, spki: Uint8Array): PublicKey => {
  const type = key.asymmetricKeyType ?? 'unknown'
  if (type === 'rsa') return { kind: 'RSA', spki }
  if (type !== 'ec') return { kind: 'other', type, spki }
  const curveName = key.asymmetricKeyDetails?.namedCurve ?? ''
  const curve = CURVES[curveName]
  if (curve === undefined) return { kind: 'other', type: `EC ${curveName}`, spki }
  const jwk = key.export({ format: 'jwk' })
  // Node's own export: the coordinates are base64url, which Buffer decodes.
  if (jwk.x === undefined || jwk.y === undefined) return { kind: 'other', type: `EC ${curveName}`, spki }
  const [x, y] = [Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]
  // SEC 1 §2.3.3: an uncompressed point is 04 ‖ x ‖ y.
  return { kind: 'EC', curve, point: concatBytes(Uint8Array.of(4), x, y), spki }
}

/**
 * Read a public key from SubjectPublicKeyInfo DER (RFC 5280 §4.1.2.7), or from a public JWK
 * (RFC 7517; the key is then also given as SPKI DER); `undefined` when it is neither.
 *
 * @example
 * import { readPublicKey } from 'runtime-deployments'
 * readPublicKey(Uint8Array.of(1, 2, 3)) // undefined
 *
 * @category trust
 * @since 0.1.0
 */
export const readPublicKey = (key: Uint8Array | Readonly<Record<string, unknown>>): PublicKey | undefined => {
  try {
    if (key instanceof Uint8Array) {
      const k = createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' })
      // Keep the caller's bytes only if they are exactly the key's DER (no trailing data).
      const der = new Uint8Array(k.export({ format: 'der', type: 'spki' }))
      if (!bytesEqual(der, key)) return undefined
      return describeKey(k, der)
    }
    if (typeof key !== 'object' || key === null || 'd' in key) return undefined
    const k = createPublicKey({ key: { ...key } as never, format: 'jwk' })
    return describeKey(k, new Uint8Array(k.export({ format: 'der', type: 'spki' })))
  } catch {
    return undefined
  }
}

/**
 * How a signature check came out: it verifies, it does not, or the key cannot be used with the
 * algorithm (another key type, or another curve).
 *
 * @category trust
 * @since 0.1.0
 */
export type SignatureCheck = 'valid' | 'invalid' | 'key-mismatch'

const ECDSA = {
  ES256: { curve: 'P-256', impl: p256, hash: sha256, size: 32 },
  ES384: { curve: 'P-384', impl: p384, hash: sha384, size: 48 },
  ES512: { curve: 'P-521', impl: p521, hash: sha512, size: 66 }
} as const

const PSS = { PS256: ['sha256', 32], PS384: ['sha384', 48], PS512: ['sha512', 64] } as const

/**
 * Check a COSE signature (TS4, TS10). ECDSA signatures are raw `r ‖ s` and may be high-S, as
 * OpenSSL accepts them; the message is hashed with the algorithm's hash, whatever the curve's
 * default. RSASSA-PSS uses MGF1 with the same hash and a salt as long as the hash.
 *
 * @example
 * import { readPublicKey, verifyCoseSignature } from 'runtime-deployments'
 * const key = readPublicKey({ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' })
 * verifyCoseSignature('ES256', key!, Uint8Array.of(1), new Uint8Array(64)) // 'invalid'
 *
 * @category trust
 * @since 0.1.0
 */
export const verifyCoseSignature = (
  alg: CoseAlgorithm,
  key: PublicKey,
  message: Uint8Array,
  signature: Uint8Array
): SignatureCheck => {
  try {
    if (alg === 'ES256' || alg === 'ES384' || alg === 'ES512') {
      const { curve, impl, hash, size } = ECDSA[alg]
      if (key.kind !== 'EC' || key.curve !== curve) return 'key-mismatch'
      // Raw r ‖ s (RFC 9053 §2.1), not DER; high-S accepted (reference Part 3 item 9).
      if (signature.length !== 2 * size) return 'invalid'
      return impl.verify(signature, hash(message), key.point, { prehash: false, lowS: false, format: 'compact' }) ? 'valid' : 'invalid'
    }
    if (key.kind !== 'RSA') return 'key-mismatch'
    const [digest, saltLength] = PSS[alg]
    const publicKey = createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' })
    const ok = nodeVerify(digest, message, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature)
    return ok ? 'valid' : 'invalid'
  } catch {
    // A signature the library cannot even parse does not verify.
    return 'invalid'
  }
}
