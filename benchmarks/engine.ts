/**
 * The registry epoch engine at scale (spec/engine.md, "Cost"): n = 10^3 … 10^6 runtimes with 5
 * deployments each, spread over 1,000 epochs, against a naive baseline written the way
 * oasis-core's scheduler works (for every runtime, scan its deployments for the active one,
 * every epoch). Never part of `npm test`.
 *
 * Run (the flags give exact memory figures and room for 10^6 runtimes):
 *   node --expose-gc --max-old-space-size=12288 --import tsx benchmarks/engine.ts
 * `npx tsx benchmarks/engine.ts` works too: without `--expose-gc` the memory figures are taken
 * without a forced collection and are rougher. `ENGINE_SIZES=1000,10000` picks the sizes. The
 * whole run takes about 75 s and 3 GiB at most.
 *
 * Protocol: each size runs in a fresh process with the same flags (so the heap and the compiled
 * code of one size do not affect the next); each figure is the median batch of a tinybench task
 * divided by the calls per batch (sub-microsecond calls are batched 10,000 at a time), so that a
 * young-generation collection, which a once-per-epoch call does not trigger, is not spread over
 * every call. An `advanceEpoch` with no activation is O(1) work plus three small allocations; the
 * "reference" row times those allocations alone in the same heap.
 *
 * The schedule: runtime i has 1.0.0 at epoch 0 and 1.1.0 … 1.4.0 at four epochs of the set
 * A = { e ∈ [1, 1000] : e mod 5 ∈ {1, 3} } (400 epochs), the k-th at A[i mod 100 + 100·(k − 1)],
 * so each epoch of A activates exactly 1% of the runtimes and the 600 others activate none. The
 * registry is created at epoch 0 (trusted state: four pending deployments each) and measured at
 * epochs 1 → 2 (no activation) and 2 → 3 (1% activating), where the activation index is fullest.
 *
 * Last results (Node 20.20, 2 shared x86-64 cores, --expose-gc --max-old-space-size=12288;
 * median per call, ms):
 *                                  10^3      10^4      10^5      10^6
 *   advanceEpoch, no activation   1.8e-5    1.8e-5    1.8e-5    1.9e-5   (10^6 / 10^3: 1.07×)
 *   advanceEpoch, 1% activating   0.0041    0.047     0.95      52
 *   activeVersions                0.0023    0.021     0.57      11.4
 *   baseline activeVersions       0.024     0.31      15.2      100      (engine 8.8× faster at 10^6)
 *   baseline epoch pass           0.024     0.30      9.3       93
 *   registerRuntime (update)      0.020     0.026     0.026     0.032
 *   registerRuntime (new)         0.012     0.014     0.014     0.017
 *   registryDigest                2.1       16        114       1380
 *   createRegistry                57        271       2189      27601
 *   engine bytes per runtime      1310      587       520       514      (descriptors: 1008)
 * With --max-semi-space-size=64 as well: activeVersions 11.4× faster than the baseline at 10^6,
 * 1% activating 44 ms, no activation 1.04× between 10^3 and 10^6.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { Bench } from 'tinybench'
import { activeVersions } from '../src/registry/activeVersions.js'
import { advanceEpoch } from '../src/registry/advanceEpoch.js'
import { createRegistry, type Registry, registerRuntime } from '../src/registry/registry.js'
import { registryDigest } from '../src/registry/registryDigest.js'
import type { ConsensusParameters } from '../src/schema/params.js'
import type { Runtime, VersionInfo } from '../src/schema/runtime.js'
import { activeDeployment } from '../src/rules/selection.js'

const EPOCHS = 1000
const ACTIVATION_EPOCHS: number[] = Array.from({ length: EPOCHS }, (_, i) => i + 1).filter((e) => e % 5 === 1 || e % 5 === 3)
const PARAMS: ConsensusParameters = { max_runtime_deployments: 5 }
const ENTITY = new Uint8Array(32).fill(1)
const STATE_ROOT = new Uint8Array(32).fill(2)

const runtimeId = (i: number): Uint8Array => {
  const id = new Uint8Array(32)
  new DataView(id.buffer).setUint32(28, i)
  return id
}

const makeRuntime = (i: number): Runtime => {
  const g = i % 100
  const deployments: VersionInfo[] = [{ version: { major: 1 }, valid_from: 0 }]
  for (let k = 1; k <= 4; k++) deployments.push({ version: { major: 1, minor: k }, valid_from: ACTIVATION_EPOCHS[g + 100 * (k - 1)]! })
  return {
    v: 3,
    id: runtimeId(i),
    entity_id: ENTITY,
    genesis: { state_root: STATE_ROOT, round: 0 },
    kind: 1,
    tee_hardware: 0,
    admission_policy: { any_node: {} },
    governance_model: 1,
    deployments
  }
}

// ------------------------------------------------------------------------------------------------
// The naive baseline: the runtimes in a plain array, every deployment of every runtime scanned
// every epoch, as oasis-core's scheduler does with `rt.ActiveDeployment(epoch)`.
// ------------------------------------------------------------------------------------------------

interface NaiveActive {
  readonly id: Uint8Array
  readonly active: VersionInfo | undefined
}

const naiveActiveVersions = (runtimes: ReadonlyArray<Runtime>, epoch: number): NaiveActive[] => {
  const out: NaiveActive[] = new Array(runtimes.length)
  for (let i = 0; i < runtimes.length; i++) {
    const rt = runtimes[i]!
    out[i] = { id: rt.id, active: activeDeployment(rt, epoch) }
  }
  return out
}

/** One epoch transition, naively: recompute every runtime's active deployment and compare. */
const naiveAdvance = (
  runtimes: ReadonlyArray<Runtime>,
  previous: ReadonlyArray<VersionInfo | undefined>,
  epoch: number
): { active: Array<VersionInfo | undefined>; activations: number } => {
  const active: Array<VersionInfo | undefined> = new Array(runtimes.length)
  let activations = 0
  for (let i = 0; i < runtimes.length; i++) {
    const a = activeDeployment(runtimes[i]!, epoch)
    if (a !== previous[i]) activations++
    active[i] = a
  }
  return { active, activations }
}

