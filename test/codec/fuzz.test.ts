/**
 * Fuzzing the decoders with fast-check: random bytes, random CBOR-ish token streams, mutations
 * of valid encodings (vectors and generated descriptors), and valid descriptors re-encoded
 * non-canonically. For every input, every decoder, in the default mode (oasis-core's) and in
 * strict mode, must return an Either without throwing; a Left must be a well-formed DecodeError
 * (known tag, its rule, a string path, an offset inside the input); a Right must re-encode, and
 * decoding the re-encoding must give the same value. Strict mode accepts nothing the default
 * refuses and reads the same value where both accept.
 *
 * One exception, as in oasis-core: a namespace read from a CBOR array skips the flag check
 * (CX7), so its re-encoding may carry reserved flags that neither oasis-core nor this library
 * reads back (C4.11).
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  DECODE_ERROR_RULES,
  type DecodeError,
  type DecodeOptions,
  decodeConsensusParameters,
  decodeNodeRuntime,
  decodeRuntime,
  decodeSgxConstraints,
  encodeConsensusParameters,
  encodeNodeRuntime,
  encodeRuntime,
  encodeSgxConstraints,
  type EncodeError
} from '../../src/index.js'
import * as arb from '../support/arbitraries.js'
import { mutatedCases } from '../support/oracleCases.js'

// -------------------------------------------------------------------------------------------------
// the four decoders, each with its encoder
// -------------------------------------------------------------------------------------------------

interface Subject {
  readonly name: string
  readonly decode: (b: Uint8Array, o?: DecodeOptions) => E.Either<DecodeError, unknown>
  readonly encode: (v: never) => E.Either<EncodeError, Uint8Array>
}

const SUBJECTS: ReadonlyArray<Subject> = [
  { name: 'Runtime', decode: decodeRuntime, encode: encodeRuntime },
  { name: 'SgxConstraints', decode: decodeSgxConstraints, encode: encodeSgxConstraints },
  { name: 'NodeRuntime', decode: decodeNodeRuntime, encode: encodeNodeRuntime },
  { name: 'ConsensusParameters', decode: decodeConsensusParameters, encode: encodeConsensusParameters }
]
const subject = (name: string): Subject => SUBJECTS.find((s) => s.name === name)!

const TAGS = new Set(Object.keys(DECODE_ERROR_RULES))

// omitempty fields whose Go type can be nil (slices, maps, []byte): an empty value decodes as
// present-but-empty, and is left out when written (reference §3), so it does not survive a
// round trip. Every other field must.
const OMITTED_WHEN_EMPTY = new Set([
  'deployments',
  'tee',
  'bundle_checksum',
  'constraints',
  'per_role',
  'max_nodes',
  'thresholds',
  'slashing',
  'enclaves',
  'allowed_quote_statuses',
  'gid_blacklist',
  'fmspc_whitelist',
  'fmspc_blacklist',
  'allowed_tdx_modules',
  'gas_costs',
  'enable_runtime_governance_models'
])

const isEmptyContainer = (v: unknown): boolean =>
  (Array.isArray(v) && v.length === 0) ||
  (v instanceof Map && v.size === 0) ||
  (v instanceof Uint8Array && v.length === 0) ||
  (typeof v === 'object' && v !== null && !(v instanceof Map) && !(v instanceof Uint8Array) && !Array.isArray(v) && Object.keys(v).length === 0)

/** The value with empty nil-able omitempty fields removed: what a round trip through bytes gives. */
const withoutEmptyOmitted = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(withoutEmptyOmitted)
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, withoutEmptyOmitted(x)]))
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) {
      if (OMITTED_WHEN_EMPTY.has(k) && isEmptyContainer(x)) continue
      // defineProperty: a text-map key "__proto__" is an ordinary entry, as the codec keeps it.
      Object.defineProperty(out, k, { value: withoutEmptyOmitted(x), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return v
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** Every invariant of one decoder on one input in one mode; returns the decoded value when Right. */
const checkMode = (s: Subject, input: Uint8Array, mode: DecodeOptions): unknown => {
  const copy = input.slice()
  const r = s.decode(input, mode)
  // The input is never modified.
  expect(sameBytes(input, copy)).toBe(true)
  expect(E.isLeft(r) || E.isRight(r)).toBe(true)
  const strict = s.decode(input, { ...mode, requireCanonical: true })
  if (E.isLeft(r)) {
    const e = r.left
    expect(TAGS.has(e._tag), `unknown tag ${e._tag}`).toBe(true)
    expect(e.rule).toBe(DECODE_ERROR_RULES[e._tag])
    expect(typeof e.path).toBe('string')
    expect(typeof e.message).toBe('string')
    expect(e.message.length).toBeGreaterThan(0)
    if (e.offset !== undefined) {
      expect(Number.isInteger(e.offset)).toBe(true)
      expect(e.offset).toBeGreaterThanOrEqual(0)
      expect(e.offset).toBeLessThanOrEqual(input.length)
    }
    expect(e._tag).not.toBe('NotCanonical')
    // requireCanonical only adds a check after a successful decode: same verdict.
    expect(E.isLeft(strict) && strict.left).toEqual(e)
    return undefined
  }
  const value = r.right
  const enc = s.encode(value as never)
  if (E.isLeft(enc)) throw new Error(`${s.name}: decoded value does not re-encode: ${enc.left._tag} ${enc.left.path} ${enc.left.message}`)
  const again = s.decode(enc.right, { ...mode, requireCanonical: true })
  if (E.isLeft(again)) {
    // Only a namespace read from an array (default mode, CX7) may carry flags no reader accepts.
    if (mode.strict !== true && again.left._tag === 'InvalidNamespace') return value
    throw new Error(`${s.name}: re-encoding does not decode: ${again.left._tag} ${again.left.path} ${again.left.message}`)
  }
  expect(again.right).toEqual(withoutEmptyOmitted(value))
  const enc2 = s.encode(again.right as never)
  // A second round trip changes nothing.
  expect(E.isRight(enc2) && bytesToHex(enc2.right)).toBe(bytesToHex(enc.right))
  // requireCanonical accepts exactly the inputs that are their own canonical encoding.
  const canonical = sameBytes(enc.right, input)
  expect(E.isRight(strict)).toBe(canonical)
  if (canonical) expect(again.right).toEqual(value)
  else {
    const e = (strict as E.Left<DecodeError>).left
    expect(e._tag).toBe('NotCanonical')
    expect(e.rule).toBe('CX6')
    expect(Number.isInteger(e.offset) && e.offset! >= 0 && e.offset! <= input.length).toBe(true)
  }
  return value
}

/**
 * {@link checkMode} in the default mode and in strict mode, and what ties them: strict mode
 * accepts only what the default accepts, with the same value. Returns the default mode's value.
 */
const checkOutcome = (s: Subject, input: Uint8Array): unknown => {
  const value = checkMode(s, input, {})
  const strictValue = checkMode(s, input, { strict: true })
  if (strictValue !== undefined) {
    expect(value, `${s.name}: strict mode accepts what the default refuses`).not.toBeUndefined()
    expect(strictValue).toEqual(value)
  }
  return value
}

// -------------------------------------------------------------------------------------------------
// seeds: vectors and hand-built valid descriptors
// -------------------------------------------------------------------------------------------------

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'))
const R1 = hex(
  'aa61760062696458200000000000000000000000000000000000000000000000000000000000000000646b696e64006767656e65736973a265726f756e64006a73746174655f726f6f74582000000000000000000000000000000000000000000000000000000000000000006773746f72616765a373636865636b706f696e745f696e74657276616c0073636865636b706f696e745f6e756d5f6b6570740075636865636b706f696e745f6368756e6b5f73697a6500686578656375746f72a56a67726f75705f73697a65006c6d61785f6d65737361676573006d726f756e645f74696d656f7574007167726f75705f6261636b75705f73697a650072616c6c6f7765645f7374726167676c6572730069656e746974795f6964582000000000000000000000000000000000000000000000000000000000000000006c7465655f6861726477617265007061646d697373696f6e5f706f6c696379a168616e795f6e6f6465a070676f7665726e616e63655f6d6f64656c00'
)
const R3 = hex(
  'ab61760062696458200000000000000000000000000000000000000000000000000000000000000000646b696e64006767656e65736973a265726f756e64006a73746174655f726f6f7458200000000000000000000000000000000000000000000000000000000000000000677374616b696e67a1727265776172645f6261645f726573756c74730a6773746f72616765a373636865636b706f696e745f696e74657276616c0073636865636b706f696e745f6e756d5f6b6570740075636865636b706f696e745f6368756e6b5f73697a6500686578656375746f72a56a67726f75705f73697a65006c6d61785f6d65737361676573006d726f756e645f74696d656f7574007167726f75705f6261636b75705f73697a650072616c6c6f7765645f7374726167676c6572730069656e746974795f6964582000000000000000000000000000000000000000000000000000000000000000006c7465655f6861726477617265007061646d697373696f6e5f706f6c696379a168616e795f6e6f6465a070676f7665726e616e63655f6d6f64656c00'
)
const SGX_V0 = hex(
  'a168656e636c6176657381a2696d725f7369676e657258204025dab7ebda1fbecc4e3637606e021214d0f41c6d0422fd378b2a8b888184596a6d725f656e636c6176655820a22260aded1c0c5e5aad493dc21d17f5e196af97076fc2d8d00dff9ac9b39c77'
)

const orFail = (e: E.Either<EncodeError, Uint8Array>): Uint8Array => {
  if (E.isLeft(e)) throw new Error(`seed does not encode: ${e.left._tag} ${e.left.path}`)
  return e.right
}
const fill = (n: number, b: number): Uint8Array => new Uint8Array(n).fill(b)

const SGX_V1 = orFail(
  encodeSgxConstraints({
    v: 1,
    enclaves: [{ mr_enclave: fill(32, 0x55), mr_signer: fill(32, 0x66) }],
    policy: {
      ias: { disabled: true, allowed_quote_statuses: [1, 7], gid_blacklist: [3], min_tcb_evaluation_data_number: 4 },
      pcs: {
        tcb_validity_period: 30,
        min_tcb_evaluation_data_number: 16,
        fmspc_blacklist: ['00606a000000'],
        tdx: { allowed_tdx_modules: [{ mr_seam: fill(48, 0x77), mr_signer_seam: fill(48, 0x78) }] }
      }
    },
    max_attestation_age: 1200
  })
)

const RICH = orFail(
  encodeRuntime({
    v: 3,
    id: Uint8Array.from([0, ...fill(30, 0), 1]),
    entity_id: fill(32, 0x11),
    genesis: { state_root: fill(32, 0x22), round: 7 },
    kind: 1,
    tee_hardware: 1,
    key_manager: Uint8Array.from([0x40, ...fill(30, 0), 2]),
    executor: { group_size: 5, group_backup_size: 1, allowed_stragglers: 1, round_timeout: 10, max_messages: 256, min_live_rounds_eval: 2n ** 60n },
    txn_scheduler: { batch_flush_timeout: 1_000_000_000, max_batch_size: 100, max_batch_size_bytes: 2 ** 40, propose_batch_timeout: -5 },
    storage: { checkpoint_interval: 100, checkpoint_num_kept: 2, checkpoint_chunk_size: 1 << 20 },
    admission_policy: {
      entity_whitelist: { entities: new Map([[fill(32, 0x33), { max_nodes: new Map([[1, 2], [4, 1]]) }]]) },
      per_role: new Map([[1, { entity_whitelist: { entities: null } }]])
    },
    constraints: new Map([
      [1, new Map([[1, { max_nodes: { limit: 3 }, validator_set: {} }], [2, { min_pool_size: { limit: 0 } }]])],
      [2, null]
    ]),
    staking: {
      thresholds: new Map([[2, Uint8Array.of(1, 0)], [3, new Uint8Array(0)]]),
      slashing: new Map([[0x80, { amount: Uint8Array.of(5), freeze_interval: 1 }]]),
      reward_bad_results: 10,
      min_in_message_fee: Uint8Array.of(1)
    },
    governance_model: 1,
    deployments: [
      { version: { major: 1, minor: 2, patch: 3 }, valid_from: 10, tee: SGX_V1, bundle_checksum: fill(32, 0x44) },
      { version: { major: 2 }, valid_from: 2n ** 63n }
    ]
  })
)

const NODE_RT = orFail(
  encodeNodeRuntime({
    id: Uint8Array.from([0x80, ...fill(30, 0), 0x11]),
    version: { patch: 123 },
    capabilities: { tee: { hardware: 1, rak: fill(32, 0xf8), rek: fill(32, 0xf9), attestation: Uint8Array.of(0, 1, 2, 3, 4, 5) } },
    extra_info: Uint8Array.of(5, 3, 2, 1)
  })
)
const NODE_RT_PLAIN = orFail(
  encodeNodeRuntime({ id: Uint8Array.from([0x80, ...fill(30, 0), 0x10]), version: { patch: 321 }, capabilities: {}, extra_info: null })
)
const PARAMS = orFail(
  encodeConsensusParameters({
    debug_allow_test_runtimes: true,
    gas_costs: { register_runtime: 1000, register_node: 2 ** 40 },
    max_node_expiration: 5,
    enable_runtime_governance_models: new Map([[1, true], [2, false]]),
    tee_features: {
      sgx: { pcs: true, tdx: true, max_attestation_age: 1200, default_policy: { pcs: { tcb_validity_period: 30, min_tcb_evaluation_data_number: 17 } } },
      freshness_proofs: true
    },
    max_runtime_deployments: 5
  })
)

const SEEDS: ReadonlyArray<readonly [string, Uint8Array]> = [
  ['Runtime', R1],
  ['Runtime', R3],
  ['Runtime', RICH],
  ['SgxConstraints', SGX_V0],
  ['SgxConstraints', SGX_V1],
  ['NodeRuntime', NODE_RT],
  ['NodeRuntime', NODE_RT_PLAIN],
  ['ConsensusParameters', PARAMS]
]

// -------------------------------------------------------------------------------------------------
// mutations
// -------------------------------------------------------------------------------------------------

/** Bytes that are heads of interest: boundaries of every major type, reserved values, break. */
const INTERESTING = [
  0x00, 0x01, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1f, 0x20, 0x37, 0x38, 0x3b, 0x40, 0x41, 0x57, 0x58, 0x5b, 0x5f, 0x60, 0x61, 0x77,
  0x78, 0x7f, 0x80, 0x81, 0x97, 0x98, 0x9f, 0xa0, 0xa1, 0xb7, 0xb8, 0xbf, 0xc0, 0xc2, 0xd8, 0xd9, 0xe0, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
  0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xff
]
const byteArb = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...INTERESTING))

type Mutation =
  | { readonly op: 'flip'; readonly at: number; readonly bit: number }
  | { readonly op: 'set'; readonly at: number; readonly byte: number }
  | { readonly op: 'insert'; readonly at: number; readonly bytes: ReadonlyArray<number> }
  | { readonly op: 'delete'; readonly at: number; readonly len: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'duplicate'; readonly at: number; readonly len: number }
  | { readonly op: 'swap'; readonly at: number; readonly other: number }

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: byteArb }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(byteArb, { minLength: 1, maxLength: 9 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() })
)

