/**
 * Transparent statements (spec/trust.md TS1–TS12) on statements, chains and receipts built here:
 * each failing check has a case that breaks only that check; any single-bit change is refused.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CborModel } from '../../src/codec/cbor.js'
import { writeCbor } from '../../src/codec/cbor.js'
import { type ReceiptTrust, serviceKeyId, type TrustViolation, verifyTransparentStatement } from '../../src/index.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import {
  buildTransparent,
  type Chain,
  chainFor,
  claimsDigestOf,
  coseSign,
  ecKey,
  encodeReceipt,
  encodeStatement,
  type KeyPair,
  proofFor,
  rootOf,
  rsaPssKey,
  sealStatement,
  statementHeader,
  tagged18
} from '../support/transparency.js'

let chain: Chain
let service: KeyPair
let otherService: KeyPair
let rsaChain: Chain

beforeAll(async () => {
  chain = await chainFor(await ecKey('P-256'))
  service = await ecKey('P-384')
  otherService = await ecKey('P-256')
  rsaChain = await chainFor(await rsaPssKey('SHA-384'))
}, 60_000)

const trust = (): ReceiptTrust => deepFreeze({ serviceKeys: [service.spki] })
const verify = (bytes: Uint8Array, t: ReceiptTrust = trust()) => verifyTransparentStatement(deepFreeze(bytes), t)
const refusal = (bytes: Uint8Array, t: ReceiptTrust = trust()): TrustViolation => left(verify(bytes, t))
const flipBit = (bytes: Uint8Array, bit: number): Uint8Array => {
  const out = Uint8Array.from(bytes)
  out[bit >> 3]! ^= 1 << (bit & 7)
  return out
}
/** The high-S twin (r, n − s) of a raw ECDSA signature on P-256 or P-384. */
const highS = (sig: Uint8Array): Uint8Array => {
  const n =
    sig.length === 64
      ? 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n
      : 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n
  const half = sig.length / 2
  const s = BigInt(`0x${Buffer.from(sig.subarray(half)).toString('hex')}`)
  const twin = Buffer.from((n - s).toString(16).padStart(half * 2, '0'), 'hex')
  return Uint8Array.from([...sig.subarray(0, half), ...twin])
}

/** A valid statement whose receipt is built from `edit`ed parts. */
const withReceipt = (edit: (r: ReturnType<typeof buildTransparent>['receipt']) => void, key = service) => {
  const t = buildTransparent(chain, service)
  edit(t.receipt)
  return t.withReceipts([encodeReceipt(t.receipt, key)])
}