// ------------------------------------------------------------------------------------------------

const collect = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc !== undefined) {
    gc()
    gc()
  }
}

const heap = (): number => {
  collect()
  return process.memoryUsage().heapUsed
}

const orThrow = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

interface Row {
  readonly n: number
  readonly [task: string]: number
}

// Results are kept here so that the compiler cannot drop the calls being measured.
let sink: unknown

// The median batch: a call's typical cost. The mean would spread a young-generation collection,
// which a once-per-epoch call does not trigger, over every call of a tight loop.
const medianMs = (bench: Bench, name: string): number => {
  const samples = (bench.tasks.find((t) => t.name === name)?.result?.samples ?? []).slice().sort((a, b) => a - b)
  return samples.length === 0 ? NaN : samples[samples.length >> 1]!
}

const measure = async (n: number): Promise<Row> => {
  const before = heap()
  const runtimes = Array.from({ length: n }, (_, i) => makeRuntime(i))
  const afterDescriptors = heap()
  let t = performance.now()
  const registry0 = orThrow(createRegistry(runtimes, 0))
  const createMs = performance.now() - t
  const afterRegistry = heap()

  const at1 = orThrow(advanceEpoch(registry0, 1))
  const registry1 = at1.registry
  const at2 = orThrow(advanceEpoch(registry1, 2))
  const registry2 = at2.registry
  const quiet = orThrow(advanceEpoch(registry1, 2)).activations.length
  const busy = orThrow(advanceEpoch(registry2, 3)).activations.length
  if (quiet !== 0 || busy !== n / 100) throw new Error(`unexpected schedule: ${quiet} / ${busy} activations`)
  const naive1 = naiveAdvance(runtimes, naiveAdvance(runtimes, new Array(n).fill(undefined), 0).active, 1).active
  const naive2 = naiveAdvance(runtimes, naive1, 2).active
  if (naiveAdvance(runtimes, naive2, 3).activations !== n / 100) throw new Error('baseline disagrees')

  // An update of one runtime (amend the last pending deployment's checksum) and a new runtime.
  const target = runtimes[n >> 1]!
  const amended: Runtime = {
    ...target,
    deployments: target.deployments!.map((d, k) => (k === 4 ? { ...d, bundle_checksum: new Uint8Array(32).fill(9) } : d))
  }
  const policy = { maxFutureDeployments: 5 }
  const fresh = { ...makeRuntime(n), deployments: [{ version: { major: 1 }, valid_from: 5 }] }
  orThrow(registerRuntime(registry1, amended, 1, PARAMS, policy))
  orThrow(registerRuntime(registry1, fresh, 1, PARAMS))

  const heavy = n >= 100_000
  const bench = new Bench({ time: heavy ? 1500 : 400, iterations: heavy ? 5 : 20, warmupTime: heavy ? 200 : 100, warmupIterations: 2 })
  // Sub-microsecond calls are timed in batches, so that the timer's own cost does not count.
  const reps = new Map<string, number>()
  const add = (name: string, fn: () => unknown, times = 1): void => {
    reps.set(name, times)
    bench.add(name, () => {
      for (let i = 0; i < times; i++) sink = fn()
    })
  }
  add('advanceEpoch, no activation', () => advanceEpoch(registry1, 2), 10_000)
  // The same three allocations, without the engine: what V8 charges for them in this heap.
  const none: ReadonlyArray<never> = []
  add(
    'reference: allocate a same-size result',
    () => ({ _tag: 'Right', right: { registry: { ...registry1, epoch: 2 }, activations: none, pruned: none } }),
    10_000
  )
  add('advanceEpoch, 1% activating', () => advanceEpoch(registry2, 3))
  add('activeVersions', () => activeVersions(registry1, 1))
  add('baseline activeVersions', () => naiveActiveVersions(runtimes, 1))
  add('baseline epoch pass, no activation', () => naiveAdvance(runtimes, naive1, 2))
  add('baseline epoch pass, 1% activating', () => naiveAdvance(runtimes, naive2, 3))
  add('registerRuntime (update)', () => registerRuntime(registry1, amended, 1, PARAMS, policy), 100)
  add('registerRuntime (new)', () => registerRuntime(registry1, fresh, 1, PARAMS), 100)
  await bench.run()
  t = performance.now()
  registryDigest(registry1)
  const digestMs = performance.now() - t

  const row: Row = {
    n,
    'createRegistry (ms)': createMs,
    'registryDigest (ms)': digestMs,
    'descriptor bytes/runtime': (afterDescriptors - before) / n,
    'engine bytes/runtime': (afterRegistry - afterDescriptors) / n,
    ...Object.fromEntries(bench.tasks.map((task) => [`${task.name} (ms)`, medianMs(bench, task.name) / (reps.get(task.name) ?? 1)]))
  }
  // Keep everything alive until the figures are taken.
  if (registry0.runtimes.size + (registry2 as Registry).runtimes.size === 0 || sink === null) console.log('empty')
  return row
}

