/** Builders, blobs and arbitraries shared by the deployment-rule tests. */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { encodeSgxConstraints } from '../../src/schema/descriptors.js'
import { parseVersion } from '../../src/rules/parseVersion.js'
import type { ConsensusParameters } from '../../src/schema/params.js'
import type { ExecutorParameters, Runtime, StorageParameters, TxnSchedulerParameters, U64, VersionInfo } from '../../src/schema/runtime.js'
import type { SgxConstraints } from '../../src/schema/sgx.js'
import type { Version } from '../../src/schema/version.js'
import { fromHex } from './helpers.js'

/** A version from its string form, e.g. `ver('1.4.0')`. */
export const ver = (s: string): Version => {
  const v = parseVersion(s)
  if (E.isLeft(v)) throw new Error(v.left.message)
  return v.right
}

/** A deployment: `dep('1.4.0', 1200)`, with optional `tee` / `bundle_checksum`. */
export const dep = (version: string, validFrom: U64, extra: Partial<VersionInfo> = {}): VersionInfo => ({
  version: ver(version),
  valid_from: validFrom,
  ...extra
})

const bytes32 = (fill: number): Uint8Array => new Uint8Array(32).fill(fill)

/** Executor parameters that pass VR4. */
export const EXECUTOR: ExecutorParameters = { group_size: 3, group_backup_size: 1, allowed_stragglers: 1, round_timeout: 5, max_messages: 32 }

/** Transaction scheduler parameters that pass VR5 (1 s flush, 2 s propose). */
export const TXN_SCHEDULER: TxnSchedulerParameters = {
  batch_flush_timeout: 1_000_000_000,
  max_batch_size: 100,
  max_batch_size_bytes: 1_048_576,
  propose_batch_timeout: 2_000_000_000
}

/** Storage parameters that pass VR6 (checkpoints off). */
export const STORAGE: StorageParameters = { checkpoint_interval: 0, checkpoint_num_kept: 0, checkpoint_chunk_size: 0 }

/** Entity, runtime and consensus governance enabled (VR12). */
export const ALL_MODELS: ReadonlyMap<number, boolean> = new Map([
  [1, true],
  [2, true],
  [3, true]
])

/** A namespace with the key-manager flag (0x40) and, optionally, the test flag (0x80). */
export const kmId = (fill = 0x11, test = false): Uint8Array => {
  const id = new Uint8Array(32).fill(fill)
  id.fill(0, 0, 8)
  id[0] = test ? 0xc0 : 0x40
  return id
}

/**
 * A complete compute runtime without TEE, entity governance, with the given deployments: valid
 * executor, transaction scheduler and storage parameters, so that it passes oasis-core's whole
 * `VerifyRuntime` (VR1–VR13) and a test fails only on the rule it is about.
 */
export const runtime = (deployments: ReadonlyArray<VersionInfo> | undefined, overrides: Partial<Runtime> = {}): Runtime => ({
  v: 3,
  id: bytes32(0),
  entity_id: bytes32(1),
  genesis: { state_root: bytes32(2), round: 0 },
  kind: 1,
  tee_hardware: 0,
  executor: EXECUTOR,
  txn_scheduler: TXN_SCHEDULER,
  storage: STORAGE,
  admission_policy: { any_node: {} },
  governance_model: 1,
  ...(deployments === undefined ? {} : { deployments }),
  ...overrides
})

/** A key-manager runtime (kind 2, SGX, the key-manager flag in its id) with the given deployments. */
export const keyManager = (deployments: ReadonlyArray<VersionInfo> | undefined, overrides: Partial<Runtime> = {}): Runtime =>
  runtime(deployments, { kind: 2, tee_hardware: 1, id: kmId(), executor: undefined, txn_scheduler: undefined, storage: undefined, ...overrides })

/** Parameters with every governance model enabled and nothing else. */
export const PARAMS: ConsensusParameters = { enable_runtime_governance_models: ALL_MODELS }

/** The same runtime with other deployments. */
export const withDeployments = (rt: Runtime, deployments: ReadonlyArray<VersionInfo>): Runtime => ({ ...rt, deployments })

/** Parameters as the v62 migration left them (five deployments). */
export const PARAMS_5: ConsensusParameters = { max_runtime_deployments: 5, enable_runtime_governance_models: ALL_MODELS }

/** `sgx_constraints_v0.bin` (oasis-vectors.md §4): one enclave, v0 layout. */
export const SGX_V0 = fromHex(
  'a168656e636c6176657381a2696d725f7369676e657258204025dab7ebda1fbecc4e3637606e021214d0f41c6d0422fd378b2a8b888184596a6d725f656e636c6176655820a22260aded1c0c5e5aad493dc21d17f5e196af97076fc2d8d00dff9ac9b39c77'
)

/** Canonical bytes of SGX constraints. */
export const sgx = (c: SgxConstraints): Uint8Array => {
  const b = encodeSgxConstraints(c)
  if (E.isLeft(b)) throw new Error(b.left.message)
  return b.right
}

/** One enclave identity (mr_enclave filled with `n`). */
export const enclave = (n: number) => ({ mr_enclave: bytes32(n), mr_signer: bytes32(0x40) })

/** v1 constraints with a PCS policy. */
export const SGX_V1 = sgx({
  v: 1,
  enclaves: [enclave(1)],
  policy: { pcs: { tcb_validity_period: 30, min_tcb_evaluation_data_number: 12 } }
})

/** v1 constraints with a TDX policy. */
export const SGX_V1_TDX = sgx({
  v: 1,
  enclaves: [enclave(1)],
  policy: { pcs: { tcb_validity_period: 30, min_tcb_evaluation_data_number: 12, tdx: {} } }
})

