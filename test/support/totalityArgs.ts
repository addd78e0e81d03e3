/**
 * Argument arbitraries for the totality property (test/totality.test.ts): valid values built from
 * the existing arbitraries and fixtures (runtimes, deployments, nodes, registries built with
 * `createRegistry`, versions, epochs), then passed through {@link hostile} (and, where the spec
 * promises a value for it, {@link malformed}).
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  type ConsensusParameters,
  createRegistry,
  DECODE_ERROR_RULES,
  type DecodeError,
  decodeError,
  type DeploymentRef,
  eligibleNodes,
  encodeConsensusParameters,
  encodeNodeRuntime,
  encodeRuntime,
  encodeSgxConstraints,
  type NodeDescriptor,
  type Policy,
  proveRuntime,
  type Registry,
  registerRuntime,
  registryRoot,
  type Runtime,
  type RuleViolation,
  ruleViolation,
  type SgxConstraints,
  type SnapshotManifest,
  snapshotRegistry,
  STRICT_POLICY,
  suspendRuntime,
  type TeeVerifier,
  type U64,
  type Version,
  type VersionInfo
} from '../../src/index.js'
import * as A from './arbitraries.js'
import { nsId, rtN } from './engineFixtures.js'
import { acceptAll, anyEntry, anyNode, computeRuntime, junkNode, NOW, OTHER_RT_ID, refuseAll, RT_ID, sgxRuntime, v130, v140, v150 } from './nodeFixtures.js'
import { anyDeployment, anyEpoch, anyRuntime, dep, PARAMS_5, pcsParams, SGX_V0, SGX_V1, validScenario } from './rulesFixtures.js'
import { HOSTILE_BIGINTS, HOSTILE_NUMBERS, hostile, hostileNumber, malformed, NON_OBJECTS } from './totalityHostile.js'

/**
 * `TOTALITY_TYPED_ONLY=1` leaves out every value outside the declared types ({@link malformed},
 * non-object options, junk nodes): a diagnostic, to tell type-correct failures from the others.
 */
export const TYPED_ONLY = process.env['TOTALITY_TYPED_ONLY'] === '1'

/** Valid or hostile, or (with weight 1 in 6) malformed where the spec promises a value. */
const orMalformed = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  TYPED_ONLY ? hostile(valid) : fc.oneof({ arbitrary: hostile(valid), weight: 5 }, { arbitrary: malformed(valid), weight: 1 })

// -------------------------------------------------------------------------------------------------
// scalars
// -------------------------------------------------------------------------------------------------

/** A uint64 slot (`U64`): valid epochs, and NaN, ±Infinity, −0, fractions, unsafe integers, huge and negative bigints. */
export const u64: fc.Arbitrary<U64> = fc.oneof(
  { arbitrary: anyEpoch, weight: 3 },
  { arbitrary: A.u64, weight: 2 },
  { arbitrary: fc.integer({ min: 1190, max: 1310 }), weight: 4 },
  { arbitrary: fc.constantFrom<U64>(...HOSTILE_NUMBERS, ...HOSTILE_BIGINTS), weight: 2 }
)

/** A uint64 slot for a span (lead time, warning window): mostly small, sometimes anything. */
export const span: fc.Arbitrary<U64> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 200 }), weight: 4 },
  { arbitrary: fc.bigInt({ min: 0n, max: 200n }), weight: 1 },
  { arbitrary: u64, weight: 2 }
)

/** A `number` slot: integers, doubles and the hostile pool. */
export const num: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: -2, max: 70000 }), hostileNumber)

/** A size or count slot: mostly small non-negative integers, sometimes any number. */
export const size: fc.Arbitrary<number> = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 6 }), weight: 4 }, { arbitrary: num, weight: 1 })

/** A `number | bigint` slot. */
export const int: fc.Arbitrary<number | bigint> = fc.oneof(num, A.i64, fc.constantFrom(...HOSTILE_BIGINTS))

/** A `bigint` slot. */
export const big: fc.Arbitrary<bigint> = fc.oneof(fc.bigInt({ min: -5n, max: 1000n }), fc.constantFrom(...HOSTILE_BIGINTS))

export const str: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', '\uD800', '__proto__', '1.4.0', '01.2.3', '1.2.3.4', '65536.0.0', ' 1.2.3', '1.2.3\n', 'x'.repeat(300))
)

export const bool: fc.Arbitrary<boolean> = fc.boolean()

