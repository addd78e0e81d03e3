/**
 * Reading one DER X.509 certificate into the facts path validation and did:x509 resolution look
 * at (XD2 of `spec/trust.md`): names, the extensions OpenSSL and the did:x509 data model process,
 * the public key, and the raw bytes each check needs. Hostile bytes give a reason, never a throw.
 * Private to the trust layer; not exported from the package root.
 *
 * @since 0.1.0
 */
import { type KeyObject, X509Certificate } from 'node:crypto'
import { bytesToHex } from '@noble/hashes/utils.js'
import { AsnConvert } from '@peculiar/asn1-schema'
import * as X from '@peculiar/asn1-x509'
import * as E from 'fp-ts/lib/Either.js'
import { asciiLower } from '../internal/text.js'
import { bytesEqual } from '../rules/deployment.js'

/** One attribute of a name: its OID and its text (`undefined` when the value is not a string). */
export interface NameAttribute {
  readonly oid: string
  readonly value: string | undefined
}

/** A distinguished name: its RDNs in order, and one canonical key per RDN (for comparisons). */
export interface CertificateName {
  readonly rdns: ReadonlyArray<ReadonlyArray<NameAttribute>>
  readonly canonical: ReadonlyArray<string>
}

/** The facts of one certificate. */
export interface CertificateFacts {
  readonly der: Uint8Array
  readonly version: number
  readonly serial: Uint8Array
  readonly issuer: CertificateName
  readonly subject: CertificateName
  /** The outer signature algorithm's OID, and whether its DER equals the TBS one (RFC 5280 §4.1.1.2). */
  readonly signatureAlgorithm: string
  readonly signatureAlgorithmConsistent: boolean
  /** The hash of an RSASSA-PSS signature (its parameters), `undefined` for other algorithms. */
  readonly pssHash: string | undefined
  readonly spki: Uint8Array
  readonly publicKey: KeyObject
  readonly x509: X509Certificate
  readonly extensions: ReadonlyArray<{ readonly oid: string; readonly critical: boolean; readonly value: Uint8Array }>
  readonly basicConstraints: { readonly ca: boolean; readonly pathLength: number | undefined } | undefined
  /** Key usage bits (RFC 5280 order from bit 0: digitalSignature = 1, …, keyCertSign = 32, cRLSign = 64). */
  readonly keyUsage: number | undefined
  readonly extendedKeyUsage: ReadonlyArray<string> | undefined
  readonly subjectAltName: ReadonlyArray<X.GeneralName> | undefined
  readonly nameConstraints: X.NameConstraints | undefined
  readonly subjectKeyId: Uint8Array | undefined
  readonly authorityKeyId:
    | { readonly keyId: Uint8Array | undefined; readonly issuers: ReadonlyArray<X.GeneralName>; readonly serial: Uint8Array | undefined }
    | undefined
}

/** Key usage bits. */
export const KU = { digitalSignature: 1, keyAgreement: 16, keyCertSign: 32, cRLSign: 64 } as const

export const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  nameConstraints: '2.5.29.30',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  fulcioIssuer: '1.3.6.1.4.1.57264.1.1',
  emailAddress: '1.2.840.113549.1.9.1',
  rsassaPss: '1.2.840.113549.1.1.10'
} as const

// ------------------------------------------------------------------------------------------------
// DER: just enough to find the top-level fields of a certificate and to insist on one element
// ------------------------------------------------------------------------------------------------

interface Tlv {
  readonly tag: number
  readonly start: number
  readonly contentStart: number
  readonly end: number
}

/** The DER element at `at`, with a definite, minimally encoded length inside `limit`. */
const readTlv = (bytes: Uint8Array, at: number, limit = bytes.length): Tlv | undefined => {
  if (at + 2 > limit) return undefined
  const tag = bytes[at]!
  if ((tag & 0x1f) === 0x1f) return undefined // multi-byte tags do not occur in the fields read here
  const first = bytes[at + 1]!
  let length = first
  let contentStart = at + 2
  if (first >= 0x80) {
    const n = first & 0x7f
    if (n === 0 || n > 4 || at + 2 + n > limit || bytes[at + 2] === 0) return undefined
    length = 0
    for (let i = 0; i < n; i++) length = length * 256 + bytes[at + 2 + i]!
    if (length < 0x80) return undefined
    contentStart = at + 2 + n
  }
  const end = contentStart + length
  return end > limit ? undefined : { tag, start: at, contentStart, end }
}

