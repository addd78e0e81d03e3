/**
 * Conformance with real CCF / SCITT data (spec/trust.md TS1–TS12): Azure Confidential Ledger's
 * transparent statement `uvm_0.2.10.cose` with its trust store, the signed statements of
 * scitt-ccf-ledger, and the 14 derived mutations with the step each must fail at — read from
 * `../shared/vectors/ccf/` (not ours to commit). Where `../shared` is absent the suite says so
 * and is skipped.
 */
import { X509Certificate } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { bytesToHex } from '@noble/hashes/utils.js'
import { evaluateCodeUpdatePolicy, type ReceiptTrust, verifyTransparentStatement } from '../../src/index.js'
import { left, right } from '../support/helpers.js'
import { sharedVectorsDir } from '../support/sharedVectors.js'

const DIR = sharedVectorsDir('ccf')
const bytes = (file: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, file)))
const json = (file: string): any => JSON.parse(readFileSync(join(DIR, file), 'utf8')) // eslint-disable-line @typescript-eslint/no-explicit-any

/** The failing step each derived case names, as the rules of this library. */
const STEP_RULES: Readonly<Record<string, ReadonlyArray<string>>> = {
  decode: ['TS1'],
  'statement-signature-or-did': ['TS3', 'TS4'],
  receipts: ['TS5'],
  'receipt-decode': ['TS6'],
  'receipt-vds': ['TS6'],
  'claims-digest': ['TS7'],
  'receipt-key': ['TS9'],
  'receipt-signature': ['TS10']
}

describe('CCF / SCITT transparent-statement vectors (../shared/vectors/ccf)', () => {
  if (!existsSync(DIR)) {
    it.skip('TS12: SKIPPED, ../shared/vectors/ccf is not here: the CCF conformance vectors were not read', () => {})
    return
  }
  // esrp-cts-db.json: service certificates, base64 DER; the receipt's key is among them.
  const store = json('scitt-ccf-ledger/esrp-cts-db.json')
  const trust: ReceiptTrust = {
    serviceKeys: store.parameters.map(
      (p: { serviceCertificate: string }) => new Uint8Array(new X509Certificate(Buffer.from(p.serviceCertificate, 'base64')).publicKey.export({ format: 'der', type: 'spki' }))
    )
  }
  const expected = json('derived/uvm_0.2.10.expected.json')

  it('TS12: uvm_0.2.10.cose verifies under its trust store with every value upstream reports', () => {
    const v = right(verifyTransparentStatement(bytes('scitt-ccf-ledger/uvm_0.2.10.cose'), trust))
    expect(v).toMatchObject({ alg: 'PS384', issuer: expected.statement.cwt_claims.iss, subject: 'ContainerPlat-AMD-UVM', svn: 104, iat: 1766437887 })
    expect(bytesToHex(v.payload)).toBe(expected.statement.payload_hex)
    expect(v.x5chain).toHaveLength(3)
    expect(v.receipts).toHaveLength(1)
    const r = v.receipts[0]!
    // "Verified receipt from issuer esrp-cts-db.confidential-ledger.azure.com, registered at 458.12440, signed at 458.12441"
    expect(r).toMatchObject({ alg: 'ES384', issuer: 'esrp-cts-db.confidential-ledger.azure.com', registrationTxid: '458.12440', txid: '458.12441', vds: 2, kid: expected.receipt.protected.kid_ascii })
    expect(bytesToHex(r.root)).toBe(expected.receipt.merkle_root)
    expect(bytesToHex(r.leaves[0]!.claimsDigest)).toBe(expected.claims_digest.signed_statement_sha256)
  })

  it('TS9: uvm_0.2.10.cose is refused without its service key', () => {
    expect(left(verifyTransparentStatement(bytes('scitt-ccf-ledger/uvm_0.2.10.cose'), { serviceKeys: [] })).rule).toBe('TS9')
  })

  it('TS5: the signed statements of scitt-ccf-ledger verify up to their receipts (they carry none, or a legacy one)', () => {
    for (const [file, alg] of [
      ['cosesign1tool-scitt-a3be7e5.cose', 'ES256'],
      ['manifest.spdx.json.sha384.digest.cose', 'PS384']
    ] as const) {
      // Statement checks TS1–TS4 passed (an expired leaf included: time is not checked); TS5 is next.
      expect(left(verifyTransparentStatement(bytes(`scitt-ccf-ledger/${file}`), trust)), `${file} ${alg}`).toMatchObject({ rule: 'TS5' })
    }
    // A legacy, untagged receipt (tree_alg "CCF") is no COSE receipt.
    expect(left(verifyTransparentStatement(bytes('scitt-ccf-ledger/cts-hashv-cwtclaims-b64url.cose'), trust))).toMatchObject({ rule: 'TS6', part: 'envelope' })
  })

  it('TS1: each derived mutation fails at the step its case names, and the two positives verify', () => {
    const { cases } = json('derived/negative/cases.json')
    expect(cases).toHaveLength(14)
    for (const c of cases) {
      const result = verifyTransparentStatement(bytes(c.file), trust)
      if (c.expected === 'accept') {
        expect(E.isRight(result), c.file).toBe(true)
        continue
      }
      const step = String(c.expected).replace('reject:', '')
      expect(STEP_RULES[step], c.file).toContain(left(result).rule)
    }
  })

  it('CP1: the UVM statement passes a data policy pinning its issuer, feed and minimum svn as CCF roots of trust do, and fails a higher one', () => {
    const roots = json('ccf-uvm-roots-of-trust.json')
    const v = right(verifyTransparentStatement(bytes('scitt-ccf-ledger/uvm_0.2.10.cose'), trust))
    const root = roots.roots.find((r: { did: string; feed: string }) => r.did === v.issuer && r.feed === v.subject)
    expect(root).toBeDefined()
    const policy = { issuers: [root.did], subjects: [root.feed], minSvn: BigInt(root.svn) }
    expect(right(evaluateCodeUpdatePolicy(policy, [v]))).toHaveLength(1)
    expect(left(evaluateCodeUpdatePolicy({ minSvn: 105 }, [v]))).toMatchObject({ rule: 'CP1', statement: 0 })
  })
})
