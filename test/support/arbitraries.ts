/**
 * fast-check arbitraries for every wire type, in normal form: exactly the values that decoding
 * canonical bytes yields (omitempty fields absent when empty, integers as `number` when safe and
 * `bigint` above 2^53 - 1, quantities without leading zeros).
 */
import fc from 'fast-check'
import type {
  ConsensusParameters,
  NodeRuntime,
  QuotePolicy,
  Runtime,
  SchedulingConstraints,
  SgxConstraints,
  Version,
  VersionInfo
} from '../../src/index.js'

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const normal = (n: bigint): number | bigint => (n <= MAX_SAFE && n >= -MAX_SAFE ? Number(n) : n)

const uintBits = (bits: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: 0, max: 30 }),
    fc.integer({ min: 0, max: 2 ** bits - 1 }),
    fc.constantFrom(...[0, 23, 24, 255, 256, 65535, 65536, 2 ** bits - 1].filter((n) => n < 2 ** bits))
  )

export const u8 = uintBits(8)
export const u16 = uintBits(16)
export const u32 = fc.oneof(uintBits(16), fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((n) => n * 2 + 1), fc.constantFrom(2 ** 32 - 1))

/** uint64 over its whole range, with the 2^32 and 2^53 boundaries well represented. */
export const u64: fc.Arbitrary<number | bigint> = fc
  .oneof(
    fc.bigInt({ min: 0n, max: 30n }),
    fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    fc.constantFrom(0n, 23n, 24n, 255n, 256n, 65535n, 65536n, (1n << 32n) - 1n, 1n << 32n, MAX_SAFE, MAX_SAFE + 1n, (1n << 64n) - 1n)
  )
  .map(normal)

export const i64: fc.Arbitrary<number | bigint> = fc
  .oneof(
    fc.bigInt({ min: -30n, max: 30n }),
    fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
    fc.constantFrom(-(1n << 63n), -(1n << 32n) - 1n, -(1n << 32n), -1n, (1n << 63n) - 1n)
  )
  .map(normal)

const nonZero = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> => arb.filter((x) => x !== 0 && x !== 0n)

export const bytesN = (n: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ minLength: n, maxLength: n })
export const bytes = fc.uint8Array({ maxLength: 40 })
export const nonEmptyBytes = fc.uint8Array({ minLength: 1, maxLength: 40 })
export const namespace: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.constantFrom(0x00, 0x40, 0x80, 0xc0), bytesN(24))
  .map(([flags, rest]) => Uint8Array.from([flags, 0, 0, 0, 0, 0, 0, 0, ...rest]))
/** A non-zero quantity: big-endian, no leading zero byte. */
export const quantity = fc.uint8Array({ minLength: 1, maxLength: 20 }).map((b) => (b[0] === 0 ? Uint8Array.from([1, ...b]) : b))
/** A quantity that may be zero (empty). */
export const quantityOrZero = fc.oneof(quantity, fc.constant(new Uint8Array(0)))

/** A record with each optional key present or absent (fast-check `requiredKeys: []`). */
const partial = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T) => fc.record(model, { requiredKeys: [] })
const nonEmptyMap = <K, V>(k: fc.Arbitrary<K>, v: fc.Arbitrary<V>, render: (k: K) => string = String) =>
  fc.uniqueArray(fc.tuple(k, v), { minLength: 1, maxLength: 4, selector: ([key]) => render(key) }).map((es) => new Map(es))
const hexKey = (b: Uint8Array): string => Buffer.from(b).toString('hex')

export const version: fc.Arbitrary<Version> = partial({ major: nonZero(u16), minor: nonZero(u16), patch: nonZero(u16) })

export const versionInfo: fc.Arbitrary<VersionInfo> = fc
  .tuple(version, u64, fc.option(nonEmptyBytes, { nil: undefined }), fc.option(fc.oneof(bytesN(32), nonEmptyBytes), { nil: undefined }))
  .map(([v, validFrom, tee, checksum]) => ({
    version: v,
    valid_from: validFrom,
    ...(tee === undefined ? {} : { tee }),
    ...(checksum === undefined ? {} : { bundle_checksum: checksum })
  }))

const limit = fc.record({ limit: u16 })
const schedulingConstraints: fc.Arbitrary<SchedulingConstraints> = partial({ validator_set: fc.constant({}), max_nodes: limit, min_pool_size: limit })

const entityWhitelist = fc.record({
  entities: fc.oneof(
    fc.constant(null),
    fc.constant(new Map()),
    nonEmptyMap(bytesN(32), partial({ max_nodes: nonEmptyMap(u32, u16) }), hexKey)
  )
})
const roleWhitelist = fc.record({
  entities: fc.oneof(fc.constant(null), nonEmptyMap(bytesN(32), partial({ max_nodes: nonZero(u16) }), hexKey))
})

