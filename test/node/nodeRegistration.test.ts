import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { TeeCheck } from '../../src/node/tee.js'
import { verifyNodeRuntimes, verifyNodeUpdate } from '../../src/node/nodeRegistration.js'
import { codeIdentities } from '../../src/rules/codeIdentity.js'
import { createRegistry, type Registry } from '../../src/registry/registry.js'
import type { Runtime } from '../../src/schema/runtime.js'
import { suspendRuntime } from '../../src/registry/suspension.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import { acceptAll, anyNode, entry, junkNode, node, nodeId, NOW, refuseAll, teeCap, v130, v140, v150 } from '../support/nodeFixtures.js'
import { dep, runtime, SGX_V0, ver } from '../support/rulesFixtures.js'

const RT = new Uint8Array(32)
/** Namespaces: 8 bytes of flags (0), then the id proper. */
const namespace = (fill: number): Uint8Array => new Uint8Array(32).fill(fill, 8)
const SGX_ID = namespace(0x51)
const UNKNOWN_ID = namespace(0x99)
/** A non-TEE runtime (1.3.0 superseded, 1.4.0 active, 1.5.0 pending at NOW) and an SGX runtime (1.4.0 active). */
const plain = deepFreeze(runtime([v130, v140, v150]))
const sgxRt: Runtime = deepFreeze(runtime([dep('1.4.0', 1200, { tee: SGX_V0 }), dep('1.5.0', 1300, { tee: SGX_V0 })], { tee_hardware: 1, id: SGX_ID }))
const registry: Registry = deepFreeze(right(createRegistry([plain, sgxRt], NOW)))
const sgxEntry = (version: string, hardware = 1) => entry(version, { id: SGX_ID, tee: teeCap(hardware) })

