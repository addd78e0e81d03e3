import { sha512_256 } from '@noble/hashes/sha2.js'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { cborInt, writeCbor } from '../../src/codec/cbor.js'
import { readCbor } from '../../src/codec/reader.js'
import { advanceEpoch } from '../../src/registry/advanceEpoch.js'
import { type CommitmentLeaf, type CommitmentNode, commitmentFromSorted, commitmentRoot, EMPTY_ROOT } from '../../src/registry/commitment.js'
import { createRegistry, type Registry } from '../../src/registry/registry.js'
import { registryDigest, registryRoot } from '../../src/registry/registryDigest.js'
import { proveRuntime, verifyRuntimeProof } from '../../src/registry/registryProof.js'
import { resumeRuntime, suspendRuntime } from '../../src/registry/suspension.js'
import { runtimeHash } from '../../src/schema/hash.js'
import { deepFreeze, right } from '../support/helpers.js'
import { arbId, hex, storeTrusted, idFrom, MODEL_EMPTY, modelLeafHash, modelInnerHash, modelRoot, registryLeaves, runtimeWith } from '../support/registryModel.js'
import { dep } from '../support/rulesFixtures.js'
import { rtN } from '../support/engineFixtures.js'

const uniqueIds = (min = 0, max = 40) => fc.uniqueArray(arbId, { minLength: min, maxLength: max, selector: hex })

const registryOfIds = (ids: ReadonlyArray<Uint8Array>, epoch = 0): Registry =>
  right(createRegistry(ids.map((id, i) => runtimeWith(id, 10 + (i % 3))), epoch))

/** Nodes of `tree` not shared (by identity) with `old`. */
const freshNodes = (tree: CommitmentNode | undefined, old: CommitmentNode | undefined): number => {
  const seen = new Set<CommitmentNode>()
  const mark = (n: CommitmentNode | undefined): void => {
    if (n === undefined || seen.has(n)) return
    seen.add(n)
    if ('bit' in n) {
      mark(n.left)
      mark(n.right)
    }
  }
  mark(old)
  let count = 0
  const walk = (n: CommitmentNode | undefined): void => {
    if (n === undefined || seen.has(n)) return
    count++
    if ('bit' in n) {
      walk(n.left)
      walk(n.right)
    }
  }
  walk(tree)
  return count
}

const depth = (n: CommitmentNode | undefined): number => (n === undefined ? 0 : 'bit' in n ? 1 + Math.max(depth(n.left), depth(n.right)) : 1)

/** Two leaves whose ids first differ at bit `b` (the all-zero id, and the one with bit `b` set). */
const leavesDifferingAt = (b: number): CommitmentLeaf[] => {
  const other = new Uint8Array(32)
  other[b >> 3] = 0x80 >> (b & 7)
  return [
    { id: new Uint8Array(32), runtimeHash: new Uint8Array(32).fill(1), suspended: false },
    { id: other, runtimeHash: new Uint8Array(32).fill(2), suspended: true }
  ]
}

