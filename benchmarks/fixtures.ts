/**
 * Realistic descriptors for the benchmarks: a compute runtime on SGX with v1 constraints, bundle
 * checksums, scheduling constraints, staking and an entity whitelist, with `n` deployments.
 */
import * as E from 'fp-ts/lib/Either.js'
import { encodeSgxConstraints, type Runtime, type VersionInfo } from '../src/index.js'

const filled = (len: number, seed: number): Uint8Array => Uint8Array.from({ length: len }, (_, i) => (seed * 31 + i * 7) & 0xff)

const tee = (seed: number): Uint8Array => {
  const bytes = encodeSgxConstraints({
    v: 1,
    enclaves: [
      { mr_enclave: filled(32, seed), mr_signer: filled(32, 99) },
      { mr_enclave: filled(32, seed + 1), mr_signer: filled(32, 99) }
    ],
    policy: {
      ias: { disabled: true },
      pcs: { tcb_validity_period: 30, min_tcb_evaluation_data_number: 17, fmspc_blacklist: ['00606a000000'] }
    },
    max_attestation_age: 1200
  })
  if (E.isLeft(bytes)) throw new Error(bytes.left.message)
  return bytes.right
}

/** A compute runtime with `n` deployments (versions 1.0.0 … spread 100 epochs apart). */
export const realisticRuntime = (n: number): Runtime => {
  const deployments: VersionInfo[] = Array.from({ length: n }, (_, i) => ({
    // Zero parts are left out, as on the wire, so the client encodes the same bytes.
    version: i % 10 === 0 ? { major: 1 + i / 10, patch: 3 } : { major: 1 + Math.floor(i / 10), minor: i % 10, patch: 3 },
    valid_from: 1000 + i * 100,
    tee: tee(i),
    bundle_checksum: filled(32, 200 + i)
  }))
  const id = filled(32, 1)
  id.fill(0, 0, 8)
  return {
    v: 3,
    id,
    entity_id: filled(32, 2),
    genesis: { state_root: filled(32, 3), round: 0 },
    kind: 1,
    tee_hardware: 1,
    executor: {
      group_size: 3,
      group_backup_size: 1,
      allowed_stragglers: 1,
      round_timeout: 5,
      max_messages: 256,
      min_live_rounds_percent: 90,
      min_live_rounds_eval: 10
    },
    txn_scheduler: {
      batch_flush_timeout: 1_000_000_000,
      max_batch_size: 1000,
      max_batch_size_bytes: 16_777_216,
      max_in_messages: 128,
      propose_batch_timeout: 2_000_000_000
    },
    storage: { checkpoint_interval: 10_000, checkpoint_num_kept: 2, checkpoint_chunk_size: 8_388_608 },
    admission_policy: {
      entity_whitelist: {
        entities: new Map([
          [filled(32, 4), { max_nodes: new Map([[1, 5]]) }],
          [filled(32, 5), {}]
        ])
      }
    },
    constraints: new Map([[1, new Map([[1, { min_pool_size: { limit: 3 } }], [2, { max_nodes: { limit: 1 } }]])]]),
    staking: {
      thresholds: new Map([[2, Uint8Array.of(0x05, 0xf5, 0xe1, 0x00)]]),
      slashing: new Map([[0x80, { amount: Uint8Array.of(0x3b, 0x9a, 0xca, 0x00), freeze_interval: 1 }]]),
      reward_bad_results: 10,
      min_in_message_fee: Uint8Array.of(0x0f, 0x42, 0x40)
    },
    governance_model: 1,
    deployments
  }
}