const mutate = (input: Uint8Array, ms: ReadonlyArray<Mutation>): Uint8Array => {
  let b = Array.from(input)
  for (const m of ms) {
    const n = b.length
    const at = n === 0 ? 0 : m.at % (n + 1)
    switch (m.op) {
      case 'flip':
        if (at < n) b[at] = b[at]! ^ (1 << m.bit)
        break
      case 'set':
        if (at < n) b[at] = m.byte
        break
      case 'insert':
        b.splice(at, 0, ...m.bytes)
        break
      case 'delete':
        b.splice(at, m.len)
        break
      case 'truncate':
        b = b.slice(0, at)
        break
      case 'duplicate':
        b.splice(at, 0, ...b.slice(at, at + m.len))
        break
      case 'swap': {
        const o = n === 0 ? 0 : m.other % n
        if (at < n) [b[at], b[o]] = [b[o]!, b[at]!]
        break
      }
    }
  }
  return Uint8Array.from(b)
}

// -------------------------------------------------------------------------------------------------
// re-encoding valid CBOR non-canonically (wider heads, shuffled map entries)
// -------------------------------------------------------------------------------------------------

type Item =
  | { readonly k: 'int'; readonly major: 0 | 1; readonly arg: bigint }
  | { readonly k: 'str'; readonly major: 2 | 3; readonly body: Uint8Array }
  | { readonly k: 'arr'; readonly items: Item[] }
  | { readonly k: 'map'; readonly entries: Array<[Item, Item]> }
  | { readonly k: 'simple'; readonly byte: number }

