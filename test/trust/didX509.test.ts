/**
 * did:x509 resolution (spec/trust.md XD1–XD28) on chains the tests build themselves with
 * @peculiar/x509: a root, an intermediate and a leaf that resolve, then one variant per rule that
 * breaks exactly that rule. Hostile inputs are refused as values; inputs are never changed.
 */
import 'reflect-metadata'
import { createHash, generateKeyPairSync, KeyObject, webcrypto } from 'node:crypto'
import { AsnConvert } from '@peculiar/asn1-schema'
import * as X from '@peculiar/asn1-x509'
import * as x509 from '@peculiar/x509'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { resolveDidX509 } from '../../src/trust/didX509.js'
import { DID_X509_REFUSAL_RULES, type DidX509Refusal } from '../../src/trust/didX509Refusal.js'
import { deepFreeze, left, right } from '../support/helpers.js'

x509.cryptoProvider.set(webcrypto as never)

type CryptoKey = webcrypto.CryptoKey
type Keys = webcrypto.CryptoKeyPair
type SigningAlgorithm = webcrypto.EcdsaParams
const ES256 = { name: 'ECDSA', hash: 'SHA-256' }
const ecKeys = async (): Promise<Keys> => (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as Keys
const rsaKeys = async (bits: number): Promise<Keys> =>
  (await webcrypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }, true, [
    'sign',
    'verify'
  ])) as Keys
const ed25519Keys = async (): Promise<Keys> => (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as Keys

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
const der = (value: object): Uint8Array => new Uint8Array(AsnConvert.serialize(value))
const fingerprint = (cert: Uint8Array): string => createHash('sha256').update(cert).digest('base64url')

interface Spec {
  readonly subject: string
  readonly issuer: string
  readonly publicKey: CryptoKey | x509.PublicKey
  readonly signer: CryptoKey
  readonly extensions: ReadonlyArray<x509.Extension>
  readonly signingAlgorithm?: SigningAlgorithm
}

let serial = 1
const cert = async (s: Spec): Promise<Uint8Array> => {
  const c = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(2, '0'),
    subject: s.subject,
    issuer: s.issuer,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2021-01-01T00:00:00Z'), // long expired: validity dates are not checked
    publicKey: s.publicKey,
    signingKey: s.signer,
    signingAlgorithm: s.signingAlgorithm ?? ES256,
    extensions: [...s.extensions]
  })
  return new Uint8Array(c.rawData)
}

const bc = (ca: boolean, pathLength?: number): x509.Extension => new x509.BasicConstraintsExtension(ca, pathLength, true)
const ku = (flags: number): x509.Extension => new x509.KeyUsagesExtension(flags, true)
const ski = (k: CryptoKey | x509.PublicKey): Promise<x509.Extension> => x509.SubjectKeyIdentifierExtension.create(k)
const aki = (k: CryptoKey): Promise<x509.Extension> => x509.AuthorityKeyIdentifierExtension.create(k)
const CA_USAGE = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
const EKU = '1.3.6.1.5.5.7.3.3'
const FULCIO = '1.3.6.1.4.1.57264.1.1'

let root: Keys
let inter: Keys
let leafKeys: Keys
let rootDer: Uint8Array
let interDer: Uint8Array
let DID: string

/** A CA certificate: the intermediate under the root unless told otherwise. */
const ca = async (o: { subject?: string; keys?: Keys; extensions?: ReadonlyArray<x509.Extension>; issuer?: string; signer?: Keys } = {}): Promise<Uint8Array> => {
  const keys = o.keys ?? inter
  const signer = o.signer ?? root
  return cert({
    subject: o.subject ?? 'CN=Inter',
    issuer: o.issuer ?? 'CN=Root',
    publicKey: keys.publicKey,
    signer: signer.privateKey,
    extensions: o.extensions ?? [await ski(keys.publicKey), await aki(signer.publicKey), bc(true), ku(CA_USAGE)]
  })
}

