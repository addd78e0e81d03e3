/**
 * Differential test against oasis-core's own decoder (issue 10): a Go oracle (test/oracle/,
 * fxamacker/cbor v2.4.0 under oasis-core's options, into Go types mirroring oasis-core's) and
 * this library's `decodeRuntime` / `decodeSgxConstraints` are given the same bytes.
 *
 * What must already hold is asserted: upstream vectors and generated valid descriptors are
 * accepted by both with byte-identical canonical encodings and hashes; the library never
 * accepts an input oasis-core refuses; where both accept, they agree on the canonical bytes.
 * Full agreement on accept/refuse is issue 10's goal and does not hold yet: that assertion is an
 * `it.fails` (it passes while disagreements remain, and starts failing once there are none —
 * then turn it into a plain `it`). Each run prints the disagreement classes.
 *
 * Environment: ORACLE_CASES (mutated/hostile inputs, default 3000; 100000 for the big run),
 * ORACLE_SEED (default 20261124), ORACLE_REPORT (a path: write every disagreement there as
 * JSON). Without Go and the Debian fxamacker/cbor package the suite is skipped, loudly; under
 * CI=true it fails instead, since .ci/run installs them.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  decodeRuntime,
  decodeSgxConstraints,
  encodeRuntime,
  encodeSgxConstraints,
  type Runtime,
  runtimeHash,
  type SgxConstraints,
  sgxConstraintsHash
} from '../../src/index.js'
import { runtime as runtimeArb, sgxConstraints as sgxArb } from '../support/arbitraries.js'
import { type BuiltOracle, buildOracle, type OracleAnswer, oracleAvailability, type OracleMode, runOracle } from '../support/oracle.js'
import { encode, FIXED_CASES, mutatedCases, type OracleCase, RUNTIME_SEEDS, SGX_SEEDS } from '../support/oracleCases.js'

const CASES = Math.max(1, Number(process.env['ORACLE_CASES'] ?? 3000))
const SEED = Number(process.env['ORACLE_SEED'] ?? 20261124)
/** Generated valid descriptors and SGX constraints, each. */
const VALID = Math.min(2000, Math.max(200, Math.round(CASES / 20)))
/** Generated descriptors (and SGX constraints) used as bases for mutation, besides the small seeds. */
const BASES = 60

// Upstream vectors (reference/oasis-vectors.md), the ones test/schema/vectors.test.ts uses.
const VECTORS: ReadonlyArray<{ name: string; mode: OracleMode; hex: string; hash?: string }> = [
  {
    name: 'R1 (TestRuntimeSerialization #1/#2)',
    mode: 'runtime',
    hex: 'aa61760062696458200000000000000000000000000000000000000000000000000000000000000000646b696e64006767656e65736973a265726f756e64006a73746174655f726f6f74582000000000000000000000000000000000000000000000000000000000000000006773746f72616765a373636865636b706f696e745f696e74657276616c0073636865636b706f696e745f6e756d5f6b6570740075636865636b706f696e745f6368756e6b5f73697a6500686578656375746f72a56a67726f75705f73697a65006c6d61785f6d65737361676573006d726f756e645f74696d656f7574007167726f75705f6261636b75705f73697a650072616c6c6f7765645f7374726167676c6572730069656e746974795f6964582000000000000000000000000000000000000000000000000000000000000000006c7465655f6861726477617265007061646d697373696f6e5f706f6c696379a168616e795f6e6f6465a070676f7665726e616e63655f6d6f64656c00',
    hash: '0c3398c847e754b2d15652357571e6e350e33cf0e08dd3cf3583214b58a3df26'
  },
  {
    name: 'R3 (TestRuntimeSerialization #3)',
    mode: 'runtime',
    hex: 'ab61760062696458200000000000000000000000000000000000000000000000000000000000000000646b696e64006767656e65736973a265726f756e64006a73746174655f726f6f7458200000000000000000000000000000000000000000000000000000000000000000677374616b696e67a1727265776172645f6261645f726573756c74730a6773746f72616765a373636865636b706f696e745f696e74657276616c0073636865636b706f696e745f6e756d5f6b6570740075636865636b706f696e745f6368756e6b5f73697a6500686578656375746f72a56a67726f75705f73697a65006c6d61785f6d65737361676573006d726f756e645f74696d656f7574007167726f75705f6261636b75705f73697a650072616c6c6f7765645f7374726167676c6572730069656e746974795f6964582000000000000000000000000000000000000000000000000000000000000000006c7465655f6861726477617265007061646d697373696f6e5f706f6c696379a168616e795f6e6f6465a070676f7665726e616e63655f6d6f64656c00',
    hash: '977e63768eaf0d1c6426156be6cccb614dec0ad054f05d2d30669519de8d1640'
  },
  {
    name: 'sgx_constraints_v0.bin',
    mode: 'sgx',
    hex: 'a168656e636c6176657381a2696d725f7369676e657258204025dab7ebda1fbecc4e3637606e021214d0f41c6d0422fd378b2a8b888184596a6d725f656e636c6176655820a22260aded1c0c5e5aad493dc21d17f5e196af97076fc2d8d00dff9ac9b39c77'
  }
]