/** v1 constraints with an FMSPC whitelist. */
export const SGX_V1_FMSPC = sgx({
  v: 1,
  enclaves: [enclave(1)],
  policy: { pcs: { tcb_validity_period: 30, min_tcb_evaluation_data_number: 12, fmspc_whitelist: ['00606a000000'] } }
})

/** v1 constraints without enclaves. */
export const SGX_V1_EMPTY = sgx({ v: 1, policy: { pcs: { tcb_validity_period: 30, min_tcb_evaluation_data_number: 12 } } })

/** TEE features with PCS (and optionally TDX). */
export const pcsParams = (tdx = false): ConsensusParameters => ({
  max_runtime_deployments: 5,
  enable_runtime_governance_models: ALL_MODELS,
  tee_features: { sgx: { pcs: true, ...(tdx ? { tdx: true } : {}) }, freshness_proofs: false }
})

/** A 32-byte checksum filled with `n`. */
export const checksum = (n: number): Uint8Array => bytes32(n)

/** `n` as a number when safe, otherwise as a bigint; `asBig` forces a bigint. */
export const u64Of = (n: bigint, asBig = false): U64 => (asBig || n > BigInt(Number.MAX_SAFE_INTEGER) ? n : Number(n))

/** Plain bigint of a U64. */
export const big = (x: U64): bigint => BigInt(x)

// -------------------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------------------

/** A uint16 version part, biased to small values. */
const part = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffff }))

/** Epoch bases: small, around 2^53, near 2^64. */
const base = fc.constantFrom(0n, 1000n, BigInt(Number.MAX_SAFE_INTEGER) - 40n, (1n << 64n) - 400n)

/** A VersionInfo with arbitrary fields of the right types (not necessarily valid together). */
export const anyDeployment: fc.Arbitrary<VersionInfo> = fc.record(
  {
    version: fc.record({ major: part, minor: part, patch: part }, { requiredKeys: [] }),
    valid_from: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })),
    tee: fc.oneof(fc.constant(SGX_V0), fc.uint8Array({ maxLength: 4 })),
    bundle_checksum: fc.oneof(fc.constant(checksum(7)), fc.uint8Array({ maxLength: 33 }))
  },
  { requiredKeys: ['version', 'valid_from'] }
)

/** A runtime with arbitrary deployments (0 to 7), arbitrary TEE hardware, possibly a key manager. */
export const anyRuntime: fc.Arbitrary<Runtime> = fc
  .record({
    deployments: fc.option(fc.array(anyDeployment, { maxLength: 7 }), { nil: undefined }),
    tee_hardware: fc.integer({ min: 0, max: 2 }),
    kind: fc.integer({ min: 1, max: 2 }),
    governance_model: fc.integer({ min: 1, max: 3 })
  })
  .map(({ deployments, ...rest }) => runtime(deployments, rest))

/** An epoch in the neighbourhood of the arbitrary deployments. */
export const anyEpoch: fc.Arbitrary<U64> = fc.oneof(
  fc.integer({ min: 0, max: 70 }),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.constantFrom<U64>(Number.MAX_SAFE_INTEGER, (1n << 64n) - 1n)
)

/**
 * A descriptor valid at its `now` under {@link PARAMS_5} (optionally with up to `maxFuture`
 * pending deployments), with its deployments shuffled, plus that `now`.
 */
export const validScenario = (maxFuture = 1): fc.Arbitrary<{ rt: Runtime; now: U64; sorted: VersionInfo[] }> =>
  fc
    .record({
      n: fc.integer({ min: 1, max: 5 }),
      base,
      gaps: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 5, maxLength: 5 }),
      versionGaps: fc.array(fc.integer({ min: 1, max: 70000 }), { minLength: 5, maxLength: 5 }),
      firstVersion: fc.integer({ min: 0, max: 1000 }),
      future: fc.integer({ min: 0, max: maxFuture }),
      offset: fc.integer({ min: 0, max: 39 }),
      asBig: fc.boolean(),
      checksums: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      seed: fc.integer()
    })
    .map(({ n, base, gaps, versionGaps, firstVersion, future, offset, asBig, checksums, seed }) => {
      let vf = base
      let v = firstVersion
      const sorted: VersionInfo[] = []
      for (let i = 0; i < n; i++) {
        vf += BigInt(gaps[i]!)
        v += versionGaps[i]!
        const version = { major: Math.floor(v / 65536) % 65536, minor: v % 65536 }
        sorted.push({
          version: Object.fromEntries(Object.entries(version).filter(([, x]) => x !== 0)),
          valid_from: u64Of(vf, asBig && i % 2 === 0),
          ...(checksums[i] === true ? { bundle_checksum: checksum(i) } : {})
        })
      }
      // `future` deployments lie after now (at most n - 1 when n > 1, so one is active).
      const pendingCount = Math.min(future, n - 1)
      const lastActive = sorted[n - 1 - pendingCount]!
      const nextStart = pendingCount > 0 ? big(sorted[n - pendingCount]!.valid_from) : big(lastActive.valid_from) + 50n
      const span = nextStart - big(lastActive.valid_from)
      const now = big(lastActive.valid_from) + (BigInt(offset) % span)
      const shuffled = shuffle(sorted, seed)
      return { rt: runtime(shuffled), now: u64Of(now, asBig), sorted }
    })

/** Deterministic Fisher–Yates shuffle into a new array. */
export const shuffle = <T>(xs: ReadonlyArray<T>, seed: number): T[] => {
  const out = xs.slice()
  let s = seed >>> 0 || 1
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    const j = s % (i + 1)
    const t = out[i]!
    out[i] = out[j]!
    out[j] = t
  }
  return out
}
