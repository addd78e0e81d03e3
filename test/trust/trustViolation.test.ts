import { describe } from 'vitest'
import { TRUST_VIOLATION_RULES, type TrustViolationData, type TrustViolationTag, trustViolation } from '../../src/trust/trustViolation.js'
import { refusalTableTests } from '../support/refusals.js'

// One sample of every member, so every message template is exercised.
const SAMPLES: { readonly [T in TrustViolationTag]: TrustViolationData[T] } = {
  MalformedArgument: { argument: 'trust.serviceKeys[0]', reason: 'not an EC key' },
  MalformedEnvelope: { part: 'envelope', reason: 'not tagged 18 (COSE_Sign1)' },
  MalformedStatementHeader: { field: 'cwt.iss', reason: 'missing' },
  IssuerUnresolved: { issuer: 'did:x509:0:sha256:abc::eku:1.2', reason: 'Invalid certificate chain' },
  AlgorithmKeyMismatch: { alg: 'PS384', key: 'P-256' },
  InvalidStatementSignature: { alg: 'ES256' },
  MissingReceipts: { reason: 'no receipts (label 394) in the unprotected header' },
  MalformedReceipt: { receipt: 1, part: 'vdp proof 0 path', reason: 'not a non-empty array' },
  UnsupportedVds: { receipt: 0, vds: '1' },
  ClaimsDigestMismatch: { receipt: 0, proof: 1, expected: 'aa', found: 'bb' },
  InconsistentMerkleRoots: { receipt: 0, proof: 2 },
  UnknownReceiptKey: { receipt: 0, kid: '"da76"' },
  ReceiptKeyMismatch: { receipt: 0, alg: 'ES384', key: 'P-256' },
  InvalidReceiptSignature: { receipt: 3, alg: 'ES384' },
  PolicyRefused: { statement: 0, reason: 'svn 3 is below 100' },
  PolicyRejected: { reason: 'no statements provided' },
  PolicyError: { reason: 'Code update policy threw: Error: boom' },
  NoStatements: {},
  StatementRequired: { identity: '07'.repeat(32) },
  StatementNotForIdentity: { identity: '07'.repeat(32), payload: '08' },
  NoPolicy: { identity: '07'.repeat(32) }
}

describe('trustViolation', () => {
  refusalTableTests('TS12', TRUST_VIOLATION_RULES, trustViolation, SAMPLES)
})
