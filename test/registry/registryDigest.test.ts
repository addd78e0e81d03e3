import { sha512_256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { cborInt, writeCbor } from '../../src/codec/cbor.js'
import { mapValues } from '../../src/internal/persistentMap.js'
import { advanceEpoch } from '../../src/registry/advanceEpoch.js'
import { createRegistry, type Registry } from '../../src/registry/registry.js'
import { cborHead, registryDigest } from '../../src/registry/registryDigest.js'
import { suspendRuntime } from '../../src/registry/suspension.js'
import { runtimeHash } from '../../src/schema/hash.js'
import { registryOf, rtN } from '../support/engineFixtures.js'
import { modelRoot, storeTrusted } from '../support/registryModel.js'
import { deepFreeze, right } from '../support/helpers.js'
import { dep } from '../support/rulesFixtures.js'

/** The definition of E12, through the general canonical encoder and the model root (E14). */
const reference = (r: Registry): Uint8Array =>
  sha512_256(
    writeCbor([
      cborInt(r.epoch),
      modelRoot(mapValues(r.runtimes).map((s) => ({ id: s.id, runtimeHash: right(runtimeHash(s.runtime)), suspended: s.suspended })))
    ])
  )

describe('registryDigest', () => {
  it('E12: is SHA-512/256 of the canonical CBOR of [epoch, root]', () => {
    const rts = [rtN(3, [dep('1.0.0', 5)]), rtN(1, [dep('1.0.0', 7), dep('1.1.0', 9)]), rtN(2, [dep('2.0.0', 1)])]
    const r = right(suspendRuntime(registryOf(rts, 4), rts[2]!.id))
    expect(registryDigest(r)).toEqual(reference(r))
    for (const epoch of [0, 23, 24, 255, 256, 65536, 2 ** 32, Number.MAX_SAFE_INTEGER, (1n << 64n) - 1n]) {
      const at = registryOf(rts, epoch)
      expect(bytesToHex(registryDigest(at))).toBe(bytesToHex(reference(at)))
    }
    expect(registryDigest(registryOf())).toEqual(sha512_256(Uint8Array.from([0x82, 0x00, 0x58, 0x20, ...sha512_256(Uint8Array.of(2))])))
  })

  it('E12: the CBOR heads it writes by hand are the canonical ones', () => {
    for (const n of [0, 1, 23, 24, 255, 256, 65535, 65536, 2 ** 32 - 1]) {
      const asArray = writeCbor(n)
      const head = cborHead(4, n)
      expect(head.length).toBe(asArray.length)
      expect(head[0]! >> 5).toBe(4)
      expect(Array.from(head.subarray(1))).toEqual(Array.from(asArray.subarray(1)))
      expect(head[0]! & 0x1f).toBe(asArray[0]! & 0x1f)
    }
    expect(cborHead(2, 32)).toEqual(Uint8Array.of(0x58, 0x20))
  })

  it('E12: agrees with the definition on 1,500 runtimes', () => {
    const rts = Array.from({ length: 1500 }, (_, i) => rtN(i, [dep('1.0.0', i)]))
    const r = registryOf(rts, 100)
    expect(registryDigest(r)).toEqual(reference(r))
  })

  it('E12: does not depend on the order of registrations, suspensions or epoch steps that built the state', () => {
    const a = deepFreeze(rtN(1, [dep('1.0.0', 20)]))
    const b = deepFreeze(rtN(2, [dep('1.0.0', 30)]))
    const r0 = registryOf([], 10)
    const ab = storeTrusted(storeTrusted(r0, a), b)
    const ba = storeTrusted(storeTrusted(r0, b), a)
    expect(registryDigest(ab)).toEqual(registryDigest(ba))
    expect(registryDigest(ab)).toEqual(registryDigest(right(createRegistry([b, a], 10))))
    const stepped = right(advanceEpoch(right(advanceEpoch(ab, 15)).registry, 25)).registry
    expect(registryDigest(stepped)).toEqual(registryDigest(right(advanceEpoch(ba, 25)).registry))
  })

  it('E12: changes with the epoch, a descriptor or a suspended flag', () => {
    const a = rtN(1, [dep('1.0.0', 20)])
    const r = registryOf([a], 10)
    const digests = [
      r,
      right(advanceEpoch(r, 11)).registry,
      right(suspendRuntime(r, a.id)),
      storeTrusted(r, rtN(1, [dep('1.0.0', 21)])),
      registryOf([a, rtN(2, [dep('1.0.0', 20)])], 10)
    ].map((x) => bytesToHex(registryDigest(x)))
    expect(new Set(digests).size).toBe(digests.length)
  })

  it('E12: equal descriptors give equal digests whatever their number/bigint representation', () => {
    const asNumber = registryOf([rtN(1, [dep('1.0.0', 20)])], 10)
    const asBigint = registryOf([rtN(1, [dep('1.0.0', 20n)])], 10n)
    expect(registryDigest(asBigint)).toEqual(registryDigest(asNumber))
  })
})
