/**
 * Totality, checked by machine (issue 11): every function exported from the package root is
 * called with arbitrary values of its declared parameter types — valid values from the shared
 * arbitraries, then hostile ones (holey and sparse arrays, NaN, ±Infinity, −0, fractions, unsafe
 * integers, huge and negative bigints, frozen and null-prototype objects, byte strings of wrong
 * lengths or with a byte offset, options omitted / empty / null / with wrong-typed fields) — and
 * must return a value (never throw) and leave its arguments unchanged (spec/rules.md, engine.md,
 * scheduler.md, nodes.md: "pure and total"; DX2: malformed arguments are refused as values).
 *
 * Every function export needs an entry in CASES (or in EXCLUDED with its reason), so a new
 * export cannot be forgotten. Known failures (reported, to be fixed in src/) run as `it.fails`
 * with their reproduction as the property's first example; flip each to `it` once fixed.
 *
 * Runs per function are kept small so that the file stays well under 15 s; under CI the seed is
 * fixed (test/support/setup.ts). Diagnostics: `TOTALITY_RUNS=20000` explores deeper;
 * `TOTALITY_TYPED_ONLY=1` leaves out every value outside the declared types.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as L from '../src/index.js'
import * as T from './support/totalityArgs.js'
import { snapshot, withHole } from './support/totalityHostile.js'
import { buildTransparent, chainFor, ecKey } from './support/transparency.js'

// -------------------------------------------------------------------------------------------------
// exclusions: exports that are not total functions by design (keep this list small and honest)
// -------------------------------------------------------------------------------------------------

const EXCLUDED: Readonly<Record<string, string>> = {
  // a class: calling it without `new` throws by the language
  Problem: 'a class (calling it without new throws by the language); its instances are the argument of renderPath',
  // the abstract io-ts codec class: neither callable nor constructible
  Wire: 'an abstract class (the io-ts Type of every codec); exercised through the exported codecs and combinators',
  CborTagged: 'a class (calling it without new throws by the language); a plain holder of a tag and its item, made by readCborTagged',
  CborSink: 'a class (calling it without new throws by the language); the byte buffer of every encoding, exercised through encodeWith and encodeThen'
}

// -------------------------------------------------------------------------------------------------
// codecs, for the codec-building helpers and decodeWith / encodeWith / toJsonWith / fromJsonWith
// -------------------------------------------------------------------------------------------------

type AnyWire = L.Wire<any>

const SCALAR_CODECS: ReadonlyArray<AnyWire> = [L.u8, L.u16, L.u32, L.u64, L.i64, L.bool, L.text, L.bytes, L.namespace, L.quantity]

/** Each exported codec with values of its type (valid, hostile, malformed). */
const CODECS: ReadonlyArray<readonly [string, AnyWire, fc.Arbitrary<unknown>]> = [
  ['u8', L.u8, T.num],
  ['u16', L.u16, T.num],
  ['u32', L.u32, T.num],
  ['u64', L.u64, T.u64],
  ['i64', L.i64, T.int],
  ['bool', L.bool, T.bool],
  ['text', L.text, T.str],
  ['bytes', L.bytes, T.bytes],
  ['namespace', L.namespace, T.bytes],
  ['quantity', L.quantity, T.bytes],
  ['VersionCodec', L.VersionCodec, T.version],
  ['VersionInfoCodec', L.VersionInfoCodec, T.versionInfo],
  ['RuntimeCodec', L.RuntimeCodec, T.runtime],
  ['NodeRuntimeCodec', L.NodeRuntimeCodec, T.nodeRuntime],
  ['SgxConstraintsCodec', L.SgxConstraintsCodec, fc.oneof(T.anything, fc.constant({ enclaves: [] }))],
  ['QuotePolicyCodec', L.QuotePolicyCodec, T.anything],
  ['ConsensusParametersCodec', L.ConsensusParametersCodec, T.params]
]

const codecAndValue: fc.Arbitrary<[AnyWire, unknown]> = fc.oneof(
  ...CODECS.map(([, codec, values]) => fc.tuple(fc.constant(codec), fc.oneof(values, T.anything)))
)

const decodeOptions = T.options<L.DecodeOptions>({ requireCanonical: T.bool })

/** Exercise a codec built by a helper: decode / is on any value, the library's entry points on bytes and values. */
const exerciseCodec = (codec: AnyWire, value: unknown, bytes: Uint8Array): void => {
  const decoded = codec.decode(value)
  codec.is(value)
  L.decodeWith(codec)(bytes)
  L.decodeWith(codec)(bytes, { requireCanonical: true })
  L.fromJsonWith(codec)(value)
  L.fromOasisJsonWith(codec)(value)
  L.encodeWith(codec)(value)
  L.toJsonWith(codec)(value)
  L.toOasisJsonWith(codec)(value)
  if (E.isRight(decoded)) {
    L.encodeWith(codec)(decoded.right)
    L.toJsonWith(codec)(decoded.right)
    L.toOasisJsonWith(codec)(decoded.right)
  }
}

const codecPick = fc.constantFrom(...CODECS.map(([, c]) => c))
const keyKinds = Object.values(L.keys)
const intKeyKinds = [L.keys.u8, L.keys.u32, L.keys.i64] as ReadonlyArray<L.KeyKind<number | bigint>>

// oasis-node's JSON (spec/codec.md O1–O5): text-name tables, hostile ones too, and JSON values of
// the shapes the readers take (written by the library, or anything at all).
const textNames: fc.Arbitrary<L.TextNames> = fc.oneof(
  fc.constantFrom(L.GOVERNANCE_MODEL_NAMES, L.ROLE_NAMES, L.COMMITTEE_KIND_NAMES, L.THRESHOLD_KIND_NAMES, L.SLASH_REASON_NAMES),
  fc.record(
    { goType: T.str, written: fc.array(fc.tuple(T.num, T.str), { maxLength: 4 }), read: fc.array(T.str, { maxLength: 4 }) },
    { requiredKeys: ['goType', 'written'] }
  )
)
const oasisJsonValue: fc.Arbitrary<L.OasisJson> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<L.OasisJson>,
  fc.array(fc.oneof(T.big, T.num, T.str), { maxLength: 4 }),
  fc.dictionary(T.str, fc.oneof(T.big, fc.jsonValue() as fc.Arbitrary<L.OasisJson>), { maxKeys: 4 })
)
const writtenOr = <A>(values: fc.Arbitrary<A>, write: (a: A) => E.Either<unknown, L.OasisJson>): fc.Arbitrary<unknown> =>
  fc.oneof(T.anything, oasisJsonValue, values.map((v) => E.getOrElse<unknown, unknown>(() => v)(write(v))))
const oasisRuntimeJson = writtenOr(T.runtime, L.runtimeToOasisJson)
const oasisParamsJson = writtenOr(T.params, L.paramsToOasisJson)
const genesisDoc = fc.oneof(
  T.anything,
  fc.record({ registry: fc.record({ params: oasisParamsJson, runtimes: fc.array(oasisRuntimeJson, { maxLength: 3 }), suspended_runtimes: T.anything }, { requiredKeys: [] }), beacon: fc.record({ base: T.anything }) }, { requiredKeys: ['registry'] })
)

const fieldsArb: fc.Arbitrary<L.Field[]> = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom('a', 'b', 'v', 'id', 'version', '', '__proto__', 'toString', 'constructor', 'hasOwnProperty'),
        fc.constantFrom(...SCALAR_CODECS, L.VersionCodec),
        fc.constantFrom<L.Presence>('always', 'omitempty', 'pointer')
      ),
      { maxLength: 4 }
    ),
    fc.option(fc.nat(), { nil: undefined })
  )
  .map(([fs, hole]) => (hole === undefined ? fs : withHole(fs, hole)))

// -------------------------------------------------------------------------------------------------
// the table
// -------------------------------------------------------------------------------------------------

type Fn = (...args: any[]) => unknown

