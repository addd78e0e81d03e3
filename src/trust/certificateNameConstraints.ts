/**
 * RFC 5280 name constraints as OpenSSL applies them during path validation (XD11 of
 * `spec/trust.md`, OpenSSL `NAME_CONSTRAINTS_check`): the subject name, the subject's
 * emailAddress attributes and every subject alternative name of a certificate against the
 * permitted and excluded subtrees of a certificate above it. Private to the trust layer.
 *
 * @since 0.1.0
 */
import type * as X from '@peculiar/asn1-x509'
import { asciiLower } from '../internal/text.js'
import { type CertificateFacts, type CertificateName, OID, readName } from './certificate.js'

const OK = undefined
const PERMITTED = 'permitted subtree violation'
const EXCLUDED = 'excluded subtree violation'
const MINMAX = 'name constraints minimum and maximum not supported'
const UNSUPPORTED_TYPE = 'unsupported name constraint type'
const NAME_SYNTAX = 'unsupported or invalid name syntax'

type Outcome = string | undefined

/** A name of a certificate, by the GeneralName type constraints compare it with. */
type Subject =
  | { readonly type: 'dirName'; readonly name: CertificateName }
  | { readonly type: 'email' | 'dns' | 'uri'; readonly value: string }
  | { readonly type: 'other'; readonly kind: string }

const sameIgnoringCase = (a: string, b: string): boolean => a.length === b.length && asciiLower(a) === asciiLower(b)

// OpenSSL nc_dns: an empty base matches everything; otherwise a right-hand match on a label boundary.
const dns = (name: string, base: string): Outcome => {
  if (base.length === 0) return OK
  if (name.length < base.length) return PERMITTED
  const tail = name.slice(name.length - base.length)
  if (name.length > base.length && !base.startsWith('.') && name[name.length - base.length - 1] !== '.') return PERMITTED
  return sameIgnoringCase(tail, base) ? OK : PERMITTED
}

// OpenSSL nc_email: ".host" matches by suffix; "local@host" the local part exactly; "host" the host.
const email = (name: string, base: string): Outcome => {
  const nameAt = name.lastIndexOf('@')
  if (nameAt < 0) return NAME_SYNTAX
  const baseAt = base.lastIndexOf('@')
  if (baseAt < 0 && base.startsWith('.')) {
    return name.length > base.length && sameIgnoringCase(name.slice(name.length - base.length), base) ? OK : PERMITTED
  }
  let host = base
  if (baseAt >= 0) {
    if (baseAt > 0) {
      if (baseAt !== nameAt) return PERMITTED
      if (base.slice(0, baseAt).includes('\u0000') || name.slice(0, nameAt).includes('\u0000')) return NAME_SYNTAX
      if (base.slice(0, baseAt) !== name.slice(0, nameAt)) return PERMITTED
    }
    host = base.slice(baseAt + 1)
  }
  return sameIgnoringCase(host, name.slice(nameAt + 1)) ? OK : PERMITTED
}

// OpenSSL nc_uri: the host between "scheme://" and the first ':' or '/'; ".host" by suffix.
const uri = (name: string, base: string): Outcome => {
  const colon = name.indexOf(':')
  if (colon < 0 || name.slice(colon, colon + 3) !== '://') return NAME_SYNTAX
  const rest = name.slice(colon + 3)
  const port = rest.indexOf(':')
  const slash = rest.indexOf('/')
  const end = port >= 0 ? port : slash >= 0 ? slash : rest.length
  const host = rest.slice(0, end)
  if (host.length === 0) return NAME_SYNTAX
  if (base.startsWith('.')) return host.length > base.length && sameIgnoringCase(host.slice(host.length - base.length), base) ? OK : PERMITTED
  return sameIgnoringCase(host, base) ? OK : PERMITTED
}

// OpenSSL nc_dn: the base's canonical encoding is a prefix of the name's (taken here RDN by RDN).
const dirName = (name: CertificateName, base: CertificateName): Outcome =>
  base.canonical.length <= name.canonical.length && base.canonical.every((r, i) => r === name.canonical[i]) ? OK : PERMITTED

