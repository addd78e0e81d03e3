/**
 * Transparent statements built by the tests themselves: a CA and a leaf certificate (built with
 * @peculiar/x509 on WebCrypto), a COSE_Sign1 statement signed by the leaf, and CCF-style COSE
 * receipts signed by a service key, every part open to mutation so that each test can break
 * exactly one check.
 */
import { createHash, KeyObject, sign as nodeSign, webcrypto } from 'node:crypto'
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import { writeCbor, type CborModel } from '../../src/codec/cbor.js'

x509.cryptoProvider.set(webcrypto as never)

const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest())
const b64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url')
const cat = (...parts: ReadonlyArray<Uint8Array>): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]))
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

/** Tag 18 around the CBOR of `items`. */
export const tagged18 = (items: CborModel): Uint8Array => cat(Uint8Array.of(0xd2), writeCbor(items))

export const sigStructureOf = (protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array =>
  writeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload])

export interface KeyPair {
  readonly privateKey: KeyObject
  /** SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array
  readonly crypto: webcrypto.CryptoKeyPair
}


export const ecKey = async (curve: 'P-256' | 'P-384' | 'P-521' = 'P-256'): Promise<KeyPair> => {
  const crypto = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: curve }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
  const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', crypto.publicKey))
  return { crypto, spki, privateKey: KeyObject.from(crypto.privateKey) }
}

export const rsaPssKey = async (hash: 'SHA-256' | 'SHA-384' = 'SHA-384'): Promise<KeyPair> => {
  const crypto = (await webcrypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash },
    true,
    ['sign', 'verify']
  )) as webcrypto.CryptoKeyPair
  const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', crypto.publicKey))
  return { crypto, spki, privateKey: KeyObject.from(crypto.privateKey) }
}

/** A CA certificate and a leaf it issued, DER, leaf first. */
export interface Chain {
  readonly leaf: KeyPair
  readonly ca: KeyPair
  readonly der: ReadonlyArray<Uint8Array>
  /** A did:x509 that pins the CA and the leaf's subject CN. */
  readonly did: string
}

export const chainFor = async (leaf: KeyPair, ca?: KeyPair, cn = 'release-signer'): Promise<Chain> => {
  const root = ca ?? (await ecKey('P-256'))
  const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' }
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Test Release CA',
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2035-01-01T00:00:00Z'),
    keys: root.crypto,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(root.crypto.publicKey)
    ]
  })
  const leafCert = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: `CN=${cn}`,
    issuer: caCert.subject,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2026-01-01T00:00:00Z'),
    publicKey: leaf.crypto.publicKey,
    signingKey: root.crypto.privateKey,
    signingAlgorithm,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.AuthorityKeyIdentifierExtension.create(root.crypto.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(leaf.crypto.publicKey)
    ]
  })
  const der = [new Uint8Array(leafCert.rawData), new Uint8Array(caCert.rawData)]
  return { leaf, ca: root, der, did: `did:x509:0:sha256:${b64url(sha256(der[1]!))}::subject:CN:${cn}` }
}

/** Sign `message` with a COSE algorithm: ECDSA as raw r ‖ s, RSASSA-PSS with salt = hash length. */
export const coseSign = (alg: number, key: KeyObject, message: Uint8Array): Uint8Array => {
  switch (alg) {
    case -7:
      return new Uint8Array(nodeSign('sha256', message, { key, dsaEncoding: 'ieee-p1363' }))
    case -35:
      return new Uint8Array(nodeSign('sha384', message, { key, dsaEncoding: 'ieee-p1363' }))
    case -36:
      return new Uint8Array(nodeSign('sha512', message, { key, dsaEncoding: 'ieee-p1363' }))
    case -37:
      return new Uint8Array(nodeSign('sha256', message, { key, padding: 6, saltLength: 32 }))
    case -38:
      return new Uint8Array(nodeSign('sha384', message, { key, padding: 6, saltLength: 48 }))
    default:
      throw new Error(`no signer for alg ${alg}`)
  }
}

export const curveAlg = { 'P-256': -7, 'P-384': -35, 'P-521': -36 } as const

/** A statement under construction: every part may be replaced before `encodeStatement`. */
export interface StatementParts {
  protectedHeader: Map<CborModel, CborModel>
  protectedBytes?: Uint8Array
  unprotected: Map<CborModel, CborModel>
  payload: Uint8Array | null
  signature?: Uint8Array
}

export const statementHeader = (chain: Chain, alg = -7, claims: Map<CborModel, CborModel> = new Map()): Map<CborModel, CborModel> =>
  new Map<CborModel, CborModel>([
    [1, alg],
    [15, new Map<CborModel, CborModel>([[1, chain.did], [2, 'oasis-runtime/compute'], ['svn', 7], ...claims])],
    [33, [...chain.der]]
  ])