interface Case {
  /** Arguments of the declared parameter types. */
  readonly args: fc.Arbitrary<ReadonlyArray<unknown>>
  /** How to call (default: the export itself, then again with trailing `undefined`s left out). */
  readonly call?: (f: Fn, args: ReadonlyArray<unknown>) => unknown
  readonly numRuns?: number
}

/** A case whose arguments the compiler checks against the export's parameter types. */
const args = <F extends Fn>(_f: F, arb: fc.Arbitrary<Parameters<F>>, extra: Omit<Case, 'args'> = {}): Case => ({ args: arb, ...extra })

const nodeRegistrationOptions = T.options<L.NodeRegistrationOptions>({
  strictVersions: T.bool,
  isGenesis: T.bool,
  verifyTee: T.verifier,
  admittedCodeIdentities: fc.array(T.bytes, { maxLength: 3 })
})
const eligibilityFields = { verifyTee: T.verifier, suspended: fc.array(T.bytes, { maxLength: 3 }) }
const committeeFields = { groupSize: T.size, minPoolSize: T.size, backupSize: T.size, backupMinPoolSize: T.size }
const fraction = fc.record({ numerator: T.big, denominator: T.big })
const weights = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...[1, 2, 3, 4, 8].map((n) => Buffer.from(new Uint8Array(32).fill(n)).toString('hex'))), T.str), T.int), {
    maxLength: 6
  })
  .map((es) => new Map(es))
const supported: fc.Arbitrary<L.SupportedVersions> = fc.oneof(
  fc.array(T.version, { maxLength: 4 }),
  T.versionInfo.map((d) => [d.version]),
  fc.record({ min: T.version, max: T.version })
)
const target: fc.Arbitrary<L.UpgradeTarget> = fc.oneof(
  T.versionInfo.map(({ valid_from: _, ...rest }) => rest),
  fc.record({ version: T.version, tee: T.bytes, bundle_checksum: T.bytes }, { requiredKeys: ['version'] })
)
const forkSchedule: fc.Arbitrary<L.ForkSchedule> = fc.oneof(
  T.runtime.map((rt) => {
    const s = L.runtimeForkSchedule(rt)
    return E.isRight(s) ? s.right : { seed: rt.id, forkPoints: [] }
  }),
  fc.record({ seed: T.bytes, forkPoints: fc.array(T.u64, { maxLength: 5 }) })
)
const remoteForkId: fc.Arbitrary<L.ForkId> = fc.oneof(
  fc.tuple(T.runtime, T.u64).map(([rt, e]) => {
    const f = L.forkId(rt, e)
    return E.isRight(f) ? f.right : { hash: new Uint8Array(4), next: 0 }
  }),
  fc.record({ hash: T.bytes, next: T.u64 })
)
const cborKey: fc.Arbitrary<L.CborKey> = fc.oneof(T.num, T.big, T.str, T.bytes)
const decodeErrorTag = fc.constantFrom(...(Object.keys(L.DECODE_ERROR_RULES) as L.DecodeErrorTag[]))
const problem: fc.Arbitrary<L.Problem> = fc
  .tuple(decodeErrorTag, T.str, fc.array(T.str, { maxLength: 3 }), fc.option(fc.nat(), { nil: undefined }), fc.option(fc.nat(), { nil: undefined }))
  .map(([tag, message, segs, offset, hole]) => {
    const p = new L.Problem(tag, message)
    for (const s of segs) p.at(s)
    if (offset !== undefined) p.atOffset(offset)
    if (hole !== undefined) {
      // `path` is a string[]; a sparse one is one too.
      const holey = withHole(p.path, hole)
      p.path.length = 0
      for (const k of Object.keys(holey)) p.path[Number(k)] = holey[Number(k)]!
      p.path.length = holey.length
    }
    return p
  })
const cborModel: fc.Arbitrary<L.CborModel> = fc.letrec<{ model: L.CborModel }>((tie) => ({
  model: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    T.num,
    T.big,
    T.str,
    T.bool,
    fc.constant(null),
    T.bytes,
    fc.array(tie('model'), { maxLength: 3 }).map((xs) => (xs.length > 1 ? withHole(xs, 1) : xs)),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('model'), { maxKeys: 3 }),
    fc.array(fc.tuple(tie('model'), tie('model')), { maxLength: 2 }).map((es) => new Map(es))
  )
})).model

const U = undefined

// Era markers (spec/trust.md ER1–ER7): lists of markers, hostile ones too, and payloads.
const eraMarkers: fc.Arbitrary<L.EraMarker[]> = fc.array(
  fc.oneof(fc.record({ name: fc.oneof(T.str, fc.constantFrom('pythagoras', 'lagrange')), epoch: fc.option(T.u64, { nil: null }) }), T.anything as fc.Arbitrary<L.EraMarker>),
  { maxLength: 4 }
)
const eraPayloadJson = fc.record({ markers: eraMarkers, signature: fc.oneof(fc.constant(null), T.str, T.bytes.map((b) => Buffer.from(b ?? []).toString('hex'))) }, { requiredKeys: [] })
const eraPayloadHex = eraPayloadJson.map((p) => Buffer.from(L.formatExactJson(p as L.OasisJson, 0) ?? '', 'utf8').toString('hex'))

// Svn floors (spec/trust.md SV1–SV3), hostile ones too.
const svnFloors: fc.Arbitrary<L.SvnFloors> = fc.oneof(
  fc.array(fc.tuple(T.str, T.u64), { maxLength: 3 }).map((es) => new Map(es)),
  T.anything as fc.Arbitrary<L.SvnFloors>
)

// Installed bundles (spec/nodes.md RC1–RC6): of the runtimes the generators make, and hostile ones.
const installedBundles: fc.Arbitrary<L.InstalledBundle[]> = fc.array(
  fc.oneof(
    fc.record({ runtime: T.bytes, version: T.version, checksum: T.bytes }, { requiredKeys: ['runtime', 'version'] }),
    T.runtime.chain((rt) => T.versionInfo.map((d) => ({ runtime: (rt as { id?: Uint8Array })?.id ?? new Uint8Array(32), version: d?.version ?? {} }))),
    T.anything as fc.Arbitrary<L.InstalledBundle>
  ),
  { maxLength: 4 }
)

// Transparent statements (spec/trust.md CT1, TS, XD, CP, AD): one built here, its parts, and hostile ones.
const TS = await (async () => {
  const chain = await chainFor(await ecKey('P-256'))
  const service = await ecKey('P-384')
  const built = buildTransparent(chain, service)
  const trust = { serviceKeys: [service.spki] }
  const verified = E.getOrElseW(() => undefined)(L.verifyTransparentStatement(built.bytes, trust))!
  const envelope = E.getOrElseW(() => undefined)(L.decodeCoseSign1(built.bytes, 'attached'))!
  return { chain, service, built, trust, verified, envelope }
})()
const flipped = fc.integer({ min: 0, max: TS.built.bytes.length * 8 - 1 }).map((bit) => {
  const out = Uint8Array.from(TS.built.bytes)
  out[bit >> 3]! ^= 1 << (bit & 7)
  return out
})
const coseBytes = fc.oneof(fc.constant(TS.built.bytes), flipped, T.cborBytes)
const coseAlg = fc.oneof(fc.constantFrom<L.CoseAlgorithm>('ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512'), T.str as fc.Arbitrary<L.CoseAlgorithm>)
const coseHeader: fc.Arbitrary<L.CoseHeader> = fc.oneof(
  fc.constant(TS.envelope.protectedHeader),
  fc.array(fc.tuple(fc.oneof(T.int, T.str), T.anything), { maxLength: 4 }).map((es) => new Map(es as [L.CborKey, L.CborValue][]))
)
const receiptTrust: fc.Arbitrary<L.ReceiptTrust> = fc.oneof(
  fc.constant(TS.trust),
  fc.record({ serviceKeys: fc.array(fc.oneof(T.bytes, fc.constant(TS.service.spki), T.anything as fc.Arbitrary<Uint8Array>), { maxLength: 2 }) }),
  T.anything as fc.Arbitrary<L.ReceiptTrust>
)
const verifiedStatement: fc.Arbitrary<L.VerifiedStatement> = fc.oneof(
  fc.constant(TS.verified),
  fc.record({ svn: fc.option(T.u64, { nil: U }), issuer: T.str, subject: T.str }).map((o) => ({ ...TS.verified, ...o }))
)
const codeUpdatePolicy: fc.Arbitrary<L.CodeUpdatePolicy> = fc.oneof(
  fc.record({ issuers: fc.array(T.str), subjects: fc.array(T.str), minSvn: T.u64, algorithms: fc.array(coseAlg), receiptIssuers: fc.array(T.str) }, { requiredKeys: [] }),
  fc.constantFrom<L.CodeUpdatePolicy>(() => true, () => 'no', () => null, () => {
    throw new Error('policy failure')
  }),
  T.anything as fc.Arbitrary<L.CodeUpdatePolicy>
)
const publicKey: fc.Arbitrary<L.PublicKey> = fc.oneof(
  fc.constant(L.readPublicKey(TS.service.spki)!),
  fc.constant(L.readPublicKey(TS.chain.leaf.spki)!),
  fc.record({ kind: fc.constantFrom('EC', 'RSA', 'other'), curve: fc.constantFrom('P-256', 'P-384', 'P-521'), point: T.bytes, spki: T.bytes, type: T.str }) as fc.Arbitrary<L.PublicKey>
)
const inclusionProof: fc.Arbitrary<L.InclusionProof> = fc.record({
  writeSetDigest: T.bytes,
  commitEvidence: T.str,
  claimsDigest: T.bytes,
  path: fc.array(fc.record({ left: T.bool, hash: T.bytes }), { maxLength: 3 })
})