/** Parse well-formed definite-length CBOR without tags or floats (what the encoder writes). */
const parse = (b: Uint8Array): Item => {
  let pos = 0
  const arg = (ai: number): bigint => {
    if (ai < 24) return BigInt(ai)
    const n = ai === 24 ? 1 : ai === 25 ? 2 : ai === 26 ? 4 : 8
    let v = 0n
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(b[pos++]!)
    return v
  }
  const item = (): Item => {
    const ib = b[pos++]!
    const major = ib >> 5
    const ai = ib & 31
    if (major === 7) return { k: 'simple', byte: ib }
    const a = arg(ai)
    if (major === 0 || major === 1) return { k: 'int', major, arg: a }
    if (major === 2 || major === 3) {
      const body = b.slice(pos, pos + Number(a))
      pos += Number(a)
      return { k: 'str', major, body }
    }
    if (major === 4) return { k: 'arr', items: Array.from({ length: Number(a) }, () => item()) }
    if (major === 5) return { k: 'map', entries: Array.from({ length: Number(a) }, () => [item(), item()] as [Item, Item]) }
    throw new Error(`unexpected major type ${major}`)
  }
  const out = item()
  if (pos !== b.length) throw new Error('trailing bytes in a seed')
  return out
}

/** A deterministic choice stream from a seed (so fast-check can replay a failure). */
const chooser = (seed: number): ((p: number) => boolean) => {
  let s = seed >>> 0 || 1
  return (p) => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s / 2 ** 32 < p
  }
}