describe('registry commitment', () => {
  it('E14: the root is H(0x02) when empty, the leaf hash for one runtime, H(0x01 ‖ bit ‖ left ‖ right) above', () => {
    expect(registryRoot(right(createRegistry()))).toEqual(sha512_256(Uint8Array.of(2)))
    expect(EMPTY_ROOT).toEqual(MODEL_EMPTY)
    const a = rtN(1, [dep('1.0.0', 5)])
    const b = rtN(2, [dep('1.0.0', 5)])
    const ha = right(runtimeHash(a))
    const hb = right(runtimeHash(b))
    const leafA = sha512_256(Uint8Array.from([0, ...a.id, ...ha, 0]))
    expect(registryRoot(right(createRegistry([a])))).toEqual(leafA)
    // ids 1 and 2 first differ at bit 254 (…01 vs …10); a has 0 there, so it is on the left.
    const leafB = sha512_256(Uint8Array.from([0, ...b.id, ...hb, 0]))
    expect(registryRoot(right(createRegistry([b, a])))).toEqual(sha512_256(Uint8Array.from([1, 254, ...leafA, ...leafB])))
    const suspended = right(suspendRuntime(right(createRegistry([a])), a.id))
    expect(registryRoot(suspended)).toEqual(sha512_256(Uint8Array.from([0, ...a.id, ...ha, 1])))
  })

  it('E14: the root is the model root of the set of (id, runtimeHash, suspended), for any set of ids', () => {
    fc.assert(
      fc.property(uniqueIds(), fc.array(fc.boolean()), (ids, flags) => {
        let r = registryOfIds(ids)
        ids.forEach((id, i) => {
          if (flags[i] === true) r = right(suspendRuntime(r, id))
        })
        expect(hex(registryRoot(r))).toBe(hex(modelRoot(registryLeaves(r))))
      })
    )
  })

  it('E14: history independence: any order of registrations and suspensions gives the bulk-built root', () => {
    fc.assert(
      fc.property(
        uniqueIds(1, 30).chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids.map((_, i) => i), { minLength: ids.length }), fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }))),
        ([ids, order, flags]) => {
          const rts = ids.map((id, i) => runtimeWith(id, 10 + (i % 4)))
          let r = right(createRegistry([], 0))
          for (const i of order) {
            r = storeTrusted(r, rts[i]!)
            // Suspend early, sometimes resume and suspend again: only the final flag matters.
            if (flags[i] === true) r = right(suspendRuntime(right(resumeRuntime(right(suspendRuntime(r, ids[i]!)), ids[i]!)), ids[i]!))
          }
          let bulk = right(createRegistry(rts, 0))
          ids.forEach((id, i) => {
            if (flags[i] === true) bulk = right(suspendRuntime(bulk, id))
          })
          expect(hex(registryRoot(r))).toBe(hex(registryRoot(bulk)))
          expect(hex(registryRoot(r))).toBe(hex(modelRoot(registryLeaves(r))))
        }
      )
    )
  })

  it('E14: the one-pass build from sorted ids equals the model (long shared prefixes, every bit position)', () => {
    for (const b of [0, 1, 7, 8, 63, 64, 128, 200, 254, 255]) {
      const leaves = leavesDifferingAt(b)
      const root = new Uint8Array(commitmentRoot(commitmentFromSorted(leaves)))
      expect(root).toEqual(modelInnerHash(b, modelLeafHash(leaves[0]!), modelLeafHash(leaves[1]!)))
      expect(root).toEqual(modelRoot(leaves))
    }
  })

  it('E15: each registration, suspension, resumption and pruning rewrites only the path to its leaf; the old registry keeps its root', () => {
    fc.assert(
      fc.property(uniqueIds(2, 60), arbId, (ids, extra) => {
        const r0 = deepFreeze(registryOfIds(ids))
        const root0 = hex(registryRoot(r0))
        const steps: Registry[] = [
          right(suspendRuntime(r0, ids[0]!)),
          storeTrusted(r0, runtimeWith(ids[1]!, 12, 1)),
          ...(ids.some((id) => hex(id) === hex(extra)) ? [] : [storeTrusted(r0, runtimeWith(extra, 20))])
        ]
        for (const r of steps) {
          // a new leaf plus a new inner node, or a replaced leaf, plus the copied path
          expect(freshNodes(r.commitment, r0.commitment)).toBeLessThanOrEqual(depth(r.commitment) + 1)
          expect(hex(registryRoot(r))).toBe(hex(modelRoot(registryLeaves(r))))
          expect(hex(registryRoot(r))).not.toBe(root0)
        }
        expect(hex(registryRoot(r0))).toBe(root0)
        // Suspending an already suspended runtime, resuming an active one: same tree.
        expect(right(resumeRuntime(r0, ids[0]!)).commitment).toBe(r0.commitment)
      })
    )
  })

  it('E15: advancing keeps the root (activations change no leaf); pruning rewrites the pruned leaves', () => {
    const a = rtN(1, [dep('1.0.0', 0), dep('1.1.0', 10)])
    const b = rtN(2, [dep('1.0.0', 0), dep('1.1.0', 20)])
    const c = rtN(3, [dep('1.0.0', 0)])
    const r = deepFreeze(right(createRegistry([a, b, c], 0)))
    const plain = right(advanceEpoch(r, 15)).registry
    expect(plain.commitment).toBe(r.commitment)
    const pruned = right(advanceEpoch(r, 15, { prune: true }))
    expect(pruned.pruned.map((p) => p.id[31])).toEqual([1])
    expect(hex(registryRoot(pruned.registry))).toBe(hex(modelRoot(registryLeaves(pruned.registry))))
    expect(hex(registryRoot(pruned.registry))).not.toBe(hex(registryRoot(r)))
    expect(registryRoot(pruned.registry)).toEqual(registryRoot(right(createRegistry([{ ...a, deployments: [dep('1.1.0', 10)] }, b, c], 15))))
  })

  it('E12: registryDigest is SHA-512/256 of the canonical CBOR of [epoch, root], O(1)', () => {
    for (const epoch of [0, 23, 24, 255, 256, 65536, 2 ** 32, Number.MAX_SAFE_INTEGER, (1n << 64n) - 1n]) {
      const r = registryOfIds([idFrom(new Uint8Array(24).fill(7))], 0)
      const at = E.isRight(advanceEpoch(r, epoch)) ? right(advanceEpoch(r, epoch)).registry : r
      expect(hex(registryDigest(at))).toBe(hex(sha512_256(writeCbor([cborInt(at.epoch), registryRoot(at)]))))
    }
    expect(registryDigest(right(createRegistry()))).toEqual(sha512_256(writeCbor([0, MODEL_EMPTY])))
  })
})

