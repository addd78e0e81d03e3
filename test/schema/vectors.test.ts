/**
 * Upstream byte vectors (reference/oasis-vectors.md): decode, re-encode to identical bytes, hash.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type CborTextMap,
  decodeNodeRuntime,
  decodeRuntime,
  decodeSgxConstraints,
  encodeNodeRuntime,
  encodeRuntime,
  encodeSgxConstraints,
  hashBytes,
  NodeRuntimeCodec,
  readCbor,
  runtimeHash,
  sgxConstraintsHash
} from '../../src/index.js'
import { fromHex, right } from '../support/helpers.js'

const R1 =
  'aa61760062696458200000000000000000000000000000000000000000000000000000000000000000646b696e64006767656e65736973a265726f756e64006a73746174655f726f6f74582000000000000000000000000000000000000000000000000000000000000000006773746f72616765a373636865636b706f696e745f696e74657276616c0073636865636b706f696e745f6e756d5f6b6570740075636865636b706f696e745f6368756e6b5f73697a6500686578656375746f72a56a67726f75705f73697a65006c6d61785f6d65737361676573006d726f756e645f74696d656f7574007167726f75705f6261636b75705f73697a650072616c6c6f7765645f7374726167676c6572730069656e746974795f6964582000000000000000000000000000000000000000000000000000000000000000006c7465655f6861726477617265007061646d697373696f6e5f706f6c696379a168616e795f6e6f6465a070676f7665726e616e63655f6d6f64656c00'
const R1_HASH = '0c3398c847e754b2d15652357571e6e350e33cf0e08dd3cf3583214b58a3df26'
const R3 =
  'ab61760062696458200000000000000000000000000000000000000000000000000000000000000000646b696e64006767656e65736973a265726f756e64006a73746174655f726f6f7458200000000000000000000000000000000000000000000000000000000000000000677374616b696e67a1727265776172645f6261645f726573756c74730a6773746f72616765a373636865636b706f696e745f696e74657276616c0073636865636b706f696e745f6e756d5f6b6570740075636865636b706f696e745f6368756e6b5f73697a6500686578656375746f72a56a67726f75705f73697a65006c6d61785f6d65737361676573006d726f756e645f74696d656f7574007167726f75705f6261636b75705f73697a650072616c6c6f7765645f7374726167676c6572730069656e746974795f6964582000000000000000000000000000000000000000000000000000000000000000006c7465655f6861726477617265007061646d697373696f6e5f706f6c696379a168616e795f6e6f6465a070676f7665726e616e63655f6d6f64656c00'
const R3_HASH = '977e63768eaf0d1c6426156be6cccb614dec0ad054f05d2d30669519de8d1640'
const SGX_V0 =
  'a168656e636c6176657381a2696d725f7369676e657258204025dab7ebda1fbecc4e3637606e021214d0f41c6d0422fd378b2a8b888184596a6d725f656e636c6176655820a22260aded1c0c5e5aad493dc21d17f5e196af97076fc2d8d00dff9ac9b39c77'
const N3A_BASE64 =
  'qmF2A2JpZFgg//////////////////////////////////////////BjcDJwomJpZFgg//////////////////////////////////////////VpYWRkcmVzc2Vz9mN0bHOhZ3B1Yl9rZXlYIP/////////////////////////////////////////yY3ZyZqFiaWRYIP/////////////////////////////////////////3ZXJvbGVzAGhydW50aW1lc4KkYmlkWCCAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEGd2ZXJzaW9uoWVwYXRjaBkBQWpleHRyYV9pbmZv9mxjYXBhYmlsaXRpZXOgpGJpZFgggAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABFndmVyc2lvbqFlcGF0Y2gYe2pleHRyYV9pbmZvRAUDAgFsY2FwYWJpbGl0aWVzoWN0ZWWjY3Jha1gg//////////////////////////////////////////hoaGFyZHdhcmUBa2F0dGVzdGF0aW9uRgABAgMEBWljb25zZW5zdXOiYmlkWCD/////////////////////////////////////////9mlhZGRyZXNzZXOAaWVudGl0eV9pZFgg//////////////////////////////////////////FqZXhwaXJhdGlvbhgg'

const zeros32 = new Uint8Array(32)
const ff = (last: number): Uint8Array => Uint8Array.from([...new Uint8Array(31).fill(0xff), last])
const ns = (last: number): Uint8Array => Uint8Array.from([0x80, ...new Uint8Array(30), last])

describe('runtime descriptor vectors (TestRuntimeSerialization)', () => {
  it('C1: R1 (Go cases #1 and #2) decodes, re-encodes byte-identically and hashes', () => {
    const rt = right(decodeRuntime(fromHex(R1), { requireCanonical: true }))
    expect(rt).toEqual({
      v: 0,
      id: zeros32,
      entity_id: zeros32,
      genesis: { state_root: zeros32, round: 0 },
      kind: 0,
      tee_hardware: 0,
      executor: { group_size: 0, group_backup_size: 0, allowed_stragglers: 0, round_timeout: 0, max_messages: 0 },
      storage: { checkpoint_interval: 0, checkpoint_num_kept: 0, checkpoint_chunk_size: 0 },
      admission_policy: { any_node: {} },
      governance_model: 0
    })
    expect(bytesToHex(right(encodeRuntime(rt)))).toBe(R1)
    expect(bytesToHex(right(runtimeHash(rt)))).toBe(R1_HASH)
  })

  it('C3: Go case #2 (all-zero staking, executor/storage left out by the caller) encodes as R1', () => {
    const rt = right(decodeRuntime(fromHex(R1)))
    const { executor: _e, storage: _s, ...withoutAlwaysWritten } = rt
    const caseTwo = {
      ...withoutAlwaysWritten,
      staking: { thresholds: new Map(), slashing: new Map(), reward_bad_results: 0, reward_equivocation: 0, min_in_message_fee: new Uint8Array(0) },
      txn_scheduler: { max_batch_size: 0 },
      deployments: []
    }
    expect(bytesToHex(right(encodeRuntime(caseTwo)))).toBe(R1)
  })

  it('C7: R3 (Go case #3, staking.reward_bad_results = 10) round-trips and hashes', () => {
    const rt = right(decodeRuntime(fromHex(R3), { requireCanonical: true }))
    expect(rt.staking).toEqual({ reward_bad_results: 10 })
    expect(bytesToHex(right(encodeRuntime(rt)))).toBe(R3)
    expect(bytesToHex(right(runtimeHash(rt)))).toBe(R3_HASH)
  })

  it('C2: the versioned key v is written even when 0, and first', () => {
    const bytes = right(encodeRuntime(right(decodeRuntime(fromHex(R1)))))
    expect(bytesToHex(bytes.subarray(0, 4))).toBe('aa617600')
  })
})

describe('SGX constraints vectors (go/common/node/testdata)', () => {
  it('C4.12: sgx_constraints_v0.bin decodes as v0, re-encodes byte-identically', () => {
    const c = right(decodeSgxConstraints(fromHex(SGX_V0), { requireCanonical: true }))
    expect(c.v).toBeUndefined()
    expect(c.enclaves).toEqual([
      {
        mr_signer: fromHex('4025dab7ebda1fbecc4e3637606e021214d0f41c6d0422fd378b2a8b88818459'),
        mr_enclave: fromHex('a22260aded1c0c5e5aad493dc21d17f5e196af97076fc2d8d00dff9ac9b39c77')
      }
    ])
    expect(bytesToHex(right(encodeSgxConstraints(c)))).toBe(SGX_V0)
    expect(right(sgxConstraintsHash(c))).toEqual(hashBytes(fromHex(SGX_V0)))
  })

  it('C4.12: a v1 value round-trips with v written first', () => {
    const v1 = {
      v: 1 as const,
      enclaves: [{ mr_enclave: ff(1), mr_signer: ff(2) }],
      policy: { pcs: { tcb_validity_period: 30, min_tcb_evaluation_data_number: 17 } },
      max_attestation_age: 1200
    }
    const bytes = right(encodeSgxConstraints(v1))
    expect(bytesToHex(bytes.subarray(0, 4))).toBe('a4617601')
    expect(right(decodeSgxConstraints(bytes, { requireCanonical: true }))).toEqual(v1)
  })
})

describe('node runtime entries (N3a, TestNodeForTestSerialization case #2)', () => {
  const n3a = Uint8Array.from(Buffer.from(N3A_BASE64, 'base64'))
  const runtimes = (right(readCbor(n3a)) as CborTextMap)['runtimes'] as ReadonlyArray<unknown>

  it('C1: each runtime entry of the node vector re-encodes to the bytes inside the vector', () => {
    expect(n3a.length).toBe(555)
    expect(runtimes).toHaveLength(2)
    const entries = runtimes.map((r) => {
      const checked = NodeRuntimeCodec.decode(r)
      if (E.isLeft(checked)) throw new Error('entry does not check')
      return checked.right
    })
    expect(entries[0]).toEqual({ id: ns(0x10), version: { patch: 321 }, capabilities: {}, extra_info: null })
    expect(entries[1]).toEqual({
      id: ns(0x11),
      version: { patch: 123 },
      capabilities: { tee: { hardware: 1, rak: ff(0xf8), attestation: Uint8Array.of(0, 1, 2, 3, 4, 5) } },
      extra_info: Uint8Array.of(5, 3, 2, 1)
    })
    const whole = bytesToHex(n3a)
    for (const e of entries) {
      const bytes = right(encodeNodeRuntime(e))
      expect(whole).toContain(bytesToHex(bytes))
      expect(right(decodeNodeRuntime(bytes, { requireCanonical: true }))).toEqual(e)
    }
  })
})

describe('vectors in strict mode', () => {
  it('CX1: every upstream vector decodes to the same value in strict mode as by default', () => {
    for (const hex of [R1, R3]) {
      const bytes = fromHex(hex)
      expect(right(decodeRuntime(bytes, { strict: true, requireCanonical: true }))).toEqual(right(decodeRuntime(bytes)))
    }
    const sgx = fromHex(SGX_V0)
    expect(right(decodeSgxConstraints(sgx, { strict: true, requireCanonical: true }))).toEqual(right(decodeSgxConstraints(sgx)))
  })
})

describe('hash vectors (go/common/crypto/hash)', () => {
  it('C7: SHA-512/256 of the empty string and of "stateroot hash"', () => {
    expect(bytesToHex(hashBytes(new Uint8Array(0)))).toBe('c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a')
    expect(bytesToHex(hashBytes(new TextEncoder().encode('stateroot hash')))).toBe(
      'b1e521019fb7bdde35dc81fee79065610cbddfb8ef5c25e284983668192a6d0d'
    )
  })
})
