/**
 * did:x509 resolution (XD1–XD28 of `spec/trust.md`): a DID such as
 * `did:x509:0:sha256:<CA fingerprint>::subject:CN:Leaf` and the certificate chain that came with a
 * signature (COSE `x5chain`, leaf first) give the leaf's public key and the DID document, as CCF
 * resolves the issuer of a signed statement (`didx509::resolve_jwk`, validity dates ignored) and
 * with the documents and error messages of the reference resolver (microsoft/did-x509).
 *
 * @since 0.1.0
 */
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js'
import * as E from 'fp-ts/lib/Either.js'
import { type CertificateFacts, type CertificateName, KU, OID, readCertificate, readName } from './certificate.js'
import { validatePath } from './certificatePath.js'
import { type DidX509Refusal, didX509Refusal } from './didX509Refusal.js'

/**
 * A public key as a JSON Web Key (RFC 7517): `kty` and the members of its type.
 *
 * @category trust
 * @since 0.1.0
 */
export type PublicKeyJwk = { readonly kty: string } & { readonly [member: string]: string }

/**
 * The DID document of a resolved did:x509, in the reference resolver's form.
 *
 * @category trust
 * @since 0.1.0
 */
export interface DidX509Document {
  readonly '@context': 'https://www.w3.org/ns/cid/v1'
  readonly id: string
  readonly verificationMethod: ReadonlyArray<{
    readonly id: string
    readonly type: 'JsonWebKey'
    readonly controller: string
    readonly publicKeyJwk: PublicKeyJwk
  }>
  readonly authentication?: ReadonlyArray<string>
  readonly assertionMethod?: ReadonlyArray<string>
  readonly keyAgreement?: ReadonlyArray<string>
}

/**
 * A resolved did:x509: its document, and the leaf's key as JWK and as SubjectPublicKeyInfo DER.
 *
 * @category trust
 * @since 0.1.0
 */
export interface DidX509Resolution {
  readonly document: DidX509Document
  readonly publicKeyJwk: PublicKeyJwk
  readonly leafSpki: Uint8Array
  readonly keyType: 'EC' | 'RSA' | 'OKP'
}

type Result<A> = E.Either<DidX509Refusal, A>
const refuse = (...args: Parameters<typeof didX509Refusal>): Result<never> => E.left(didX509Refusal(...args))

// ------------------------------------------------------------------------------------------------
// the chain in the did:x509 data model
// ------------------------------------------------------------------------------------------------

// RFC 4514 labels of the data model; other attribute types are keyed by dotted OID.
const LABELS: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.9': 'STREET'
}

// Critical extensions the data model tolerates beyond those it represents; path validation enforces them.
const TOLERATED_CRITICAL = new Set(['2.5.29.19', '2.5.29.15', '2.5.29.30', '2.5.29.36', '2.5.29.33', '2.5.29.32', '2.5.29.54'])

interface Model {
  readonly subject: ReadonlyMap<string, string | undefined>
  readonly san: ReadonlyArray<readonly [string, string]> | undefined
  readonly eku: ReadonlyArray<string> | undefined
  readonly fulcioIssuer: string | undefined
}

