/**
 * Micro-benchmarks of signed trust: verifying a transparent statement whole (spec/trust.md
 * TS1–TS12) with an ES256 or a PS384 statement and one ES384 receipt, and its parts (reading the
 * envelope, resolving the did:x509 issuer), on statements, chains and receipts built here; and
 * the real `uvm_0.2.10.cose` when `../shared/vectors/ccf` is present. Run with
 * `npx tsx benchmarks/trust.ts`; never part of `npm test`.
 *
 * Last results (Node 20.20, 2 x86-64 cores, nothing else running; median per call):
 *   verifyTransparentStatement, ES256 statement + ES384 receipt                  11.2 ms
 *   verifyTransparentStatement, PS384 (RSA-2048) statement + ES384 receipt        8.7 ms
 *   verifyTransparentStatement, uvm_0.2.10.cose (PS384 RSA-3072, 3 certificates)  12.3 ms
 *   decodeCoseSign1, ES256 statement with 2 certificates                          9.7 µs
 *   resolveDidX509, CA and leaf on P-256                                          1.37 ms
 * The ECDSA checks dominate: @noble/curves (pure JS, as the design asks) takes about 2.3 ms per
 * P-256 and 5 ms per P-384 verification on this machine; RSA-PSS goes through node:crypto.
 */
import { existsSync, readFileSync } from 'node:fs'
import { X509Certificate } from 'node:crypto'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { Bench } from 'tinybench'
import { decodeCoseSign1 } from '../src/trust/coseSign1.js'
import { resolveDidX509 } from '../src/trust/didX509.js'
import { type ReceiptTrust, verifyTransparentStatement } from '../src/trust/transparentStatement.js'
import { buildTransparent, chainFor, ecKey, rsaPssKey } from '../test/support/transparency.js'
import { sharedVectorsDir } from '../test/support/sharedVectors.js'

const median = (bench: Bench, name: string): number => {
  const samples = (bench.tasks.find((t) => t.name === name)?.result?.samples ?? []).slice().sort((a, b) => a - b)
  return samples.length === 0 ? NaN : samples[samples.length >> 1]! * 1000
}

/** Run the benchmarks and print one row per task (median µs per call). */
export const main = async (): Promise<void> => {
  const service = await ecKey('P-384')
  const trust: ReceiptTrust = { serviceKeys: [service.spki] }
  const ec = await chainFor(await ecKey('P-256'))
  const rsa = await chainFor(await rsaPssKey('SHA-384'))
  const es256 = buildTransparent(ec, service).bytes
  const ps384 = buildTransparent(rsa, service, { alg: -38 }).bytes
  for (const bytes of [es256, ps384]) if (E.isLeft(verifyTransparentStatement(bytes, trust))) throw new Error('the built statement does not verify')
  const bench = new Bench({ time: 500, warmupTime: 100 })
  bench.add('verifyTransparentStatement (ES256 statement, ES384 receipt)', () => verifyTransparentStatement(es256, trust))
  bench.add('verifyTransparentStatement (PS384 RSA-2048 statement, ES384 receipt)', () => verifyTransparentStatement(ps384, trust))
  bench.add('decodeCoseSign1 (ES256 statement, 2 certificates)', () => decodeCoseSign1(es256, 'attached'))
  bench.add('resolveDidX509 (CA and leaf, P-256)', () => resolveDidX509(ec.did, ec.der))
  const dir = sharedVectorsDir('ccf')
  if (existsSync(dir)) {
    const uvm = new Uint8Array(readFileSync(join(dir, 'scitt-ccf-ledger/uvm_0.2.10.cose')))
    const store = JSON.parse(readFileSync(join(dir, 'scitt-ccf-ledger/esrp-cts-db.json'), 'utf8')) as { parameters: Array<{ serviceCertificate: string }> }
    const keys = store.parameters.map((p) => new Uint8Array(new X509Certificate(Buffer.from(p.serviceCertificate, 'base64')).publicKey.export({ format: 'der', type: 'spki' })))
    bench.add('verifyTransparentStatement (uvm_0.2.10.cose: PS384 RSA-3072, 3 certificates, ES384 receipt)', () => verifyTransparentStatement(uvm, { serviceKeys: keys }))
  }
  await bench.run()
  console.table(bench.tasks.map((t) => ({ task: t.name, 'median (µs)': median(bench, t.name).toFixed(1), samples: t.result?.samples.length ?? 0 })))
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