export const runtime: fc.Arbitrary<Runtime> = fc
  .record(
    {
      v: u16,
      id: namespace,
      entity_id: bytesN(32),
      genesis: fc.record({ state_root: bytesN(32), round: u64 }),
      kind: u32,
      tee_hardware: u8,
      key_manager: namespace,
      executor: fc
        .record({ group_size: u16, group_backup_size: u16, allowed_stragglers: u16, round_timeout: i64, max_messages: u32 })
        .chain((required) =>
          partial({
            min_live_rounds_percent: nonZero(u8),
            max_missed_proposals_percent: nonZero(u8),
            min_live_rounds_eval: nonZero(u64),
            max_liveness_fails: nonZero(u8)
          }).map((opt) => ({ ...required, ...opt }))
        ),
      txn_scheduler: partial({
        batch_flush_timeout: nonZero(i64),
        max_batch_size: nonZero(u64),
        max_batch_size_bytes: nonZero(u64),
        max_in_messages: nonZero(u32),
        propose_batch_timeout: nonZero(i64)
      }),
      storage: fc.record({ checkpoint_interval: u64, checkpoint_num_kept: u64, checkpoint_chunk_size: u64 }),
      admission_policy: partial({
        any_node: fc.constant({}),
        entity_whitelist: entityWhitelist,
        per_role: nonEmptyMap(u32, partial({ entity_whitelist: roleWhitelist }))
      }),
      constraints: nonEmptyMap(u8, fc.oneof(fc.constant(null), fc.constant(new Map()), nonEmptyMap(u8, schedulingConstraints))),
      staking: partial({
        // Negative ThresholdKind keys are valid wire values, but @oasisprotocol/client's cborg
        // sorts them after every unsigned key (type first), unlike RFC 7049; see codec-laws.
        thresholds: nonEmptyMap(fc.integer({ min: 0, max: 300 }), quantityOrZero),
        slashing: nonEmptyMap(u8, fc.record({ amount: quantityOrZero, freeze_interval: u64 })),
        reward_equivocation: nonZero(u8),
        reward_bad_results: nonZero(u8),
        min_in_message_fee: quantity
      }),
      governance_model: u8,
      deployments: fc.array(versionInfo, { minLength: 1, maxLength: 6 })
    },
    {
      requiredKeys: ['v', 'id', 'entity_id', 'genesis', 'kind', 'tee_hardware', 'executor', 'storage', 'admission_policy', 'governance_model']
    }
  )
  // txn_scheduler and staking with no field set are empty (C3): absent in normal form.
  .map((rt) => {
    const out: Record<string, unknown> = { ...rt }
    for (const k of ['txn_scheduler', 'staking']) if (out[k] !== undefined && Object.keys(out[k] as object).length === 0) delete out[k]
    return out as unknown as Runtime
  })

const fmspc = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 12, maxLength: 12 })
const enclaves = fc.array(fc.record({ mr_enclave: bytesN(32), mr_signer: bytesN(32) }), { minLength: 1, maxLength: 3 })
const statuses = fc.array(i64.filter((n) => n >= 0), { minLength: 1, maxLength: 4 })
export const quotePolicy: fc.Arbitrary<QuotePolicy> = partial({
  ias: partial({
    disabled: fc.constant(true),
    allowed_quote_statuses: statuses,
    gid_blacklist: fc.array(u32, { minLength: 1, maxLength: 3 }),
    min_tcb_evaluation_data_number: nonZero(u32)
  }),
  pcs: fc
    .record({ tcb_validity_period: u16, min_tcb_evaluation_data_number: u32 })
    .chain((req) =>
      partial({
        disabled: fc.constant(true),
        fmspc_whitelist: fc.array(fmspc, { minLength: 1, maxLength: 3 }),
        fmspc_blacklist: fc.array(fmspc, { minLength: 1, maxLength: 3 }),
        tdx: partial({
          allowed_tdx_modules: fc.array(
            fc.record({ mr_seam: bytesN(48), mr_signer_seam: bytesN(48) }, { requiredKeys: ['mr_signer_seam'] }),
            { minLength: 1, maxLength: 2 }
          )
        })
      }).map((opt) => ({ ...req, ...opt }))
    )
})

export const sgxConstraints: fc.Arbitrary<SgxConstraints> = fc.oneof(
  partial({ enclaves, allowed_quote_statuses: statuses }),
  partial({ enclaves, policy: quotePolicy, max_attestation_age: nonZero(u64) }).map((c) => ({ v: 1 as const, ...c }))
)

export const nodeRuntime: fc.Arbitrary<NodeRuntime> = fc.record({
  id: namespace,
  version,
  capabilities: partial({
    tee: fc.record(
      { hardware: u8, rak: bytesN(32), rek: bytesN(32), attestation: fc.oneof(fc.constant(null), bytes) },
      { requiredKeys: ['hardware', 'rak', 'attestation'] }
    )
  }),
  extra_info: fc.oneof(fc.constant(null), bytes)
})

export const consensusParameters: fc.Arbitrary<ConsensusParameters> = partial({
  debug_allow_unroutable_addresses: fc.constant(true),
  debug_allow_test_runtimes: fc.constant(true),
  debug_deploy_immediately: fc.constant(true),
  disable_runtime_registration: fc.constant(true),
  disable_km_runtime_registration: fc.constant(true),
  enable_km_churp: fc.constant(true),
  gas_costs: fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), u64, { minKeys: 1, maxKeys: 4, noNullPrototype: true }),
  max_node_expiration: nonZero(u64),
  enable_runtime_governance_models: nonEmptyMap(u8, fc.boolean()),
  tee_features: fc.record({
    sgx: fc
      .record({ pcs: fc.boolean() })
      .chain((req) =>
        partial({ signed_attestations: fc.constant(true), default_policy: quotePolicy, max_attestation_age: nonZero(u64), tdx: fc.constant(true) }).map(
          (opt) => ({ ...req, ...opt })
        )
      ),
    freshness_proofs: fc.boolean()
  }),
  max_runtime_deployments: nonZero(u8)
})