// XD13: a name is an object of attributes, so no attribute type may repeat.
const nameModel = (name: CertificateName, index: number): Result<ReadonlyMap<string, string | undefined>> => {
  const attributes = name.rdns.flat()
  if (new Set(attributes.map((a) => a.oid)).size !== attributes.length) return refuse('DuplicateNameAttribute', { index })
  return E.right(new Map(attributes.map((a) => [LABELS[a.oid] ?? a.oid, a.value])))
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** One certificate in the data model (XD13–XD15), in the reference resolver's order. */
const modelOf = (c: CertificateFacts, index: number): Result<Model> => {
  let san: Array<readonly [string, string]> | undefined
  let fulcioIssuer: string | undefined
  for (const e of c.extensions) {
    if (e.oid === OID.subjectAltName) {
      san = []
      for (const g of c.subjectAltName ?? []) {
        if (g.rfc822Name !== undefined) san.push(['email', g.rfc822Name])
        else if (g.dNSName !== undefined) san.push(['dns', g.dNSName])
        else if (g.uniformResourceIdentifier !== undefined) san.push(['uri', g.uniformResourceIdentifier])
        else if (g.directoryName !== undefined) {
          const dn = nameModel(readName(g.directoryName), index) // a "dn" SAN never matches a predicate
          if (E.isLeft(dn)) return dn
        } else return refuse('UnsupportedCertificateContent', { index, reason: 'Certificate contains an unsupported SAN type.' }) // XD14
      }
    } else if (e.oid === OID.fulcioIssuer) {
      try {
        fulcioIssuer = utf8.decode(e.value)
      } catch {
        return refuse('UnsupportedCertificateContent', { index, reason: 'Certificate Fulcio issuer extension is not UTF-8.' }) // XD14
      }
    } else if (e.oid !== OID.extKeyUsage && e.critical && !TOLERATED_CRITICAL.has(e.oid)) {
      return refuse('UnsupportedCriticalExtension', { index, oid: e.oid }) // XD15
    }
  }
  const issuer = nameModel(c.issuer, index)
  if (E.isLeft(issuer)) return issuer
  const subject = nameModel(c.subject, index)
  if (E.isLeft(subject)) return subject
  return E.right({ subject: subject.right, san, eku: c.extendedKeyUsage, fulcioIssuer })
}

// ------------------------------------------------------------------------------------------------
// the DID
// ------------------------------------------------------------------------------------------------

const HASH: Readonly<Record<string, (b: Uint8Array) => Uint8Array>> = { sha256, sha384, sha512 }
const base64url = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url')

// XD26: RFC 3986 percent-decoding; every '%' starts two hex digits and the bytes are UTF-8.
const percentDecode = (value: string): Result<string> => {
  let out = ''
  for (let i = 0; i < value.length; ) {
    if (value[i] !== '%') {
      out += value[i]
      i++
      continue
    }
    const bytes: number[] = []
    while (value[i] === '%') {
      const pair = value.slice(i + 1, i + 3)
      if (!/^[0-9A-Fa-f]{2}$/.test(pair)) return refuse('MalformedPercentEncoding', { value })
      bytes.push(parseInt(pair, 16))
      i += 3
    }
    try {
      out += utf8.decode(Uint8Array.from(bytes))
    } catch {
      return refuse('MalformedPercentEncoding', { value })
    }
  }
  return E.right(out)
}

// XD21: subject:K:V[:K:V…], keys once each, every key an attribute of the leaf subject with exactly that value.
const checkSubject = (value: string, leaf: Model): Result<true> => {
  const parts = value.split(':')
  if (parts.length % 2 !== 0) return refuse('SubjectPredicateFailed', { reason: 'Subject predicate requires key-value pairs.' })
  const keys = parts.filter((_, i) => i % 2 === 0)
  if (new Set(keys).size !== keys.length) return refuse('SubjectPredicateFailed', { reason: 'Subject predicate contains duplicate fields.' })
  for (let i = 0; i < parts.length; i += 2) {
    const key = parts[i]!
    if (!leaf.subject.has(key)) return refuse('SubjectPredicateFailed', { reason: 'Subject predicate contains an unknown key.' })
    const decoded = percentDecode(parts[i + 1]!)
    if (E.isLeft(decoded)) return decoded
    if (decoded.right !== leaf.subject.get(key)) return refuse('SubjectPredicateFailed', { reason: 'Subject predicate does not match the certificate.' })
  }
  return E.right(true)
}

// XD22: san:<type>:<value>, the pair exactly one of the leaf's SANs.
const checkSan = (value: string, leaf: Model): Result<true> => {
  const parts = value.split(':')
  if (parts.length !== 2) return refuse('SanPredicateFailed', { reason: 'SAN predicate requires exactly one type and value.' })
  const decoded = percentDecode(parts[1]!)
  if (E.isLeft(decoded)) return decoded
  const found = (leaf.san ?? []).some(([t, v]) => t === parts[0] && v === decoded.right)
  return found ? E.right(true) : refuse('SanPredicateFailed', { reason: 'SAN predicate does not match the certificate.' })
}

// XD23: eku:<oid>, one of the leaf's extended key usages.
const checkEku = (value: string, leaf: Model): Result<true> => {
  if (leaf.eku === undefined) return refuse('EkuPredicateFailed', { reason: 'Certificate does not contain an EKU extension.' })
  return leaf.eku.includes(value) ? E.right(true) : refuse('EkuPredicateFailed', { reason: 'EKU predicate does not match the certificate.' })
}

// XD24: fulcio-issuer:<v>, the leaf's Fulcio issuer extension is exactly https://<v>.
const checkFulcio = (value: string, leaf: Model): Result<true> => {
  if (leaf.fulcioIssuer === undefined) return refuse('FulcioIssuerPredicateFailed', { reason: 'Certificate does not contain a Fulcio issuer extension.' })
  const decoded = percentDecode(value)
  if (E.isLeft(decoded)) return decoded
  return `https://${decoded.right}` === leaf.fulcioIssuer
    ? E.right(true)
    : refuse('FulcioIssuerPredicateFailed', { reason: 'Fulcio issuer predicate does not match the certificate.' })
}

const PREDICATES: Readonly<Record<string, (value: string, leaf: Model) => Result<true>>> = {
  subject: checkSubject,
  san: checkSan,
  eku: checkEku,
  'fulcio-issuer': checkFulcio
}

const PREFIX = 'did:x509:0:'

/** The DID checked against the chain: its document id (the DID without fragment), XD16–XD26. */
const checkDid = (did: unknown, chain: ReadonlyArray<CertificateFacts>, models: ReadonlyArray<Model>): Result<string> => {
  if (typeof did !== 'string') return refuse('InvalidDidPrefix', {}) // XD16
  const id = did.split('#', 1)[0]!
  if (!id.startsWith(PREFIX)) return refuse('InvalidDidPrefix', {}) // XD16
  const query = id.indexOf('?')
  const path = id.indexOf('/')
  if (path !== -1 && (query === -1 || path < query)) return refuse('DidUrlPathOrQuery', { part: 'path' }) // XD17
  if (query !== -1) return refuse('DidUrlPathOrQuery', { part: 'query' }) // XD17
  const [head, ...rest] = id.slice(PREFIX.length).split('::')
  const fingerprintParts = head!.split(':')
  if (fingerprintParts.length !== 2) return refuse('BadFingerprintAlgorithm', { reason: 'DID must give one fingerprint algorithm and one fingerprint.' }) // XD18
  const [algorithm, fingerprint] = fingerprintParts as [string, string]
  const hash = Object.hasOwn(HASH, algorithm) ? HASH[algorithm] : undefined
  if (hash === undefined) return refuse('BadFingerprintAlgorithm', { reason: 'Fingerprint algorithm is not supported.' }) // XD18
  const predicates = rest.map((p) => (p.includes(':') ? [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)] : undefined))
  if (predicates.some((p) => p === undefined)) return refuse('MissingPredicate', { reason: 'DID predicate must be a name and a value.' }) // XD19
  if (predicates.length === 0) return refuse('MissingPredicate', { reason: 'DID must contain at least one predicate.' }) // XD19
  if (!chain.slice(1).some((c) => base64url(hash(c.der)) === fingerprint)) return refuse('FingerprintMismatch', {}) // XD20
  for (const [name, value] of predicates as Array<[string, string]>) {
    const check = Object.hasOwn(PREDICATES, name) ? PREDICATES[name] : undefined
    if (check === undefined) return refuse('UnknownPredicate', { name }) // XD25
    const r = check(value, models[0]!) // XD21–XD24
    if (E.isLeft(r)) return r
  }
  return E.right(id)
}

