/**
 * Reproductions of hostile inputs that once made the library throw or misbehave, one per cause;
 * each stays here so the hole stays closed.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  activeDeployment,
  committeeFeasibility,
  deploymentForVersion,
  eligibleNodes,
  hostedVersions,
  nextDeployment,
  planUpgrade,
  pruneSuperseded,
  supportVerdict,
  upgradeReadiness,
  validateDeployments,
  type VersionInfo
} from '../src/index.js'
import { deepFreeze } from './support/helpers.js'
import { computeRuntime, v130, v140 } from './support/nodeFixtures.js'

// A sparse array is a legal `VersionInfo[]`: index 0 is a hole, not an entry.
const holey = (): VersionInfo[] => {
  const d: VersionInfo[] = []
  d[1] = { version: { major: 1 }, valid_from: 0 }
  return d
}

describe('hostile input', () => {
  it('A4: the holes of a sparse deployments array are not deployments, in every function that reads them', () => {
    const rt = deepFreeze({ ...computeRuntime([v130, v140]), deployments: holey() })
    expect(activeDeployment(rt, 5)?.version).toEqual({ major: 1 })
    expect(nextDeployment(rt, 5)).toBeUndefined()
    expect(deploymentForVersion(rt, { major: 1 })?.valid_from).toBe(0)
    expect(pruneSuperseded(rt, 5).removed).toEqual([])
    expect(hostedVersions(rt, 5).deployments).toHaveLength(1)
    expect(E.isRight(supportVerdict([{ major: 1 }], rt, 5, { warnEpochs: 3 }))).toBe(true)
    // The plan drops the hole, and verification then finds the stored descriptor invalid (U6).
    expect(planUpgrade(rt, { version: { major: 2 } }, 5, { leadEpochs: 2 })).toMatchObject({ left: { rule: 'U6', cause: { rule: 'D3' } } })
    expect(E.isRight(eligibleNodes(rt, [], 5))).toBe(true)
    expect(E.isLeft(committeeFeasibility(rt, [], 5))).toBe(true)
    expect(E.isRight(upgradeReadiness(rt, [], 5))).toBe(true)
    // Validation refuses the hole as a null entry (D3), as before.
    expect(validateDeployments(rt, 5, {})).toMatchObject({ left: { rule: 'D3', index: 0 } })
  })
})