const head = (major: number, v: bigint, widen: boolean, pick: (p: number) => boolean): number[] => {
  const mt = major << 5
  const minWidth = v < 24n ? 0 : v < 0x100n ? 1 : v < 0x10000n ? 2 : v < 0x100000000n ? 4 : 8
  let width = minWidth
  if (widen) for (const w of [1, 2, 4, 8]) if (w > width && pick(0.5)) width = w
  if (width === 0) return [mt | Number(v)]
  const ai = width === 1 ? 24 : width === 2 ? 25 : width === 4 ? 26 : 27
  const out = [mt | ai]
  for (let i = width - 1; i >= 0; i--) out.push(Number((v >> BigInt(8 * i)) & 0xffn))
  return out
}

const emit = (it: Item, pick: (p: number) => boolean, pWiden: number, pShuffle: number): number[] => {
  switch (it.k) {
    case 'int':
      return head(it.major, it.arg, pick(pWiden), pick)
    case 'str':
      return [...head(it.major, BigInt(it.body.length), pick(pWiden), pick), ...it.body]
    case 'simple':
      return [it.byte]
    case 'arr':
      return [...head(4, BigInt(it.items.length), pick(pWiden), pick), ...it.items.flatMap((x) => emit(x, pick, pWiden, pShuffle))]
    case 'map': {
      const es = it.entries.map(([k, v]) => [...emit(k, pick, pWiden, pShuffle), ...emit(v, pick, pWiden, pShuffle)])
      if (pick(pShuffle)) {
        for (let i = es.length - 1; i > 0; i--) {
          let j = 0
          for (let bit = 1; bit <= i; bit <<= 1) if (pick(0.5)) j |= bit
          j %= i + 1
          ;[es[i], es[j]] = [es[j]!, es[i]!]
        }
      }
      return [...head(5, BigInt(es.length), pick(pWiden), pick), ...es.flat()]
    }
  }
}