// -------------------------------------------------------------------------------------------------
// the library's side: accept (with its canonical re-encoding and hash) or refuse (with its tag)
// -------------------------------------------------------------------------------------------------

type LibAnswer =
  | { readonly ok: true; readonly cbor: string; readonly hash: string }
  | { readonly ok: false; readonly tag: string; readonly rule: string; readonly path: string; readonly message: string }

const libDecode = (mode: OracleMode, bytes: Uint8Array): LibAnswer => {
  const decoded = mode === 'runtime' ? decodeRuntime(bytes) : decodeSgxConstraints(bytes)
  if (E.isLeft(decoded)) {
    const { _tag, rule, path, message } = decoded.left
    return { ok: false, tag: _tag, rule, path, message }
  }
  const encoded = mode === 'runtime' ? encodeRuntime(decoded.right as Runtime) : encodeSgxConstraints(decoded.right as SgxConstraints)
  const hashed = mode === 'runtime' ? runtimeHash(decoded.right as Runtime) : sgxConstraintsHash(decoded.right as SgxConstraints)
  const failed = E.isLeft(encoded) ? encoded.left : E.isLeft(hashed) ? hashed.left : undefined
  if (failed !== undefined || E.isLeft(encoded) || E.isLeft(hashed)) {
    // A decoded value that does not encode is a library bug; it is reported as its own class.
    const e = failed!
    return { ok: false, tag: `DecodedButNotEncodable:${e._tag}`, rule: e.rule, path: e.path, message: e.message }
  }
  return { ok: true, cbor: bytesToHex(encoded.right), hash: bytesToHex(hashed.right) }
}

// -------------------------------------------------------------------------------------------------
// comparing the two sides
// -------------------------------------------------------------------------------------------------

type Verdict = 'both-accept' | 'both-refuse' | 'go-only-accepts' | 'library-only-accepts'

interface Outcome {
  readonly c: OracleCase
  readonly go: OracleAnswer
  readonly lib: LibAnswer
  readonly verdict: Verdict
  /** Both accept but re-encode differently. */
  readonly bytesDiffer: boolean
}

const verdictOf = (go: OracleAnswer, lib: LibAnswer): Verdict =>
  go.ok && lib.ok ? 'both-accept' : !go.ok && !lib.ok ? 'both-refuse' : go.ok ? 'go-only-accepts' : 'library-only-accepts'

const compare = (oracle: BuiltOracle, cases: ReadonlyArray<OracleCase>): Outcome[] => {
  const out: Outcome[] = []
  for (const mode of ['runtime', 'sgx'] as const) {
    const mine = cases.filter((c) => c.mode === mode)
    const answers = runOracle(
      oracle,
      mode,
      mine.map((c) => c.hex)
    )
    mine.forEach((c, i) => {
      const go = answers[i]!
      const lib = libDecode(mode, Uint8Array.from(Buffer.from(c.hex, 'hex')))
      const verdict = verdictOf(go, lib)
      out.push({ c, go, lib, verdict, bytesDiffer: go.ok && lib.ok && (go.cbor !== lib.cbor || go.hash !== lib.hash) })
    })
  }
  return out
}

const short = (hex: string, max = 120): string => (hex.length <= max ? hex : `${hex.slice(0, max)}… (${hex.length / 2} bytes)`)
const goError = (a: OracleAnswer): string => (a.ok ? 'accepts' : a.error)
const libError = (a: LibAnswer): string => (a.ok ? 'accepts' : `${a.tag} (${a.rule}) at ${a.path === '' ? '<root>' : a.path}: ${a.message}`)

interface DisagreementClass {
  readonly key: string
  readonly count: number
  /** The shortest input of the class. */
  readonly example: Outcome
}

