/**
 * The README's walkthrough, runnable: `npx tsx examples/quickstart.ts`.
 * An operator's runtime runs 1.4.0 from epoch 1200 and schedules 1.5.0 for epoch 1300.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import {
  activeDeployment,
  type ConsensusParameters,
  decodeRuntime,
  encodeRuntime,
  formatVersion,
  nextDeployment,
  pruneSuperseded,
  type Runtime,
  runtimeHash,
  verifyRuntimeUpdate
} from '../src/index.js'

// Up to 5 deployments; entity (1), runtime (2) and consensus (3) governance enabled (VR12).
const params: ConsensusParameters = {
  max_runtime_deployments: 5,
  enable_runtime_governance_models: new Map([
    [1, true],
    [2, true],
    [3, true]
  ])
}
const id = new Uint8Array(32).fill(7, 8) // namespace: no flags in the first 8 bytes

const current: Runtime = {
  v: 3,
  id,
  entity_id: new Uint8Array(32).fill(1),
  genesis: { state_root: new Uint8Array(32), round: 0 },
  kind: 1, // compute
  tee_hardware: 0,
  executor: { group_size: 3, group_backup_size: 1, allowed_stragglers: 1, round_timeout: 5, max_messages: 32 },
  txn_scheduler: { batch_flush_timeout: 1_000_000_000, max_batch_size: 100, max_batch_size_bytes: 1_048_576, propose_batch_timeout: 2_000_000_000 }, // ns: 1 s, 2 s
  storage: { checkpoint_interval: 0, checkpoint_num_kept: 0, checkpoint_chunk_size: 0 },
  admission_policy: { any_node: {} },
  governance_model: 1, // entity
  deployments: [
    { version: { major: 1, minor: 3 }, valid_from: 1000 },
    { version: { major: 1, minor: 4 }, valid_from: 1200 }
  ]
}

// 1. Schedule 1.5.0 for epoch 1300 while the network is at epoch 1250.
const v150 = { version: { major: 1, minor: 5 }, valid_from: 1300 }
const scheduled = verifyRuntimeUpdate(current, { ...current, deployments: [...current.deployments!, v150] }, 1250, params)
console.log('schedule 1.5.0:', E.isRight(scheduled) ? 'accepted' : scheduled.left.message)

// 2. Try to move the running 1.4.0 to epoch 1260: refused, with the rule and the reason.
const moved = { ...current, deployments: [current.deployments![0]!, { version: { major: 1, minor: 4 }, valid_from: 1260 }] }
const refused = verifyRuntimeUpdate(current, moved, 1250, params)
if (E.isLeft(refused)) console.log(`refused: ${refused.left.rule} ${refused.left._tag}: ${refused.left.message}`)

// 3. What is active, what comes next.
if (E.isRight(scheduled)) {
  const rt = scheduled.right
  for (const epoch of [1250, 1300]) {
    const active = activeDeployment(rt, epoch)
    const next = nextDeployment(rt, epoch)
    console.log(`epoch ${epoch}: active ${active ? formatVersion(active.version) : 'none'}, next ${next ? `${formatVersion(next.version)} at ${next.valid_from}` : 'none'}`)
  }
  // 4. Prune what 1.5.0 supersedes once it is active.
  const { runtime: pruned, removed } = pruneSuperseded(rt, 1300)
  console.log('pruned at 1300:', removed.map((d) => formatVersion(d.version)).join(', '))

  // 5. Canonical bytes and the descriptor hash, as oasis-core computes them; strict decoding back.
  const bytes = encodeRuntime(pruned)
  const hash = runtimeHash(pruned)
  if (E.isRight(bytes) && E.isRight(hash)) {
    console.log(`encoded ${bytes.right.length} bytes, hash ${bytesToHex(hash.right)}`)
    const back = decodeRuntime(bytes.right, { requireCanonical: true })
    console.log('decoded back:', E.isRight(back) ? `${back.right.deployments?.length} deployments` : back.left.message)
  }
}

// 6. Bad bytes are a value, never an exception. `{ kind: null }`: oasis-core's decoder (the
// default) reads null as the zero value; strict mode refuses what no Oasis encoder writes.
const bad = decodeRuntime(Uint8Array.of(0xa1, 0x64, 0x6b, 0x69, 0x6e, 0x64, 0xf6), { strict: true })
if (E.isLeft(bad)) console.log(`decode: ${bad.left.rule} ${bad.left._tag} at ${bad.left.path} (byte ${bad.left.offset}): ${bad.left.message}`)
