/**
 * RFC 5280 certification path validation of a leaf-first chain whose last certificate is the
 * trust anchor, as the did:x509 reference resolver has OpenSSL do it (XD3–XD12 of
 * `spec/trust.md`): flags `X509_STRICT`, `PARTIAL_CHAIN`, `CHECK_SS_SIGNATURE`, no time check, and
 * authentication level 2 as CCF sets it. The checks run in OpenSSL's order and the first failure
 * is the answer, in OpenSSL's words. Private to the trust layer.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { type CertificateFacts, KU, readName, sameBytes, sameName } from './certificate.js'
import { nameConstraintViolation } from './certificateNameConstraints.js'
import { type DidX509Refusal, didX509Refusal } from './didX509Refusal.js'

type Failed = E.Either<DidX509Refusal, never>
type Tag = 'KeyTooWeak' | 'IssuerNotFound' | 'UnhandledCriticalExtension' | 'InvalidCaCertificate' | 'NonConformingCertificate'
type Tag2 = 'PathLengthExceeded' | 'WeakSignatureAlgorithm' | 'SignatureFailure' | 'NameConstraintViolation'
const fail = (tag: Tag | Tag2, depth: number, reason: string): Failed => E.left(didX509Refusal(tag, { depth, reason }))

// Critical extensions OpenSSL processes (X509_supported_extension); any other critical one is refused.
const SUPPORTED_CRITICAL = new Set([
  '2.16.840.1.113730.1.1', // nsCertType
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.32', // certificatePolicies
  '2.5.29.37', // extKeyUsage
  '1.3.6.1.5.5.7.1.7', // sbgp-ipAddrBlock
  '1.3.6.1.5.5.7.1.8', // sbgp-autonomousSysNum
  '2.5.29.36', // policyConstraints
  '1.3.6.1.5.5.7.1.14', // proxyCertInfo
  '2.5.29.30', // nameConstraints
  '2.5.29.33', // policyMappings
  '2.5.29.54' // inhibitAnyPolicy
])
const PROXY_CERT_INFO = '1.3.6.1.5.5.7.1.14'

// The key type each signature algorithm needs (OpenSSL check_sig_alg_match), and the digests
// authentication level 2 (112 bits of security) refuses.
const EC_SIG = new Set(['1.2.840.10045.4.1', '1.2.840.10045.4.3.1', '1.2.840.10045.4.3.2', '1.2.840.10045.4.3.3', '1.2.840.10045.4.3.4'])
const RSA_SIG = new Set(['1.2.840.113549.1.1.2', '1.2.840.113549.1.1.3', '1.2.840.113549.1.1.4', '1.2.840.113549.1.1.5', '1.2.840.113549.1.1.10', '1.2.840.113549.1.1.11', '1.2.840.113549.1.1.12', '1.2.840.113549.1.1.13', '1.2.840.113549.1.1.14'])
const DSA_SIG = new Set(['1.2.840.10040.4.3', '2.16.840.1.101.3.4.3.1', '2.16.840.1.101.3.4.3.2'])
const WEAK_SIG = new Set(['1.2.840.10045.4.1', '1.2.840.113549.1.1.2', '1.2.840.113549.1.1.3', '1.2.840.113549.1.1.4', '1.2.840.113549.1.1.5', '1.2.840.10040.4.3'])

const keyType = (c: CertificateFacts): string => c.publicKey.asymmetricKeyType ?? ''

const signsWith = (issuer: CertificateFacts, sigAlg: string): boolean => {
  const k = keyType(issuer)
  if (EC_SIG.has(sigAlg)) return k === 'ec'
  if (RSA_SIG.has(sigAlg)) return k === 'rsa' || (k === 'rsa-pss' && sigAlg === '1.2.840.113549.1.1.10')
  if (DSA_SIG.has(sigAlg)) return k === 'dsa'
  if (sigAlg === '1.3.101.112') return k === 'ed25519'
  if (sigAlg === '1.3.101.113') return k === 'ed448'
  return false
}

// OpenSSL X509_check_akid: a present key id, serial or directory name must be the issuer's.
const akidMatches = (issuer: CertificateFacts, subject: CertificateFacts): boolean => {
  const akid = subject.authorityKeyId
  if (akid === undefined) return true
  if (akid.keyId !== undefined && issuer.subjectKeyId !== undefined && !sameBytes(akid.keyId, issuer.subjectKeyId)) return false
  if (akid.serial !== undefined && !sameBytes(akid.serial, issuer.serial)) return false
  const dir = akid.issuers.find((g) => g.directoryName !== undefined)
  return dir === undefined || dir.directoryName === undefined || sameName(readName(dir.directoryName), issuer.issuer)
}

/** OpenSSL `ossl_x509_likely_issued`: names chain, the key ids agree, the key fits the signature. */
const likelyIssued = (issuer: CertificateFacts, subject: CertificateFacts): boolean =>
  sameName(issuer.subject, subject.issuer) && akidMatches(issuer, subject) && signsWith(issuer, subject.signatureAlgorithm)