describe('registry proofs', () => {
  it('E16: a proof is the canonical CBOR [subject, leaf, path], path root first with increasing bits', () => {
    fc.assert(
      fc.property(uniqueIds(0, 40), arbId, (ids, probe) => {
        const r = registryOfIds(ids)
        for (const id of [...ids.slice(0, 5), probe]) {
          const bytes = right(proveRuntime(r, id))
          const v = right(readCbor(bytes)) as [Uint8Array, null | [Uint8Array, Uint8Array, boolean], Array<[number, Uint8Array]>]
          expect(writeCbor(v)).toEqual(bytes)
          expect(v[0]).toEqual(id)
          const present = ids.some((x) => hex(x) === hex(id))
          if (present) expect(v[1]?.[0]).toEqual(id)
          if (ids.length === 0) expect(v[1]).toBeNull()
          const bits = v[2].map((s) => s[0])
          expect(bits).toEqual(bits.slice().sort((x, y) => x - y))
          expect(new Set(bits).size).toBe(bits.length)
        }
      })
    )
    expect(E.isLeft(proveRuntime(right(createRegistry()), new Uint8Array(31)))).toBe(true)
  })

  it('E16: proofs encode every bit position canonically (bits below and from 24, up to 255) and verify', () => {
    for (const b of [0, 1, 23, 24, 25, 64, 200, 255]) {
      const leaves = leavesDifferingAt(b)
      const fake = { commitment: commitmentFromSorted(leaves) } as Registry
      const root = new Uint8Array(commitmentRoot(fake.commitment))
      for (const l of leaves) {
        const proof = right(proveRuntime(fake, l.id))
        expect(right(readCbor(proof))).toEqual([l.id, [l.id, l.runtimeHash, l.suspended], [[b, modelLeafHash(leaves.find((x) => x !== l)!)]]])
        expect(right(verifyRuntimeProof(root, l.id, proof))).toEqual({ runtimeHash: l.runtimeHash, suspended: l.suspended })
      }
    }
  })

  it('E17: every proof of a registry verifies against its root: inclusion with hash and flag, or absence', () => {
    fc.assert(
      fc.property(uniqueIds(0, 50), fc.array(arbId, { maxLength: 5 }), (ids, probes) => {
        let r = registryOfIds(ids)
        if (ids.length > 0) r = right(suspendRuntime(r, ids[0]!))
        const root = registryRoot(r)
        for (const id of ids) {
          const got = right(verifyRuntimeProof(root, id, right(proveRuntime(r, id))))
          expect(got).toEqual({ runtimeHash: right(runtimeHash(runtimeWith(id, 0))) && (got as { runtimeHash: Uint8Array }).runtimeHash, suspended: hex(id) === hex(ids[0]!) })
          expect((got as { runtimeHash: Uint8Array }).runtimeHash).toEqual(r.runtimes.root === undefined ? undefined : registryLeaves(r).find((l) => hex(l.id) === hex(id))!.runtimeHash)
        }
        for (const id of probes) {
          if (ids.some((x) => hex(x) === hex(id))) continue
          expect(right(verifyRuntimeProof(root, id, right(proveRuntime(r, id))))).toEqual({ absent: true })
        }
      })
    )
  })

  const refused = (root: Uint8Array, id: Uint8Array, proof: Uint8Array): string => {
    const out = verifyRuntimeProof(root, id, proof)
    expect(E.isLeft(out)).toBe(true)
    return E.isLeft(out) ? out.left._tag : 'accepted'
  }

  it('E17: every single bit flipped in a proof is refused, never thrown (inclusion, absence, empty tree)', () => {
    const ids = Array.from({ length: 300 }, (_, i) => idFrom(sha512_256(Uint8Array.of(i >> 8, i & 0xff))))
    const r = registryOfIds(ids)
    const root = registryRoot(r)
    const absent = idFrom(new Uint8Array(24).fill(0xee))
    const cases: Array<[Uint8Array, Uint8Array, Uint8Array]> = [
      [root, ids[17]!, right(proveRuntime(r, ids[17]!))],
      [root, absent, right(proveRuntime(r, absent))],
      [registryRoot(right(createRegistry())), absent, right(proveRuntime(right(createRegistry()), absent))],
      [registryRoot(registryOfIds([ids[0]!])), absent, right(proveRuntime(registryOfIds([ids[0]!]), absent))]
    ]
    const tags = new Set<string>()
    for (const [rt, id, proof] of cases) {
      expect(E.isRight(verifyRuntimeProof(rt, id, proof))).toBe(true)
      for (let bit = 0; bit < proof.length * 8; bit++) {
        const bad = proof.slice()
        bad[bit >> 3]! ^= 1 << (bit & 7)
        tags.add(refused(rt, id, bad))
      }
    }
    expect([...tags].sort()).toEqual(['MalformedProof', 'ProofRootMismatch', 'ProofSubjectMismatch'])
  })

  it('E17: a proof for another id, against another root, with a truncated or extended path, or truncated or extended bytes is refused', () => {
    fc.assert(
      fc.property(uniqueIds(3, 40), arbId, fc.nat(), (ids, stranger, pick) => {
        const r = registryOfIds(ids)
        const root = registryRoot(r)
        const id = ids[pick % ids.length]!
        const other = ids[(pick + 1) % ids.length]!
        const proof = right(proveRuntime(r, id))
        expect(refused(root, other, proof)).toBe('ProofSubjectMismatch')
        if (hex(stranger) !== hex(id)) expect(refused(root, stranger, proof)).toBe('ProofSubjectMismatch')
        const another = registryOfIds([...ids, idFrom(new Uint8Array(24).fill(0xab))].filter((x, i, xs) => xs.findIndex((y) => hex(y) === hex(x)) === i))
        if (hex(registryRoot(another)) !== hex(root)) expect(refused(registryRoot(another), id, proof)).toBe('ProofRootMismatch')
        const [subject, leaf, path] = right(readCbor(proof)) as [Uint8Array, unknown, Array<[number, Uint8Array]>]
        if (path.length > 0) {
          expect(refused(root, id, writeCbor([subject, leaf as never, path.slice(1)]))).toBe('ProofRootMismatch')
          expect(refused(root, id, writeCbor([subject, leaf as never, path.slice(0, -1)]))).toBe('ProofRootMismatch')
        }
        const last = path.length === 0 ? -1 : path[path.length - 1]![0]
        if (last < 255) expect(refused(root, id, writeCbor([subject, leaf as never, [...path, [last + 1, new Uint8Array(32)]]]))).toBe('ProofRootMismatch')
        expect(refused(root, id, writeCbor([subject, leaf as never, [...path, ...path]]))).toBe('MalformedProof')
        expect(refused(root, id, proof.subarray(0, proof.length - 1))).toBe('MalformedProof')
        expect(refused(root, id, Uint8Array.from([...proof, 0]))).toBe('MalformedProof')
        // An absence proof made for `stranger` does not serve for an id that is present.
        if (!ids.some((x) => hex(x) === hex(stranger))) {
          const absence = right(readCbor(right(proveRuntime(r, stranger)))) as [Uint8Array, [Uint8Array], unknown]
          // (when the stranger leads to `id`'s own leaf, the same leaf and path are id's true inclusion proof)
          if (hex(absence[1][0]) === hex(id)) return
          const forged = writeCbor([id, absence[1] as never, absence[2] as never])
          expect(['ProofOffPath', 'ProofRootMismatch']).toContain(refused(root, id, forged))
        }
      })
    )
  })

  it('E17: an absence proof whose leaf is not where the id leads is refused as ProofOffPath', () => {
    const a = idFrom(Uint8Array.from({ length: 24 }, (_, i) => (i === 23 ? 0x00 : 0)))
    const b = idFrom(Uint8Array.from({ length: 24 }, (_, i) => (i === 23 ? 0x01 : 0)))
    const r = registryOfIds([a, b])
    // The leaf of b with its true path, presented as the absence of an id that leads to a.
    const [, leaf, path] = right(readCbor(right(proveRuntime(r, b)))) as [Uint8Array, unknown, unknown]
    const c = idFrom(Uint8Array.from({ length: 24 }, (_, i) => (i === 0 ? 0x80 : 0)))
    expect(refused(registryRoot(r), c, writeCbor([c, leaf as never, path as never]))).toBe('ProofOffPath')
  })

  it('E17: arbitrary bytes, and arbitrary CBOR of the right outline, are refused as values, never thrown', () => {
    const r = registryOfIds([idFrom(new Uint8Array(24).fill(1)), idFrom(new Uint8Array(24).fill(2))])
    const root = registryRoot(r)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), arbId, (bytes, id) => {
        expect(E.isLeft(verifyRuntimeProof(root, id, bytes))).toBe(true)
      })
    )
    const b32 = fc.uint8Array({ minLength: 32, maxLength: 32 })
    fc.assert(
      fc.property(
        b32,
        fc.option(fc.tuple(b32, b32, fc.boolean()), { nil: null }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.oneof(b32, fc.uint8Array({ maxLength: 40 }))), { maxLength: 6 }),
        (subject, leaf, path) => {
          expect(E.isLeft(verifyRuntimeProof(root, subject, writeCbor([subject, leaf, path])))).toBe(true)
        }
      )
    )
  })

  it('E17: arguments of the wrong type or length are refused as values', () => {
    const r = registryOfIds([idFrom(new Uint8Array(24).fill(1))])
    const proof = right(proveRuntime(r, idFrom(new Uint8Array(24).fill(1))))
    const id = idFrom(new Uint8Array(24).fill(1))
    for (const [root, x, p] of [
      [new Uint8Array(31), id, proof],
      [registryRoot(r), new Uint8Array(33), proof],
      [registryRoot(r), id, 'proof'],
      [null, undefined, 5],
      [registryRoot(r), id, new Uint8Array(0)]
    ] as Array<[Uint8Array, Uint8Array, Uint8Array]>) {
      expect(E.isLeft(verifyRuntimeProof(root, x, p))).toBe(true)
    }
  })
})
