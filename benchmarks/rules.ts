/**
 * Micro-benchmarks of the deployment rules: `verifyRuntimeUpdate` and `validateDeployments` for
 * 2, 5, 32 and 255 deployments (no TEE, and SGX v0 constraints for 32), and `activeDeployment`
 * lookups. Run with `npx tsx benchmarks/rules.ts`; never part of `npm test`.
 *
 * Last results (Node 20.20, one shared x86-64 core; ops/s, higher is better):
 *   validateDeployments     2: 4.8M   5: 2.3M   32: 435k   255: 71k   32 SGX v0: 41k
 *   verifyRuntimeUpdate     2: 825k   5: 489k   32: 96k    255: 15k   32 SGX v0: 18k
 *   activeDeployment ×64    2: 1.3M   5: 704k   32: 128k   255: 19k   (≈ 21M single lookups/s at 2)
 *   nextDeployment ×64      2: 1.6M   5: 754k   32: 142k   255: 20k
 */
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { Bench } from 'tinybench'
import { activeDeployment, nextDeployment } from '../src/rules/selection.js'
import type { ConsensusParameters } from '../src/schema/params.js'
import type { Runtime, VersionInfo } from '../src/schema/runtime.js'
import { verifyRuntimeUpdate } from '../src/rules/update.js'
import { validateDeployments } from '../src/rules/validation.js'

// Entity governance enabled (VR12), as every network enables it.
const PARAMS: ConsensusParameters = { max_runtime_deployments: 255, enable_runtime_governance_models: new Map([[1, true]]) }

const SGX_V0 = Uint8Array.from(
  Buffer.from(
    'a168656e636c6176657381a2696d725f7369676e657258204025dab7ebda1fbecc4e3637606e021214d0f41c6d0422fd378b2a8b888184596a6d725f656e636c6176655820a22260aded1c0c5e5aad493dc21d17f5e196af97076fc2d8d00dff9ac9b39c77',
    'hex'
  )
)

/** `n` deployments 1.0.i at epochs 10·i, shuffled deterministically; the last one is pending at `now`. */
const scenario = (n: number, tee: boolean): { current: Runtime; proposed: Runtime; now: number } => {
  const ds: VersionInfo[] = []
  for (let i = 0; i < n; i++) {
    ds.push({
      version: { major: 1, patch: i },
      valid_from: 10 * i,
      bundle_checksum: new Uint8Array(32).fill(i & 0xff),
      ...(tee ? { tee: SGX_V0 } : {})
    })
  }
  // Reverse-interleave so that nothing relies on a sorted array.
  const shuffled = ds.filter((_, i) => i % 2 === 1).concat(ds.filter((_, i) => i % 2 === 0).reverse())
  const last = ds[n - 1]!
  const current: Runtime = {
    v: 3,
    id: new Uint8Array(32),
    entity_id: new Uint8Array(32).fill(1),
    genesis: { state_root: new Uint8Array(32).fill(2), round: 0 },
    kind: 1,
    tee_hardware: tee ? 1 : 0,
    // A complete compute runtime, so that VerifyRuntime (VR1–VR13) accepts it.
    executor: { group_size: 3, group_backup_size: 1, allowed_stragglers: 1, round_timeout: 5, max_messages: 32 },
    txn_scheduler: { batch_flush_timeout: 1_000_000_000, max_batch_size: 1000, max_batch_size_bytes: 16_777_216, propose_batch_timeout: 2_000_000_000 },
    storage: { checkpoint_interval: 10_000, checkpoint_num_kept: 2, checkpoint_chunk_size: 8_388_608 },
    admission_policy: { any_node: {} },
    governance_model: 1,
    deployments: shuffled
  }
  // The update amends the pending deployment's checksum (the common "fix the upgrade" update).
  const amended = { ...last, bundle_checksum: new Uint8Array(32).fill(0xee) }
  const proposed: Runtime = { ...current, deployments: shuffled.map((d) => (d === last ? amended : d)) }
  return { current, proposed, now: 10 * (n - 1) - 1 }
}

/** Run the benchmarks and print one row per task (ops/s, mean time). */
export const main = async (): Promise<void> => {
  const bench = new Bench({ time: 300, warmupTime: 50 })
  const cases: ReadonlyArray<readonly [number, boolean]> = [
    [2, false],
    [5, false],
    [32, false],
    [255, false],
    [32, true]
  ]
  for (const [n, tee] of cases) {
    const { current, proposed, now } = scenario(n, tee)
    const label = `${n} deployments${tee ? ', SGX v0' : ''}`
    // Measure the accepting path: every rule runs to the end.
    if (E.isLeft(verifyRuntimeUpdate(current, proposed, now, PARAMS))) throw new Error(`scenario ${label} is refused`)
    bench.add(`validateDeployments (${label})`, () => {
      validateDeployments(proposed, now, PARAMS)
    })
    bench.add(`verifyRuntimeUpdate (${label})`, () => {
      verifyRuntimeUpdate(current, proposed, now, PARAMS)
    })
  }
  for (const n of [2, 5, 32, 255]) {
    const { current } = scenario(n, false)
    const epochs = Array.from({ length: 64 }, (_, i) => (i * 97) % (10 * n + 10))
    bench.add(`activeDeployment ×64 epochs (${n} deployments)`, () => {
      for (const e of epochs) activeDeployment(current, e)
    })
    bench.add(`nextDeployment ×64 epochs (${n} deployments)`, () => {
      for (const e of epochs) nextDeployment(current, e)
    })
  }
  await bench.run()
  const rows = bench.tasks.map((t) => ({
    task: t.name,
    'ops/s': Math.round(t.result?.hz ?? 0).toLocaleString('en-US'),
    'mean (µs)': ((t.result?.mean ?? 0) * 1000).toFixed(2),
    '±%': (t.result?.rme ?? 0).toFixed(2)
  }))
  console.table(rows)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
