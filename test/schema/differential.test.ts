/**
 * Differential tests against @oasisprotocol/client, an independent encoder (cborg) and hasher:
 * identical bytes and hashes for every generated descriptor, and each side reads the other's
 * output back to the same value.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as oasis from '@oasisprotocol/client'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  decodeNodeRuntime,
  decodeRuntime,
  decodeSgxConstraints,
  encodeNodeRuntime,
  encodeRuntime,
  encodeSgxConstraints,
  NodeRuntimeCodec,
  RuntimeCodec,
  runtimeHash,
  SgxConstraintsCodec
} from '../../src/index.js'
import { nodeRuntime, runtime, sgxConstraints } from '../support/arbitraries.js'
import { right } from '../support/helpers.js'

const RUNS = 400

describe('differential: this library vs @oasisprotocol/client', () => {
  it('C1: runtime descriptors encode to the same bytes and hash to the same digest', () => {
    fc.assert(
      fc.property(runtime, (rt) => {
        const ours = right(encodeRuntime(rt))
        const theirs = oasis.misc.toCBOR(rt)
        expect(bytesToHex(ours)).toBe(bytesToHex(theirs))
        expect(bytesToHex(right(runtimeHash(rt)))).toBe(bytesToHex(oasis.hash.hash(theirs)))
      }),
      { numRuns: RUNS }
    )
  })

  it('C4: each side decodes the other side\'s bytes to the original value', () => {
    fc.assert(
      fc.property(runtime, (rt) => {
        const theirs = oasis.misc.toCBOR(rt)
        expect(right(decodeRuntime(theirs, { requireCanonical: true }))).toEqual(rt)
        // C4 / CX: a real client's bytes read the same in strict mode.
        expect(right(decodeRuntime(theirs, { strict: true, requireCanonical: true }))).toEqual(rt)
        // The client reads structs as objects and empty maps as Maps; our schema check maps
        // its reading back onto the wire model.
        const clientRead = oasis.misc.fromCBOR(right(encodeRuntime(rt)))
        const viaSchema = RuntimeCodec.decode(clientRead)
        expect(E.isRight(viaSchema) && viaSchema.right).toEqual(rt)
      }),
      { numRuns: RUNS }
    )
  })

  it('C1: SGX constraints v0 and v1 agree with the client byte for byte', () => {
    fc.assert(
      fc.property(sgxConstraints, (c) => {
        const ours = right(encodeSgxConstraints(c))
        expect(bytesToHex(ours)).toBe(bytesToHex(oasis.misc.toCBOR(c)))
        expect(right(decodeSgxConstraints(ours, { requireCanonical: true }))).toEqual(c)
        expect(right(decodeSgxConstraints(oasis.misc.toCBOR(c), { strict: true }))).toEqual(c)
        const viaSchema = SgxConstraintsCodec.decode(oasis.misc.fromCBOR(ours))
        expect(E.isRight(viaSchema) && viaSchema.right).toEqual(c)
      }),
      { numRuns: RUNS }
    )
  })

  it('C1: node runtime entries agree with the client byte for byte', () => {
    fc.assert(
      fc.property(nodeRuntime, (nr) => {
        const ours = right(encodeNodeRuntime(nr))
        expect(bytesToHex(ours)).toBe(bytesToHex(oasis.misc.toCBOR(nr)))
        expect(right(decodeNodeRuntime(ours, { requireCanonical: true }))).toEqual(nr)
        expect(right(decodeNodeRuntime(oasis.misc.toCBOR(nr), { strict: true }))).toEqual(nr)
        const viaSchema = NodeRuntimeCodec.decode(oasis.misc.fromCBOR(ours))
        expect(E.isRight(viaSchema) && viaSchema.right).toEqual(nr)
      }),
      { numRuns: RUNS }
    )
  })
})
