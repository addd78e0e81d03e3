import { describe } from 'vitest'
import { PLANNER_REFUSAL_RULES, type PlannerRefusalData, type PlannerRefusalTag, plannerRefusal } from '../../src/planner/plannerRefusal.js'
import { refusalTableTests } from '../support/refusals.js'

const ref = { version: { major: 1, minor: 4 }, valid_from: 1200 }

// One sample of every member, so every message template is exercised.
const SAMPLES: { readonly [T in PlannerRefusalTag]: PlannerRefusalData[T] } = {
  PlanDowngrade: { target: { major: 1, minor: 3 }, active: ref },
  ActiveIdentityConflict: { target: ref.version, active: ref, field: 'bundle_checksum' }
}

describe('plannerRefusal', () => {
  refusalTableTests('PL2', PLANNER_REFUSAL_RULES, plannerRefusal, SAMPLES)
})