const typeOf = (g: X.GeneralName): string =>
  g.rfc822Name !== undefined
    ? 'email'
    : g.dNSName !== undefined
      ? 'dns'
      : g.uniformResourceIdentifier !== undefined
        ? 'uri'
        : g.directoryName !== undefined
          ? 'dirName'
          : g.iPAddress !== undefined
            ? 'ip'
            : g.otherName !== undefined
              ? 'otherName'
              : g.registeredID !== undefined
                ? 'registeredID'
                : 'x400OrEdi'

const single = (subject: Subject, base: X.GeneralName): Outcome => {
  switch (subject.type) {
    case 'dns':
      return dns(subject.value, base.dNSName ?? '')
    case 'email':
      return email(subject.value, base.rfc822Name ?? '')
    case 'uri':
      return uri(subject.value, base.uniformResourceIdentifier ?? '')
    case 'dirName':
      return base.directoryName === undefined ? PERMITTED : dirName(subject.name, readName(base.directoryName))
    default:
      // IP addresses and the rarer types: the did:x509 data model refuses such names anyway (XD14).
      return UNSUPPORTED_TYPE
  }
}

const kindOf = (s: Subject): string => (s.type === 'other' ? s.kind : s.type)

// OpenSSL nc_match: some permitted subtree of the name's type must match, when there is one; no
// excluded subtree of its type may.
const match = (subject: Subject, nc: X.NameConstraints): Outcome => {
  let state: 0 | 1 | 2 = 0
  for (const sub of Array.from(nc.permittedSubtrees ?? [])) {
    if (typeOf(sub.base) !== kindOf(subject)) continue
    if (sub.minimum !== 0 || sub.maximum !== undefined) return MINMAX
    if (state === 2) continue
    state = 1
    const r = single(subject, sub.base)
    if (r === OK) state = 2
    else if (r !== PERMITTED) return r
  }
  if (state === 1) return PERMITTED
  for (const sub of Array.from(nc.excludedSubtrees ?? [])) {
    if (typeOf(sub.base) !== kindOf(subject)) continue
    if (sub.minimum !== 0 || sub.maximum !== undefined) return MINMAX
    const r = single(subject, sub.base)
    if (r === OK) return EXCLUDED
    if (r !== PERMITTED) return r
  }
  return OK
}

/** The names of a certificate that constraints apply to: subject, its emailAddress values, its SANs. */
const subjectsOf = (x: CertificateFacts): Subject[] => {
  const out: Subject[] = []
  if (x.subject.rdns.some((rdn) => rdn.length > 0)) {
    out.push({ type: 'dirName', name: x.subject })
    for (const a of x.subject.rdns.flat()) {
      if (a.oid === OID.emailAddress) out.push(a.value === undefined ? { type: 'other', kind: 'invalidEmail' } : { type: 'email', value: a.value })
    }
  }
  for (const g of x.subjectAltName ?? []) {
    const kind = typeOf(g)
    if (kind === 'email') out.push({ type: 'email', value: g.rfc822Name ?? '' })
    else if (kind === 'dns') out.push({ type: 'dns', value: g.dNSName ?? '' })
    else if (kind === 'uri') out.push({ type: 'uri', value: g.uniformResourceIdentifier ?? '' })
    else if (kind === 'dirName' && g.directoryName !== undefined) out.push({ type: 'dirName', name: readName(g.directoryName) })
    else out.push({ type: 'other', kind })
  }
  return out
}

/**
 * Why certificate `x` violates the name constraints `nc` of a certificate above it (OpenSSL's
 * words), or `undefined` when it does not.
 *
 * @example
 * declare const leaf: CertificateFacts
 * declare const constraints: X.NameConstraints
 * nameConstraintViolation(leaf, constraints) // 'permitted subtree violation' | undefined
 */
export const nameConstraintViolation = (x: CertificateFacts, nc: X.NameConstraints): string | undefined => {
  for (const s of subjectsOf(x)) {
    const r = s.type === 'other' && s.kind === 'invalidEmail' ? NAME_SYNTAX : match(s, nc)
    if (r !== OK) return r
  }
  return OK
}
