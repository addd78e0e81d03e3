/**
 * Code update policies (spec/trust.md CP1–CP4) and code identity admission (AD1–AD4), on
 * statements built here. The function-policy cases are CCF's runner table
 * (`vectors/ccf/ccf-policy-runner-cases.json`, transcribed from CCF src/node/test/js_policy.cpp).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  admitCodeIdentity,
  evaluateCodeUpdatePolicy,
  type PolicyStatement,
  policyStatement,
  raiseSvnFloor,
  type VerifiedStatement,
  verifyTransparentStatement
} from '../../src/index.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import { buildTransparent, type Chain, chainFor, ecKey, type KeyPair } from '../support/transparency.js'

let chain: Chain
let service: KeyPair
let statement: VerifiedStatement
let bytes: Uint8Array
const IDENTITY = new Uint8Array(32).fill(7)

beforeAll(async () => {
  chain = await chainFor(await ecKey('P-256'))
  service = await ecKey('P-384')
  bytes = buildTransparent(chain, service, { payload: IDENTITY }).bytes
  statement = deepFreeze(right(verifyTransparentStatement(bytes, { serviceKeys: [service.spki] })))
}, 60_000)

describe('code update policy', () => {
  it('CP1: every constraint given must hold for every statement; the first unmet one is the reason', () => {
    expect(right(evaluateCodeUpdatePolicy({}, [statement]))).toEqual([statement])
    const all = { issuers: [chain.did], subjects: ['oasis-runtime/compute'], minSvn: 7, algorithms: ['ES256' as const], receiptIssuers: ['ledger.example'] }
    expect(right(evaluateCodeUpdatePolicy(deepFreeze(all), [statement, statement]))).toHaveLength(2)
    const cases: ReadonlyArray<readonly [object, string]> = [
      [{ issuers: ['did:x509:0:sha256:other::eku:1.2'] }, `issuer ${chain.did} is not accepted`],
      [{ subjects: ['other'] }, 'subject oasis-runtime/compute is not accepted'],
      [{ minSvn: 8 }, 'svn 7 is below 8'],
      [{ minSvn: 2n ** 64n - 1n }, 'svn 7 is below 18446744073709551615'],
      [{ algorithms: ['PS384'] }, 'algorithm ES256 is not accepted'],
      [{ receiptIssuers: ['other.ledger'] }, 'receipt 0 issuer ledger.example is not accepted']
    ]
    for (const [policy, reason] of cases) {
      expect(left(evaluateCodeUpdatePolicy(policy, [statement, statement])), reason).toMatchObject({ _tag: 'PolicyRefused', rule: 'CP1', statement: 0, reason })
    }
  })

  it('CP1: a minimum svn refuses a statement without one instead of comparing undefined', () => {
    const { svn: _svn, ...withoutSvn } = statement
    expect(left(evaluateCodeUpdatePolicy({ minSvn: 0 }, [withoutSvn]))).toMatchObject({ rule: 'CP1', reason: 'no svn, and at least 0 is required' })
    expect(right(evaluateCodeUpdatePolicy({ issuers: [chain.did] }, [withoutSvn]))).toHaveLength(1)
  })

  it('CP1: a malformed data policy is a DX2 value', () => {
    for (const policy of [null, 5, { issuers: 'x' }, { minSvn: -1 }, { algorithms: ['RS256'] }, { receiptIssuers: [1] }]) {
      expect(left(evaluateCodeUpdatePolicy(policy as never, [statement])), JSON.stringify(policy)).toMatchObject({ rule: 'DX2', argument: 'policy' })
    }
    expect(left(evaluateCodeUpdatePolicy({}, 'x' as never))).toMatchObject({ rule: 'DX2', argument: 'statements' })
  })

  it("CP2: a function gets CCF's input shape, frozen: numbers, PEM chains, lower-case hex, absent fields left out", () => {
    let seen: ReadonlyArray<PolicyStatement> = []
    expect(right(evaluateCodeUpdatePolicy((s) => ((seen = s), true), [statement]))).toHaveLength(1)
    expect(Object.isFrozen(seen)).toBe(true)
    const [s] = seen
    expect(s!.phdr.alg).toBe(-7)
    expect(s!.phdr.cwt).toEqual({ iss: chain.did, sub: 'oasis-runtime/compute', svn: 7 })
    expect('cty' in s!.phdr).toBe(false)
    expect(s!.phdr.x5chain).toHaveLength(2)
    expect(s!.phdr.x5chain[0]).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/)
    const r = s!.receipts[0]!
    expect(r).toMatchObject({ alg: -35, vds: 2, ccf: { txid: '2.11' }, cwt: { iss: 'ledger.example', sub: 'scitt.ccf.signature.v1', iat: 1766437888 } })
    expect(r.kid).toMatch(/^[0-9a-f]{64}$/)
    expect(r.leaves[0]).toEqual({
      claims_digest: Buffer.from(statement.receipts[0]!.leaves[0]!.claimsDigest).toString('hex'),
      commit_evidence: `ce:2.10:${'ab'.repeat(32)}`,
      write_set_digest: '11'.repeat(32)
    })
    expect(policyStatement(statement)).toEqual(s)
    // the policy cannot alter what it is given
    expect(left(evaluateCodeUpdatePolicy((x) => (((x[0] as { phdr: { alg: number } }).phdr.alg = 1), true), [statement])).rule).toBe('CP3')
  })

  it("CP2: only true accepts; a string is a reasoned refusal (CCF's runner table)", () => {
    expect(right(evaluateCodeUpdatePolicy(() => true, [statement]))).toHaveLength(1)
    expect(left(evaluateCodeUpdatePolicy(() => 'rejected for testing', [statement]))).toMatchObject({ _tag: 'PolicyRejected', rule: 'CP2', reason: 'rejected for testing' })
  })

  it.each([false, undefined, null, 42, 1n, {}])('CP3: a result of %s is an unexpected return value', (value) => {
    const e = left(evaluateCodeUpdatePolicy(() => value, [statement]))
    expect(e).toMatchObject({ _tag: 'PolicyError', rule: 'CP3' })
    expect(e.message).toMatch(/^Unexpected return value from code update policy: /)
  })

  it('CP3: a throw, an error thrown by the runtime, or a non-Error thrown is a PolicyError naming it', () => {
    const boom = left(evaluateCodeUpdatePolicy(() => {
      throw new Error('intentional failure')
    }, [statement]))
    expect(boom.message).toMatch(/^Code update policy threw: .*intentional failure/)
    const typeError = left(evaluateCodeUpdatePolicy((s) => (s[99] as PolicyStatement).phdr.alg === -7, [statement]))
    expect(typeError.message).toMatch(/^Code update policy threw: /)
    expect(left(evaluateCodeUpdatePolicy(() => {
      throw 'a string' // eslint-disable-line no-throw-literal
    }, [statement])).rule).toBe('CP3')
  })

  it('CP4: a data policy accepts nothing from no statements; a function is given the empty list and decides', () => {
    expect(left(evaluateCodeUpdatePolicy({}, []))).toMatchObject({ _tag: 'NoStatements', rule: 'CP4' })
    expect(left(evaluateCodeUpdatePolicy((s) => (s.length === 0 ? 'no statements provided' : true), []))).toMatchObject({ rule: 'CP2', reason: 'no statements provided' })
    expect(right(evaluateCodeUpdatePolicy(() => true, []))).toEqual([])
  })
})

describe('admitCodeIdentity', () => {
  const trust = () => deepFreeze({ serviceKeys: [service.spki] })

  it('AD1: a trusted identity is admitted without reading the statement or the policy', () => {
    expect(right(admitCodeIdentity(IDENTITY, deepFreeze({ trusted: [new Uint8Array(32).fill(7)], statement: Uint8Array.of(1), policy: () => false })))).toEqual({ via: 'trusted' })
  })

  it('AD2: any other identity needs a statement', () => {
    expect(left(admitCodeIdentity(IDENTITY, { trusted: [new Uint8Array(32)] }))).toMatchObject({ _tag: 'StatementRequired', rule: 'AD2', identity: '07'.repeat(32) })
  })

  it('AD3: a statement that verifies, binds to the identity and passes the policy admits it', () => {
    const admitted = right(admitCodeIdentity(IDENTITY, deepFreeze({ trusted: [], statement: bytes, trust: trust(), policy: { issuers: [chain.did], minSvn: 7 } })))
    expect(admitted.via).toBe('statement')
    expect(admitted.via === 'statement' && admitted.statement.payload).toEqual(IDENTITY)
  })

  it('AD3: the payload must be exactly the identity, its length first', () => {
    for (const other of [new Uint8Array(32).fill(8), new Uint8Array(31).fill(7), new Uint8Array(33).fill(7)]) {
      expect(left(admitCodeIdentity(other, { trusted: [], statement: bytes, trust: trust(), policy: {} }))).toMatchObject({ _tag: 'StatementNotForIdentity', rule: 'AD3' })
    }
  })

  it('AD3: a statement that does not verify, or a policy that refuses it, admits nothing', () => {
    const broken = Uint8Array.from(bytes)
    broken[broken.length - 1]! ^= 1
    expect(left(admitCodeIdentity(IDENTITY, { trusted: [], statement: broken, trust: trust(), policy: {} })).rule).toMatch(/^TS/)
    expect(left(admitCodeIdentity(IDENTITY, { trusted: [], statement: bytes, trust: trust(), policy: { minSvn: 8 } })).rule).toBe('CP1')
    expect(left(admitCodeIdentity(IDENTITY, { trusted: [], statement: bytes, trust: { serviceKeys: [] }, policy: {} })).rule).toBe('TS9')
  })

  it('AD4: without a policy nothing is admitted by a statement, however valid', () => {
    expect(left(admitCodeIdentity(IDENTITY, { trusted: [], statement: bytes, trust: trust() }))).toMatchObject({ _tag: 'NoPolicy', rule: 'AD4' })
  })

  it('AD5: with svn floors, a statement below the floor of its issuer and subject is refused; at it, admitted', () => {
    const floors = (n: number) => deepFreeze(right(raiseSvnFloor(new Map(), chain.did, 'oasis-runtime/compute', n)))
    const input = (n: number) => ({ trusted: [], statement: bytes, trust: trust(), policy: {}, floors: floors(n) })
    expect(left(admitCodeIdentity(IDENTITY, input(8)))).toMatchObject({ _tag: 'SvnBelowFloor', rule: 'SV2', svn: 7, floor: 8 })
    expect(right(admitCodeIdentity(IDENTITY, input(7))).via).toBe('statement')
    // another issuer's or subject's floor does not apply
    const other = deepFreeze(right(raiseSvnFloor(new Map(), chain.did, 'other-subject', 100)))
    expect(right(admitCodeIdentity(IDENTITY, { ...input(0), floors: other })).via).toBe('statement')
  })

  it('AD4: malformed arguments are DX2 values', () => {
    for (const [identity, input] of [
      [new Uint8Array(0), { trusted: [] }],
      ['07', { trusted: [] }],
      [IDENTITY, null],
      [IDENTITY, { trusted: 'x' }],
      [IDENTITY, { trusted: [], statement: 'x', policy: {} }],
      [IDENTITY, { trusted: [], statement: bytes, policy: {} }]
    ] as const) {
      expect(left(admitCodeIdentity(identity as never, input as never))).toMatchObject({ rule: 'DX2' })
    }
  })
})