const fmt = (x: number): string =>
  !Number.isFinite(x) ? '-' : x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x >= 0.01 ? x.toFixed(4) : x.toExponential(2)

// Each size runs in a fresh process with the same Node flags, so that neither the heap nor the
// compiled code of one size (shapes and feedback seen so far) affects the next.
const ONE_SIZE = 'ENGINE_BENCH_ONE_SIZE'

const measureInChild = (n: number): Row => {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, [ONE_SIZE]: String(n) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit']
  })
  return JSON.parse(out.trim().split('\n').at(-1)!) as Row
}

/** Run every size (each in its own process), print one table per size and the goal ratios. */
export const main = async (): Promise<void> => {
  const sizes = (process.env['ENGINE_SIZES'] ?? '1000,10000,100000,1000000').split(',').map(Number)
  const gcNote = (globalThis as { gc?: unknown }).gc === undefined ? ' (no --expose-gc: rough memory figures)' : ''
  console.log(`registry engine: ${sizes.join(', ')} runtimes, 5 deployments each over ${EPOCHS} epochs${gcNote}`)
  console.log(`node ${process.version} ${process.execArgv.filter((a) => /^--(expose-gc|max-)/.test(a)).join(' ')}`)
  const rows: Row[] = []
  for (const n of sizes) {
    const row = measureInChild(n)
    rows.push(row)
    console.log(`n = ${n}`)
    console.table(Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'n').map(([k, v]) => [k, fmt(v)])))
  }
  console.log('goals')
  for (const row of rows) {
    const speedup = row['baseline activeVersions (ms)']! / row['activeVersions (ms)']!
    const passSpeedup = row['baseline epoch pass, no activation (ms)']! / row['advanceEpoch, no activation (ms)']!
    const busySpeedup = row['baseline epoch pass, 1% activating (ms)']! / row['advanceEpoch, 1% activating (ms)']!
    console.log(
      `  n = ${row.n}: activeVersions ${fmt(speedup)}× faster than the baseline; advanceEpoch ` +
        `${fmt(passSpeedup)}× (no activation) and ${fmt(busySpeedup)}× (1% activating) faster than the baseline pass`
    )
  }
  const first = rows[0]
  const last = rows[rows.length - 1]
  if (first !== undefined && last !== undefined && first !== last) {
    const ratio = last['advanceEpoch, no activation (ms)']! / first['advanceEpoch, no activation (ms)']!
    const reference = last['reference: allocate a same-size result (ms)']! / first['reference: allocate a same-size result (ms)']!
    console.log(`  advanceEpoch without activation, n = ${last.n} vs n = ${first.n}: ${fmt(ratio)}× (goal ≤ 2×)`)
    console.log(`  (the same allocations alone, n = ${last.n} vs n = ${first.n}: ${fmt(reference)}×)`)
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const one = process.env[ONE_SIZE]
  if (one === undefined) await main()
  else console.log(JSON.stringify(await measure(Number(one))))
}
