/** Builders and a plain reference model shared by the registry-engine tests. */
import { bytesToHex } from '@noble/hashes/utils.js'
import { compareU64 } from '../../src/internal/uint64.js'
import { createRegistry, type Registry } from '../../src/registry/registry.js'
import { pruneSuperseded } from '../../src/rules/prune.js'
import { activeDeployment } from '../../src/rules/selection.js'
import type { Runtime, U64, VersionInfo } from '../../src/schema/runtime.js'
import { right } from './helpers.js'
import { runtime } from './rulesFixtures.js'

/** A valid 32-byte namespace numbered `n` (flags and bytes 1–7 zero, C4.11). */
export const nsId = (n: number): Uint8Array => {
  const id = new Uint8Array(32)
  id[29] = (n >>> 16) & 0xff
  id[30] = (n >>> 8) & 0xff
  id[31] = n & 0xff
  return id
}

/** Runtime number `n` with the given deployments. */
export const rtN = (n: number, deployments: ReadonlyArray<VersionInfo> | undefined, overrides: Partial<Runtime> = {}): Runtime =>
  runtime(deployments, { id: nsId(n), ...overrides })

/** A registry of `runtimes` at `epoch`, failing the test on a refusal. */
export const registryOf = (runtimes: ReadonlyArray<Runtime> = [], epoch: U64 = 0): Registry => right(createRegistry(runtimes, epoch))

/** A model runtime: what the reference recomputation knows. */
export interface ModelRuntime {
  readonly runtime: Runtime
  readonly suspended: boolean
}

/** The reference state: an epoch and a plain map of runtimes by id hex. */
export interface Model {
  readonly epoch: bigint
  readonly runtimes: ReadonlyMap<string, ModelRuntime>
}

/** A model activation, epochs as bigint. */
export interface ModelActivation {
  readonly id: string
  readonly epoch: bigint
  readonly from: VersionInfo | undefined
  readonly to: VersionInfo
}

const sortedIds = (m: Model): string[] => Array.from(m.runtimes.keys()).sort()

/** The active deployment of every runtime, recomputed from the descriptors (A1–A4). */
export const modelActive = (m: Model): Array<{ id: string; runtime: Runtime; suspended: boolean; active: VersionInfo | undefined }> =>
  sortedIds(m).map((id) => {
    const r = m.runtimes.get(id)!
    return { id, runtime: r.runtime, suspended: r.suspended, active: activeDeployment(r.runtime, m.epoch) }
  })

/**
 * Advance the model from its epoch to `to` by scanning every runtime at every epoch where one of
 * its deployments starts, the way a plain scheduler would; prune the runtimes that activated.
 */
export const modelAdvance = (m: Model, to: bigint, prune: boolean): { model: Model; activations: ModelActivation[] } => {
  const activations: ModelActivation[] = []
  for (const id of sortedIds(m)) {
    const rt = m.runtimes.get(id)!.runtime
    const starts = Array.from(new Set((rt.deployments ?? []).map((d) => BigInt(d.valid_from))))
      .filter((e) => e > m.epoch && e <= to)
      .sort((a, b) => (a < b ? -1 : 1))
    for (const e of starts) {
      const from = activeDeployment(rt, e - 1n)
      const now = activeDeployment(rt, e)
      if (now !== undefined && now !== from) activations.push({ id, epoch: e, from, to: now })
    }
  }
  activations.sort((a, b) => (a.epoch < b.epoch ? -1 : a.epoch > b.epoch ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const runtimes = new Map(m.runtimes)
  if (prune) {
    for (const id of new Set(activations.map((a) => a.id))) {
      const r = runtimes.get(id)!
      runtimes.set(id, { ...r, runtime: pruneSuperseded(r.runtime, to).runtime })
    }
  }
  return { model: { epoch: to, runtimes }, activations }
}

/** Hex id of a runtime. */
export const hexId = (rt: Runtime): string => bytesToHex(rt.id)

/** Exact uint64 equality for assertions. */
export const sameEpoch = (a: U64, b: U64): boolean => compareU64(a, b) === 0