describe('verifyNodeRuntimes', () => {
  it('R1: the same (runtime, version) pair may appear only once; several versions of a runtime are fine', () => {
    const ok = deepFreeze(node(1, [entry('1.4.0'), entry('1.5.0')]))
    expect(right(verifyNodeRuntimes(ok, registry, NOW))).toBe(ok)
    const e = left(verifyNodeRuntimes(node(1, [entry('1.4.0'), entry('1.5.0'), { ...entry('1.4.0'), version: { major: 1, minor: 4, patch: 0 } }]), registry, NOW))
    expect(e).toMatchObject({ _tag: 'DuplicateNodeRuntime', rule: 'R1', index: 2, first: 0, version: ver('1.4.0') })
    expect(e.message).toBe(
      `runtimes[2] repeats runtime ${'00'.repeat(32)} version 1.4.0 of runtimes[0]: each (runtime, version) pair may appear once`
    )
  })

  it('R2: every runtime must be registered; a suspended one counts', () => {
    expect(left(verifyNodeRuntimes(node(1, [entry('1.4.0'), entry('1.0.0', { id: UNKNOWN_ID })]), registry, NOW))).toMatchObject({
      _tag: 'UnknownRuntime',
      rule: 'R2',
      index: 1,
      runtime_id: UNKNOWN_ID
    })
    const suspended = right(suspendRuntime(registry, RT))
    expect(verifyNodeRuntimes(node(1, [entry('1.4.0')]), suspended, NOW)._tag).toBe('Right')
  })

  it('R3: the TEE hardware of an entry must be the runtime’s (no TEE counts as 0)', () => {
    expect(left(verifyNodeRuntimes(node(1, [entry('1.4.0', { tee: teeCap(1) })]), registry, NOW))).toMatchObject({
      _tag: 'NodeTeeHardwareMismatch',
      rule: 'R3',
      required: 0,
      hardware: 1
    })
    expect(left(verifyNodeRuntimes(node(1, [entry('1.4.0', { id: SGX_ID })]), registry, NOW))).toMatchObject({
      _tag: 'NodeTeeHardwareMismatch',
      required: 1,
      hardware: undefined
    })
    expect(left(verifyNodeRuntimes(node(1, [sgxEntry('1.4.0', 2)]), registry, NOW))).toMatchObject({ hardware: 2 })
    expect(verifyNodeRuntimes(node(1, [sgxEntry('1.4.0'), sgxEntry('1.5.0')]), registry, NOW)._tag).toBe('Right')
  })

  it('R3: a TEE entry must run a deployed enclave version', () => {
    const e = left(verifyNodeRuntimes(node(1, [sgxEntry('1.6.0')]), registry, NOW))
    expect(e).toMatchObject({ _tag: 'UnknownEnclaveVersion', rule: 'R3', version: ver('1.6.0'), deployed: [ver('1.4.0'), ver('1.5.0')] })
  })

  it("R3: with a verifier, the attestation is checked against the entry's deployment", () => {
    const seen: TeeCheck[] = []
    const verifyTee = (c: TeeCheck) => (seen.push(c), E.right(undefined))
    expect(verifyNodeRuntimes(node(1, [sgxEntry('1.5.0')]), registry, NOW, { verifyTee })._tag).toBe('Right')
    expect(seen.map((c) => [c.deployment.valid_from, c.epoch])).toEqual([[1300, NOW]])
    expect(left(verifyNodeRuntimes(node(1, [sgxEntry('1.5.0')]), registry, NOW, { verifyTee: refuseAll }))).toMatchObject({
      _tag: 'NodeAttestationRejected',
      rule: 'R3',
      reason: 'quote too old',
      deployment: { valid_from: 1300 }
    })
    const throwing = () => {
      throw new Error('boom')
    }
    expect(left(verifyNodeRuntimes(node(1, [sgxEntry('1.5.0')]), registry, NOW, { verifyTee: throwing }))).toMatchObject({
      reason: 'the verifier failed: boom'
    })
  })

  it('R3: at genesis the TEE checks are skipped (R1 and R2 are not)', () => {
    const opts = { isGenesis: true, verifyTee: refuseAll, strictVersions: true }
    expect(verifyNodeRuntimes(node(1, [sgxEntry('9.0.0', 2), entry('9.0.0')]), registry, NOW, opts)._tag).toBe('Right')
    expect(left(verifyNodeRuntimes(node(1, [entry('1.0.0', { id: UNKNOWN_ID })]), registry, NOW, opts)).rule).toBe('R2')
  })

  it('RX1: a non-TEE entry of an undeployed version passes upstream, and is refused when strictVersions is on', () => {
    const n = deepFreeze(node(1, [entry('1.4.0'), entry('9.9.9')]))
    expect(verifyNodeRuntimes(n, registry, NOW)._tag).toBe('Right')
    expect(left(verifyNodeRuntimes(n, registry, NOW, { strictVersions: true }))).toMatchObject({
      _tag: 'UndeployedNodeVersion',
      rule: 'RX1',
      index: 1,
      version: ver('9.9.9'),
      deployed: [ver('1.3.0'), ver('1.4.0'), ver('1.5.0')]
    })
  })

  it('RX3: with admitted code identities, every entry runs a deployed version whose identities are all admitted', () => {
    const [enclaveId] = codeIdentities(sgxRt, sgxRt.deployments![0]!)
    expect(enclaveId?.field).toBe('tee')
    const n = deepFreeze(node(1, [sgxEntry('1.4.0')]))
    expect(verifyNodeRuntimes(n, registry, NOW)._tag).toBe('Right')
    expect(verifyNodeRuntimes(n, registry, NOW, { admittedCodeIdentities: [enclaveId!.bytes] })._tag).toBe('Right')
    const e = left(verifyNodeRuntimes(n, registry, NOW, deepFreeze({ admittedCodeIdentities: [new Uint8Array(64)] })))
    expect(e).toMatchObject({ _tag: 'NodeCodeIdentityNotAdmitted', rule: 'RX3', index: 0, field: 'tee', identity: Buffer.from(enclaveId!.bytes).toString('hex') })
    // a version without any code identity, or not deployed, has nothing admitted
    expect(left(verifyNodeRuntimes(node(1, [entry('1.4.0')]), registry, NOW, { admittedCodeIdentities: [enclaveId!.bytes] }))).toMatchObject({ rule: 'RX3', field: 'none' })
    expect(left(verifyNodeRuntimes(node(1, [entry('9.9.9')]), registry, NOW, { admittedCodeIdentities: [] }))).toMatchObject({ rule: 'RX3', field: 'none' })
    // skipped at genesis, like R3
    expect(verifyNodeRuntimes(n, registry, NOW, { isGenesis: true, admittedCodeIdentities: [] })._tag).toBe('Right')
  })

  it('RX2: a malformed node (a null runtime entry included) or a malformed now is refused', () => {
    expect(left(verifyNodeRuntimes(node(1, [entry('1.4.0'), null as never]), registry, NOW))).toMatchObject({
      _tag: 'MalformedNode',
      rule: 'RX2',
      argument: 'node',
      field: 'runtimes[1]'
    })
    expect(left(verifyNodeRuntimes({ ...node(1, []), entity_id: new Uint8Array(2) }, registry, NOW))).toMatchObject({ field: 'entity_id' })
    expect(left(verifyNodeRuntimes(node(1, []), registry, -5))).toMatchObject({ _tag: 'MalformedArgument', argument: 'now' })
    expect(right(verifyNodeRuntimes(deepFreeze(node(1, null)), registry, NOW)).runtimes).toBeNull()
  })

  it('RX2: verification never throws and never mutates its inputs', () => {
    fc.assert(
      fc.property(fc.oneof(anyNode, junkNode), fc.oneof(anyNode, junkNode), fc.boolean(), (a, b, strict) => {
        const opts = deepFreeze({ strictVersions: strict, verifyTee: acceptAll })
        verifyNodeRuntimes(deepFreeze(a), registry, NOW, opts)
        verifyNodeUpdate(deepFreeze(a), deepFreeze(b), registry, NOW, opts)
      })
    )
  })
})

