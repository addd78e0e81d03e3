import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { byVersion, bytesEqual, compareBytes, deploymentsOf, sameDeployment, sortedDeployments } from '../../src/rules/deployment.js'
import type { Runtime } from '../../src/schema/runtime.js'
import { anyDeployment, checksum, dep, runtime, SGX_V0 } from '../support/rulesFixtures.js'

describe('deployment', () => {
  it('U8: sameDeployment is VersionInfo.Equal (version, valid_from, tee, bundle_checksum)', () => {
    const d = dep('1.4.0', 1200, { tee: SGX_V0, bundle_checksum: checksum(1) })
    expect(sameDeployment(d, { ...d, version: { major: 1, minor: 4, patch: 0 }, valid_from: 1200n })).toBe(true)
    expect(sameDeployment(d, { ...d, valid_from: 1201 })).toBe(false)
    expect(sameDeployment(d, { ...d, version: { major: 1, minor: 5 } })).toBe(false)
    expect(sameDeployment(d, { ...d, tee: SGX_V0.slice(1) })).toBe(false)
    expect(sameDeployment(d, { ...d, bundle_checksum: checksum(2) })).toBe(false)
  })

  it('U8: absent and empty byte strings are equal, as Go bytes.Equal treats nil and empty', () => {
    expect(bytesEqual(undefined, new Uint8Array(0))).toBe(true)
    expect(bytesEqual(null, undefined)).toBe(true)
    expect(sameDeployment(dep('1.0.0', 1), dep('1.0.0', 1, { tee: new Uint8Array(0), bundle_checksum: new Uint8Array(0) }))).toBe(true)
    expect(bytesEqual(Uint8Array.of(1), Uint8Array.of(2))).toBe(false)
  })

  it('D4: the walking order is total up to identical deployments', () => {
    fc.assert(
      fc.property(anyDeployment, anyDeployment, (x, y) => {
        const xy = byVersion(x, y)
        const yx = byVersion(y, x)
        expect(Math.sign(xy)).toBe(-Math.sign(yx) || 0)
        if (xy === 0) expect(sameDeployment(x, y)).toBe(true)
      })
    )
    expect(compareBytes(Uint8Array.of(2), Uint8Array.of(1, 0))).toBe(-1)
  })

  it('D5: sortedDeployments walks by version and leaves the input alone', () => {
    const ds = Object.freeze([dep('2.0.0', 0), dep('1.0.0', 5)])
    const rt = runtime(ds)
    expect(sortedDeployments(rt).map((d) => d.valid_from)).toEqual([5, 0])
    expect(rt.deployments).toBe(ds)
  })

  it('A4: deploymentsOf ignores null entries and anything that is not an array', () => {
    const rt = { ...runtime([]), deployments: [null, dep('1.0.0', 1), { valid_from: 3 }] } as unknown as Runtime
    expect(deploymentsOf(rt)).toEqual([dep('1.0.0', 1)])
    expect(deploymentsOf({ ...runtime([]), deployments: 'x' } as unknown as Runtime)).toEqual([])
    const clean = runtime([dep('1.0.0', 1)])
    expect(deploymentsOf(clean)).toBe(clean.deployments)
  })
})