/** Protected bytes, and the signature over them and the payload when none is given. */
export const sealStatement = (parts: StatementParts, key: KeyObject): Required<StatementParts> => {
  const protectedBytes = parts.protectedBytes ?? writeCbor(parts.protectedHeader)
  const alg = parts.protectedHeader.get(1)
  // A header without a signing algorithm gets a signature of zeros: its check fails before TS4.
  const signable = typeof alg === 'number' && [-7, -35, -36, -37, -38].includes(alg)
  const signature =
    parts.signature ?? (signable ? coseSign(alg, key, sigStructureOf(protectedBytes, parts.payload ?? new Uint8Array(0))) : new Uint8Array(64))
  return { ...parts, protectedBytes, signature }
}

export const encodeStatement = (p: Required<StatementParts>): Uint8Array =>
  tagged18([p.protectedBytes, p.unprotected as never, p.payload, p.signature])

/** The claims digest of a sealed statement: SHA-256 of it with its unprotected header emptied. */
export const claimsDigestOf = (p: Required<StatementParts>): Uint8Array => sha256(tagged18([p.protectedBytes, {}, p.payload, p.signature]))

export interface ProofParts {
  writeSetDigest: Uint8Array
  commitEvidence: string
  claimsDigest: Uint8Array
  path: Array<[boolean, Uint8Array]>
}

export const rootOf = (p: ProofParts): Uint8Array => {
  let h = sha256(cat(p.writeSetDigest, sha256(utf8(p.commitEvidence)), p.claimsDigest))
  for (const [left, hash] of p.path) h = sha256(left ? cat(hash, h) : cat(h, hash))
  return h
}

export const proofFor = (claimsDigest: Uint8Array, seqno = 10): ProofParts => ({
  writeSetDigest: new Uint8Array(32).fill(0x11),
  commitEvidence: `ce:2.${seqno}:${'ab'.repeat(32)}`,
  claimsDigest,
  path: [
    [true, new Uint8Array(32).fill(0x22)],
    [false, new Uint8Array(32).fill(0x33)]
  ]
})

export const encodeProof = (p: ProofParts): Uint8Array =>
  writeCbor(new Map<CborModel, CborModel>([[1, [p.writeSetDigest, p.commitEvidence, p.claimsDigest]], [2, p.path]]))

/** A receipt under construction. */
export interface ReceiptParts {
  protectedHeader: Map<CborModel, CborModel>
  proofs: Array<ProofParts | Uint8Array>
  /** Replaces the whole unprotected header when set. */
  unprotected?: Map<CborModel, CborModel>
  /** Signs over this root instead of the first proof's. */
  root?: Uint8Array
  signature?: Uint8Array
  payload?: CborModel
}

export const kidOf = (spki: Uint8Array): Uint8Array => utf8(Buffer.from(sha256(spki)).toString('hex'))

export const receiptHeader = (service: KeyPair, alg = -35, txid = '2.11'): Map<CborModel, CborModel> =>
  new Map<CborModel, CborModel>([
    [1, alg],
    [4, kidOf(service.spki)],
    [15, new Map<CborModel, CborModel>([[1, 'ledger.example'], [2, 'scitt.ccf.signature.v1'], [6, 1766437888]])],
    [395, 2],
    ['ccf.v1', { txid }]
  ])

export const encodeReceipt = (r: ReceiptParts, service: KeyPair): Uint8Array => {
  const protectedBytes = writeCbor(r.protectedHeader)
  const proofs = r.proofs.map((p) => (p instanceof Uint8Array ? p : encodeProof(p)))
  const first = r.proofs[0]
  const root = r.root ?? (first === undefined || first instanceof Uint8Array ? new Uint8Array(32) : rootOf(first))
  const alg = Number(r.protectedHeader.get(1))
  const signature = r.signature ?? coseSign(alg, service.privateKey, sigStructureOf(protectedBytes, root))
  const unprotected = r.unprotected ?? new Map<CborModel, CborModel>([[396, new Map<CborModel, CborModel>([[-1, proofs]])]])
  return tagged18([protectedBytes, unprotected as never, r.payload === undefined ? null : r.payload, signature])
}

/** A complete, valid transparent statement with one receipt; the parts come back for mutation. */
export const buildTransparent = (
  chain: Chain,
  service: KeyPair,
  opts: { payload?: Uint8Array; alg?: number; claims?: Map<CborModel, CborModel> } = {}
) => {
  const statement = sealStatement(
    { protectedHeader: statementHeader(chain, opts.alg ?? -7, opts.claims), unprotected: new Map(), payload: opts.payload ?? new Uint8Array(32).fill(7) },
    chain.leaf.privateKey
  )
  const digest = claimsDigestOf(statement)
  const receipt: ReceiptParts = { protectedHeader: receiptHeader(service), proofs: [proofFor(digest)] }
  const withReceipts = (receipts: ReadonlyArray<Uint8Array>): Uint8Array =>
    encodeStatement({ ...statement, unprotected: new Map<CborModel, CborModel>([[394, [...receipts]]]) })
  return { statement, digest, receipt, withReceipts, bytes: withReceipts([encodeReceipt(receipt, service)]) }
}
