/**
 * Schedule fingerprints in the style of EIP-2124 (F-rules of `spec/engine.md`): a node
 * announces a 4-byte CRC32 of the fork points it has passed and the next one it knows of; a peer
 * tells "same schedule", "remote behind", "local behind" and "incompatible" apart before they
 * talk. The core is generic (seed and fork points); {@link forkId} applies it to a runtime, with
 * the runtime id as seed and its deployments' `valid_from` epochs as fork points.
 *
 * CRC32 is IEEE CRC32 (`node:zlib`'s `crc32`, available since Node 20.15).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { crc32 } from 'node:zlib'
import { checkU64, type CheckedU64, compareU64, isU64 } from '../internal/uint64.js'
import { U64_REASON, u64Argument } from '../rules/argument.js'
import { type RuleViolation, ruleViolation } from '../rules/ruleViolation.js'
import type { Runtime, U64 } from '../schema/runtime.js'
import { type RegistryRefusal, registryRefusal } from './registryRefusal.js'

/**
 * A fork identifier: CRC32 of the seed and the passed fork points (4 bytes, big-endian), and the
 * next fork point, 0 when none is known.
 *
 * @category fork id
 * @since 0.1.0
 */
export interface ForkId {
  readonly hash: Uint8Array
  readonly next: U64
}

/**
 * A local schedule: the seed (EIP-2124's genesis hash) and every known fork point, in any order.
 *
 * @category fork id
 * @since 0.1.0
 */
export interface ForkSchedule {
  readonly seed: Uint8Array
  readonly forkPoints: ReadonlyArray<U64>
}

/**
 * How a remote fork identifier was accepted: the EIP-2124 rule and what it means.
 *
 * @category fork id
 * @since 0.1.0
 */
export interface ForkIdAcceptance {
  /** F1.2 (rule 1b), F2 (rule 2) or F3 (rule 3). */
  readonly rule: 'F1.2' | 'F2' | 'F3'
  /** Same fork state now; the remote is syncing (behind); the local node is syncing (behind). */
  readonly status: 'same-schedule' | 'remote-behind' | 'local-behind'
}

const uint64BE = (x: U64): Uint8Array => {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(x))
  return out
}

const uint32BE = (n: number): Uint8Array => {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n)
  return out
}

const sameHash = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i])

// F0.1: distinct non-zero fork points, ascending (already in normal form).
const forkList = (points: ReadonlyArray<CheckedU64>): CheckedU64[] => {
  const sorted = points.filter((p) => compareU64(p, 0) > 0).sort(compareU64)
  const out: CheckedU64[] = []
  for (const p of sorted) {
    const last = out[out.length - 1]
    if (last === undefined || compareU64(last, p) !== 0) out.push(p)
  }
  return out
}

// The fork identifier of a checked schedule (F0.1, F0.2).
const forkIdOf = ({ seed, forks, head }: CheckedSchedule): ForkId => idAt(forks, checksums(seed, forks), passedCount(forks, head))

// F0.1: sums[i] is the CRC32 of the seed and the first i forks.
const checksums = (seed: Uint8Array, forks: ReadonlyArray<U64>): Uint8Array[] => {
  let crc = crc32(seed)
  const sums = [uint32BE(crc)]
  for (const f of forks) {
    crc = crc32(uint64BE(f), crc)
    sums.push(uint32BE(crc))
  }
  return sums
}

// How many forks are passed at `head`: the index of the first fork after it.
const passedCount = (forks: ReadonlyArray<U64>, head: U64): number => {
  let i = 0
  while (i < forks.length && compareU64(forks[i]!, head) <= 0) i++
  return i
}

// F0.3: every fork point a uint64, checked once here.
const checkedPoints = (points: unknown, argument: string): E.Either<RuleViolation, ReadonlyArray<CheckedU64>> => {
  if (!Array.isArray(points)) return E.left(ruleViolation('MalformedArgument', { argument, reason: 'not an array' }))
  const out: CheckedU64[] = []
  for (let i = 0; i < points.length; i++) {
    const p = checkU64(points[i])
    if (p === undefined) return E.left(ruleViolation('MalformedArgument', { argument: `${argument}[${i}]`, reason: U64_REASON }))
    out.push(p)
  }
  return E.right(out)
}