/** The leaf's default extensions: key ids, not a CA, signing, code signing EKU, SANs, Fulcio issuer. */
const leafExtensions = async (publicKey: CryptoKey | x509.PublicKey = leafKeys.publicKey): Promise<x509.Extension[]> => [
  await ski(publicKey),
  await aki(inter.publicKey),
  bc(false),
  ku(x509.KeyUsageFlags.digitalSignature),
  new x509.ExtendedKeyUsageExtension([EKU], false),
  new x509.SubjectAlternativeNameExtension(
    [
      { type: 'dns', value: 'host.example.com' },
      { type: 'email', value: 'user@example.com' },
      { type: 'url', value: 'https://example.com/workflow' }
    ],
    false
  ),
  new x509.Extension(FULCIO, false, utf8('https://accounts.example.com'))
]

/** A leaf under the intermediate, with the default extensions replaced or extended. */
const leaf = async (
  o: { subject?: string; extensions?: ReadonlyArray<x509.Extension>; extra?: ReadonlyArray<x509.Extension>; publicKey?: CryptoKey | x509.PublicKey; signingAlgorithm?: SigningAlgorithm } = {}
): Promise<Uint8Array> =>
  cert({
    subject: o.subject ?? 'CN=Leaf, O=Example Org, C=US',
    issuer: 'CN=Inter',
    publicKey: o.publicKey ?? leafKeys.publicKey,
    signer: inter.privateKey,
    extensions: [...(o.extensions ?? (await leafExtensions(o.publicKey))), ...(o.extra ?? [])],
    ...(o.signingAlgorithm === undefined ? {} : { signingAlgorithm: o.signingAlgorithm })
  })

const resolve = (did: string, chain: ReadonlyArray<Uint8Array>) => resolveDidX509(did, deepFreeze(chain))
const refusal = (did: string, chain: ReadonlyArray<Uint8Array>): DidX509Refusal => left(resolve(did, chain))
const didWith = (...predicates: string[]): string => [`did:x509:0:sha256:${fingerprint(rootDer)}`, ...predicates].join('::')

let leafDer: Uint8Array
let chain: ReadonlyArray<Uint8Array>

beforeAll(async () => {
  root = await ecKeys()
  inter = await ecKeys()
  leafKeys = await ecKeys()
  rootDer = await cert({
    subject: 'CN=Root',
    issuer: 'CN=Root',
    publicKey: root.publicKey,
    signer: root.privateKey,
    extensions: [await ski(root.publicKey), await aki(root.publicKey), bc(true), ku(CA_USAGE)]
  })
  interDer = await ca()
  leafDer = await leaf()
  chain = [leafDer, interDer, rootDer]
  DID = didWith('subject:CN:Leaf:O:Example%20Org')
})

// -------------------------------------------------------------------------------------------------
// resolution
// -------------------------------------------------------------------------------------------------

