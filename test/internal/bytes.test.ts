import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hexKey } from '../../src/internal/bytes.js'

describe('hexKey', () => {
  it('E13: the registry key of an id is its lowercase hex, as bytesToHex writes it, for every length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        expect(hexKey(b)).toBe(bytesToHex(b))
      }),
      { numRuns: 500 }
    )
    expect(hexKey(Uint8Array.from({ length: 256 }, (_, i) => i))).toBe(bytesToHex(Uint8Array.from({ length: 256 }, (_, i) => i)))
  })
})