/** The children of a constructed element. */
const children = (bytes: Uint8Array, parent: Tlv): Tlv[] | undefined => {
  const out: Tlv[] = []
  for (let at = parent.contentStart; at < parent.end; ) {
    const t = readTlv(bytes, at, parent.end)
    if (t === undefined) return undefined
    out.push(t)
    at = t.end
  }
  return out
}

const slice = (bytes: Uint8Array, t: Tlv): Uint8Array => bytes.slice(t.start, t.end)

// Known hash OIDs in DER (content of the OBJECT IDENTIFIER), for RSASSA-PSS parameters.
const HASHES: ReadonlyArray<readonly [string, string]> = [
  ['2b0e03021a', 'sha1'],
  ['608648016503040204', 'sha224'],
  ['608648016503040201', 'sha256'],
  ['608648016503040202', 'sha384'],
  ['608648016503040203', 'sha512']
]

/** The hash of RSASSA-PSS parameters: `[0]` hashAlgorithm, SHA-1 when absent (RFC 4055 §3.1). */
const pssHashOf = (bytes: Uint8Array, algorithm: Tlv): string => {
  const parts = children(bytes, algorithm)
  const params = parts?.[1]
  if (params === undefined || params.tag !== 0x30) return 'sha1'
  const hashField = children(bytes, params)?.find((c) => c.tag === 0xa0)
  if (hashField === undefined) return 'sha1'
  const alg = readTlv(bytes, hashField.contentStart, hashField.end)
  const oid = alg === undefined ? undefined : readTlv(bytes, alg.contentStart, alg.end)
  if (oid === undefined || oid.tag !== 0x06) return 'unknown'
  const key = bytesToHex(bytes.subarray(oid.contentStart, oid.end))
  return HASHES.find(([k]) => k === key)?.[1] ?? 'unknown'
}

// ------------------------------------------------------------------------------------------------
// names
// ------------------------------------------------------------------------------------------------

const latin1 = (b: ArrayBuffer): string => Buffer.from(b).toString('latin1')

/** The text of an attribute value as Python's `cryptography` gives it; `undefined` for non-strings. */
const attributeText = (v: X.AttributeValue): string | undefined => {
  const s = v.utf8String ?? v.printableString ?? v.ia5String ?? v.teletexString ?? v.bmpString ?? v.universalString
  if (s !== undefined) return s
  if (v.anyValue === undefined) return undefined
  // NumericString (0x12) and VisibleString (0x1a) reach here as raw DER.
  const raw = new Uint8Array(v.anyValue)
  const t = readTlv(raw, 0)
  return t !== undefined && t.end === raw.length && (t.tag === 0x12 || t.tag === 0x1a) ? latin1(v.anyValue.slice(t.contentStart)) : undefined
}

/** OpenSSL-like canonical text of a value: trimmed, inner white space collapsed, ASCII lower-cased. */
const canonicalText = (s: string): string => asciiLower(s.trim().replace(/\s+/g, ' '))

/**
 * The attributes of a name, and its canonical form for comparisons.
 *
 * @example
 * readName(new X.Name([])) // { rdns: [], canonical: [] }
 */
export const readName = (name: X.Name): CertificateName => {
  const atvs = Array.from(name, (rdn) => Array.from(rdn))
  const rdns = atvs.map((rdn) => rdn.map((atv) => ({ oid: atv.type, value: attributeText(atv.value) })))
  const canonical = atvs.map((rdn, r) =>
    rdn
      .map((atv, i) => {
        const text = rdns[r]![i]!.value
        return `${atv.type}=${text === undefined ? `#${bytesToHex(new Uint8Array(AsnConvert.serialize(atv.value)))}` : canonicalText(text)}`
      })
      .sort()
      .join('+')
  )
  return { rdns, canonical }
}

/**
 * Whether two names are the same, as OpenSSL's `X509_NAME_cmp` compares canonical encodings.
 *
 * @example
 * const n = { rdns: [], canonical: ['2.5.4.3=root'] }
 * sameName(n, n) // true
 */
export const sameName = (a: CertificateName, b: CertificateName): boolean =>
  a.canonical.length === b.canonical.length && a.canonical.every((r, i) => r === b.canonical[i])

// ------------------------------------------------------------------------------------------------
// the certificate
// ------------------------------------------------------------------------------------------------

const buffer = (b: ArrayBuffer): Uint8Array => new Uint8Array(b.slice(0))