describe('resolveDidX509', () => {
  it('XD1–XD28: a chain that validates and a DID whose predicates hold resolve to the reference document', () => {
    const r = right(resolve(`${DID}#key`, chain))
    const id = DID
    expect(r.document).toEqual({
      '@context': 'https://www.w3.org/ns/cid/v1',
      id,
      verificationMethod: [{ id: `${id}#0`, type: 'JsonWebKey', controller: id, publicKeyJwk: r.publicKeyJwk }],
      authentication: [`${id}#0`],
      assertionMethod: [`${id}#0`]
    })
    expect(r.keyType).toBe('EC')
    expect(r.publicKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256' })
    expect(r.leafSpki).toEqual(new Uint8Array(KeyObject.from(leafKeys.publicKey).export({ type: 'spki', format: 'der' })))
  })

  it('XD20: the CA fingerprint may be the intermediate’s, by SHA-256, SHA-384 or SHA-512', () => {
    for (const alg of ['sha256', 'sha384', 'sha512'] as const) {
      const fp = createHash(alg).update(interDer).digest('base64url')
      expect(E.isRight(resolve(`did:x509:0:${alg}:${fp}::eku:${EKU}`, chain)), alg).toBe(true)
    }
  })

  it('XD28: RSA and Ed25519 leaves resolve with key types RSA and OKP', async () => {
    for (const [keys, kty] of [
      [await rsaKeys(2048), 'RSA'],
      [await ed25519Keys(), 'OKP']
    ] as const) {
      const r = right(resolve(didWith(`eku:${EKU}`), [await leaf({ publicKey: keys.publicKey }), interDer, rootDer]))
      expect(r.keyType).toBe(kty)
      expect(r.publicKeyJwk.kty).toBe(kty)
    }
  })

  it('XD1: fewer than two certificates is refused', () => {
    expect(refusal(DID, [leafDer])).toMatchObject({ _tag: 'ChainTooShort', rule: 'XD1', message: 'Certificate chain must contain at least two certificates.' })
    expect(refusal(DID, [])).toMatchObject({ rule: 'XD1' })
  })

  it('XD2: bytes that are not exactly one DER certificate are refused', () => {
    expect(refusal(DID, [leafDer, Uint8Array.of(0x30, 0x03, 1, 2, 3)])).toMatchObject({ _tag: 'MalformedCertificate', rule: 'XD2', index: 1 })
    expect(refusal(DID, [Uint8Array.from([...leafDer, 0]), interDer, rootDer])).toMatchObject({ rule: 'XD2', index: 0 })
    expect(refusal(DID, [leafDer, 'not bytes' as unknown as Uint8Array])).toMatchObject({ rule: 'XD2', index: 1 })
  })

  it('XD3: a leaf key below 112 bits of security (RSA-1024) is refused', async () => {
    const weak = await leaf({ publicKey: (await rsaKeys(1024)).publicKey })
    expect(refusal(DID, [weak, interDer, rootDer])).toMatchObject({ rule: 'XD3', message: 'Certificate chain verification failed: EE certificate key too weak.' })
  })

  it('XD4: a certificate whose issuer is not in the chain is refused', () => {
    expect(refusal(DID, [leafDer, rootDer])).toMatchObject({
      rule: 'XD4',
      depth: 0,
      message: 'Certificate chain verification failed: unable to get local issuer certificate.'
    })
  })

  it('XD5: an unknown critical extension is refused', async () => {
    const l = await leaf({ extra: [new x509.Extension('1.2.3.4', true, Uint8Array.of(5, 0))] })
    expect(refusal(DID, [l, interDer, rootDer])).toMatchObject({ rule: 'XD5', message: 'Certificate chain verification failed: unhandled critical extension.' })
  })

  it('XD6: an issuer that is not a CA is refused', async () => {
    const i = await ca({ extensions: [await ski(inter.publicKey), await aki(root.publicKey), bc(false), ku(x509.KeyUsageFlags.digitalSignature)] })
    expect(refusal(DID, [leafDer, i, rootDer])).toMatchObject({ rule: 'XD6', depth: 1, message: 'Certificate chain verification failed: invalid CA certificate.' })
  })

  it('XD7: a CA certificate without a subject key identifier is refused (X509_STRICT); a missing authority key id is tolerated', async () => {
    const i = await ca({ extensions: [await aki(root.publicKey), bc(true), ku(CA_USAGE)] })
    expect(refusal(DID, [leafDer, i, rootDer])).toMatchObject({ rule: 'XD7', message: 'Certificate chain verification failed: Missing Subject Key Identifier.' })
    const noAki = await leaf({ extensions: (await leafExtensions()).filter((e) => e.type !== '2.5.29.35') })
    expect(E.isRight(resolve(DID, [noAki, interDer, rootDer]))).toBe(true)
  })

  it('XD8: a path length constraint of 0 on the root refuses an intermediate below it', async () => {
    const r0 = await cert({
      subject: 'CN=Root',
      issuer: 'CN=Root',
      publicKey: root.publicKey,
      signer: root.privateKey,
      extensions: [await ski(root.publicKey), await aki(root.publicKey), bc(true, 0), ku(CA_USAGE)]
    })
    expect(refusal(DID, [leafDer, interDer, r0])).toMatchObject({ rule: 'XD8', depth: 2, message: 'Certificate chain verification failed: path length constraint exceeded.' })
  })

  it('XD9: a certificate signed with a SHA-1 digest is refused', async () => {
    const l = await leaf({ signingAlgorithm: { name: 'ECDSA', hash: 'SHA-1' } })
    expect(refusal(DID, [l, interDer, rootDer])).toMatchObject({ rule: 'XD9', message: 'Certificate chain verification failed: CA signature digest algorithm too weak.' })
  })

  it('XD10: a broken signature is refused', () => {
    const broken = leafDer.slice()
    broken[broken.length - 1] = broken[broken.length - 1]! ^ 0x01
    expect(refusal(DID, [broken, interDer, rootDer])).toMatchObject({ rule: 'XD10', depth: 0, message: 'Certificate chain verification failed: certificate signature failure.' })
  })

  it('XD11: a SAN outside the permitted subtree of an issuer is refused', async () => {
    const nc = der(new X.NameConstraints({ permittedSubtrees: new X.GeneralSubtrees([new X.GeneralSubtree({ base: new X.GeneralName({ dNSName: 'other.test' }) })]) }))
    const i = await ca({ extensions: [await ski(inter.publicKey), await aki(root.publicKey), bc(true), ku(CA_USAGE), new x509.Extension('2.5.29.30', true, nc)] })
    expect(refusal(DID, [leafDer, i, rootDer])).toMatchObject({ rule: 'XD11', message: 'Certificate chain verification failed: permitted subtree violation.' })
  })

  it('XD12: a supplied chain that is not the verified path is refused', async () => {
    const other = await ecKeys()
    const unrelated = await cert({
      subject: 'CN=Unrelated',
      issuer: 'CN=Unrelated',
      publicKey: other.publicKey,
      signer: other.privateKey,
      extensions: [await ski(other.publicKey), await aki(other.publicKey), bc(true), ku(CA_USAGE)]
    })
    expect(refusal(DID, [leafDer, unrelated, interDer, rootDer])).toMatchObject({ rule: 'XD12', message: 'Supplied chain does not match the verified chain.' })
  })

  it('XD13: a certificate name with a repeated attribute type is refused', async () => {
    const l = await leaf({ subject: 'CN=Leaf, CN=Other' })
    expect(refusal(DID, [l, interDer, rootDer])).toMatchObject({ rule: 'XD13', message: 'Certificate name contains duplicate attributes.' })
  })

  it('XD14: a SAN of a type outside the data model (an IP address) is refused', async () => {
    const exts = (await leafExtensions()).filter((e) => e.type !== '2.5.29.17')
    const l = await leaf({ extensions: [...exts, new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }], false)] })
    expect(refusal(DID, [l, interDer, rootDer])).toMatchObject({ rule: 'XD14', message: 'Certificate contains an unsupported SAN type.' })
  })

  it('XD15: a critical extension OpenSSL handles but the data model does not is refused', async () => {
    const l = await leaf({ extra: [new x509.Extension('2.16.840.1.113730.1.1', true, Uint8Array.of(3, 2, 7, 0x80))] })
    expect(refusal(DID, [l, interDer, rootDer])).toMatchObject({ rule: 'XD15', message: 'Certificate contains an unsupported critical extension.' })
  })

  it('XD16: a DID that is not did:x509 version 0 is refused', () => {
    expect(refusal(DID.replace('did:x509:', 'did:y509:'), chain)).toMatchObject({ rule: 'XD16', message: 'DID prefix is invalid.' })
    expect(refusal(42 as unknown as string, chain)).toMatchObject({ rule: 'XD16' })
  })

  it('XD17: a DID URL with a path or a query is refused; after a fragment they are ignored', () => {
    expect(refusal(`${DID}/path`, chain)).toMatchObject({ rule: 'XD17', message: 'DID URL paths are not supported.' })
    expect(refusal(`${DID}?q=1`, chain)).toMatchObject({ rule: 'XD17', message: 'DID URL queries are not supported.' })
    expect(right(resolve(`${DID}#0/path?q=1`, chain)).document.id).toBe(DID)
  })

  it('XD18: a fingerprint algorithm other than sha256, sha384, sha512, or no fingerprint, is refused', () => {
    expect(refusal(DID.replace(':sha256:', ':sha1:'), chain)).toMatchObject({ rule: 'XD18', message: 'Fingerprint algorithm is not supported.' })
    expect(refusal('did:x509:0:sha256::subject:CN:Leaf', chain)).toMatchObject({ rule: 'XD18' })
  })

  it('XD19: a DID without a predicate, or with a predicate without a value, is refused', () => {
    expect(refusal(didWith(), chain)).toMatchObject({ rule: 'XD19', message: 'DID must contain at least one predicate.' })
    expect(refusal(didWith('eku'), chain)).toMatchObject({ rule: 'XD19' })
  })

  it('XD20: a fingerprint of the leaf, or of no certificate of the chain, is refused', () => {
    const leafFp = `did:x509:0:sha256:${fingerprint(leafDer)}::eku:${EKU}`
    expect(refusal(leafFp, chain)).toMatchObject({ rule: 'XD20', message: 'CA fingerprint does not match the certificate chain.' })
  })

  it('XD21: subject predicates match the leaf subject exactly, in any order, keys once each, labelled types by label only', () => {
    expect(E.isRight(resolve(didWith('subject:C:US:CN:Leaf'), chain))).toBe(true)
    expect(refusal(didWith('subject:2.5.4.3:Leaf'), chain)).toMatchObject({ rule: 'XD21', message: 'Subject predicate contains an unknown key.' })
    const reason = (p: string): string => refusal(didWith(p), chain).message
    expect(reason('subject:CN:Lea')).toBe('Subject predicate does not match the certificate.')
    expect(reason('subject:CN')).toBe('Subject predicate requires key-value pairs.')
    expect(reason('subject:CN:Leaf:CN:Leaf')).toBe('Subject predicate contains duplicate fields.')
    expect(reason('subject:ST:Leaf')).toBe('Subject predicate contains an unknown key.')
    expect(refusal(didWith('subject:CN:Leaf:S:x'), chain)).toMatchObject({ rule: 'XD21', message: 'Subject predicate contains an unknown key.' })
  })

  it('XD22: san predicates name one type and one percent-encoded value among the leaf SANs', () => {
    expect(E.isRight(resolve(didWith('san:uri:https%3A%2F%2Fexample.com%2Fworkflow', 'san:email:user%40example.com', 'san:dns:host.example.com'), chain))).toBe(true)
    expect(refusal(didWith('san:email:other%40example.com'), chain)).toMatchObject({ rule: 'XD22', message: 'SAN predicate does not match the certificate.' })
    expect(refusal(didWith('san:dns:user%40example.com'), chain)).toMatchObject({ rule: 'XD22' })
    expect(refusal(didWith('san:email'), chain)).toMatchObject({ rule: 'XD22', message: 'SAN predicate requires exactly one type and value.' })
  })

  it('XD23: eku predicates name one of the leaf extended key usages', async () => {
    expect(refusal(didWith('eku:1.2.3'), chain)).toMatchObject({ rule: 'XD23', message: 'EKU predicate does not match the certificate.' })
    const noEku = await leaf({ extensions: (await leafExtensions()).filter((e) => e.type !== '2.5.29.37') })
    expect(refusal(didWith(`eku:${EKU}`), [noEku, interDer, rootDer])).toMatchObject({ rule: 'XD23', message: 'Certificate does not contain an EKU extension.' })
  })

  it('XD24: fulcio-issuer predicates give the leaf Fulcio issuer without https://', async () => {
    expect(E.isRight(resolve(didWith('fulcio-issuer:accounts.example.com'), chain))).toBe(true)
    expect(refusal(didWith('fulcio-issuer:other.example.com'), chain)).toMatchObject({ rule: 'XD24', message: 'Fulcio issuer predicate does not match the certificate.' })
    const noFulcio = await leaf({ extensions: (await leafExtensions()).filter((e) => e.type !== FULCIO) })
    expect(refusal(didWith('fulcio-issuer:accounts.example.com'), [noFulcio, interDer, rootDer])).toMatchObject({
      rule: 'XD24',
      message: 'Certificate does not contain a Fulcio issuer extension.'
    })
  })

  it('XD25: an unknown predicate is refused', () => {
    expect(refusal(didWith('email:user%40example.com'), chain)).toMatchObject({ rule: 'XD25', message: 'DID contains an unknown predicate.' })
  })

  it('XD26: a malformed percent-encoding or one that is not UTF-8 is refused', () => {
    expect(refusal(didWith('subject:CN:Le%zzaf'), chain)).toMatchObject({ _tag: 'MalformedPercentEncoding', rule: 'XD26' })
    expect(refusal(didWith('subject:CN:Le%C3af'), chain)).toMatchObject({ rule: 'XD26' })
  })

  it('XD27: a leaf key usage with neither digitalSignature nor keyAgreement is refused; keyAgreement alone gives keyAgreement only', async () => {
    const withUsage = async (flags: number): Promise<Uint8Array> =>
      leaf({ extensions: [...(await leafExtensions()).filter((e) => e.type !== '2.5.29.15'), ku(flags)] })
    expect(refusal(DID, [await withUsage(x509.KeyUsageFlags.keyEncipherment), interDer, rootDer])).toMatchObject({
      rule: 'XD27',
      message: 'Leaf certificate key usage does not support DID operations.'
    })
    const doc = right(resolve(DID, [await withUsage(x509.KeyUsageFlags.keyAgreement), interDer, rootDer])).document
    expect(Object.keys(doc)).toEqual(['@context', 'id', 'verificationMethod', 'keyAgreement'])
  })

  it('XD28: a leaf key that has no JWK form (DSA) is refused', async () => {
    const dsa = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 })
    const spki = dsa.publicKey.export({ type: 'spki', format: 'der' })
    const l = await leaf({ publicKey: new x509.PublicKey(spki) })
    expect(refusal(DID, [l, interDer, rootDer])).toMatchObject({ rule: 'XD28' })
  })
})

