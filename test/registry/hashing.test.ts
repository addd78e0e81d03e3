import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { HASH_BACKEND, NOBLE, sha256, sha512_256 } from '../../src/internal/sha.js'
import { hex } from '../support/registryModel.js'

describe('hashing backends', () => {
  it('E20: under Node the native backend is used', () => {
    expect(HASH_BACKEND).toBe('node:crypto')
  })

  it('E20: node:crypto and @noble/hashes give the same SHA-512/256 and SHA-256 bytes for every input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.nat(16), (bytes, offset) => {
        // also through a view with a byte offset
        const view = new Uint8Array(bytes.length + offset)
        view.set(bytes, offset)
        const sub = view.subarray(offset)
        expect(hex(sha512_256(bytes))).toBe(hex(NOBLE.sha512_256(bytes)))
        expect(hex(sha512_256(sub))).toBe(hex(NOBLE.sha512_256(bytes)))
        expect(hex(sha256(bytes))).toBe(hex(NOBLE.sha256(bytes)))
        expect(hex(sha256(sub))).toBe(hex(NOBLE.sha256(bytes)))
      }),
      { numRuns: 300 }
    )
    for (const n of [0, 55, 56, 63, 64, 111, 112, 127, 128, 129, 1 << 16]) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 0xff)
      expect(hex(sha512_256(b))).toBe(hex(NOBLE.sha512_256(b)))
      expect(hex(sha256(b))).toBe(hex(NOBLE.sha256(b)))
    }
  })

  it('E20: without node:crypto (no process.getBuiltinModule) the @noble/hashes backend gives the same bytes', async () => {
    const p = process as { getBuiltinModule?: unknown }
    const original = p.getBuiltinModule
    vi.resetModules()
    p.getBuiltinModule = undefined
    try {
      const fallback = await import('../../src/internal/sha.js')
      expect(fallback.HASH_BACKEND).toBe('@noble/hashes')
      const b = Uint8Array.of(1, 2, 3)
      expect(hex(fallback.sha512_256(b))).toBe(hex(sha512_256(b)))
      expect(hex(fallback.sha256(b))).toBe(hex(sha256(b)))
    } finally {
      p.getBuiltinModule = original
      vi.resetModules()
    }
  })
})
