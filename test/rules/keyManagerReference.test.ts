/**
 * RR4: the key manager a compute runtime names, checked against the registered runtimes as
 * oasis-core's VerifyRegisterComputeRuntimeArgs does, in registerRuntime's order.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { checkKeyManagerReference, createRegistry, oasisError, registerRuntime, suspendRuntime, verifyRuntimeNew, verifyRuntimeUpdate } from '../../src/index.js'
import type { Runtime } from '../../src/schema/runtime.js'
import { deepFreeze, left, right } from '../support/helpers.js'
import { dep, PARAMS, runtime, SGX_V0 } from '../support/rulesFixtures.js'

const KM_ID = new Uint8Array(32).fill(0x11, 8)
KM_ID[0] = 0x40
const km: Runtime = deepFreeze(runtime([dep('1.0.0', 0, { tee: SGX_V0 })], { id: KM_ID, kind: 2, tee_hardware: 1 }))
const user: Runtime = deepFreeze(runtime([dep('1.0.0', 20, { tee: SGX_V0 })], { tee_hardware: 1, key_manager: KM_ID }))
const NOW = 10
const lookupOf = (...rts: Runtime[]) => (id: Uint8Array) => rts.find((r) => Buffer.from(r.id).equals(Buffer.from(id)))

describe('key manager references (RR4)', () => {
  it('RR4: a compute runtime naming a registered key manager on SGX passes; other runtimes are not looked at', () => {
    expect(checkKeyManagerReference(user, lookupOf(km))).toBeUndefined()
    expect(checkKeyManagerReference(runtime([dep('1.0.0', 20)]), () => { throw new Error('not called') })).toBeUndefined()
    expect(checkKeyManagerReference(km, () => undefined)).toBeUndefined()
  })

  it('RR4: an unknown key manager is ErrNoSuchRuntime; a lookup that throws finds nothing', () => {
    const e = checkKeyManagerReference(user, () => undefined)
    expect(e).toMatchObject({ _tag: 'UnknownKeyManager', rule: 'RR4', key_manager: KM_ID })
    expect(oasisError(e!)).toEqual({ module: 'registry', code: 11, message: 'registry: no such runtime' })
    expect(checkKeyManagerReference(user, () => { throw new Error('boom') })?._tag).toBe('UnknownKeyManager')
  })

  it('RR4: a key manager that is a compute runtime is a bare ErrInvalidArgument', () => {
    const e = checkKeyManagerReference(user, () => runtime([dep('1.0.0', 0)]))
    expect(e).toMatchObject({ _tag: 'NotAKeyManager', rule: 'RR4', kind: 1 })
    expect(oasisError(e!)).toEqual({ module: 'registry', code: 1, message: 'registry: invalid argument' })
  })

  it('RR4: a compute runtime without SGX may not use a key manager, unless it is a test runtime', () => {
    const plain = { ...user, tee_hardware: 0, deployments: [dep('1.0.0', 20)] }
    const e = checkKeyManagerReference(plain, lookupOf(km))
    expect(e).toMatchObject({ _tag: 'KeyManagerUserWithoutSgx', rule: 'RR4', tee_hardware: 0 })
    expect(oasisError(e!)?.message).toBe('registry: invalid argument: compute runtime without SGX using key manager')
    const testId = new Uint8Array(32)
    testId[0] = 0x80
    expect(checkKeyManagerReference({ ...plain, id: testId }, lookupOf(km))).toBeUndefined()
  })

  it('RR4: verifyRuntimeNew and verifyRuntimeUpdate check it with a lookup, after the descriptor and before U0 and the update rules', () => {
    expect(verifyRuntimeNew(user, NOW, PARAMS)._tag).toBe('Right')
    expect(left(verifyRuntimeNew(user, NOW, PARAMS, undefined, { lookupRuntime: () => undefined })).rule).toBe('RR4')
    // a deployment active now (U0) is reported after RR4
    const immediate = { ...user, deployments: [dep('1.0.0', 5, { tee: SGX_V0 })] }
    expect(left(verifyRuntimeNew(immediate, NOW, PARAMS, undefined, { lookupRuntime: () => undefined })).rule).toBe('RR4')
    // an update changing the key manager (U4) is reported after RR4 too
    const moved = { ...user, key_manager: new Uint8Array(32).fill(0x40) }
    expect(left(verifyRuntimeUpdate(user, moved, NOW, PARAMS, undefined, { lookupRuntime: lookupOf(km) })).rule).toBe('RR4')
    expect(left(verifyRuntimeUpdate(user, moved, NOW, PARAMS)).rule).toBe('U4')
  })

  it('RR4: the registry looks key managers up among its own runtimes, suspended ones included', () => {
    const withKm = right(createRegistry([km], NOW))
    expect(E.isRight(registerRuntime(withKm, user, NOW, PARAMS))).toBe(true)
    expect(E.isRight(registerRuntime(right(suspendRuntime(withKm, KM_ID)), user, NOW, PARAMS))).toBe(true)
    expect(left(registerRuntime(right(createRegistry([], NOW)), user, NOW, PARAMS))).toMatchObject({ _tag: 'UnknownKeyManager', rule: 'RR4' })
  })
})