// RR4 lookups: nothing registered, a lookup that throws, any runtime of the generators.
const runtimeLookup: fc.Arbitrary<L.RuntimeLookup> = fc.oneof(
  fc.constant(() => undefined),
  fc.constant(() => {
    throw new Error('lookup failure')
  }),
  T.runtime.map((rt) => () => rt)
)

const CASES: Readonly<Record<string, Case>> = {
  // ---- rules: selection, versions, deployments ---------------------------------------------------
  activeDeployment: args(L.activeDeployment, fc.tuple(T.runtime, T.u64)),
  nextDeployment: args(L.nextDeployment, fc.tuple(T.runtime, T.u64)),
  deploymentForVersion: args(L.deploymentForVersion, fc.tuple(T.runtime, T.version)),
  pruneSuperseded: args(L.pruneSuperseded, fc.tuple(T.runtime, T.u64)),
  validateDeployments: args(
    L.validateDeployments,
    fc.tuple(T.runtime, T.u64, T.params, T.options<L.ValidateOptions>({ isFeatureVersion261: T.bool, policy: T.policy, strict: T.bool }))
  ),
  verifyRuntimeNew: args(
    L.verifyRuntimeNew,
    fc.tuple(
      T.runtime,
      T.u64,
      T.params,
      T.policy,
      T.options<L.NewRuntimeOptions>({ isGenesis: T.bool, isFeatureVersion261: T.bool, strict: T.bool, lookupRuntime: runtimeLookup })
    )
  ),
  verifyRuntimeUpdate: args(
    L.verifyRuntimeUpdate,
    fc
      .tuple(T.runtimePair, T.u64, T.params, T.policy, T.options<L.UpdateOptions>({ isFeatureVersion261: T.bool, strict: T.bool, lookupRuntime: runtimeLookup }))
      .map(([[c, p], now, params, policy, opts]) => [c, p, now, params, policy, opts] as Parameters<typeof L.verifyRuntimeUpdate>)
  ),
  compareVersions: args(L.compareVersions, fc.tuple(T.version, T.version)),
  formatVersion: args(L.formatVersion, fc.tuple(T.version)),
  sameVersion: args(L.sameVersion, fc.tuple(T.version, T.version)),
  versionFromU64: args(L.versionFromU64, fc.tuple(T.u64)),
  versionToU64: args(L.versionToU64, fc.tuple(T.version)),
  parseVersion: args(L.parseVersion, fc.tuple(T.str)),
  futureDeploymentLimit: args(L.futureDeploymentLimit, fc.tuple(T.policy)),
  bytesEqual: args(L.bytesEqual, fc.tuple(fc.oneof(T.bytes, fc.constantFrom(null, U)), fc.oneof(T.bytes, fc.constantFrom(null, U)))),
  formatDeployment: args(L.formatDeployment, fc.tuple(T.deploymentRef)),
  sameDeployment: args(L.sameDeployment, fc.tuple(T.versionInfo, T.versionInfo)),
  epochPlus: args(L.epochPlus, fc.tuple(T.u64, T.u64)),
  epochsBetween: args(L.epochsBetween, fc.tuple(T.u64, T.u64)),
  oasisError: args(L.oasisError, fc.tuple(fc.oneof(T.ruleViolationValue, T.decodeErr, T.anything as fc.Arbitrary<L.AnyRefusal>))),

  // ---- registry engine and fork ids ------------------------------------------------------------
  createRegistry: args(
    L.createRegistry,
    fc.oneof(
      fc.constant([] as Parameters<typeof L.createRegistry>),
      fc.tuple(fc.array(T.runtime, { maxLength: 3 })),
      fc.tuple(fc.option(fc.array(T.runtime, { maxLength: 3 }), { nil: U }), fc.option(T.u64, { nil: U }))
    )
  ),
  lookupRuntime: args(L.lookupRuntime, fc.tuple(T.registry, T.bytes)),
  runtimeState: args(L.runtimeState, fc.tuple(T.registry, T.bytes)),
  registerRuntime: args(
    L.registerRuntime,
    fc
      .tuple(T.registryAndEpoch, T.runtime, T.params, T.policy, T.options<L.RegisterOptions>({ isGenesis: T.bool, isFeatureVersion261: T.bool, strict: T.bool }))
      .map(([[reg, now], rt, params, policy, opts]) => [reg, rt, now, params, policy, opts] as Parameters<typeof L.registerRuntime>)
  ),
  registryDigest: args(L.registryDigest, fc.tuple(T.registry)),
  registryRoot: args(L.registryRoot, fc.tuple(T.registry)),
  proveRuntime: args(L.proveRuntime, fc.tuple(T.registry, T.bytes)),
  verifyRuntimeProof: args(L.verifyRuntimeProof, T.proofParts),
  snapshotRegistry: args(L.snapshotRegistry, fc.tuple(T.registry, T.requiredOptions<L.SnapshotOptions>({ chunkSize: T.num }, ['chunkSize']))),
  restoreRegistry: args(L.restoreRegistry, T.snapshotParts),
  suspendRuntime: args(L.suspendRuntime, fc.tuple(T.registry, T.bytes)),
  resumeRuntime: args(L.resumeRuntime, fc.tuple(T.registry, T.bytes)),
  advanceEpoch: args(
    L.advanceEpoch,
    fc
      .tuple(T.registryAndEpoch, T.options<L.AdvanceOptions>({ prune: T.bool }))
      .map(([[reg, e], opts]) => [reg, e, opts] as Parameters<typeof L.advanceEpoch>)
  ),
  activeVersions: args(L.activeVersions, T.registryAndEpoch),
  computeForkId: args(L.computeForkId, fc.tuple(T.bytes, fc.array(T.u64, { maxLength: 5 }), T.u64)),
  forkId: args(L.forkId, fc.tuple(T.runtime, T.u64)),
  runtimeForkSchedule: args(L.runtimeForkSchedule, fc.tuple(T.runtime)),
  validateForkId: args(L.validateForkId, fc.tuple(forkSchedule, T.u64, remoteForkId)),

  // ---- nodes -----------------------------------------------------------------------------------
  compareNodeIds: args(L.compareNodeIds, fc.tuple(T.node, T.node)),
  hasRoles: args(L.hasRoles, fc.tuple(T.node, T.num)),
  isExpired: args(L.isExpired, fc.tuple(T.node, T.u64)),
  nodeKey: args(L.nodeKey, fc.tuple(T.bytes)),
  nodeProblem: args(L.nodeProblem, fc.tuple(T.node)),
  nodeRuntimeProblem: args(L.nodeRuntimeProblem, fc.tuple(T.nodeRuntime)),
  nodeRuntimes: args(L.nodeRuntimes, fc.tuple(T.node)),
  verifyNodeRuntimes: args(
    L.verifyNodeRuntimes,
    fc
      .tuple(T.anyNodeAtAll, T.registryAndEpoch, nodeRegistrationOptions)
      .map(([n, [reg, now], opts]) => [n, reg, now, opts] as Parameters<typeof L.verifyNodeRuntimes>)
  ),
  verifyNodeUpdate: args(
    L.verifyNodeUpdate,
    fc
      .tuple(T.anyNodeAtAll, T.anyNodeAtAll, T.registryAndEpoch, nodeRegistrationOptions)
      .map(([c, p, [reg, now], opts]) => [c, p, reg, now, opts] as Parameters<typeof L.verifyNodeUpdate>)
  ),
  isSupported: args(L.isSupported, fc.tuple(supported, T.version)),
  supportVerdict: args(
    L.supportVerdict,
    fc.tuple(supported, T.runtime, T.u64, T.requiredOptions<L.SupportOptions>({ warnEpochs: T.span }, ['warnEpochs']))
  ),
  svnFloor: args(L.svnFloor, fc.tuple(svnFloors, T.str, T.str)),
  checkSvn: args(L.checkSvn, fc.tuple(svnFloors, T.str, T.str, T.u64)),
  raiseSvnFloor: args(L.raiseSvnFloor, fc.tuple(svnFloors, T.str, T.str, T.u64)),
  nodeReadiness: args(
    L.nodeReadiness,
    fc.tuple(
      supported,
      T.runtime,
      T.u64,
      T.requiredOptions<L.SupportOptions>({ warnEpochs: T.span }, ['warnEpochs']),
      fc.option(fc.record({ markers: eraMarkers, supported: fc.array(fc.oneof(T.str, fc.constant('pythagoras')), { maxLength: 3 }) }), { nil: U })
    )
  ),
  hostedVersions: args(L.hostedVersions, fc.oneof(fc.tuple(T.runtime, T.u64), fc.tuple(T.runtime, T.u64, fc.option(T.span, { nil: U })))),
  decodeEraMarkers: args(L.decodeEraMarkers, fc.tuple(fc.oneof(T.str, eraPayloadHex))),
  decodeEraVerificationKey: args(L.decodeEraVerificationKey, fc.tuple(fc.oneof(T.str, T.bytes.map((b) => Buffer.from(b ?? []).toString('hex'))))),
  eraMarkersFromJson: args(L.eraMarkersFromJson, fc.tuple(fc.oneof(T.anything, eraPayloadJson))),
  eraMarkersMessage: args(L.eraMarkersMessage, fc.tuple(eraMarkers)),
  verifyEraMarkers: args(L.verifyEraMarkers, fc.tuple(fc.record({ markers: eraMarkers, signature: fc.option(T.bytes, { nil: U }) }), T.bytes)),
  datumPayloadHex: args(L.datumPayloadHex, fc.tuple(fc.oneof(T.anything, eraPayloadHex.map((h) => ({ constructor: 0, fields: [{ bytes: h }] }))))),
  readEraMarkers: args(L.readEraMarkers, fc.tuple(fc.array(fc.oneof(T.anything, eraPayloadHex.map((h) => ({ fields: [{ bytes: h }] }))), { maxLength: 3 }), T.bytes)),
  eraAt: args(L.eraAt, fc.tuple(eraMarkers, T.u64)),

  // ---- trust: transparent statements, did:x509, code update policy, admission -------------------
  asHeader: args(L.asHeader, fc.tuple(T.anything as fc.Arbitrary<L.CborValue>)),
  decodeCoseSign1: args(L.decodeCoseSign1, fc.tuple(coseBytes, fc.constantFrom<'attached' | 'detached'>('attached', 'detached'))),
  sigStructure: args(L.sigStructure, fc.tuple(T.bytes, T.bytes)),
  withoutUnprotectedHeader: args(
    L.withoutUnprotectedHeader,
    fc.tuple(fc.oneof(fc.constant(TS.envelope), fc.record({ protectedBytes: T.bytes, protectedHeader: coseHeader, unprotectedHeader: coseHeader, payload: fc.option(T.bytes, { nil: null }), signature: T.bytes })))
  ),
  readPublicKey: args(L.readPublicKey, fc.tuple(fc.oneof(T.bytes, fc.constant(TS.service.spki), fc.constant({ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }), T.anything as fc.Arbitrary<Uint8Array>))),
  verifyCoseSignature: args(L.verifyCoseSignature, fc.tuple(coseAlg, publicKey, T.bytes, T.bytes)),
  readStatementHeader: args(L.readStatementHeader, fc.tuple(coseHeader)),
  headerAlgorithm: args(L.headerAlgorithm, fc.tuple(coseHeader, fc.array(coseAlg, { maxLength: 3 }))),
  cwtTime: args(L.cwtTime, fc.tuple(T.anything as fc.Arbitrary<L.CborValue>)),
  decodeReceipt: args(L.decodeReceipt, fc.tuple(coseBytes)),
  isTxid: args(L.isTxid, fc.tuple(fc.oneof(T.str, fc.constantFrom('2.11', '18446744073709551616.1')))),
  merkleRoot: args(L.merkleRoot, fc.tuple(inclusionProof)),
  serviceKeyId: args(L.serviceKeyId, fc.tuple(T.bytes)),
  resolveDidX509: args(
    L.resolveDidX509,
    fc.tuple(fc.oneof(T.str, fc.constant(TS.chain.did)), fc.oneof(fc.constant(TS.chain.der), fc.array(T.bytes, { maxLength: 3 }), T.anything as fc.Arbitrary<Uint8Array[]>)),
    { numRuns: 200 }
  ),
  verifyTransparentStatement: args(L.verifyTransparentStatement, fc.tuple(coseBytes, receiptTrust), { numRuns: 200 }),
  policyStatement: args(L.policyStatement, fc.tuple(verifiedStatement)),
  evaluateCodeUpdatePolicy: args(L.evaluateCodeUpdatePolicy, fc.tuple(codeUpdatePolicy, fc.array(verifiedStatement, { maxLength: 2 }))),
  admitCodeIdentity: args(
    L.admitCodeIdentity,
    fc.tuple(
      fc.oneof(T.bytes, fc.constant(new Uint8Array(32).fill(7))),
      fc.record(
        { trusted: fc.array(T.bytes, { maxLength: 2 }), statement: coseBytes, trust: receiptTrust, policy: codeUpdatePolicy, floors: svnFloors },
        { requiredKeys: ['trusted'] }
      )
    ),
    { numRuns: 200 }
  ),
  codeIdentities: args(L.codeIdentities, fc.tuple(T.runtime, T.versionInfo)),
  checkKeyManagerReference: args(L.checkKeyManagerReference, fc.tuple(T.runtime, runtimeLookup)),
  eraVerdict: args(L.eraVerdict, fc.tuple(eraMarkers, fc.array(T.str, { maxLength: 3 }), T.u64)),
  reconcileHosted: args(
    L.reconcileHosted,
    fc.tuple(installedBundles, fc.array(T.runtime, { maxLength: 3 }), T.u64, T.options<L.ReconcileOptions>({ preWarmEpochs: T.span }))
  ),
  applyReconcilePlan: args(
    L.applyReconcilePlan,
    fc.tuple(
      installedBundles,
      fc.tuple(installedBundles, fc.array(T.runtime, { maxLength: 3 }), T.u64).map(([b, rts, e]) => E.getOrElse((): ReadonlyArray<L.ReconcileAction> => [])(L.reconcileHosted(b, rts, e)))
    )
  ),

  // ---- scheduler -------------------------------------------------------------------------------
  eligibleNodes: args(L.eligibleNodes, fc.tuple(T.runtime, T.nodes, T.u64, T.options<L.EligibilityOptions>(eligibilityFields))),
  eligibleNodesFor: args(
    L.eligibleNodesFor,
    fc.tuple(T.runtime, fc.option(T.versionInfo, { nil: U }), T.nodes, T.u64, T.options<L.EligibilityOptions>(eligibilityFields))
  ),
  committeeFeasibility: args(
    L.committeeFeasibility,
    fc.tuple(T.runtime, T.nodes, T.u64, T.options<L.FeasibilityOptions>({ ...eligibilityFields, ...committeeFields }))
  ),
  committeeFeasibilityFor: args(
    L.committeeFeasibilityFor,
    fc.tuple(
      T.runtime,
      fc.option(T.versionInfo, { nil: U }),
      T.nodes,
      T.u64,
      T.options<L.FeasibilityOptions>({ ...eligibilityFields, ...committeeFields })
    )
  ),
  committeeParameters: args(L.committeeParameters, fc.tuple(T.runtime)),
  exclusionCounts: args(L.exclusionCounts, fc.tuple(T.eligibility)),
  resolveCommitteeParameters: args(
    L.resolveCommitteeParameters,
    fc.tuple(T.runtime, T.requiredOptions<Partial<L.CommitteeParameters>>(committeeFields))
  ),
  upgradeReadiness: args(
    L.upgradeReadiness,
    fc.tuple(
      T.runtime,
      T.nodes,
      T.u64,
      T.options<L.ReadinessOptions>({
        ...eligibilityFields,
        ...committeeFields,
        weights,
        threshold: fc.oneof(fraction, fc.constantFrom(L.MITHRIL_THRESHOLD, L.CELESTIA_THRESHOLD))
      })
    )
  ),

  // ---- planner ---------------------------------------------------------------------------------
  planUpgrade: args(
    L.planUpgrade,
    fc.tuple(
      T.runtime,
      target,
      T.u64,
      T.requiredOptions<L.PlanOptions>(
        { leadEpochs: T.span, prune: T.bool, params: T.params, policy: T.policy, isFeatureVersion261: T.bool, strict: T.bool },
        ['leadEpochs']
      )
    )
  ),

  // ---- codec: bytes, CBOR, descriptors, hashes ---------------------------------------------------
  readCbor: args(L.readCbor, fc.tuple(T.cborBytes)),
  readCborTagged: args(L.readCborTagged, fc.tuple(fc.oneof(T.cborBytes, coseBytes))),
  scanCbor: args(L.scanCbor, fc.tuple(T.cborBytes)),
  keyName: args(L.keyName, fc.tuple(cborKey)),
  writeCbor: args(L.writeCbor, fc.tuple(cborModel)),
  cborInt: args(L.cborInt, fc.tuple(T.int)),
  canonicalKeyOrder: args(L.canonicalKeyOrder, fc.tuple(T.str, T.str)),
  compareEncoded: args(L.compareEncoded, fc.tuple(T.bytes, T.bytes)),
  compareIntKeys: args(L.compareIntKeys, fc.tuple(T.int, T.int)),
  decodeRuntime: args(L.decodeRuntime, fc.tuple(T.runtimeBytes, decodeOptions)),
  decodeSgxConstraints: args(L.decodeSgxConstraints, fc.tuple(T.sgxBytes, decodeOptions)),
  decodeNodeRuntime: args(L.decodeNodeRuntime, fc.tuple(T.nodeRuntimeBytes, decodeOptions)),
  decodeConsensusParameters: args(L.decodeConsensusParameters, fc.tuple(T.paramsBytes, decodeOptions)),
  encodeRuntime: args(L.encodeRuntime, fc.tuple(T.runtime)),
  encodeSgxConstraints: args(L.encodeSgxConstraints, fc.tuple(T.sgxConstraints)),
  encodeNodeRuntime: args(L.encodeNodeRuntime, fc.tuple(T.nodeRuntime)),
  encodeConsensusParameters: args(L.encodeConsensusParameters, fc.tuple(T.params)),
  hashBytes: args(L.hashBytes, fc.tuple(T.bytes)),
  runtimeHash: args(L.runtimeHash, fc.tuple(T.runtime)),
  sgxConstraintsHash: args(L.sgxConstraintsHash, fc.tuple(T.sgxConstraints)),
  nodeRuntimeHash: args(L.nodeRuntimeHash, fc.tuple(T.nodeRuntime)),
  isRecord: args(L.isRecord, fc.tuple(T.anything)),
  checkText: args(L.checkText, fc.tuple(T.anything)),
  wrongType: args(L.wrongType, fc.tuple(T.str, T.anything)),
  renderPath: args(L.renderPath, fc.tuple(problem)),
  decodeError: args(L.decodeError, fc.tuple(decodeErrorTag, T.str, T.str, fc.option(T.num, { nil: U }))),

  // ---- oasis-node's JSON ---------------------------------------------------------------------------
  runtimeToOasisJson: args(L.runtimeToOasisJson, fc.tuple(T.runtime)),
  runtimeFromOasisJson: args(L.runtimeFromOasisJson, fc.tuple(oasisRuntimeJson)),
  paramsToOasisJson: args(L.paramsToOasisJson, fc.tuple(T.params)),
  paramsFromOasisJson: args(L.paramsFromOasisJson, fc.tuple(oasisParamsJson)),
  registryGenesisFromOasisJson: args(L.registryGenesisFromOasisJson, fc.tuple(genesisDoc)),
  parseExactJson: args(L.parseExactJson, fc.tuple(fc.oneof(T.str, fc.json(), oasisJsonValue.map((v) => L.formatExactJson(v))))),
  formatExactJson: args(L.formatExactJson, fc.tuple(oasisJsonValue, fc.option(T.num, { nil: U }))),
  nameOfValue: args(L.nameOfValue, fc.tuple(textNames, T.int)),
  valueOfName: args(L.valueOfName, fc.tuple(textNames, T.anything)),
  rolesMaskText: args(L.rolesMaskText, fc.tuple(T.num)),
  rolesMaskFromText: args(L.rolesMaskFromText, fc.tuple(T.str)),
  objectOf: args(L.objectOf, fc.tuple(fc.array(fc.tuple(T.str, T.anything), { maxLength: 4 }))),
  enumeration: {
    args: fc.tuple(fc.constantFrom(L.u8, L.u16, L.u32), textNames, T.anything, T.cborBytes),
    call: (f, [inner, names, u, bytes]) => exerciseCodec(f(inner, names) as AnyWire, u, bytes as Uint8Array)
  },
  namedKey: {
    args: fc.tuple(fc.constantFrom(...intKeyKinds), textNames, codecPick, T.anything, T.cborBytes),
    call: (f, [kind, names, value, u, bytes]) => exerciseCodec(L.map(f(kind, names) as L.KeyKind<number | bigint>, value as AnyWire), u, bytes as Uint8Array)
  },

  // ---- codec entry points over a codec: call the function they return ---------------------------
  toOasisJsonWith: { args: codecAndValue, call: (f, [codec, value]) => (f(codec) as (v: unknown) => unknown)(value) },
  fromOasisJsonWith: { args: codecAndValue, call: (f, [codec, value]) => (f(codec) as (v: unknown) => unknown)(value) },
  decodeWith: {
    args: fc.tuple(codecPick, T.cborBytes, decodeOptions),
    call: (f, [codec, bytes, opts]) => (f(codec) as (b: unknown, o: unknown) => unknown)(bytes, opts)
  },
  encodeWith: { args: codecAndValue, call: (f, [codec, value]) => (f(codec) as (v: unknown) => unknown)(value) },
  encodeThen: {
    args: codecAndValue,
    call: (f, [codec, value]) => (f(codec, (b: Uint8Array) => b.length) as (v: unknown) => unknown)(value)
  },
  toJsonWith: { args: codecAndValue, call: (f, [codec, value]) => (f(codec) as (v: unknown) => unknown)(value) },
  fromJsonWith: { args: codecAndValue, call: (f, [codec, value]) => (f(codec) as (v: unknown) => unknown)(value) },

  // ---- codec-building helpers: build the codec, then decode / encode arbitrary input --------------
  nullable: {
    args: fc.tuple(codecPick, T.anything, T.cborBytes),
    call: (f, [inner, value, bytes]) => exerciseCodec(f(inner) as AnyWire, value, bytes as Uint8Array)
  },
  array: {
    args: fc.tuple(codecPick, fc.oneof(T.anything, fc.array(T.anything, { maxLength: 3 })), T.cborBytes),
    call: (f, [item, value, bytes]) => exerciseCodec(f(item) as AnyWire, value, bytes as Uint8Array)
  },
  map: {
    args: fc.tuple(fc.constantFrom(...keyKinds), codecPick, T.anything, T.cborBytes),
    call: (f, [key, value, u, bytes]) => exerciseCodec(f(key, value) as AnyWire, u, bytes as Uint8Array)
  },
  textMap: {
    args: fc.tuple(codecPick, T.anything, T.cborBytes),
    call: (f, [value, u, bytes]) => exerciseCodec(f(value) as AnyWire, u, bytes as Uint8Array)
  },
  paddedBytes: {
    args: fc.tuple(T.num, fc.oneof(T.bytes, T.anything), T.cborBytes),
    call: (f, [size, u, bytes]) => exerciseCodec(f(size) as AnyWire, u, bytes as Uint8Array)
  },
  nilPointer: {
    args: fc.tuple(codecPick, T.anything, T.cborBytes),
    call: (f, [inner, value, bytes]) => exerciseCodec(f(inner) as AnyWire, value, bytes as Uint8Array)
  },
  fixedBytes: {
    args: fc.tuple(T.num, fc.oneof(T.bytes, T.anything), T.cborBytes),
    call: (f, [size, u, bytes]) => exerciseCodec(f(size) as AnyWire, u, bytes as Uint8Array)
  },
  struct: {
    args: fc.tuple(T.str, fieldsArb, T.anything, T.cborBytes),
    call: (f, [name, fields, u, bytes]) => exerciseCodec(f(name, fields) as AnyWire, u, bytes as Uint8Array)
  },

  // ---- refusal constructors: every tag with data of its type ---------------------------------------
  ruleViolation: {
    args: T.refusalArgs({
      MalformedDeployment: { index: 'numOpt', field: 'str', reason: 'str' },
      MalformedArgument: { argument: 'str', reason: 'str' },
      NoDeploymentInfo: {},
      NoDeployments: {},
      TooManyDeployments: { count: 'num', limit: 'num' },
      NilDeployment: { index: 'num' },
      DuplicateVersion: { deployment: 'dep', other: 'dep' },
      VersionsNotIncreasing: { deployment: 'dep', previous: 'dep' },
      TeeWithoutHardware: { deployment: 'dep' },
      InvalidSgxConstraints: {
        deployment: 'dep',
        problem: ['undecodable', 'pcs-not-enabled', 'tdx-not-enabled', 'fmspc-whitelist-not-allowed'],
        decodeError: 'decodeErrorOpt'
      },
      NoEnclaves: { deployment: 'dep' },
      InvalidTeeHardware: { tee_hardware: 'num' },
      InvalidBundleChecksum: { deployment: 'dep', length: 'num' },
      MoreThanOneFutureDeployment: { future: 'deps', now: 'u64' },
      ImmediateDeployment: { deployment: 'dep', now: 'u64' },
      RuntimeIdChanged: { current: 'bytes', proposed: 'bytes' },
      KindChanged: { current: 'num', proposed: 'num' },
      GenesisChanged: { field: ['state_root', 'round'] },
      KeyManagerChanged: { change: ['removed', 'replaced'], current: 'bytes', proposed: 'bytesOpt' },
      GovernanceModelChanged: { problem: ['transition', 'runtime-governance-needs-compute'], current: 'num', proposed: 'num', kind: 'num' },
      StoredDescriptorInvalid: { cause: 'ruleViolation', now: 'u64' },
      DeploymentChanged: { current: 'dep', proposed: 'dep', now: 'u64' },
      RetroactiveDeployment: { deployment: 'dep', now: 'u64' },
      ActiveDeploymentRemoved: { deployment: 'dep', now: 'u64' },
      ActiveDeploymentChanged: { current: 'dep', proposed: 'dep', now: 'u64' },
      UpdateDeploysImmediately: { deployment: 'dep', now: 'u64' },
      InvalidVersionString: { input: 'str', reason: 'str' },
      LeadTimeTooShort: { deployment: 'dep', now: 'u64', minLeadEpochs: 'u64', earliest: 'u64' },
      DeploymentFrozen: { deployment: 'dep', change: ['amended', 'cancelled'], now: 'u64', freezeEpochs: 'u64' },
      PendingDowngrade: { deployment: 'dep', pending: 'dep' },
      ScheduledIdentityChanged: { deployment: 'dep', field: ['tee', 'bundle_checksum'] },
      TooManyFutureDeployments: { future: 'deps', limit: 'num', now: 'u64' },
      CodeIdentityNotAdmitted: { deployment: 'dep', field: ['bundle_checksum', 'tee', 'none'], identity: 'str' },
      MalformedDescriptor: { descriptor: ['proposed', 'current'], field: 'str', reason: 'str' },
      RuntimeRegistrationDisabled: {},
      InvalidDescriptorVersion: { v: 'num', strict: 'bool' },
      InvalidRuntimeKind: { kind: 'num' },
      ComputeIdHasKeyManagerFlag: {},
      SelfKeyManager: {},
      InvalidExecutorParameters: { problem: ['group-size', 'stragglers', 'round-timeout', 'min-live-rounds-percent'] },
      InvalidTxnSchedulerParameters: {
        problem: ['batch-flush-timeout', 'max-batch-size', 'max-batch-size-bytes', 'propose-batch-timeout', 'batch-flush-after-propose']
      },
      InvalidStorageParameters: { problem: ['checkpoint-interval', 'checkpoint-num-kept', 'checkpoint-chunk-size'] },
      KeyManagerIdWithoutFlag: {},
      KeyManagerWithKeyManager: {},
      KeyManagerWithoutSgx: { tee_hardware: 'num' },
      InvalidStakingParameters: { problem: ['reward-equivocation', 'reward-bad-results', 'threshold-kind'], kind: 'num', value: 'u64' },
      InvalidAdmissionPolicy: { problem: ['not-exactly-one', 'per-role-not-single-role', 'max-nodes-not-single-role'], role: 'numOpt' },
      InvalidGovernanceModel: { governance_model: 'num' },
      TestRuntimeNotAllowed: {},
      GovernanceModelNotEnabled: { governance_model: 'num', problem: ['none-enabled', 'not-enabled'] },
      RuntimeGovernanceNotCompute: { kind: 'num' },
      KeyManagerRegistrationDisabled: {},
      UnknownKeyManager: { key_manager: 'bytes' },
      NotAKeyManager: { key_manager: 'bytes', kind: 'num' },
      KeyManagerUserWithoutSgx: { tee_hardware: 'num' },
      ConsensusGovernanceNotAllowed: {}
    })
  },
  registryRefusal: {
    args: T.refusalArgs({
      DuplicateRuntime: { id: 'bytes', index: 'num' },
      UnencodableRuntime: { id: 'bytesOpt', cause: 'decodeError' },
      EpochMismatch: { operation: ['registerRuntime', 'activeVersions'], epoch: 'u64', requested: 'u64' },
      UnregisteredRuntime: { id: 'bytes', operation: ['suspendRuntime', 'resumeRuntime'] },
      EpochRegression: { epoch: 'u64', requested: 'u64' },
      ForkIdRemoteForkPassed: { error: ['local-incompatible-or-stale'], local: 'forkRef', remote: 'forkRef', head: 'u64' },
      ForkIdRemoteStale: { error: ['remote-stale'], local: 'forkRef', remote: 'forkRef', head: 'u64', expectedNext: 'u64' },
      ForkIdIncompatible: { error: ['local-incompatible-or-stale'], local: 'forkRef', remote: 'forkRef', head: 'u64' }
    })
  },
  trustViolation: {
    args: T.refusalArgs({
      MalformedArgument: { argument: 'str', reason: 'str' },
      MalformedEnvelope: { part: 'str', reason: 'str' },
      MalformedStatementHeader: { field: 'str', reason: 'str' },
      IssuerUnresolved: { issuer: 'str', reason: 'str' },
      AlgorithmKeyMismatch: { alg: 'str', key: 'str' },
      InvalidStatementSignature: { alg: 'str' },
      MissingReceipts: { reason: 'str' },
      MalformedReceipt: { receipt: 'num', part: 'str', reason: 'str' },
      UnsupportedVds: { receipt: 'num', vds: 'str' },
      ClaimsDigestMismatch: { receipt: 'num', proof: 'num', expected: 'str', found: 'str' },
      InconsistentMerkleRoots: { receipt: 'num', proof: 'num' },
      UnknownReceiptKey: { receipt: 'num', kid: 'str' },
      ReceiptKeyMismatch: { receipt: 'num', alg: 'str', key: 'str' },
      InvalidReceiptSignature: { receipt: 'num', alg: 'str' },
      PolicyRefused: { statement: 'num', reason: 'str' },
      PolicyRejected: { reason: 'str' },
      PolicyError: { reason: 'str' },
      NoStatements: {},
      StatementRequired: { identity: 'str' },
      StatementNotForIdentity: { identity: 'str', payload: 'str' },
      NoPolicy: { identity: 'str' }
    })
  },
  didX509Refusal: {
    args: T.refusalArgs({
      ChainTooShort: { certificates: 'num' },
      MalformedCertificate: { index: 'num', reason: 'str' },
      KeyTooWeak: { depth: 'num', reason: 'str' },
      IssuerNotFound: { depth: 'num', reason: 'str' },
      UnhandledCriticalExtension: { depth: 'num', reason: 'str' },
      InvalidCaCertificate: { depth: 'num', reason: 'str' },
      NonConformingCertificate: { depth: 'num', reason: 'str' },
      PathLengthExceeded: { depth: 'num', reason: 'str' },
      WeakSignatureAlgorithm: { depth: 'num', reason: 'str' },
      SignatureFailure: { depth: 'num', reason: 'str' },
      NameConstraintViolation: { depth: 'num', reason: 'str' },
      ChainMismatch: {},
      DuplicateNameAttribute: { index: 'num' },
      UnsupportedCertificateContent: { index: 'num', reason: 'str' },
      UnsupportedCriticalExtension: { index: 'num', oid: 'str' },
      InvalidDidPrefix: {},
      DidUrlPathOrQuery: { part: ['path', 'query'] },
      BadFingerprintAlgorithm: { reason: 'str' },
      MissingPredicate: { reason: 'str' },
      FingerprintMismatch: {},
      SubjectPredicateFailed: { reason: 'str' },
      SanPredicateFailed: { reason: 'str' },
      EkuPredicateFailed: { reason: 'str' },
      FulcioIssuerPredicateFailed: { reason: 'str' },
      UnknownPredicate: { name: 'str' },
      MalformedPercentEncoding: { value: 'str' },
      LeafKeyUsage: {},
      UnsupportedKeyType: { reason: 'str' }
    })
  },
  eraRefusal: {
    args: T.refusalArgs({
      MalformedEraKey: { reason: 'str' },
      MalformedEraPayload: { reason: 'str' },
      MissingEraSignature: {},
      InvalidEraSignature: { reason: 'str' },
      NoValidEraDatum: { datums: 'num', reasons: 'strs' },
      CurrentEraNotFound: { epoch: 'u64', eras: 'strs' }
    })
  },
  nodeRefusal: {
    args: T.refusalArgs({
      DuplicateNodeRuntime: { index: 'num', first: 'num', runtime_id: 'bytes', version: 'version' },
      UnknownRuntime: { index: 'num', runtime_id: 'bytes' },
      NodeTeeHardwareMismatch: { index: 'num', runtime_id: 'bytes', required: 'num', hardware: 'numOpt' },
      UnknownEnclaveVersion: { index: 'num', runtime_id: 'bytes', version: 'version', deployed: 'versions' },
      NodeAttestationRejected: { index: 'num', runtime_id: 'bytes', deployment: 'dep', reason: 'str' },
      NodeIdentityChanged: { field: ['id', 'entity_id'], current: 'bytes', proposed: 'bytes' },
      NodeRuntimeRemoved: { runtime_id: 'bytes', version: 'versionOpt', active: 'depOpt', now: 'u64' },
      NodeTeeChanged: { runtime_id: 'bytes', version: 'version', change: ['added', 'removed', 'hardware'], current: 'numOpt', proposed: 'numOpt' },
      UndeployedNodeVersion: { index: 'num', runtime_id: 'bytes', version: 'version', deployed: 'versions' },
      NodeCodeIdentityNotAdmitted: { index: 'num', runtime_id: 'bytes', version: 'version', field: ['bundle_checksum', 'tee', 'none'], identity: 'str' },
      MalformedNode: { argument: ['node', 'current', 'proposed'], field: 'str', reason: 'str' }
    })
  },
  schedulerRefusal: {
    args: T.refusalArgs({
      InsufficientNodes: {
        problem: ['no-active-deployment', 'empty-committee', 'below-min-pool-size', 'group-size-exceeds-nodes'],
        role: ['worker', 'backup-worker'],
        epoch: 'u64',
        deployment: 'depOpt',
        eligible: 'num',
        needed: 'num',
        exclusions: 'exclusionCounts'
      }
    })
  },
  proofError: {
    args: T.refusalArgs({
      ProofArgument: { argument: ['root', 'id', 'proof'], reason: 'str' },
      MalformedProof: { reason: 'str' },
      ProofSubjectMismatch: { id: 'bytes', subject: 'bytes' },
      ProofRootMismatch: { root: 'bytes', computed: 'bytes' },
      ProofOffPath: { id: 'bytes', bit: 'num' }
    })
  },
  snapshotError: {
    args: T.refusalArgs({
      SnapshotArgument: { argument: ['expectedRoot'], reason: 'str' },
      MalformedManifest: { reason: 'str' },
      SnapshotRootMismatch: { expected: 'bytes', got: 'bytes', of: ['manifest', 'restored registry'] },
      ChunkCountMismatch: { expected: 'num', got: 'num' },
      ChunkHashMismatch: { index: 'num' },
      MalformedChunk: { index: 'num', reason: 'str' }
    })
  },
  plannerRefusal: {
    args: T.refusalArgs({
      PlanDowngrade: { target: 'version', active: 'dep' },
      ActiveIdentityConflict: { target: 'version', active: 'dep', field: ['tee', 'bundle_checksum'] }
    })
  },
  exclusion: {
    args: T.refusalArgs({
      MalformedNode: { field: 'str', reason: 'str' },
      DuplicateNode: { id: 'bytes' },
      NodeExpired: { expiration: 'u64', epoch: 'u64' },
      NoActiveDeployment: { epoch: 'u64' },
      MissingComputeRole: { roles: 'num' },
      RuntimeNotAdvertised: { runtime_id: 'bytes' },
      VersionNotAdvertised: { required: 'version', advertised: 'versions' },
      NodeSuspended: { epoch: 'u64' },
      UnexpectedTee: { hardware: 'num' },
      TeeHardwareMismatch: { required: 'num', hardware: 'numOpt' },
      AttestationRejected: { deployment: 'dep', reason: 'str' },
      AttestationUnverified: { deployment: 'dep', problem: ['no-verifier', 'verifier-failed'], detail: 'str' }
    })
  }
}