/** A `Uint8Array` slot: every length, offset views, Node Buffers. */
export const bytes: fc.Arbitrary<Uint8Array> = hostile(
  fc.oneof(A.bytes, A.bytesN(32), A.namespace, fc.constant(RT_ID), fc.constant(OTHER_RT_ID), fc.constant(nsId(1)), fc.constant(SGX_V0))
)

/** Anything at all, for `unknown` slots (null-prototype objects, sparse arrays, symbols, functions, …). */
export const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    withBigInt: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
    withObjectString: true,
    withDate: true
  }),
  fc.constantFrom<unknown>(...HOSTILE_NUMBERS, ...HOSTILE_BIGINTS, ...NON_OBJECTS, Object.setPrototypeOf(() => 1, null), new Uint8Array(3))
)

// -------------------------------------------------------------------------------------------------
// versions and deployments
// -------------------------------------------------------------------------------------------------

const validVersion: fc.Arbitrary<Version> = fc.oneof(A.version, fc.constantFrom<Version>({}, { major: 1, minor: 4 }, { major: 1, minor: 5 }))
export const version: fc.Arbitrary<Version> = hostile(validVersion)

const validDeployment: fc.Arbitrary<VersionInfo> = fc.oneof(A.versionInfo, anyDeployment, fc.constantFrom(v130, v140, v150))
export const versionInfo: fc.Arbitrary<VersionInfo> = hostile(validDeployment)
export const deploymentRef: fc.Arbitrary<DeploymentRef> = versionInfo

// -------------------------------------------------------------------------------------------------
// runtimes
// -------------------------------------------------------------------------------------------------

const subsetOf = <T>(xs: ReadonlyArray<T>): fc.Arbitrary<T[]> => fc.subarray(xs as T[], { minLength: 0 })

const scheduledRuntime: fc.Arbitrary<Runtime> = fc.oneof(
  fc
    .tuple(subsetOf([v130, v140, v150]), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 }))
    .map(([ds, g, b]) => computeRuntime(ds, g, b)),
  fc.constant(sgxRuntime([['1.3.0', 1000], ['1.4.0', 1200], ['1.5.0', 1300]])),
  fc.constant(sgxRuntime([['1.4.0', 1200]]))
)

/** A valid runtime: full-field, scenario, scheduler fixtures or arbitrary deployments. */
export const validRuntime: fc.Arbitrary<Runtime> = fc.oneof(
  A.runtime,
  validScenario(2).map((s) => s.rt),
  scheduledRuntime,
  anyRuntime
)

/** A runtime slot: valid, hostile, or (1 in 6) malformed (missing id, null deployment entry, …). */
export const runtime: fc.Arbitrary<Runtime> = orMalformed(validRuntime)

/** Two runtimes of the same id (an update): the second a variation of the first. */
export const runtimePair: fc.Arbitrary<[Runtime, Runtime]> = fc.oneof(
  validScenario(2).chain(({ rt }) =>
    fc.tuple(
      hostile(fc.constant(rt)),
      hostile(
        fc.oneof(
          fc.constant(rt),
          fc.constant({ ...rt, deployments: [...(rt.deployments ?? []), dep('60000.0.0', 2n ** 63n)] }),
          validScenario(2).map((s) => ({ ...s.rt, id: rt.id }))
        )
      )
    )
  ),
  fc.tuple(runtime, runtime)
)

// -------------------------------------------------------------------------------------------------
// parameters, policy, options
// -------------------------------------------------------------------------------------------------

const validParams: fc.Arbitrary<ConsensusParameters> = fc.oneof(
  A.consensusParameters,
  fc.constantFrom<ConsensusParameters>({}, PARAMS_5, pcsParams(), pcsParams(true), { max_runtime_deployments: 5, debug_deploy_immediately: true })
)
export const params: fc.Arbitrary<ConsensusParameters> = orMalformed(validParams)

const validPolicy: fc.Arbitrary<Policy> = fc.oneof(
  fc.constant(STRICT_POLICY),
  fc.record(
    {
      minLeadEpochs: span,
      freezeEpochs: span,
      noPendingDowngrade: bool,
      immutableScheduledIdentity: bool,
      maxFutureDeployments: size,
      admittedCodeIdentities: fc.array(bytes, { maxLength: 3 })
    },
    { requiredKeys: [] }
  )
)
/** A `Policy | undefined` slot. */
export const policy: fc.Arbitrary<Policy | undefined> = fc.option(orMalformed(validPolicy), { nil: undefined })

/**
 * An optional options object: omitted, empty, with fields of their types (hostile), or (1 in 6)
 * null / not an object / a field of the wrong type (engine.md: refused with DX2).
 */