const reencode = (canonical: Uint8Array, seed: number, pWiden: number, pShuffle: number): Uint8Array =>
  Uint8Array.from(emit(parse(canonical), chooser(seed), pWiden, pShuffle))

// -------------------------------------------------------------------------------------------------
// generated valid encodings
// -------------------------------------------------------------------------------------------------

const encodedArb = (name: string, valueArb: fc.Arbitrary<unknown>): fc.Arbitrary<readonly [string, Uint8Array]> =>
  valueArb.map((v) => {
    const e = subject(name).encode(v as never)
    if (E.isLeft(e)) throw new Error(`arbitrary ${name} value does not encode: ${e.left._tag} ${e.left.path} ${e.left.message}`)
    return [name, e.right] as const
  })

const generatedArb: fc.Arbitrary<readonly [string, Uint8Array]> = fc.oneof(
  { arbitrary: encodedArb('Runtime', arb.runtime), weight: 3 },
  { arbitrary: encodedArb('SgxConstraints', arb.sgxConstraints), weight: 2 },
  { arbitrary: encodedArb('NodeRuntime', arb.nodeRuntime), weight: 1 },
  { arbitrary: encodedArb('ConsensusParameters', arb.consensusParameters), weight: 1 }
)

const seedArb = fc.constantFrom(...SEEDS)

// -------------------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------------------

const RUNS = { random: 3000, tokens: 3000, seeds: 5000, generated: 2000, noncanonical: 2000, oracleClasses: 3000 } as const

