/**
 * Typed refusals of did:x509 resolution (XD rules of `spec/trust.md`). The message of every
 * refusal the did:x509 test vectors exercise is, word for word, the error of the reference
 * resolver (microsoft/did-x509 `didx509.py`); chain-verification refusals quote OpenSSL's
 * verification error as that resolver does.
 *
 * @since 0.1.0
 */
import { type RefusalMessages, refusalConstructor, type RefusalUnion } from '../codec/refusal.js'

/**
 * The rule each did:x509 refusal enforces.
 *
 * @example
 * DID_X509_REFUSAL_RULES.FingerprintMismatch // 'XD20'
 *
 * @category trust
 * @since 0.1.0
 */
export const DID_X509_REFUSAL_RULES = {
  ChainTooShort: 'XD1',
  MalformedCertificate: 'XD2',
  KeyTooWeak: 'XD3',
  IssuerNotFound: 'XD4',
  UnhandledCriticalExtension: 'XD5',
  InvalidCaCertificate: 'XD6',
  NonConformingCertificate: 'XD7',
  PathLengthExceeded: 'XD8',
  WeakSignatureAlgorithm: 'XD9',
  SignatureFailure: 'XD10',
  NameConstraintViolation: 'XD11',
  ChainMismatch: 'XD12',
  DuplicateNameAttribute: 'XD13',
  UnsupportedCertificateContent: 'XD14',
  UnsupportedCriticalExtension: 'XD15',
  InvalidDidPrefix: 'XD16',
  DidUrlPathOrQuery: 'XD17',
  BadFingerprintAlgorithm: 'XD18',
  MissingPredicate: 'XD19',
  FingerprintMismatch: 'XD20',
  SubjectPredicateFailed: 'XD21',
  SanPredicateFailed: 'XD22',
  EkuPredicateFailed: 'XD23',
  FulcioIssuerPredicateFailed: 'XD24',
  UnknownPredicate: 'XD25',
  MalformedPercentEncoding: 'XD26',
  LeafKeyUsage: 'XD27',
  UnsupportedKeyType: 'XD28'
} as const

/**
 * The `_tag` of a {@link DidX509Refusal}.
 *
 * @category trust
 * @since 0.1.0
 */
export type DidX509RefusalTag = keyof typeof DID_X509_REFUSAL_RULES

/**
 * The data of a failed path-validation check: the depth of the certificate (0 the leaf) and
 * OpenSSL's words.
 *
 * @category trust
 * @since 0.1.0
 */
export interface DidX509Verification {
  readonly depth: number
  readonly reason: string
}

/**
 * The data of a did:x509 refusal whose message is its reason, word for word.
 *
 * @category trust
 * @since 0.1.0
 */
export interface DidX509Reason {
  readonly reason: string
}

/**
 * The data each did:x509 refusal carries, by tag.
 *
 * @category trust
 * @since 0.1.0
 */
export interface DidX509RefusalData {
  readonly ChainTooShort: { readonly certificates: number }
  readonly MalformedCertificate: { readonly index: number; readonly reason: string }
  readonly KeyTooWeak: DidX509Verification
  readonly IssuerNotFound: DidX509Verification
  readonly UnhandledCriticalExtension: DidX509Verification
  readonly InvalidCaCertificate: DidX509Verification
  readonly NonConformingCertificate: DidX509Verification
  readonly PathLengthExceeded: DidX509Verification
  readonly WeakSignatureAlgorithm: DidX509Verification
  readonly SignatureFailure: DidX509Verification
  readonly NameConstraintViolation: DidX509Verification
  readonly ChainMismatch: Record<string, never>
  readonly DuplicateNameAttribute: { readonly index: number }
  readonly UnsupportedCertificateContent: { readonly index: number; readonly reason: string }
  readonly UnsupportedCriticalExtension: { readonly index: number; readonly oid: string }
  readonly InvalidDidPrefix: Record<string, never>
  readonly DidUrlPathOrQuery: { readonly part: 'path' | 'query' }
  readonly BadFingerprintAlgorithm: DidX509Reason
  readonly MissingPredicate: DidX509Reason
  readonly FingerprintMismatch: Record<string, never>
  readonly SubjectPredicateFailed: DidX509Reason
  readonly SanPredicateFailed: DidX509Reason
  readonly EkuPredicateFailed: DidX509Reason
  readonly FulcioIssuerPredicateFailed: DidX509Reason
  readonly UnknownPredicate: { readonly name: string }
  readonly MalformedPercentEncoding: { readonly value: string }
  readonly LeafKeyUsage: Record<string, never>
  readonly UnsupportedKeyType: DidX509Reason
}

/**
 * Why a did:x509 does not resolve against a certificate chain.
 *
 * @example
 * import { didX509Refusal } from 'runtime-deployments'
 * didX509Refusal('ChainMismatch', {}).message // 'Supplied chain does not match the verified chain.'
 *
 * @category trust
 * @since 0.1.0
 */
export type DidX509Refusal = RefusalUnion<typeof DID_X509_REFUSAL_RULES, DidX509RefusalData>

const verification = (d: DidX509Verification): string => `Certificate chain verification failed: ${d.reason}.`
const reason = (d: DidX509Reason): string => d.reason

const MESSAGES: RefusalMessages<DidX509RefusalData> = {
  ChainTooShort: () => 'Certificate chain must contain at least two certificates.',
  MalformedCertificate: (d) => `Certificate ${d.index} of the chain is not a readable X.509 certificate: ${d.reason}.`,
  KeyTooWeak: verification,
  IssuerNotFound: verification,
  UnhandledCriticalExtension: verification,
  InvalidCaCertificate: verification,
  NonConformingCertificate: verification,
  PathLengthExceeded: verification,
  WeakSignatureAlgorithm: verification,
  SignatureFailure: verification,
  NameConstraintViolation: verification,
  ChainMismatch: () => 'Supplied chain does not match the verified chain.',
  DuplicateNameAttribute: () => 'Certificate name contains duplicate attributes.',
  UnsupportedCertificateContent: reason,
  UnsupportedCriticalExtension: () => 'Certificate contains an unsupported critical extension.',
  InvalidDidPrefix: () => 'DID prefix is invalid.',
  DidUrlPathOrQuery: (d) => (d.part === 'path' ? 'DID URL paths are not supported.' : 'DID URL queries are not supported.'),
  BadFingerprintAlgorithm: reason,
  MissingPredicate: reason,
  FingerprintMismatch: () => 'CA fingerprint does not match the certificate chain.',
  SubjectPredicateFailed: reason,
  SanPredicateFailed: reason,
  EkuPredicateFailed: reason,
  FulcioIssuerPredicateFailed: reason,
  UnknownPredicate: () => 'DID contains an unknown predicate.',
  MalformedPercentEncoding: (d) => `DID predicate value ${JSON.stringify(d.value)} is not valid percent-encoded UTF-8.`,
  LeafKeyUsage: () => 'Leaf certificate key usage does not support DID operations.',
  UnsupportedKeyType: reason
}

/**
 * Build a {@link DidX509Refusal}; the rule and the message derive from the tag and the data.
 *
 * @example
 * didX509Refusal('PathLengthExceeded', { depth: 2, reason: 'path length constraint exceeded' }).message
 * // 'Certificate chain verification failed: path length constraint exceeded.'
 *
 * @category trust
 * @since 0.1.0
 */
export const didX509Refusal = refusalConstructor(DID_X509_REFUSAL_RULES, MESSAGES)