// XD28: the leaf key as a JWK of type EC, RSA or OKP.
const jwkOf = (leaf: CertificateFacts): Result<{ readonly jwk: PublicKeyJwk; readonly keyType: 'EC' | 'RSA' | 'OKP' }> => {
  try {
    const jwk = leaf.publicKey.export({ format: 'jwk' }) as PublicKeyJwk
    const kty = jwk.kty
    if (kty === 'EC' || kty === 'RSA' || kty === 'OKP') return E.right({ jwk: { ...jwk }, keyType: kty })
    return refuse('UnsupportedKeyType', { reason: `Leaf certificate key type ${kty} is not supported.` })
  } catch {
    return refuse('UnsupportedKeyType', { reason: `Leaf certificate key type ${leaf.publicKey.asymmetricKeyType ?? 'unknown'} is not supported.` })
  }
}

/**
 * Resolve a did:x509 against its certificate chain (DER, leaf first), as CCF resolves the issuer
 * of a signed statement: the chain must validate with its last certificate as trust anchor
 * (validity dates are not checked), the DID's CA fingerprint must be that of a certificate above
 * the leaf, and every predicate must hold for the leaf. The answer is the DID document of the
 * reference resolver, the leaf key as JWK and as SubjectPublicKeyInfo DER, and its key type; or
 * the first rule that fails (XD1–XD28), with the reference resolver's message.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { resolveDidX509 } from 'runtime-deployments'
 * declare const x5chain: ReadonlyArray<Uint8Array>
 * const resolved = resolveDidX509('did:x509:0:sha256:WE4P5dd8DnLHSkyHaIjhp4udlkF9LqoKwCvu9gl38jk::subject:CN:Leaf', x5chain)
 * if (E.isRight(resolved)) console.log(resolved.right.keyType, resolved.right.document.id)
 * else console.log(resolved.left.rule, resolved.left.message) // e.g. 'XD20 CA fingerprint does not match the certificate chain.'
 *
 * @category trust
 * @since 0.1.0
 */