export const options = <T extends object>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T | undefined> =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 2 },
    { arbitrary: fc.constant({} as T), weight: 1 },
    { arbitrary: hostile(fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<T>), weight: 4 },
    ...(TYPED_ONLY
      ? []
      : [
          { arbitrary: fc.constantFrom(...NON_OBJECTS).map((x) => x as T), weight: 1 },
          { arbitrary: malformed(fc.record(fields) as fc.Arbitrary<T>), weight: 1 }
        ])
  )

/**
 * A required options argument: of its type (hostile), or (outside the type, 1 in 5) absent, null,
 * not an object, or with a field of the wrong type (engine.md: refused with DX2).
 */
export const requiredOptions = <T extends object>(
  fields: { [K in keyof T]: fc.Arbitrary<T[K]> },
  requiredKeys: ReadonlyArray<keyof T> = []
): fc.Arbitrary<T> =>
  fc.oneof(
    { arbitrary: hostile(fc.record(fields, { requiredKeys: requiredKeys as Array<keyof T> }) as fc.Arbitrary<T>), weight: 8 },
    ...(TYPED_ONLY
      ? []
      : [
          { arbitrary: fc.constantFrom(undefined, ...NON_OBJECTS).map((x) => x as T), weight: 1 },
          { arbitrary: malformed(fc.record(fields) as fc.Arbitrary<T>), weight: 1 }
        ])
  )

/** TEE verifiers: accepting, refusing, throwing, returning no Either (spec: a throwing verifier refuses). */
export const verifier: fc.Arbitrary<TeeVerifier> = fc.constantFrom<TeeVerifier>(
  acceptAll,
  refuseAll,
  () => {
    throw new Error('verifier crashed')
  },
  () => undefined as unknown as E.Either<string, unknown>,
  () => {
    throw null // a thrown non-Error
  }
)

// -------------------------------------------------------------------------------------------------
// nodes
// -------------------------------------------------------------------------------------------------

/** A node for the node helpers: hostile, or with a malformed field (SX1: malformed nodes are an input class). */
export const node: fc.Arbitrary<NodeDescriptor> = orMalformed(anyNode)

/** A node for eligibility and registration, which also take junk nodes, `null` included (SX1, RX2). */
export const anyNodeAtAll: fc.Arbitrary<NodeDescriptor> = TYPED_ONLY ? node : fc.oneof({ arbitrary: node, weight: 6 }, { arbitrary: junkNode, weight: 1 })

export const nodes: fc.Arbitrary<NodeDescriptor[]> = hostile(fc.array(anyNodeAtAll, { maxLength: 6 }))
export const nodeRuntime = orMalformed(fc.oneof(A.nodeRuntime, anyEntry))

/** SGX constraints (v0 and v1): valid, hostile or malformed. */
export const sgxConstraints: fc.Arbitrary<SgxConstraints> = orMalformed(A.sgxConstraints)

// -------------------------------------------------------------------------------------------------
// registries (built with createRegistry, then maybe registered into / suspended)
// -------------------------------------------------------------------------------------------------

const registryOf = (rts: ReadonlyArray<Runtime>, epoch: U64): Registry => {
  const r = createRegistry(rts, epoch)
  if (E.isRight(r)) return r.right
  const empty = createRegistry()
  if (E.isLeft(empty)) throw new Error('createRegistry() refused')
  return empty.right
}

const validRegistry: fc.Arbitrary<Registry> = fc
  .record({
    rts: fc.uniqueArray(
      // hostile runtimes too: createRegistry takes what encodes (frozen, null-prototype, offset views, …)
      hostile(
        fc.oneof(
          scheduledRuntime,
          fc.tuple(fc.integer({ min: 1, max: 4 }), subsetOf([v130, v140, v150])).map(([n, ds]) => rtN(n, ds))
        )
      ),
      { maxLength: 3, selector: (rt) => (rt.id instanceof Uint8Array ? Buffer.from(rt.id).toString('hex') : '') }
    ),
    epoch: fc.oneof(fc.integer({ min: 900, max: 1400 }), fc.constant(NOW), fc.bigInt({ min: 0n, max: 1500n })),
    suspend: fc.boolean(),
    register: fc.boolean()
  })
  .map(({ rts, epoch, suspend, register }) => {
    let reg = registryOf(rts, epoch)
    if (register) {
      const r = registerRuntime(reg, rtN(9, [dep('2.0.0', 2000)]), reg.epoch, PARAMS_5)
      if (E.isRight(r)) reg = r.right
    }
    if (suspend && rts[0] !== undefined) {
      const s = suspendRuntime(reg, rts[0].id)
      if (E.isRight(s)) reg = s.right
    }
    return reg
  })