describe('verifyNodeUpdate', () => {
  const current = deepFreeze(node(1, [entry('1.3.0'), entry('1.4.0'), entry('1.5.0'), sgxEntry('1.4.0')], { expiration: NOW + 2 }))

  it('R4: keeping every runtime and needed version is allowed; RAK and attestation may change', () => {
    const rotated = { ...sgxEntry('1.4.0'), capabilities: { tee: { ...teeCap(1), rak: new Uint8Array(32).fill(9), attestation: null } } }
    const proposed = deepFreeze(node(1, [entry('1.4.0'), entry('1.5.0'), rotated], { expiration: NOW + 4 }))
    expect(right(verifyNodeUpdate(current, proposed, registry, NOW))).toBe(proposed)
  })

  it('R4: the proposed node must pass R1–R3 first', () => {
    const proposed = node(1, [entry('1.4.0'), entry('1.4.0'), entry('1.5.0'), sgxEntry('1.4.0')])
    expect(left(verifyNodeUpdate(current, proposed, registry, NOW)).rule).toBe('R1')
    expect(left(verifyNodeUpdate(current, { ...proposed, roles: -1 }, registry, NOW))).toMatchObject({ argument: 'proposed' })
    expect(left(verifyNodeUpdate({ ...current, id: new Uint8Array(3) }, current, registry, NOW))).toMatchObject({
      _tag: 'MalformedNode',
      argument: 'current'
    })
  })

  it('R4: the node id and entity id cannot change', () => {
    expect(left(verifyNodeUpdate(current, { ...current, id: nodeId(2) }, registry, NOW))).toMatchObject({
      _tag: 'NodeIdentityChanged',
      rule: 'R4',
      field: 'id'
    })
    expect(left(verifyNodeUpdate(current, { ...current, entity_id: nodeId(3) }, registry, NOW))).toMatchObject({ field: 'entity_id' })
  })

  it('R4: a runtime cannot be dropped altogether', () => {
    const e = left(verifyNodeUpdate(current, node(1, [entry('1.4.0'), entry('1.5.0')]), registry, NOW))
    expect(e).toMatchObject({ _tag: 'NodeRuntimeRemoved', rule: 'R4', runtime_id: SGX_ID, version: undefined })
  })

  it('R4: the active version and a still deployed later one cannot be dropped; older or undeployed ones can', () => {
    const withoutActive = node(1, [entry('1.3.0'), entry('1.5.0'), sgxEntry('1.4.0')])
    const e = left(verifyNodeUpdate(current, withoutActive, registry, NOW))
    expect(e).toMatchObject({ _tag: 'NodeRuntimeRemoved', version: ver('1.4.0'), active: { valid_from: 1200 }, now: NOW })
    expect(e.message).toBe(
      `version 1.4.0 of runtime ${'00'.repeat(32)} cannot be dropped: it is still deployed and not below the active ` +
        'deployment 1.4.0 (valid_from 1200) at epoch 1250'
    )
    expect(left(verifyNodeUpdate(current, node(1, [entry('1.4.0'), sgxEntry('1.4.0')]), registry, NOW))).toMatchObject({ version: ver('1.5.0') })
    // 1.3.0 is below the active version.
    expect(verifyNodeUpdate(current, node(1, [entry('1.4.0'), entry('1.5.0'), sgxEntry('1.4.0')]), registry, NOW)._tag).toBe('Right')
    // A version no longer deployed may go.
    const stale = deepFreeze(node(1, [entry('1.4.0'), entry('1.5.0'), entry('1.4.7'), sgxEntry('1.4.0')]))
    expect(verifyNodeUpdate(stale, node(1, [entry('1.4.0'), entry('1.5.0'), sgxEntry('1.4.0')]), registry, NOW)._tag).toBe('Right')
  })

  it('R4: with no active deployment any version may go', () => {
    const future = deepFreeze(runtime([dep('1.0.0', 2000)]))
    const reg = right(createRegistry([future], NOW))
    const was = node(1, [entry('1.0.0'), entry('0.9.0')])
    expect(verifyNodeUpdate(was, node(1, [entry('0.9.0')]), reg, NOW)._tag).toBe('Right')
  })

  it('R4: the TEE presence and hardware of a kept version cannot change', () => {
    const plainWithTee = deepFreeze(node(1, [entry('1.4.0')]))
    const reg = right(createRegistry([runtime([v140]), runtime([dep('1.4.0', 1200, { tee: SGX_V0 })], { tee_hardware: 1, id: SGX_ID })], NOW))
    expect(verifyNodeUpdate(node(1, [sgxEntry('1.4.0')]), node(1, [sgxEntry('1.4.0')]), reg, NOW)._tag).toBe('Right')
    // Changing TEE presence on a runtime is also an R3 mismatch; the R4 check is seen when R3 is skipped (genesis).
    const opts = { isGenesis: true }
    expect(left(verifyNodeUpdate(plainWithTee, node(1, [entry('1.4.0', { tee: teeCap(1) })]), reg, NOW, opts))).toMatchObject({
      _tag: 'NodeTeeChanged',
      rule: 'R4',
      change: 'added',
      current: undefined,
      proposed: 1
    })
    const tee1 = deepFreeze(node(1, [sgxEntry('1.4.0', 1)]))
    expect(left(verifyNodeUpdate(tee1, node(1, [entry('1.4.0', { id: SGX_ID })]), reg, NOW, opts))).toMatchObject({ change: 'removed' })
    expect(left(verifyNodeUpdate(tee1, node(1, [sgxEntry('1.4.0', 2)]), reg, NOW, opts))).toMatchObject({ change: 'hardware', current: 1, proposed: 2 })
  })

  it('R4: an expired registration constrains nothing', () => {
    const expired = deepFreeze({ ...current, expiration: NOW - 1 })
    expect(verifyNodeUpdate(expired, node(1, [entry('1.5.0')]), registry, NOW)._tag).toBe('Right')
    expect(left(verifyNodeUpdate({ ...current, expiration: NOW }, node(1, [entry('1.5.0')]), registry, NOW)).rule).toBe('R4')
  })
})
