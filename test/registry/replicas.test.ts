/**
 * E21: three replicas, each its own Node process (test/support/replicaWorker.ts), apply the same
 * random stream of operations and report their root after every step; one is killed with
 * SIGKILL at a random step, restarted from its last snapshot (E19), fed the operations after it,
 * and must agree from then on and end in the same state as the others.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { arbReplicaOp, type ReplicaOp, SNAPSHOT_EVERY } from '../support/replicaOps.js'

const root = join(import.meta.dirname, '../..')
const WORKER = join(root, 'test/support/replicaWorker.ts')
const dir = mkdtempSync(join(tmpdir(), 'replicas-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Replica {
  readonly child: ChildProcessWithoutNullStreams
  /** The next line the replica writes. */
  readonly next: () => Promise<Record<string, unknown>>
}

const start = (file: string, restore: boolean): Replica => {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, file, ...(restore ? ['restore'] : [])], { cwd: root, stdio: 'pipe' })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const lines: Interface = createInterface({ input: child.stdout })
  const queue: string[] = []
  const waiting: Array<(line: string) => void> = []
  lines.on('line', (line) => {
    const w = waiting.shift()
    if (w === undefined) queue.push(line)
    else w(line)
  })
  const next = (): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const line = queue.shift()
      if (line !== undefined) return resolve(JSON.parse(line) as Record<string, unknown>)
      const timer = setTimeout(() => reject(new Error(`replica gave no answer; stderr: ${stderr}`)), 30_000)
      waiting.push((l) => {
        clearTimeout(timer)
        resolve(JSON.parse(l) as Record<string, unknown>)
      })
    })
  return { child, next }
}

const send = (r: Replica, msg: unknown): void => {
  r.child.stdin.write(`${JSON.stringify(msg)}\n`)
}

const stop = (r: Replica): Promise<void> =>
  new Promise((resolve) => {
    if (r.child.exitCode !== null || r.child.signalCode !== null) return resolve()
    r.child.once('exit', () => resolve())
    r.child.stdin.end()
  })

describe('replicas', () => {
  it('E21: three replica processes agree on the root after every step; one killed with SIGKILL and restored from its snapshot agrees from then on', async () => {
    const [ops, killAt] = fc.sample(
      // (not a snapshot step, so that the snapshot found on restart is always from before the kill)
      fc.tuple(fc.array(arbReplicaOp, { minLength: 60, maxLength: 60 }), fc.integer({ min: SNAPSHOT_EVERY + 1, max: 55 }).filter((k) => k % SNAPSHOT_EVERY !== 0)),
      1
    )[0]!
    const files = [0, 1, 2].map((i) => join(dir, `replica-${i}.json`))
    const replicas = files.map((f) => start(f, false))
    const roots: string[] = []
    const context = (): string => `kill at ${killAt}, ops ${JSON.stringify(ops)}`
    try {
      for (let step = 1; step <= ops.length; step++) {
        const op: ReplicaOp = ops[step - 1]!
        if (step === killAt) {
          // Killed while (or before) it applies this step: it may or may not have seen it.
          send(replicas[2]!, { step, op })
          replicas[2]!.child.kill('SIGKILL')
          await new Promise((resolve) => replicas[2]!.child.once('exit', resolve))
          expect(existsSync(files[2]!), context()).toBe(true)
          const restarted = start(files[2]!, true)
          const restored = (await restarted.next())['restored'] as number
          expect(restored % SNAPSHOT_EVERY, context()).toBe(0)
          expect(restored, context()).toBeLessThan(step)
          expect(restored, context()).toBeGreaterThanOrEqual(step - SNAPSHOT_EVERY - 1)
          // Replay what came after the snapshot; it must reproduce the roots the others reported.
          for (let s = restored + 1; s < step; s++) {
            send(restarted, { step: s, op: ops[s - 1]! })
            expect((await restarted.next())['root'], `${context()}: replayed step ${s}`).toBe(roots[s - 1])
          }
          replicas[2] = restarted
          send(replicas[0]!, { step, op })
          send(replicas[1]!, { step, op })
          send(replicas[2]!, { step, op })
        } else {
          for (const r of replicas) send(r, { step, op })
        }
        const answers = await Promise.all(replicas.map((r) => r.next()))
        expect(answers.map((a) => a['step']), context()).toEqual([step, step, step])
        expect(new Set(answers.map((a) => a['root'])).size, `${context()}: roots at step ${step}`).toBe(1)
        expect(new Set(answers.map((a) => a['digest'])).size, `${context()}: digests at step ${step}`).toBe(1)
        roots.push(answers[0]!['root'] as string)
      }
      // Nothing lost: the whole state (every descriptor and flag, as a snapshot) is the same.
      for (const r of replicas) send(r, { dump: true })
      const dumps = await Promise.all(replicas.map((r) => r.next()))
      expect(JSON.stringify(dumps[2]), context()).toBe(JSON.stringify(dumps[0]))
      expect(JSON.stringify(dumps[1]), context()).toBe(JSON.stringify(dumps[0]))
      expect(new Set(roots).size).toBeGreaterThan(10)
    } finally {
      await Promise.all(replicas.map(stop))
    }
  })
})