interface CheckedSchedule {
  readonly seed: Uint8Array
  readonly forks: ReadonlyArray<CheckedU64>
  readonly head: CheckedU64
}

// F0.3: the seed, the fork points and the head, checked once where they enter.
const checkSchedule = (seed: unknown, points: unknown, head: unknown, prefix: string): E.Either<RuleViolation, CheckedSchedule> => {
  if (!(seed instanceof Uint8Array)) {
    return E.left(ruleViolation('MalformedArgument', { argument: `${prefix}seed`, reason: 'not a byte string' }))
  }
  const forks = checkedPoints(points, `${prefix}forkPoints`)
  if (E.isLeft(forks)) return forks
  const checkedHead = u64Argument('head', head)
  if (E.isLeft(checkedHead)) return checkedHead
  return E.right({ seed, forks: forkList(forks.right), head: checkedHead.right })
}

const idAt = (forks: ReadonlyArray<U64>, sums: ReadonlyArray<Uint8Array>, passed: number): ForkId => ({
  hash: sums[passed]!,
  // F0.2
  next: forks[passed] ?? 0
})

/**
 * The fork identifier at `head` (F0.1, F0.2): `hash` is the IEEE CRC32 of `seed` followed by each
 * distinct non-zero fork point ≤ `head`, ascending, as an 8-byte big-endian uint64, written as 4
 * big-endian bytes; `next` is the smallest fork point above `head`, or 0. The order of
 * `forkPoints` does not matter.
 *
 * @example
 * import { computeForkId } from 'runtime-deployments'
 * const id = computeForkId(mainnetGenesisHash, [1150000, 1920000, 2463000, 2675000, 4370000, 7280000], 1150000)
 * // right({ hash: Uint8Array [0x97, 0xc2, 0xc3, 0x4c], next: 1920000 })
 *
 * @category fork id
 * @since 0.1.0
 */
export const computeForkId = (seed: Uint8Array, forkPoints: ReadonlyArray<U64>, head: U64): E.Either<RegistryRefusal | RuleViolation, ForkId> => {
  const schedule = checkSchedule(seed, forkPoints, head, '')
  return E.isLeft(schedule) ? schedule : E.right(forkIdOf(schedule.right))
}

/**
 * Decide whether to talk to a peer announcing `remote`, as EIP-2124 does, with the local
 * schedule at `head`: same hash → reject if the remote's next fork is already passed locally
 * (F1.1) else accept (F1.2); the remote hash is a past local state → accept if its next equals
 * the local fork that followed, else `remote-stale` (F2); the remote hash is a future local state
 * → accept (F3); otherwise `local-incompatible-or-stale` (F4).
 *
 * @example
 * import { validateForkId } from 'runtime-deployments'
 * validateForkId({ seed, forkPoints }, 7987396, { hash: Uint8Array.of(0x66, 0x8d, 0xb0, 0xaf), next: 0 })
 * // right({ rule: 'F1.2', status: 'same-schedule' })
 *
 * @category fork id
 * @since 0.1.0
 */