/** Group disagreements by mutation class, direction and the library's refusal tag. */
const disagreementClasses = (outcomes: ReadonlyArray<Outcome>): DisagreementClass[] => {
  const groups = new Map<string, { count: number; example: Outcome }>()
  for (const o of outcomes) {
    if (o.verdict !== 'go-only-accepts' && o.verdict !== 'library-only-accepts') continue
    const key = `${o.c.mode} ${o.c.cls} | ${o.verdict} | library: ${o.lib.ok ? 'accepts' : o.lib.tag}`
    const g = groups.get(key)
    if (g === undefined) groups.set(key, { count: 1, example: o })
    else {
      g.count++
      if (o.c.hex.length < g.example.c.hex.length) g.example = o
    }
  }
  return [...groups.entries()].map(([key, g]) => ({ key, ...g })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
}

const summary = (outcomes: ReadonlyArray<Outcome>): string => {
  const perClass = new Map<string, Record<Verdict | 'bytesDiffer', number>>()
  for (const o of outcomes) {
    const k = `${o.c.mode} ${o.c.cls}`
    const row = perClass.get(k) ?? { 'both-accept': 0, 'both-refuse': 0, 'go-only-accepts': 0, 'library-only-accepts': 0, bytesDiffer: 0 }
    row[o.verdict]++
    if (o.bytesDiffer) row.bytesDiffer++
    perClass.set(k, row)
  }
  const lines: string[] = []
  const dis = outcomes.filter((o) => o.verdict === 'go-only-accepts' || o.verdict === 'library-only-accepts').length
  lines.push(`oracle: ${outcomes.length} mutated/hostile inputs (seed ${SEED}), ${dis} disagree on accept/refuse (${((100 * dis) / Math.max(1, outcomes.length)).toFixed(2)}%)`)
  lines.push('  class                               both-acc both-ref go-only lib-only bytes≠')
  for (const [k, r] of [...perClass.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `  ${k.padEnd(36)} ${String(r['both-accept']).padStart(8)} ${String(r['both-refuse']).padStart(8)} ${String(r['go-only-accepts']).padStart(7)} ${String(r['library-only-accepts']).padStart(8)} ${String(r.bytesDiffer).padStart(6)}`
    )
  }
  const classes = disagreementClasses(outcomes)
  if (classes.length > 0) lines.push('disagreement classes (count, shortest input, Go vs library):')
  for (const d of classes) {
    lines.push(`  [${d.count}] ${d.key}`)
    lines.push(`      input:   ${short(d.example.c.hex)}`)
    lines.push(`      go:      ${goError(d.example.go)}`)
    lines.push(`      library: ${libError(d.example.lib)}`)
  }
  return lines.join('\n')
}

// -------------------------------------------------------------------------------------------------
// the suite
// -------------------------------------------------------------------------------------------------

const availability = oracleAvailability()
const TITLE = 'differential oracle: oasis-core (Go, fxamacker/cbor v2.4.0) vs this library'

if (!availability.available) {
  console.warn(
    `\n!!! ${TITLE}: NOT RUN — ${availability.reason}.\n!!! The library's agreement with oasis-core is unchecked on this machine.${process.env['CI'] === 'true' ? ' Under CI this fails.' : ''}\n`
  )
}

describe(TITLE, () => {
  if (!availability.available) {
    if (process.env['CI'] === 'true') {
      it('C4: the oasis-core oracle runs under CI (.ci/run installs Go and fxamacker/cbor v2.4.0)', () => {
        throw new Error(`the oasis-core oracle cannot run: ${availability.reason}`)
      })
    } else {
      it.skip(`C4: SKIPPED, oasis-core oracle not run: ${availability.reason}`, () => {})
    }
    return
  }

  let oracle: BuiltOracle | undefined
  let outcomes: Outcome[] = []

  beforeAll(() => {
    oracle = buildOracle(availability)
    const runtimeBases = [
      ...RUNTIME_SEEDS.map((s) => ({ mode: 'runtime' as const, bytes: encode(s) })),
      ...fc.sample(runtimeArb, { seed: SEED, numRuns: BASES }).map((rt) => ({ mode: 'runtime' as const, bytes: orThrow(encodeRuntime(rt)) }))
    ]
    const sgxBases = [
      ...SGX_SEEDS.map((s) => ({ mode: 'sgx' as const, bytes: encode(s) })),
      ...fc.sample(sgxArb, { seed: SEED, numRuns: Math.round(BASES / 3) }).map((c) => ({ mode: 'sgx' as const, bytes: orThrow(encodeSgxConstraints(c)) }))
    ]
    const cases = [...FIXED_CASES, ...mutatedCases([...runtimeBases, ...runtimeBases, ...sgxBases], CASES - FIXED_CASES.length, SEED)]
    outcomes = compare(oracle, cases)
    console.log(`${summary(outcomes)}\n(oracle built with ${availability.goVersion}, fxamacker/cbor ${availability.cborVersion})`)
    const reportPath = process.env['ORACLE_REPORT']
    if (reportPath !== undefined && reportPath !== '') {
      const rows = outcomes
        .filter((o) => o.verdict === 'go-only-accepts' || o.verdict === 'library-only-accepts' || o.bytesDiffer)
        .map((o) => ({ mode: o.c.mode, cls: o.c.cls, hex: o.c.hex, verdict: o.verdict, bytesDiffer: o.bytesDiffer, go: o.go, library: o.lib }))
      writeFileSync(reportPath, JSON.stringify({ seed: SEED, cases: outcomes.length, classes: disagreementClasses(outcomes).map((d) => ({ key: d.key, count: d.count, hex: d.example.c.hex, go: goError(d.example.go), library: libError(d.example.lib) })), rows }, null, 1))
    }
  }, 900_000)

  afterAll(() => oracle?.dispose())

  it('C7: the upstream vectors are accepted by both, with identical canonical bytes and hashes', () => {
    for (const v of VECTORS) {
      const [go] = runOracle(oracle!, v.mode, [v.hex])
      const lib = libDecode(v.mode, Uint8Array.from(Buffer.from(v.hex, 'hex')))
      expect({ name: v.name, go: go!.ok, lib: lib.ok }).toEqual({ name: v.name, go: true, lib: true })
      if (!go!.ok || !lib.ok) continue
      expect(go!.cbor).toBe(v.hex)
      expect(lib.cbor).toBe(v.hex)
      expect(lib.hash).toBe(go!.hash)
      if (v.hash !== undefined) expect(go!.hash).toBe(v.hash)
    }
  })

  it(`C1: ${VALID} generated runtime descriptors (fixed seed) are accepted by both, with identical canonical bytes and hashes`, () => {
    const inputs = fc.sample(runtimeArb, { seed: SEED + 1, numRuns: VALID }).map((rt) => bytesToHex(orThrow(encodeRuntime(rt))))
    const answers = runOracle(oracle!, 'runtime', inputs)
    const bad = inputs
      .map((hex, i) => ({ hex, go: answers[i]!, lib: libDecode('runtime', Uint8Array.from(Buffer.from(hex, 'hex'))) }))
      .filter(({ hex, go, lib }) => !go.ok || !lib.ok || go.cbor !== hex || lib.cbor !== hex || go.hash !== lib.hash)
      .map(({ hex, go, lib }) => ({ input: short(hex), go: go.ok ? (go.cbor === hex ? 'same bytes' : short(go.cbor)) : go.error, library: libError(lib) }))
    expect(bad).toEqual([])
  })

  it(`C4.12: ${VALID} generated SGX constraints (v0 and v1, fixed seed) are accepted by both, with identical canonical bytes and hashes`, () => {
    const inputs = fc.sample(sgxArb, { seed: SEED + 2, numRuns: VALID }).map((c) => bytesToHex(orThrow(encodeSgxConstraints(c))))
    const answers = runOracle(oracle!, 'sgx', inputs)
    const bad = inputs
      .map((hex, i) => ({ hex, go: answers[i]!, lib: libDecode('sgx', Uint8Array.from(Buffer.from(hex, 'hex'))) }))
      .filter(({ hex, go, lib }) => !go.ok || !lib.ok || go.cbor !== hex || lib.cbor !== hex || go.hash !== lib.hash)
      .map(({ hex, go, lib }) => ({ input: short(hex), go: go.ok ? (go.cbor === hex ? 'same bytes' : short(go.cbor)) : go.error, library: libError(lib) }))
    expect(bad).toEqual([])
  })

  it(`C4: of ${CASES} mutated and hostile inputs, the library accepts none that oasis-core refuses`, () => {
    expect(outcomes.length).toBeGreaterThan(0)
    const libraryOnly = outcomes
      .filter((o) => o.verdict === 'library-only-accepts')
      .map((o) => ({ cls: `${o.c.mode} ${o.c.cls}`, input: short(o.c.hex), go: goError(o.go) }))
    expect(libraryOnly).toEqual([])
  })

  it(`C4: of ${CASES} mutated and hostile inputs, wherever both accept, the canonical re-encodings and hashes are identical`, () => {
    expect(outcomes.some((o) => o.verdict === 'both-accept')).toBe(true)
    const differ = outcomes
      .filter((o) => o.bytesDiffer)
      .map((o) => ({ cls: `${o.c.mode} ${o.c.cls}`, input: short(o.c.hex), go: o.go.ok ? short(o.go.cbor) : '', library: o.lib.ok ? short(o.lib.cbor) : '' }))
    expect(differ).toEqual([])
  })

  // Issue 10's goal, not reached yet: `it.fails` passes while at least one input disagrees (the
  // classes are printed above) and fails once none does; then make it a plain `it`.
  it.fails(`C4: none of ${CASES} mutated and hostile inputs disagrees with oasis-core on accept or refuse (issue 10; expected to fail until the default mode is oasis-core's)`, () => {
    expect(outcomes.length).toBeGreaterThan(0)
    const classes = disagreementClasses(outcomes)
    const count = classes.reduce((n, d) => n + d.count, 0)
    expect(`${count} disagreement(s) in ${classes.length} class(es)`).toBe('0 disagreement(s) in 0 class(es)')
  })
})

function orThrow<A>(e: E.Either<{ readonly message: string }, A>): A {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}