/** A registry: built valid, maybe frozen or given a null prototype (its internals are opaque). */
export const registry: fc.Arbitrary<Registry> = hostile(validRegistry, { shallow: true })

/** A proof's parts for verifyRuntimeProof: a real root, id and proof, one of them maybe replaced or bit-flipped. */
export const proofParts: fc.Arbitrary<[Uint8Array, Uint8Array, Uint8Array]> = fc.oneof(
  fc
    .tuple(validRegistry, fc.oneof(fc.integer({ min: 1, max: 9 }).map(nsId), bytes), fc.nat(), fc.nat({ max: 3 }))
    .map(([reg, id, bit, which]) => {
      const proof = proveRuntime(reg, id)
      const parts: [Uint8Array, Uint8Array, Uint8Array] = [registryRoot(reg), id, E.isRight(proof) ? proof.right : new Uint8Array(0)]
      if (which < 3 && parts[which]!.length > 0) {
        const flipped = parts[which]!.slice()
        flipped[(bit >> 3) % flipped.length]! ^= 1 << (bit & 7)
        parts[which] = flipped
      }
      return parts
    }),
  fc.tuple(bytes, bytes, bytes)
)

/** A snapshot's parts for restoreRegistry: a real manifest, chunks and root (maybe hostile or replaced), or arbitrary ones. */
export const snapshotParts: fc.Arbitrary<[SnapshotManifest, Uint8Array[], Uint8Array]> = fc.oneof(
  fc.tuple(validRegistry, fc.integer({ min: 1, max: 3 })).chain(([reg, chunkSize]) => {
    const snap = snapshotRegistry(reg, { chunkSize })
    if (E.isLeft(snap)) throw new Error('snapshotRegistry refused a valid registry')
    return fc.tuple(
      hostile(fc.constant(snap.right.manifest)),
      fc.oneof(fc.constant([...snap.right.chunks]), fc.array(bytes, { maxLength: 3 })) as fc.Arbitrary<Uint8Array[]>,
      fc.oneof(fc.constant(registryRoot(reg)), bytes)
    )
  }),
  fc.tuple(
    hostile(
      fc.record({ version: fc.constant(1 as const), epoch: u64, root: bytes, runtimes: num, chunkSize: num, chunks: fc.array(bytes, { maxLength: 3 }) })
    ),
    fc.array(bytes, { maxLength: 3 }),
    bytes
  )
)

/** A registry and an epoch: often its own epoch or just after (E4, E9 pass), otherwise any uint64 slot. */
export const registryAndEpoch: fc.Arbitrary<[Registry, U64]> = registry.chain((reg) =>
  fc.tuple(
    fc.constant(reg),
    fc.oneof(
      { arbitrary: fc.constant(reg.epoch), weight: 5 },
      { arbitrary: fc.integer({ min: 0, max: 400 }).map((d) => (typeof reg.epoch === 'bigint' ? reg.epoch + BigInt(d) : reg.epoch + d)), weight: 2 },
      { arbitrary: u64, weight: 1 }
    )
  )
)

// -------------------------------------------------------------------------------------------------
// encoded bytes
// -------------------------------------------------------------------------------------------------

const bytesOf = <T>(arb: fc.Arbitrary<T>, enc: (x: T) => E.Either<unknown, Uint8Array>): fc.Arbitrary<Uint8Array> =>
  arb.map((x) => {
    const b = enc(x)
    return E.isRight(b) ? b.right : new Uint8Array(0)
  })