// -------------------------------------------------------------------------------------------------
// known failures (found by this file, reported for issue 11; flip each to `it` once src/ is fixed)
// -------------------------------------------------------------------------------------------------

// Inputs of the reproductions below.
const reproRuntime: L.Runtime = {
  v: 3,
  id: new Uint8Array(32),
  entity_id: new Uint8Array(32).fill(1),
  genesis: { state_root: new Uint8Array(32).fill(2), round: 0 },
  kind: 1,
  tee_hardware: 0,
  admission_policy: { any_node: {} },
  governance_model: 1,
  deployments: [{ version: { major: 1 }, valid_from: 1 }]
}
const reproRegistry = (): L.Registry => {
  const r = L.createRegistry([], 10)
  if (E.isLeft(r)) throw new Error('createRegistry refused')
  return r.right
}
/** A function without a prototype: a value of `unknown` that `String(u)` cannot convert. */
const nullProtoFn: unknown = Object.setPrototypeOf(() => 1, null)
/** A Map whose key is a null-prototype object (a value of `unknown`). */
const nullProtoKeyMap = (): Map<unknown, number> => new Map([[Object.create(null) as object, 1]])
const sparseFields = (): L.Field[] => {
  const fs: L.Field[] = []
  fs[1] = ['a', L.u8, 'always']
  return fs
}
const sparsePathProblem = (): L.Problem => {
  const p = new L.Problem('WrongType', 'x')
  p.path[1] = 'a' // `path` is a string[]; index 0 is a hole
  return p
}
const NO_BYTES = new Uint8Array(0)