describe('transparent statements', () => {
  it('TS12: a statement built here verifies and reports what it vouches for', () => {
    const t = buildTransparent(chain, service)
    const v = right(verify(t.bytes))
    expect(v).toMatchObject({ alg: 'ES256', issuer: chain.did, subject: 'oasis-runtime/compute', svn: 7, payload: new Uint8Array(32).fill(7) })
    expect(v.x5chain).toEqual(chain.der)
    expect(v.receipts).toHaveLength(1)
    expect(v.receipts[0]).toMatchObject({ alg: 'ES384', txid: '2.11', registrationTxid: '2.10', issuer: 'ledger.example', vds: 2, kid: serviceKeyId(service.spki) })
    expect(v.receipts[0]!.leaves[0]!.claimsDigest).toEqual(t.digest)
  })

  it('TS12: checks run statement first, then each receipt in order', () => {
    const t = buildTransparent(chain, service)
    const bad = encodeStatement({ ...t.statement, signature: t.statement.signature.map((b, i) => (i === 0 ? b ^ 1 : b)), unprotected: new Map([[394, [new Uint8Array(3)]]]) })
    expect(refusal(bad).rule).toBe('TS4')
    const good = encodeReceipt(t.receipt, service)
    const broken = encodeReceipt({ ...t.receipt, signature: new Uint8Array(96) }, service)
    expect(refusal(t.withReceipts([good, broken]))).toMatchObject({ rule: 'TS10', receipt: 1 })
    expect(refusal(t.withReceipts([broken, new Uint8Array(1)]))).toMatchObject({ rule: 'TS10', receipt: 0 })
    expect(right(verify(t.withReceipts([good, good]))).receipts).toHaveLength(2)
  })

  describe('TS1 envelope', () => {
    const cases: ReadonlyArray<readonly [string, (t: ReturnType<typeof buildTransparent>) => Uint8Array, string]> = [
      ['untagged', (t) => t.bytes.subarray(1), 'envelope'],
      ['another tag (17)', (t) => Uint8Array.from([0xd1, ...t.bytes.subarray(1)]), 'envelope'],
      ['three items', (t) => tagged18([t.statement.protectedBytes, {}, t.statement.payload]), 'envelope'],
      ['trailing bytes', (t) => Uint8Array.from([...t.bytes, 0]), 'envelope'],
      ['not CBOR', () => Uint8Array.of(0xd2, 0x84, 0xff), 'envelope'],
      ['protected header as a map', (t) => tagged18([t.statement.protectedHeader, {}, t.statement.payload, t.statement.signature]), 'protected'],
      ['protected header bytes that are no map', (t) => tagged18([writeCbor([1]), {}, t.statement.payload, t.statement.signature]), 'protected'],
      ['protected header bytes that are no CBOR', (t) => tagged18([Uint8Array.of(0xa1), {}, t.statement.payload, t.statement.signature]), 'protected'],
      ['unprotected header as an array', (t) => tagged18([t.statement.protectedBytes, [], t.statement.payload, t.statement.signature]), 'unprotected'],
      ['detached payload', (t) => tagged18([t.statement.protectedBytes, {}, null, t.statement.signature]), 'payload'],
      ['signature as text', (t) => tagged18([t.statement.protectedBytes, {}, t.statement.payload, 'sig']), 'signature']
    ]
    it.each(cases)('TS1: %s is refused', (_title, make, part) => {
      expect(refusal(make(buildTransparent(chain, service)))).toMatchObject({ _tag: 'MalformedEnvelope', rule: 'TS1', part })
    })

    it('TS1: a duplicate label in the protected header is refused', () => {
      const t = buildTransparent(chain, service)
      const dup = Uint8Array.from([0xa2, 0x01, 0x26, 0x01, 0x26])
      expect(refusal(tagged18([dup, {}, t.statement.payload, t.statement.signature]))).toMatchObject({ rule: 'TS1', part: 'protected' })
    })
  })

  describe('TS2 protected header', () => {
    const header = (edit: (h: Map<CborModel, CborModel>, cwt: Map<CborModel, CborModel>) => void): Uint8Array => {
      const h = statementHeader(chain)
      edit(h, h.get(15) as Map<CborModel, CborModel>)
      const sealed = sealStatement({ protectedHeader: h, unprotected: new Map(), payload: new Uint8Array(32) }, chain.leaf.privateKey)
      return encodeStatement(sealed)
    }
    const cases: ReadonlyArray<readonly [string, (h: Map<CborModel, CborModel>, cwt: Map<CborModel, CborModel>) => void, string]> = [
      ['alg missing', (h) => h.delete(1), 'alg'],
      ['alg unknown (-8, EdDSA)', (h) => h.set(1, -8), 'alg'],
      ['alg as text', (h) => h.set(1, 'ES256'), 'alg'],
      ['cty a byte string', (h) => h.set(3, new Uint8Array(1)), 'cty'],
      ['x5chain missing', (h) => h.delete(33), 'x5chain'],
      ['x5chain empty', (h) => h.set(33, []), 'x5chain'],
      ['x5chain with text', (h) => h.set(33, [chain.der[0]!, 'ca']), 'x5chain'],
      ['x5chain a map', (h) => h.set(33, {}), 'x5chain'],
      ['CWT claims missing', (h) => h.delete(15), 'cwt'],
      ['CWT claims an array', (h) => h.set(15, []), 'cwt'],
      ['iss missing', (_h, c) => c.delete(1), 'cwt.iss'],
      ['iss empty', (_h, c) => c.set(1, ''), 'cwt.iss'],
      ['sub missing', (_h, c) => c.delete(2), 'cwt.sub'],
      ['sub an integer', (_h, c) => c.set(2, 5), 'cwt.sub'],
      ['iat as text', (_h, c) => c.set(6, '2025'), 'cwt.iat'],
      ['svn negative', (_h, c) => c.set('svn', -1), 'cwt.svn'],
      ['svn as text', (_h, c) => c.set('svn', '7'), 'cwt.svn']
    ]
    it.each(cases)('TS2: %s is refused', (_title, edit, field) => {
      expect(refusal(header(edit))).toMatchObject({ _tag: 'MalformedStatementHeader', rule: 'TS2', field })
    })

    it('TS2: iat as an integer or as tag 1 around one is read; another tag is refused; cty may be text or a number', () => {
      const tagged = new Map<CborModel, CborModel>([[6, 1766437887]])
      const t = buildTransparent(chain, service, { claims: tagged })
      expect(right(verify(t.bytes)).iat).toBe(1766437887)
      // tag 1 is written by hand: the canonical writer has no tags.
      const withTag = (tag: number) => {
        const cwt = writeCbor(new Map<CborModel, CborModel>([[1, chain.did], [2, 'sub'], [6, 1766437887]]))
        // replace the iat value head (1a …) by the tag head and the same integer
        const at = cwt.lastIndexOf(0x1a)
        const cwtTagged = Uint8Array.from([...cwt.subarray(0, at), 0xc0 | tag, ...cwt.subarray(at)])
        const alg = writeCbor(-7)
        const chainBytes = writeCbor([...chain.der])
        const ph = Uint8Array.from([0xa3, 0x01, ...alg, 0x0f, ...cwtTagged, 0x18, 0x21, ...chainBytes])
        const sealed = sealStatement({ protectedHeader: new Map([[1, -7]]), protectedBytes: ph, unprotected: new Map(), payload: new Uint8Array(32) }, chain.leaf.privateKey)
        return encodeStatement(sealed)
      }
      expect(refusal(withTag(1)).rule).toBe('TS5') // read, verified, then no receipts
      expect(refusal(withTag(2))).toMatchObject({ rule: 'TS2', field: 'cwt.iat' })
      for (const cty of ['application/json', 50]) {
        const sealed = sealStatement({ protectedHeader: new Map([...statementHeader(chain), [3, cty]]), unprotected: new Map(), payload: new Uint8Array(32) }, chain.leaf.privateKey)
        expect(refusal(encodeStatement(sealed)).rule).toBe('TS5')
      }
    })
  })

  it('TS3: an issuer that does not resolve against the chain is refused with the resolver reason', () => {
    const claims = new Map<CborModel, CborModel>([[1, chain.did.replace('::subject:CN:release-signer', '::subject:CN:someone-else')]])
    const t = buildTransparent(chain, service, { claims })
    const e = refusal(t.bytes)
    expect(e).toMatchObject({ _tag: 'IssuerUnresolved', rule: 'TS3' })
    expect(e.message).toContain('someone-else')
    const foreign = new Map<CborModel, CborModel>([[1, 'did:web:example.com']])
    expect(refusal(buildTransparent(chain, service, { claims: foreign }).bytes).rule).toBe('TS3')
  })

  describe('TS4 statement signature', () => {
    it('TS4: a flipped signature bit or payload bit is refused', () => {
      const t = buildTransparent(chain, service)
      const sig = t.statement.signature.map((b, i) => (i === 5 ? b ^ 0x10 : b))
      expect(refusal(t.withReceipts([])).rule).toBe('TS5')
      expect(refusal(encodeStatement({ ...t.statement, signature: sig }))).toMatchObject({ _tag: 'InvalidStatementSignature', rule: 'TS4' })
      const payload = t.statement.payload!.map((b, i) => (i === 0 ? b ^ 1 : b))
      expect(refusal(encodeStatement({ ...t.statement, payload })).rule).toBe('TS4')
      expect(refusal(encodeStatement({ ...t.statement, signature: sig.subarray(1) })).rule).toBe('TS4')
    })

    it('TS4: an algorithm of another key type or curve is refused', () => {
      for (const alg of [-35, -36, -37, -38]) {
        const h = statementHeader(chain, alg)
        const sealed = sealStatement({ protectedHeader: h, unprotected: new Map(), payload: new Uint8Array(32), signature: new Uint8Array(64) }, chain.leaf.privateKey)
        expect(refusal(encodeStatement(sealed)), String(alg)).toMatchObject({ _tag: 'AlgorithmKeyMismatch', rule: 'TS4', key: 'P-256' })
      }
      const rsa = sealStatement({ protectedHeader: statementHeader(rsaChain, -7), unprotected: new Map(), payload: new Uint8Array(32), signature: new Uint8Array(64) }, rsaChain.leaf.privateKey)
      expect(refusal(encodeStatement(rsa))).toMatchObject({ rule: 'TS4', key: 'RSA' })
    })

    it('TS4: RSASSA-PSS (PS384, salt 48) verifies; a PS256 signature under a PS384 label does not', () => {
      const t = buildTransparent(rsaChain, service, { alg: -38 })
      expect(right(verify(t.bytes)).alg).toBe('PS384')
      const h = statementHeader(rsaChain, -38)
      const wrong = sealStatement({ protectedHeader: h, unprotected: new Map(), payload: new Uint8Array(32) }, rsaChain.leaf.privateKey)
      const ps256 = coseSign(-37, rsaChain.leaf.privateKey, writeCbor(['Signature1', wrong.protectedBytes, new Uint8Array(0), wrong.payload!]))
      expect(refusal(encodeStatement({ ...wrong, signature: ps256 })).rule).toBe('TS4')
    })

    it('TS4: a high-S ECDSA signature is valid, as OpenSSL accepts it', () => {
      const t = buildTransparent(chain, service)
      const twin = { ...t.statement, signature: highS(t.statement.signature) }
      const receipt = { ...t.receipt, proofs: [proofFor(claimsDigestOf(twin))] }
      const bytes = encodeStatement({ ...twin, unprotected: new Map([[394, [encodeReceipt(receipt, service)]]]) })
      expect(right(verify(bytes)).alg).toBe('ES256')
    })
  })

  describe('TS5 receipts', () => {
    it('TS5: no receipts, receipts only at 396, an empty list or a list that is no array are refused', () => {
      const t = buildTransparent(chain, service)
      const receipt = encodeReceipt(t.receipt, service)
      const at = (label: number, value: CborModel) => encodeStatement({ ...t.statement, unprotected: new Map([[label, value]]) })
      expect(refusal(encodeStatement(t.statement))).toMatchObject({ _tag: 'MissingReceipts', rule: 'TS5' })
      expect(refusal(at(396, [receipt])).rule).toBe('TS5')
      expect(refusal(at(394, [])).rule).toBe('TS5')
      expect(refusal(at(394, receipt)).rule).toBe('TS5')
    })

    it('TS7: headers added to the unprotected header neither break nor change the binding', () => {
      const t = buildTransparent(chain, service)
      const bytes = encodeStatement({ ...t.statement, unprotected: new Map<CborModel, CborModel>([[394, [encodeReceipt(t.receipt, service)]], [999, 'note'], ['x', 1]]) })
      expect(right(verify(bytes)).receipts).toHaveLength(1)
    })
  })

  describe('TS6 receipt shape', () => {
    type R = ReturnType<typeof buildTransparent>['receipt']
    const header = (edit: (h: Map<CborModel, CborModel>) => void) => (r: R) => edit(r.protectedHeader)
    const proof = (edit: (p: ReturnType<typeof proofFor>) => void) => (r: R) => edit(r.proofs[0] as ReturnType<typeof proofFor>)
    const cases: ReadonlyArray<readonly [string, (r: R) => void, string]> = [
      ['alg of a statement only (PS384)', header((h) => h.set(1, -38)), 'alg'],
      ['kid missing', header((h) => h.delete(4)), 'kid'],
      ['kid as text', header((h) => h.set(4, 'abc')), 'kid'],
      ['vds missing', header((h) => h.delete(395)), 'vds'],
      ['vds as text', header((h) => h.set(395, '2')), 'vds'],
      ['ccf.v1 missing', header((h) => h.delete('ccf.v1')), 'ccf.v1'],
      ['txid missing', header((h) => h.set('ccf.v1', {})), 'ccf.v1 txid'],
      ['txid not <view>.<seqno>', header((h) => h.set('ccf.v1', { txid: '2.011' })), 'ccf.v1 txid'],
      ['txid beyond uint64', header((h) => h.set('ccf.v1', { txid: '2.18446744073709551616' })), 'ccf.v1 txid'],
      ['CWT iss an integer', header((h) => h.set(15, new Map([[1, 5]]))), 'cwt.iss'],
      ['vdp missing', (r) => (r.unprotected = new Map()), 'vdp'],
      ['no proofs', (r) => (r.unprotected = new Map([[396, new Map([[-1, []]])]])), 'vdp -1'],
      ['a proof that is no byte string', (r) => (r.unprotected = new Map([[396, new Map([[-1, [5]]])]])), 'vdp proof 0'],
      ['write_set_digest of 31 bytes', proof((p) => (p.writeSetDigest = new Uint8Array(31))), 'vdp proof 0 write_set_digest'],
      ['empty commit evidence', proof((p) => (p.commitEvidence = '')), 'vdp proof 0 commit_evidence'],
      ['commit evidence of 1025 bytes', proof((p) => (p.commitEvidence = 'c'.repeat(1025))), 'vdp proof 0 commit_evidence'],
      ['claims_digest of 33 bytes', proof((p) => (p.claimsDigest = new Uint8Array(33))), 'vdp proof 0 claims_digest'],
      ['an empty path', proof((p) => (p.path = [])), 'vdp proof 0 path'],
      ['a path hash of 31 bytes', proof((p) => (p.path[1] = [true, new Uint8Array(31)])), 'vdp proof 0 path 1'],
      ['a path direction that is no boolean', proof((p) => (p.path[0] = [1 as never, new Uint8Array(32)])), 'vdp proof 0 path 0'],
      ['an attached payload', (r) => (r.payload = new Uint8Array(32)), 'payload']
    ]
    it.each(cases)('TS6: a receipt with %s is refused', (_title, edit, part) => {
      expect(refusal(withReceipt(edit))).toMatchObject({ _tag: 'MalformedReceipt', rule: 'TS6', receipt: 0, part })
    })

    it('TS6: a receipt that is no tagged COSE_Sign1 is refused, as is a legacy (untagged, tree_alg CCF) receipt', () => {
      const t = buildTransparent(chain, service)
      expect(refusal(t.withReceipts([encodeReceipt(t.receipt, service).subarray(1)]))).toMatchObject({ rule: 'TS6', part: 'envelope' })
      const legacy = writeCbor([new Uint8Array(64), { tree_alg: 'CCF', leaf_components: [] }])
      expect(refusal(t.withReceipts([legacy]))).toMatchObject({ rule: 'TS6', part: 'envelope' })
      expect(refusal(encodeStatement({ ...t.statement, unprotected: new Map([[394, ['text']]]) }))).toMatchObject({ rule: 'TS6', part: 'envelope' })
    })

    it('TS6: a vds other than 2 is refused as unsupported', () => {
      expect(refusal(withReceipt((r) => r.protectedHeader.set(395, 1)))).toMatchObject({ _tag: 'UnsupportedVds', rule: 'TS6', vds: '1' })
    })
  })

  it('TS7: a leaf bound to another statement is refused before any root or signature', () => {
    const e = refusal(withReceipt((r) => (r.proofs = [proofFor(new Uint8Array(32).fill(9))])))
    expect(e).toMatchObject({ _tag: 'ClaimsDigestMismatch', rule: 'TS7', receipt: 0, proof: 0, found: '09'.repeat(32) })
  })

  it('TS8: proofs of one receipt that lead to different roots are refused; agreeing proofs are accepted', () => {
    const first = (r: { proofs: unknown[] }) => r.proofs[0] as ReturnType<typeof proofFor>
    const other = withReceipt((r) => r.proofs.push({ ...first(r), writeSetDigest: new Uint8Array(32).fill(0x44) }))
    expect(refusal(other)).toMatchObject({ _tag: 'InconsistentMerkleRoots', rule: 'TS8', proof: 1 })
    expect(right(verify(withReceipt((r) => r.proofs.push({ ...first(r) })))).receipts[0]!.leaves).toHaveLength(2)
  })

  describe('TS9 receipt key', () => {
    it('TS9: a kid naming no trusted key is refused; kid is compared as lower-case hex', () => {
      expect(refusal(withReceipt(() => {}), { serviceKeys: [otherService.spki] })).toMatchObject({ _tag: 'UnknownReceiptKey', rule: 'TS9' })
      const upper = withReceipt((r) => r.protectedHeader.set(4, new TextEncoder().encode(serviceKeyId(service.spki).toUpperCase())))
      expect(refusal(upper).rule).toBe('TS9')
    })

    it('TS9: a service key on another curve than the receipt algorithm is refused', () => {
      const bytes = withReceipt((r) => r.protectedHeader.set(4, new TextEncoder().encode(serviceKeyId(otherService.spki))))
      expect(refusal(bytes, { serviceKeys: [otherService.spki] })).toMatchObject({ _tag: 'ReceiptKeyMismatch', rule: 'TS9', key: 'P-256' })
    })
  })

  describe('TS10 receipt signature', () => {
    it('TS10: a flipped signature bit, a flipped path direction or an altered commit evidence is refused', () => {
      const flip = withReceipt((r) => (r.signature = new Uint8Array(96).fill(1)))
      expect(refusal(flip)).toMatchObject({ _tag: 'InvalidReceiptSignature', rule: 'TS10', receipt: 0 })
      const t = buildTransparent(chain, service)
      const signedRoot = encodeReceipt(t.receipt, service)
      const p = proofFor(t.digest)
      p.path[0] = [false, p.path[0]![1]]
      const root = rootOf(proofFor(t.digest))
      expect(refusal(t.withReceipts([encodeReceipt({ ...t.receipt, proofs: [p], root }, service)])).rule).toBe('TS10')
      const ce = proofFor(t.digest)
      ce.commitEvidence = ce.commitEvidence.replace(/b$/, 'c')
      expect(refusal(t.withReceipts([encodeReceipt({ ...t.receipt, proofs: [ce], root }, service)])).rule).toBe('TS10')
      expect(right(verify(t.withReceipts([signedRoot]))).receipts).toHaveLength(1)
    })

    it('TS10: a high-S receipt signature is valid (reference Part 3 item 9)', () => {
      const t = buildTransparent(chain, service)
      const good = encodeReceipt(t.receipt, service)
      // The signature is the last 96 bytes of the receipt.
      const twin = Uint8Array.from([...good.subarray(0, good.length - 96), ...highS(good.subarray(good.length - 96))])
      expect(right(verify(t.withReceipts([twin]))).receipts).toHaveLength(1)
    })

    it('TS10: every ECDSA receipt algorithm verifies with a key on its curve', async () => {
      for (const curve of ['P-256', 'P-521'] as const) {
        const key = await ecKey(curve)
        const t = buildTransparent(chain, key)
        t.receipt.protectedHeader.set(1, curve === 'P-256' ? -7 : -36)
        const bytes = t.withReceipts([encodeReceipt(t.receipt, key)])
        expect(right(verify(bytes, { serviceKeys: [key.spki] })).receipts[0]!.alg).toBe(curve === 'P-256' ? 'ES256' : 'ES512')
      }
    })
  })

  describe('TS11 trust argument', () => {
    it('TS11: service keys as SPKI DER or public JWK are accepted', async () => {
      const jwk = (await crypto.subtle.exportKey('jwk', service.crypto.publicKey)) as Record<string, unknown>
      const t = buildTransparent(chain, service)
      expect(right(verify(t.bytes, deepFreeze({ serviceKeys: [jwk] }))).receipts).toHaveLength(1)
    })

    it('TS11: a malformed trust argument is a DX2 value', async () => {
      const t = buildTransparent(chain, service)
      const rsa = await rsaPssKey('SHA-256')
      const jwk = (await crypto.subtle.exportKey('jwk', service.crypto.privateKey)) as Record<string, unknown>
      for (const bad of [undefined, null, {}, { serviceKeys: 'k' }, { serviceKeys: [new Uint8Array(3)] }, { serviceKeys: [rsa.spki] }, { serviceKeys: [jwk] }, { serviceKeys: [Uint8Array.from([...service.spki, 0])] }]) {
        expect(left(verifyTransparentStatement(t.bytes, bad as never)), JSON.stringify(bad)).toMatchObject({ _tag: 'MalformedArgument', rule: 'DX2' })
      }
      expect(left(verifyTransparentStatement('bytes' as never, trust()))).toMatchObject({ rule: 'DX2', argument: 'bytes' })
    })
  })

  it('TS10: any single-bit change to a receipt is refused, never thrown', () => {
    const t = buildTransparent(chain, service)
    const receipt = encodeReceipt(t.receipt, service)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: receipt.length * 8 - 1 }), (bit) => {
        expect(E.isLeft(verify(t.withReceipts([flipBit(receipt, bit)])))).toBe(true)
      }),
      { numRuns: 400 }
    )
  })

  it('TS1: any single-bit change to a statement or its receipt is refused, never thrown', () => {
    const t = buildTransparent(chain, service)
    const bits = t.bytes.length * 8
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bits - 1 }), (bit) => {
        const r = verify(flipBit(t.bytes, bit))
        expect(E.isLeft(r)).toBe(true)
      }),
      { numRuns: 400 }
    )
  })
})