describe('codec fuzz', () => {
  it('C4: the seeds are valid and canonical for their decoder', () => {
    for (const [name, bytes] of SEEDS) {
      const r = subject(name).decode(bytes, { requireCanonical: true })
      expect(E.isRight(r), name).toBe(true)
      checkOutcome(subject(name), bytes)
    }
  })

  it('C4.1: random byte arrays never throw and always give a well-formed Either, for all four decoders', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (input) => {
        for (const s of SUBJECTS) checkOutcome(s, input)
      }),
      { numRuns: RUNS.random }
    )
  })

  it('C4.1: random streams of CBOR heads and short payloads never throw', () => {
    const token = fc.oneof(
      fc.constantFrom(...INTERESTING).map((b) => [b]),
      fc.tuple(fc.constantFrom(0x18, 0x38, 0x58, 0x78, 0x98, 0xb8, 0xd8, 0xf8), fc.integer({ min: 0, max: 255 })).map(([a, b]) => [a, b]),
      fc.constantFrom('v', 'id', 'kind', 'genesis', 'deployments', 'valid_from', 'version', 'enclaves', 'policy', 'pcs', 'tee', 'capabilities').map((k) => [
        0x60 + k.length,
        ...Buffer.from(k)
      ]),
      fc.uint8Array({ minLength: 1, maxLength: 34 }).map((b) => [0x40 + Math.min(b.length, 23), ...b.slice(0, 23)]),
      fc.constantFrom([0x58, 0x20, ...new Array<number>(32).fill(0)], [0x58, 0x30, ...new Array<number>(48).fill(1)])
    )
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
        const input = Uint8Array.from(tokens.flat())
        for (const s of SUBJECTS) checkOutcome(s, input)
      }),
      { numRuns: RUNS.tokens }
    )
  })

  it('C4: mutations of the vectors and hand-built descriptors (flip, set, insert, delete, truncate, duplicate, swap)', () => {
    fc.assert(
      fc.property(seedArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), ([name, seed], ms) => {
        const input = mutate(seed, ms)
        checkOutcome(subject(name), input)
        // Cross-feed: the other decoders see the same bytes.
        for (const s of SUBJECTS) if (s.name !== name) checkOutcome(s, input)
      }),
      { numRuns: RUNS.seeds }
    )
  })

  it('C4: mutations of generated valid descriptors', () => {
    fc.assert(
      fc.property(generatedArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), ([name, bytes], ms) => {
        checkOutcome(subject(name), bytes)
        checkOutcome(subject(name), mutate(bytes, ms))
      }),
      { numRuns: RUNS.generated }
    )
  })

  it('CX7: the hostile and lenient classes of the oasis-core oracle (without Go): every invariant in both modes', () => {
    const MODE_OF: Readonly<Record<string, 'runtime' | 'sgx' | 'node' | 'params'>> = {
      Runtime: 'runtime',
      SgxConstraints: 'sgx',
      NodeRuntime: 'node',
      ConsensusParameters: 'params'
    }
    const NAME_OF = Object.fromEntries(Object.entries(MODE_OF).map(([n, m]) => [m, n]))
    const bases = SEEDS.map(([name, bytes]) => ({ mode: MODE_OF[name]!, bytes }))
    let accepted = 0
    for (const c of mutatedCases(bases, RUNS.oracleClasses, 20261201)) {
      if (checkOutcome(subject(NAME_OF[c.mode]!), Uint8Array.from(Buffer.from(c.hex, 'hex'))) !== undefined) accepted++
    }
    expect(accepted).toBeGreaterThan(RUNS.oracleClasses / 10)
  })

  it('CX6: valid descriptors re-encoded with wider heads and shuffled keys decode to the same value, and only the canonical bytes pass requireCanonical', () => {
    fc.assert(
      fc.property(fc.oneof(seedArb, generatedArb), fc.integer(), fc.constantFrom(0, 0.02, 0.2), fc.constantFrom(0, 0.3, 1), ([name, canonical], seed, pWiden, pShuffle) => {
        const s = subject(name)
        const reference = s.decode(canonical)
        expect(E.isRight(reference)).toBe(true)
        const input = reencode(canonical, seed, pWiden, pShuffle)
        const value = checkOutcome(s, input)
        // Same value as the canonical bytes: the variant is valid for oasis-core too (§6).
        expect(value).toEqual((reference as E.Right<unknown>).right)
        const strict = s.decode(input, { requireCanonical: true })
        expect(E.isRight(strict)).toBe(sameBytes(input, canonical))
        // Wider heads and shuffled keys are valid for oasis-core: strict mode reads them too.
        expect(s.decode(input, { strict: true })).toEqual(reference)
      }),
      { numRuns: RUNS.noncanonical }
    )
  })
})