/**
 * Export name → an argument list that once made it throw (found by this file for issue 11), and
 * what it threw. Each runs first, as the property's first example, so the fix stays in place.
 * R1–R7 are of the declared parameter types; R8 and R10 are values outside them that the spec
 * promises to refuse as values (an options value that is not an object, rules.md DX2; a
 * descriptor without `id`, DX3).
 */
const REPRODUCTIONS: Readonly<Record<string, { readonly repro: () => ReadonlyArray<unknown>; readonly threw: string }>> = {
  // R1 (typed, `unknown`): describe() in src/codec/wire.ts calls String(u) on a function
  wrongType: { repro: () => ['uint8', nullProtoFn], threw: 'R1 TypeError: Cannot convert object to primitive value' },
  checkText: { repro: () => [nullProtoFn], threw: 'R1 TypeError: Cannot convert object to primitive value' },
  array: { repro: () => [L.u8, nullProtoFn, NO_BYTES], threw: 'R1 array(u8).decode(fn): Cannot convert object to primitive value' },
  nullable: { repro: () => [L.u8, nullProtoFn, NO_BYTES], threw: 'R1 nullable(u8).decode(fn): Cannot convert object to primitive value' },
  textMap: { repro: () => [L.u8, nullProtoFn, NO_BYTES], threw: 'R1 textMap(u8).decode(fn): Cannot convert object to primitive value' },
  fixedBytes: { repro: () => [32, nullProtoFn, NO_BYTES], threw: 'R1 fixedBytes(32).decode(fn): Cannot convert object to primitive value' },
  fromJsonWith: { repro: () => [L.u8, nullProtoFn], threw: 'R1 fromJsonWith(u8)(fn): Cannot convert object to primitive value' },
  toJsonWith: { repro: () => [L.u8, nullProtoFn], threw: 'R1 toJsonWith(u8)(fn): Cannot convert object to primitive value' },
  // R2 (typed, `unknown`): MapWire in src/codec/containers.ts names a refused key with String(rawKey)
  map: {
    repro: () => [L.keys.u8, L.u8, nullProtoKeyMap(), NO_BYTES],
    threw: 'R2 map(keys.u8, u8).decode(Map with a null-prototype key): Cannot convert object to primitive value'
  },
  // R3, R4 (typed, `number | bigint`): BigInt() of NaN, ±Infinity or a fraction
  cborInt: { repro: () => [Number.NaN], threw: 'R3 RangeError: The number NaN cannot be converted to a BigInt' },
  compareIntKeys: { repro: () => [0.5, -1], threw: 'R4 RangeError: The number 0.5 cannot be converted to a BigInt' },
  // R5–R7 (typed: sparse arrays)
  struct: { repro: () => ['S', sparseFields(), {}, NO_BYTES], threw: 'R5 TypeError: Iterator value undefined is not an entry object' },
  renderPath: { repro: () => [sparsePathProblem()], threw: "R6 TypeError: Cannot read properties of undefined (reading 'startsWith')" },
  // R8 (outside the type, engine.md DX2): options = null
  validateDeployments: { repro: () => [reproRuntime, 1, {}, null], threw: "R8 TypeError: Cannot read properties of null (reading 'policy')" },
  verifyRuntimeNew: {
    repro: () => [reproRuntime, 0, {}, undefined, null],
    threw: "R8 TypeError: Cannot read properties of null (reading 'isFeatureVersion261')"
  },
  verifyRuntimeUpdate: {
    repro: () => [reproRuntime, reproRuntime, 1, {}, undefined, null],
    threw: "R8 TypeError: Cannot read properties of null (reading 'isFeatureVersion261'); also R10 for a current descriptor without id"
  },
  registerRuntime: {
    repro: () => [reproRegistry(), { ...reproRuntime, deployments: [{ version: { major: 1 }, valid_from: 11 }] }, 10, {}, undefined, null],
    threw: "R8 TypeError: Cannot read properties of null (reading 'isFeatureVersion261')"
  },
}

