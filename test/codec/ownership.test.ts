/**
 * C8: every byte string the library hands out owns its buffer.
 */
import { describe, expect, it } from 'vitest'
import {
  createRegistry,
  decodeRuntime,
  decodeSgxConstraints,
  encodeRuntime,
  encodeSgxConstraints,
  forkId,
  registryDigest,
  runtimeHash,
  type Runtime
} from '../../src/index.js'
import { right } from '../support/helpers.js'
import { sgxRuntime } from '../support/nodeFixtures.js'

/** Every Uint8Array reachable from `v`. */
const byteFields = (v: unknown, out: Uint8Array[] = []): Uint8Array[] => {
  if (v instanceof Uint8Array) out.push(v)
  else if (v instanceof Map) for (const [k, x] of v) byteFields(x, byteFields(k, out))
  else if (Array.isArray(v)) for (const x of v) byteFields(x, out)
  else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) byteFields(x, out)
  return out
}

const ownsItsBuffer = (b: Uint8Array): boolean => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength

describe('byte ownership', () => {
  const a = sgxRuntime([
    ['1.0.0', 0],
    ['1.1.0', 10]
  ])
  const other = Uint8Array.from(a.id)
  other[31] = 0x42
  const b: Runtime = { ...a, id: other }
  const bytesA = right(encodeRuntime(a))
  const bytesB = right(encodeRuntime(b))

  it('C8: encoder outputs and hashes own their buffers, distinct from each other', () => {
    const outs = [bytesA, bytesB, right(runtimeHash(a)), right(runtimeHash(b)), right(encodeSgxConstraints({ enclaves: [] }))]
    for (const o of outs) expect(ownsItsBuffer(o)).toBe(true)
    expect(new Set(outs.map((o) => o.buffer)).size).toBe(outs.length)
  })

  it('C8: decoded from a Node.js Buffer in a shared pool, byte fields are plain Uint8Arrays that own their buffers, in both modes', () => {
    // Buffer.from of a short array lands in Node's shared 8 KiB pool: a slice of it is a view.
    const pooled = Buffer.from(bytesA)
    for (const opts of [undefined, { strict: true }]) {
      const fields = byteFields(right(decodeRuntime(pooled, opts)))
      expect(fields.length).toBeGreaterThan(3)
      for (const f of fields) {
        expect(ownsItsBuffer(f)).toBe(true)
        expect(f.buffer).not.toBe(pooled.buffer)
        expect(Buffer.isBuffer(f)).toBe(false)
      }
    }
  })

  it('C8: decoded byte fields own their buffers: none aliases the input or another value', () => {
    const input = Uint8Array.from(bytesA)
    const fields = [...byteFields(right(decodeRuntime(input))), ...byteFields(right(decodeRuntime(bytesB)))]
    expect(fields.length).toBeGreaterThan(8)
    for (const f of fields) {
      expect(ownsItsBuffer(f)).toBe(true)
      expect(f.buffer).not.toBe(input.buffer)
    }
    expect(new Set(fields.map((f) => f.buffer)).size).toBe(fields.length)
  })

  it('C8: transferring or overwriting one decoded value changes no other value', () => {
    const x = right(decodeRuntime(bytesA))
    const y = right(decodeRuntime(bytesB))
    const before = right(encodeRuntime(y))
    const tee = x.deployments![0]!.tee!
    expect(tee.length).toBeGreaterThan(64)
    structuredClone(tee, { transfer: [tee.buffer as ArrayBuffer] })
    expect(tee.length).toBe(0)
    for (const f of byteFields(x)) if (f.buffer.byteLength > 0) f.fill(0xee)
    expect(right(encodeRuntime(y))).toEqual(before)
    expect(right(decodeSgxConstraints(y.deployments![0]!.tee!))).toBeDefined()
  })

  it('C8: registry digests and fork identifiers own their buffers', () => {
    const registry = right(createRegistry([a, b], 0))
    const outs = [registryDigest(registry), right(forkId(a, 5)).hash, right(forkId(b, 5)).hash]
    for (const o of outs) expect(ownsItsBuffer(o)).toBe(true)
    expect(new Set(outs.map((o) => o.buffer)).size).toBe(outs.length)
  })
})
