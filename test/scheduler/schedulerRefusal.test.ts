import { describe } from 'vitest'
import { SCHEDULER_REFUSAL_RULES, type SchedulerRefusalData, type SchedulerRefusalTag, schedulerRefusal } from '../../src/scheduler/schedulerRefusal.js'
import { refusalTableTests } from '../support/refusals.js'

const ref = { version: { major: 1, minor: 4 }, valid_from: 1200 }

// One sample of every member, so every message template is exercised.
const SAMPLES: { readonly [T in SchedulerRefusalTag]: SchedulerRefusalData[T] } = {
  InsufficientNodes: {
    problem: 'group-size-exceeds-nodes',
    role: 'worker',
    epoch: 10,
    deployment: ref,
    eligible: 1,
    needed: 2,
    exclusions: [{ reason: 'VersionNotAdvertised', rule: 'S2', count: 1 }]
  }
}

describe('schedulerRefusal', () => {
  refusalTableTests('S4', SCHEDULER_REFUSAL_RULES, schedulerRefusal, SAMPLES)
})