// -------------------------------------------------------------------------------------------------
// the property
// -------------------------------------------------------------------------------------------------

/** Runs per function; `TOTALITY_RUNS=20000` explores deeper (a diagnostic, not for CI). */
const DEFAULT_RUNS = Number(process.env['TOTALITY_RUNS'] ?? 400)

const defaultCall = (f: Fn, xs: ReadonlyArray<unknown>): unknown => {
  const out = f(...xs)
  // An optional argument passed as `undefined` and one left out must both work.
  let n = xs.length
  while (n > 0 && xs[n - 1] === undefined) n--
  if (n < xs.length) f(...xs.slice(0, n))
  return out
}

/** Call once; fail on a throw (naming the error) or on any change to an argument. */
const checkCall = (name: string, c: Case, xs: ReadonlyArray<unknown>): void => {
  const before = xs.map(snapshot)
  try {
    ;(c.call ?? defaultCall)((L as unknown as Record<string, Fn>)[name]!, xs)
  } catch (e) {
    throw new Error(`${name} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`)
  }
  xs.forEach((x, i) => {
    if (snapshot(x) !== before[i]) throw new Error(`${name} mutated its argument #${i}`)
  })
}

const functionExports = Object.entries(L)
  .filter(([, v]) => typeof v === 'function')
  .map(([k]) => k)
  .sort()