export const validateForkId = (local: ForkSchedule, head: U64, remote: ForkId): E.Either<RegistryRefusal | RuleViolation, ForkIdAcceptance> => {
  // F0.3
  if (typeof local !== 'object' || local === null) {
    return E.left(ruleViolation('MalformedArgument', { argument: 'local', reason: 'not an object' }))
  }
  const schedule = checkSchedule(local.seed, local.forkPoints, head, 'local.')
  if (E.isLeft(schedule)) return schedule
  if (typeof remote !== 'object' || remote === null || !(remote.hash instanceof Uint8Array) || remote.hash.length !== 4) {
    return E.left(ruleViolation('MalformedArgument', { argument: 'remote.hash', reason: 'not 4 bytes' }))
  }
  if (!isU64(remote.next)) return E.left(ruleViolation('MalformedArgument', { argument: 'remote.next', reason: U64_REASON }))

  const { forks } = schedule.right
  const sums = checksums(local.seed, forks)
  const passed = passedCount(forks, schedule.right.head)
  const refusal = { local: idAt(forks, sums, passed), remote, head }
  if (sameHash(sums[passed]!, remote.hash)) {
    // F1.1
    if (compareU64(remote.next, 0) > 0 && compareU64(head, remote.next) >= 0) {
      return E.left(registryRefusal('ForkIdRemoteForkPassed', { error: 'local-incompatible-or-stale', ...refusal }))
    }
    // F1.2
    return E.right({ rule: 'F1.2', status: 'same-schedule' })
  }
  // F2
  for (let j = 0; j < passed; j++) {
    if (!sameHash(sums[j]!, remote.hash)) continue
    const expectedNext = forks[j]!
    if (compareU64(expectedNext, remote.next) !== 0) {
      return E.left(registryRefusal('ForkIdRemoteStale', { error: 'remote-stale', ...refusal, expectedNext }))
    }
    return E.right({ rule: 'F2', status: 'remote-behind' })
  }
  // F3
  for (let j = passed + 1; j < sums.length; j++) {
    if (sameHash(sums[j]!, remote.hash)) return E.right({ rule: 'F3', status: 'local-behind' })
  }
  // F4
  return E.left(registryRefusal('ForkIdIncompatible', { error: 'local-incompatible-or-stale', ...refusal }))
}

/**
 * The fork schedule of a runtime (F5): its id as seed and the `valid_from` of each of its
 * deployments as fork points. A deployment that is not an object with a uint64 `valid_from` is
 * refused with `MalformedDeployment` (DX1).
 *
 * @example
 * import { runtimeForkSchedule } from 'runtime-deployments'
 * runtimeForkSchedule(rt) // right({ seed: rt.id, forkPoints: [0, 10, 20] })
 *
 * @category fork id
 * @since 0.1.0
 */
export const runtimeForkSchedule = (rt: Runtime): E.Either<RegistryRefusal | RuleViolation, ForkSchedule> => checkedForkSchedule(rt)

// F5: the runtime's fork schedule with each `valid_from` checked (DX1) and in normal form.
const checkedForkSchedule = (
  rt: Runtime
): E.Either<RuleViolation, { readonly seed: Uint8Array; readonly forkPoints: ReadonlyArray<CheckedU64> }> => {
  if (typeof rt !== 'object' || rt === null || !(rt.id instanceof Uint8Array)) {
    return E.left(ruleViolation('MalformedArgument', { argument: 'rt.id', reason: 'not a byte string' }))
  }
  const ds: unknown = rt.deployments ?? []
  if (!Array.isArray(ds)) {
    return E.left(ruleViolation('MalformedDeployment', { index: undefined, field: 'deployments', reason: 'not an array' }))
  }
  const forkPoints: CheckedU64[] = []
  for (let index = 0; index < ds.length; index++) {
    const d: unknown = ds[index]
    const validFrom = checkU64(typeof d === 'object' && d !== null ? (d as { valid_from?: unknown }).valid_from : undefined)
    // DX1
    if (validFrom === undefined) return E.left(ruleViolation('MalformedDeployment', { index, field: 'valid_from', reason: U64_REASON }))
    forkPoints.push(validFrom)
  }
  return E.right({ seed: rt.id, forkPoints })
}

/**
 * The fork identifier of a runtime's schedule at `epoch` (F5): {@link computeForkId} with the
 * runtime id as seed and its deployments' `valid_from` as fork points. Two nodes get the same
 * identifier exactly when they agree on the epochs the runtime's deployments started at up to
 * `epoch` and on the next one.
 *
 * @example
 * import { forkId } from 'runtime-deployments'
 * forkId(rt, 15) // right({ hash: <4 bytes>, next: 20 }) for deployments at 0, 10, 20
 *
 * @category fork id
 * @since 0.1.0
 */
export const forkId = (rt: Runtime, epoch: U64): E.Either<RegistryRefusal | RuleViolation, ForkId> => {
  // F0.3
  const head = u64Argument('epoch', epoch)
  if (E.isLeft(head)) return head
  const schedule = checkedForkSchedule(rt)
  if (E.isLeft(schedule)) return schedule
  return E.right(forkIdOf({ seed: schedule.right.seed, forks: forkList(schedule.right.forkPoints), head: head.right }))
}