const parseExtension = <T>(value: Uint8Array, type: new () => T): T => AsnConvert.parse(value, type)

/**
 * Read one certificate (XD2): exactly one DER element that both `@peculiar/asn1-x509` and
 * OpenSSL (`node:crypto`) read, with no extension twice and every extension the checks use
 * readable; otherwise the reason.
 *
 * @example
 * readCertificate(new Uint8Array([0x30, 0x00])) // left('not a certificate')
 */
export const readCertificate = (input: Uint8Array): E.Either<string, CertificateFacts> => {
  try {
    const der = Uint8Array.from(input)
    const outer = readTlv(der, 0)
    if (outer === undefined || outer.tag !== 0x30 || outer.end !== der.length) return E.left('not exactly one DER element')
    const top = children(der, outer)
    const tbs = top?.[0]
    const tbsFields = tbs === undefined ? undefined : children(der, tbs)
    const outerAlg = top?.[1]
    if (top?.length !== 3 || tbsFields === undefined || outerAlg === undefined) return E.left('not a certificate')
    const offset = tbsFields[0]?.tag === 0xa0 ? 1 : 0
    const tbsAlg = tbsFields[offset + 1]
    const spki = tbsFields[offset + 5]
    if (tbsAlg === undefined || spki === undefined) return E.left('not a certificate')
    const cert = AsnConvert.parse(der, X.Certificate)
    const t = cert.tbsCertificate
    const x509 = new X509Certificate(der)
    const publicKey = x509.publicKey
    const extensions = (t.extensions ?? []).map((e) => ({ oid: e.extnID, critical: e.critical, value: buffer(e.extnValue.buffer) }))
    const oids = extensions.map((e) => e.oid)
    if (new Set(oids).size !== oids.length) return E.left('an extension occurs twice')
    const ext = (oid: string): Uint8Array | undefined => extensions.find((e) => e.oid === oid)?.value
    const bc = ext(OID.basicConstraints)
    const ku = ext(OID.keyUsage)
    const eku = ext(OID.extKeyUsage)
    const san = ext(OID.subjectAltName)
    const nc = ext(OID.nameConstraints)
    const skid = ext(OID.subjectKeyId)
    const akid = ext(OID.authorityKeyId)
    const basic = bc === undefined ? undefined : parseExtension(bc, X.BasicConstraints)
    const aki = akid === undefined ? undefined : parseExtension(akid, X.AuthorityKeyIdentifier)
    const signatureAlgorithm = cert.signatureAlgorithm.algorithm
    return E.right({
      der,
      version: t.version + 1,
      serial: buffer(t.serialNumber),
      issuer: readName(t.issuer),
      subject: readName(t.subject),
      signatureAlgorithm,
      signatureAlgorithmConsistent: bytesEqual(slice(der, outerAlg), slice(der, tbsAlg)),
      pssHash: signatureAlgorithm === OID.rsassaPss ? pssHashOf(der, outerAlg) : undefined,
      spki: slice(der, spki),
      publicKey,
      x509,
      extensions,
      basicConstraints: basic === undefined ? undefined : { ca: basic.cA, pathLength: basic.pathLenConstraint },
      keyUsage: ku === undefined ? undefined : parseExtension(ku, X.KeyUsage).toNumber(),
      extendedKeyUsage: eku === undefined ? undefined : [...parseExtension(eku, X.ExtendedKeyUsage)],
      subjectAltName: san === undefined ? undefined : [...parseExtension(san, X.SubjectAlternativeName)],
      nameConstraints: nc === undefined ? undefined : parseExtension(nc, X.NameConstraints),
      subjectKeyId: skid === undefined ? undefined : buffer(parseExtension(skid, X.SubjectKeyIdentifier).buffer),
      authorityKeyId:
        aki === undefined
          ? undefined
          : {
              keyId: aki.keyIdentifier === undefined ? undefined : buffer(aki.keyIdentifier.buffer),
              issuers: aki.authorityCertIssuer ?? [],
              serial: aki.authorityCertSerialNumber === undefined ? undefined : buffer(aki.authorityCertSerialNumber)
            }
    })
  } catch (e) {
    return E.left(e instanceof Error ? e.message.replace(/\.$/, '') : 'unreadable')
  }
}

/**
 * Whether two byte strings are present and equal.
 *
 * @example
 * sameBytes(new Uint8Array([1]), new Uint8Array([1])) // true
 */
export const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i])