export const resolveDidX509 = (did: string, chain: ReadonlyArray<Uint8Array>): E.Either<DidX509Refusal, DidX509Resolution> => {
  if (!Array.isArray(chain)) return refuse('MalformedCertificate', { index: 0, reason: 'the chain is not an array' }) // XD2
  const count = chain.length
  if (count < 2) return refuse('ChainTooShort', { certificates: count }) // XD1
  const certs: CertificateFacts[] = []
  for (let i = 0; i < count; i++) {
    const bytes: unknown = chain[i]
    if (!(bytes instanceof Uint8Array)) return refuse('MalformedCertificate', { index: i, reason: 'not a byte string' }) // XD2
    const read = readCertificate(bytes)
    if (E.isLeft(read)) return refuse('MalformedCertificate', { index: i, reason: read.left }) // XD2
    certs.push(read.right)
  }
  const path = validatePath(certs) // XD3–XD12
  if (E.isLeft(path)) return path
  const models: Model[] = []
  for (let i = 0; i < count; i++) {
    const m = modelOf(certs[i]!, i) // XD13–XD15
    if (E.isLeft(m)) return m
    models.push(m.right)
  }
  const id = checkDid(did, certs, models) // XD16–XD26
  if (E.isLeft(id)) return id
  const leaf = certs[0]!
  // XD27: a leaf key usage, when present, allows signatures or key agreement.
  const usage = leaf.keyUsage
  const signs = usage === undefined || (usage & KU.digitalSignature) !== 0
  const agrees = usage === undefined || (usage & KU.keyAgreement) !== 0
  if (!signs && !agrees) return refuse('LeafKeyUsage', {})
  const key = jwkOf(leaf) // XD28
  if (E.isLeft(key)) return key
  const method = `${id.right}#0`
  const document: DidX509Document = {
    '@context': 'https://www.w3.org/ns/cid/v1',
    id: id.right,
    verificationMethod: [{ id: method, type: 'JsonWebKey', controller: id.right, publicKeyJwk: key.right.jwk }],
    ...(signs ? { authentication: [method], assertionMethod: [method] } : {}),
    ...(agrees ? { keyAgreement: [method] } : {})
  }
  return E.right({ document, publicKeyJwk: key.right.jwk, leafSpki: leaf.spki.slice(), keyType: key.right.keyType })
}