/** Bytes that decode or nearly decode: canonical encodings with a byte flipped, cut or appended. */
const corrupt = (valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> =>
  fc.tuple(valid, fc.nat(), fc.nat({ max: 255 }), fc.nat({ max: 3 })).map(([b, at, byte, how]) => {
    if (b.length === 0) return b
    const i = at % b.length
    switch (how) {
      case 0:
        return b
      case 1: {
        const c = b.slice()
        c[i] = byte
        return c
      }
      case 2:
        return b.slice(0, i)
      default:
        return Uint8Array.from([...b, byte])
    }
  })

export const runtimeBytes = hostile(corrupt(bytesOf(validRuntime, encodeRuntime)))
export const sgxBytes = hostile(corrupt(fc.oneof(bytesOf(A.sgxConstraints, encodeSgxConstraints), fc.constantFrom(SGX_V0, SGX_V1))))
export const nodeRuntimeBytes = hostile(corrupt(bytesOf(A.nodeRuntime, encodeNodeRuntime)))
export const paramsBytes = hostile(corrupt(bytesOf(A.consensusParameters, encodeConsensusParameters)))
export const cborBytes: fc.Arbitrary<Uint8Array> = fc.oneof(runtimeBytes, sgxBytes, nodeRuntimeBytes, paramsBytes, bytes)

// -------------------------------------------------------------------------------------------------
// refusal data
// -------------------------------------------------------------------------------------------------

export const decodeErr: fc.Arbitrary<DecodeError> = fc
  .tuple(fc.constantFrom(...(Object.keys(DECODE_ERROR_RULES) as Array<keyof typeof DECODE_ERROR_RULES>)), str, str, fc.option(num, { nil: undefined }))
  .map(([tag, m, p, o]) => decodeError(tag, m, p, o))

export const ruleViolationValue: fc.Arbitrary<RuleViolation> = fc.oneof(
  fc.tuple(num, num).map(([count, limit]) => ruleViolation('TooManyDeployments', { count, limit })),
  fc.constant(ruleViolation('NoDeployments', {})),
  versionInfo.map((d) => ruleViolation('TeeWithoutHardware', { deployment: d }))
)

/** A data field kind, for the refusal constructors' data tables. */
export type Kind =
  | 'num'
  | 'numOpt'
  | 'bool'
  | 'u64'
  | 'str'
  | 'bytes'
  | 'bytesOpt'
  | 'dep'
  | 'depOpt'
  | 'deps'
  | 'version'
  | 'versionOpt'
  | 'versions'
  | 'strs'
  | 'decodeError'
  | 'decodeErrorOpt'
  | 'ruleViolation'
  | 'forkRef'
  | 'exclusionCounts'
  | ReadonlyArray<string>

const forkRef = hostile(fc.record({ hash: fc.oneof(A.bytesN(4), bytes), next: u64 }))
const exclusionCounts = hostile(fc.array(fc.record({ reason: str, rule: str, count: num }), { maxLength: 4 }))

const kindArb = (k: Kind): fc.Arbitrary<unknown> => {
  if (typeof k !== 'string') return fc.constantFrom(...k)
  switch (k) {
    case 'num':
      return num
    case 'numOpt':
      return fc.option(num, { nil: undefined })
    case 'bool':
      return bool
    case 'u64':
      return u64
    case 'str':
      return str
    case 'bytes':
      return bytes
    case 'strs':
      return hostile(fc.array(str, { maxLength: 4 }))
    case 'bytesOpt':
      return fc.option(bytes, { nil: undefined })
    case 'dep':
      return deploymentRef
    case 'depOpt':
      return fc.option(deploymentRef, { nil: undefined })
    case 'deps':
      return hostile(fc.array(validDeployment, { maxLength: 4 }))
    case 'version':
      return version
    case 'versionOpt':
      return fc.option(version, { nil: undefined })
    case 'versions':
      return hostile(fc.array(validVersion, { maxLength: 4 }))
    case 'decodeError':
      return decodeErr
    case 'decodeErrorOpt':
      return fc.option(decodeErr, { nil: undefined })
    case 'ruleViolation':
      return ruleViolationValue
    case 'forkRef':
      return forkRef
    case 'exclusionCounts':
      return exclusionCounts
  }
}

/** `[tag, data]` for a refusal constructor, from a table of each tag's data fields. */
export const refusalArgs = (table: Readonly<Record<string, Readonly<Record<string, Kind>>>>): fc.Arbitrary<[string, object]> =>
  fc.oneof(
    ...Object.entries(table).map(([tag, fields]) =>
      fc
        .record(Object.fromEntries(Object.entries(fields).map(([f, k]) => [f, kindArb(k)])))
        .chain((data) => hostile(fc.constant(data)))
        .map((data) => [tag, data] as [string, object])
    )
  )

// -------------------------------------------------------------------------------------------------
// derived values
// -------------------------------------------------------------------------------------------------

/** An `Eligibility` as `eligibleNodes` returns it, then made hostile. */
export const eligibility = hostile(
  fc.tuple(scheduledRuntime, fc.array(anyNode, { maxLength: 5 }), fc.integer({ min: 1190, max: 1310 })).map(([rt, ns, e]) => {
    const r = eligibleNodes(rt, ns, e, { verifyTee: acceptAll })
    return E.isRight(r) ? r.right : { epoch: e, deployment: undefined, eligible: [], excluded: [] }
  })
)