describe('totality: every exported function returns a value for any input of its declared types', () => {
  it('DX2: every function export has a totality case or a stated exclusion', () => {
    const missing = functionExports.filter((k) => !(k in CASES) && !(k in EXCLUDED))
    expect(missing, 'function exports without an entry in CASES (or EXCLUDED with a reason)').toEqual([])
  })

  it('DX2: every excluded, tabled or known-failing name is still a function export (the lists stay honest)', () => {
    const stale = [...Object.keys(EXCLUDED), ...Object.keys(CASES)].filter((k) => !functionExports.includes(k))
    expect(stale).toEqual([])
    expect(Object.keys(EXCLUDED).filter((k) => k in CASES)).toEqual([])
    expect(Object.keys(REPRODUCTIONS).filter((k) => !(k in CASES))).toEqual([])
  })

  for (const name of functionExports) {
    const c = CASES[name]
    if (c === undefined) continue
    const repro = REPRODUCTIONS[name]
    const title = `DX2: ${name} returns a value for any input of its declared types${repro === undefined ? '' : ` (once: ${repro.threw})`}`
    it(title, () => {
      fc.assert(
        fc.property(c.args, (xs) => checkCall(name, c, xs)),
        { numRuns: c.numRuns ?? DEFAULT_RUNS, ...(repro === undefined ? {} : { examples: [[repro.repro()]] }) }
      )
    })
  }
})