// -------------------------------------------------------------------------------------------------
// hostile input and purity
// -------------------------------------------------------------------------------------------------

describe('resolveDidX509 on hostile input', () => {
  it('XD2: garbage, holes, non-arrays and non-strings are refused as values, never thrown', () => {
    const garbage = [Uint8Array.of(), Uint8Array.of(0x30), Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff), new Uint8Array(64).fill(0x30), leafDer.subarray(1)]
    for (const g of garbage) expect(E.isLeft(resolveDidX509(DID, [g, g])), String(g.length)).toBe(true)
    // eslint-disable-next-line no-sparse-arrays
    const holey = [leafDer, , rootDer] as unknown as Uint8Array[]
    const hostile: ReadonlyArray<readonly [unknown, unknown]> = [
      [DID, holey],
      [DID, null],
      [DID, 'chain'],
      [DID, { length: 3 }],
      [undefined, chain],
      [null, chain],
      [{ toString: () => DID }, chain],
      ['', chain],
      ['did:x509:0:sha256:' + '%'.repeat(1000), chain]
    ]
    for (const [did, c] of hostile) expect(E.isLeft(resolveDidX509(did as string, c as Uint8Array[]))).toBe(true)
  })

  it('XD2: inputs are left unchanged (frozen arrays, byte strings compared before and after)', () => {
    const frozen = deepFreeze([leafDer.slice(), interDer.slice(), rootDer.slice()])
    const before = frozen.map((b) => b.slice())
    expect(E.isRight(resolveDidX509(DID, frozen))).toBe(true)
    expect(frozen).toEqual(before)
  })

  it('XD1–XD28: every tag has its rule id', () => {
    expect(Object.values(DID_X509_REFUSAL_RULES).every((r) => /^XD\d+$/.test(r))).toBe(true)
    expect(new Set(Object.values(DID_X509_REFUSAL_RULES)).size).toBe(28)
  })
})
