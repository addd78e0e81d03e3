/**
 * One replica of the replica test (E21), run as its own Node process:
 * `node --import tsx test/support/replicaWorker.ts <snapshot file> [restore]`.
 *
 * It reads one operation per line on stdin (JSON `{ step, op }`), applies it to its registry and
 * writes `{ step, root, digest }` (hex) on stdout. Every `SNAPSHOT_EVERY` steps it writes a
 * snapshot (E18) of its registry to the snapshot file, atomically (a temporary file renamed over
 * it), with the step it was taken after. Started with `restore`, it first rebuilds its registry
 * from that file (E19, against the root recorded there) and writes `{ restored: step }`. The line
 * `{ "dump": true }` asks for a final snapshot of the whole state, written as `{ dump: { … } }`.
 */
import { renameSync, writeFileSync, readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import * as E from 'fp-ts/lib/Either.js'
import { advanceEpoch } from '../../src/registry/advanceEpoch.js'
import { createRegistry, type Registry } from '../../src/registry/registry.js'
import { registryDigest, registryRoot } from '../../src/registry/registryDigest.js'
import { restoreRegistry, type SnapshotManifest, snapshotRegistry } from '../../src/registry/snapshot.js'
import { resumeRuntime, suspendRuntime } from '../../src/registry/suspension.js'
import { type ReplicaOp, replicaId, replicaRuntime, SNAPSHOT_EVERY } from './replicaOps.js'
import { storeTrusted } from './registryModel.js'

const [file, mode] = process.argv.slice(2) as [string, string | undefined]
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'))
const out = (x: unknown): void => {
  process.stdout.write(`${JSON.stringify(x)}\n`)
}

const orDie = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) {
    process.stderr.write(`replica: ${e.left.message}\n`)
    process.exit(2)
  }
  return e.right
}

const snapshotJson = (registry: Registry, step: number): string => {
  const { manifest, chunks } = orDie(snapshotRegistry(registry, { chunkSize: 4 }))
  return JSON.stringify({
    step,
    manifest: { ...manifest, epoch: String(manifest.epoch), root: hex(manifest.root), chunks: manifest.chunks.map(hex) },
    chunks: chunks.map(hex)
  })
}

let registry: Registry = orDie(createRegistry([], 0))
if (mode === 'restore') {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as {
    step: number
    manifest: Omit<SnapshotManifest, 'epoch' | 'root' | 'chunks'> & { epoch: string; root: string; chunks: string[] }
    chunks: string[]
  }
  const manifest: SnapshotManifest = { ...saved.manifest, epoch: BigInt(saved.manifest.epoch), root: bytes(saved.manifest.root), chunks: saved.manifest.chunks.map(bytes) }
  // The root a restarting node trusts would come from its chain; here, the one recorded with the snapshot.
  registry = orDie(restoreRegistry(manifest, saved.chunks.map(bytes), manifest.root))
  out({ restored: saved.step })
}

const apply = (r: Registry, op: ReplicaOp): Registry => {
  switch (op.kind) {
    case 'register':
      return storeTrusted(r, replicaRuntime(op, r.epoch))
    case 'suspend': {
      const next = suspendRuntime(r, replicaId(op.seed))
      return E.isRight(next) ? next.right : r // UnregisteredRuntime: a no-op on every replica
    }
    case 'resume': {
      const next = resumeRuntime(r, replicaId(op.seed))
      return E.isRight(next) ? next.right : r
    }
    case 'advance': {
      const target = BigInt(r.epoch) + BigInt(op.by)
      return orDie(advanceEpoch(r, target, { prune: op.prune })).registry
    }
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  const msg = JSON.parse(line) as { step: number; op: ReplicaOp } | { dump: true }
  if ('dump' in msg) {
    out({ dump: JSON.parse(snapshotJson(registry, -1)) })
    continue
  }
  registry = apply(registry, msg.op)
  if (msg.step % SNAPSHOT_EVERY === 0) {
    writeFileSync(`${file}.tmp`, snapshotJson(registry, msg.step))
    renameSync(`${file}.tmp`, file)
  }
  out({ step: msg.step, root: hex(registryRoot(registry)), digest: hex(registryDigest(registry)) })
}