const selfIssued = (c: CertificateFacts): boolean => sameName(c.subject, c.issuer)
const selfSigned = (c: CertificateFacts): boolean => likelyIssued(c, c)

/** Bits of the curve a named EC key is on (the greatest number in its name), 0 for explicit curves. */
const curveBits = (c: CertificateFacts): number => {
  const name = c.publicKey.asymmetricKeyDetails?.namedCurve
  return name === undefined ? 0 : Math.max(0, ...Array.from(name.matchAll(/\d+/g), (m) => Number(m[0])))
}

/** Authentication level 2: 112 bits of security (RSA and DSA ≥ 2048 bits, EC ≥ 224 bits). */
const keyStrong = (c: CertificateFacts): boolean => {
  const k = keyType(c)
  if (k === 'rsa' || k === 'rsa-pss' || k === 'dsa') return (c.publicKey.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048
  if (k === 'ec') return curveBits(c) === 0 || curveBits(c) >= 224 // explicit curves are refused by XD3's curve check
  return k === 'ed25519' || k === 'ed448' || k === 'x25519' || k === 'x448'
}

const digestStrong = (c: CertificateFacts): boolean =>
  !WEAK_SIG.has(c.signatureAlgorithm) && (c.pssHash === undefined || ['sha224', 'sha256', 'sha384', 'sha512'].includes(c.pssHash))

/** OpenSSL X509_check_ca: 1 a CA, 0 not one, 3 a v1 self-signed root, 4 key usage without constraints. */
const caKind = (c: CertificateFacts): number => {
  if (c.keyUsage !== undefined && (c.keyUsage & KU.keyCertSign) === 0) return 0
  if (c.basicConstraints !== undefined) return c.basicConstraints.ca ? 1 : 0
  if (c.version === 1 && selfSigned(c)) return 3
  return c.keyUsage !== undefined ? 4 : 0
}

const isCa = (c: CertificateFacts): boolean => c.basicConstraints?.ca === true

// XD4: from the leaf, each issuer is the anchor when it issued the certificate (trusted first),
// else the first supplied intermediate that did and is not yet in the path.
const buildPath = (certs: ReadonlyArray<CertificateFacts>): E.Either<DidX509Refusal, ReadonlyArray<CertificateFacts>> => {
  const anchor = certs[certs.length - 1]!
  const untrusted = certs.slice(1, -1)
  const path: CertificateFacts[] = [certs[0]!]
  for (;;) {
    const top = path[path.length - 1]!
    if (likelyIssued(anchor, top)) return E.right(sameBytes(top.der, anchor.der) ? path : [...path, anchor])
    if (path.length === 1 && sameBytes(top.der, anchor.der)) return E.right(path)
    const next = selfSigned(top) ? undefined : untrusted.find((c) => !path.some((p) => sameBytes(p.der, c.der)) && likelyIssued(c, top))
    if (next === undefined) {
      const reason = !selfSigned(top)
        ? 'unable to get local issuer certificate'
        : path.length === 1
          ? 'self-signed certificate'
          : 'self-signed certificate in certificate chain'
      return fail('IssuerNotFound', path.length - 1, reason)
    }
    path.push(next)
  }
}

// XD7: the RFC 5280 profile checks of X509_STRICT, first failure in OpenSSL's order.
const nonConforming = (x: CertificateFacts): string | undefined => {
  const ku = x.keyUsage ?? 0
  if (x.basicConstraints?.pathLength !== undefined) {
    if (!isCa(x)) return 'Path length invalid for non-CA cert'
    if ((ku & KU.keyCertSign) === 0) return 'Path length given without key usage keyCertSign'
  }
  if (isCa(x) && x.keyUsage === undefined) return 'CA cert does not include key usage extension'
  if (!isCa(x) && (ku & KU.keyCertSign) !== 0) return 'Key usage keyCertSign invalid for non-CA cert'
  if (x.issuer.rdns.flat().length === 0) return 'Issuer name empty'
  if ((isCa(x) || (ku & KU.cRLSign) !== 0 || x.subjectAltName === undefined) && x.subject.rdns.flat().length === 0) return 'Subject name empty'
  if (x.subjectAltName !== undefined && x.subjectAltName.length === 0) return 'Empty Subject Alternative Name extension'
  if (!x.signatureAlgorithmConsistent) return 'cert info signature and signature algorithm mismatch'
  if (x.version >= 3) {
    // OpenSSL's "Missing Authority Key Identifier" is tolerated, as CCF's didx509cpp tolerates it.
    if (isCa(x) && x.subjectKeyId === undefined) return 'Missing Subject Key Identifier'
  } else if (x.extensions.length > 0) return 'Using cert extension requires at least X509v3'
  return undefined
}

// OpenSSL check_extensions, certificate by certificate from the leaf.
const checkExtensions = (path: ReadonlyArray<CertificateFacts>): Failed | undefined => {
  let plen = 0
  for (let i = 0; i < path.length; i++) {
    const x = path[i]!
    if (x.extensions.some((e) => e.critical && !SUPPORTED_CRITICAL.has(e.oid))) return fail('UnhandledCriticalExtension', i, 'unhandled critical extension') // XD5
    if (x.extensions.some((e) => e.oid === PROXY_CERT_INFO)) return fail('NonConformingCertificate', i, 'proxy certificates not allowed, please set the appropriate flag') // XD7
    const ca = caKind(x)
    if (i === 0 ? ca !== 0 && ca !== 1 : ca !== 1) return fail('InvalidCaCertificate', i, 'invalid CA certificate') // XD6
    if (path.length > 1 && keyType(x) === 'ec' && curveBits(x) === 0) return fail('KeyTooWeak', i, 'Certificate public key has explicit ECC parameters') // XD3
    const profile = path.length > 1 ? nonConforming(x) : undefined
    if (profile !== undefined) return fail('NonConformingCertificate', i, profile) // XD7
    const limit = x.basicConstraints?.pathLength
    if (i > 1 && limit !== undefined && plen > limit) return fail('PathLengthExceeded', i, 'path length constraint exceeded') // XD8
    if (i > 0 && !selfIssued(x)) plen++
  }
  return undefined
}

// OpenSSL internal_verify: from the anchor down, each certificate under the key of the one above;
// the anchor's own signature when it is self-issued (CHECK_SS_SIGNATURE).
const checkSignatures = (path: ReadonlyArray<CertificateFacts>): Failed | undefined => {
  const last = path.length - 1
  for (let n = last; n >= 0; n--) {
    const xs = path[n]!
    const xi = n === last ? xs : path[n + 1]!
    if (n === last && !likelyIssued(xs, xs)) continue
    let verified = false
    try {
      verified = xs.x509.verify(xi.publicKey)
    } catch {
      verified = false
    }
    if (!verified) return fail('SignatureFailure', n, 'certificate signature failure') // XD10
  }
  return undefined
}

// OpenSSL check_name_constraints: each certificate (self-issued ones only as the leaf) against the
// constraints of every certificate above it, from the top.
const checkNameConstraints = (path: ReadonlyArray<CertificateFacts>): Failed | undefined => {
  for (let i = path.length - 1; i >= 0; i--) {
    const x = path[i]!
    if (i !== 0 && selfIssued(x)) continue
    for (let j = path.length - 1; j > i; j--) {
      const nc = path[j]!.nameConstraints
      const violation = nc === undefined ? undefined : nameConstraintViolation(x, nc)
      if (violation !== undefined) return fail('NameConstraintViolation', i, violation) // XD11
    }
  }
  return undefined
}

/**
 * Validate a leaf-first chain with its last certificate as trust anchor (XD3–XD12), validity
 * dates not checked: the verified path, which must be the chain supplied.
 *
 * @example
 * declare const chain: ReadonlyArray<CertificateFacts>
 * validatePath(chain) // right(chain) when it verifies
 */
export const validatePath = (certs: ReadonlyArray<CertificateFacts>): E.Either<DidX509Refusal, ReadonlyArray<CertificateFacts>> => {
  if (!keyStrong(certs[0]!)) return fail('KeyTooWeak', 0, 'EE certificate key too weak') // XD3
  const built = buildPath(certs) // XD4
  if (E.isLeft(built)) return built
  const path = built.right
  const extensions = checkExtensions(path) // XD5–XD8
  if (extensions !== undefined) return extensions
  for (let i = 0; i < path.length; i++) {
    if (i > 0 && !keyStrong(path[i]!)) return fail('KeyTooWeak', i, 'CA certificate key too weak') // XD3
    if (i < path.length - 1 && !digestStrong(path[i]!)) return fail('WeakSignatureAlgorithm', i, 'CA signature digest algorithm too weak') // XD9
  }
  const failure = checkSignatures(path) ?? checkNameConstraints(path) // XD10, XD11
  if (failure !== undefined) return failure
  // XD12: the verified path is the supplied chain, certificate for certificate.
  if (path.length !== certs.length || path.some((c, i) => !sameBytes(c.der, certs[i]!.der))) return E.left(didX509Refusal('ChainMismatch', {}))
  return E.right(path)
}
