import { describe } from 'vitest'
import { ERA_REFUSAL_RULES, type EraRefusalData, type EraRefusalTag, eraRefusal } from '../../src/trust/eraRefusal.js'
import { refusalTableTests } from '../support/refusals.js'

// One sample of every member, so every message template is exercised.
const SAMPLES: { readonly [T in EraRefusalTag]: EraRefusalData[T] } = {
  MalformedEraKey: { reason: 'not 32 bytes' },
  MalformedEraPayload: { reason: 'markers is not an array' },
  MissingEraSignature: {},
  InvalidEraSignature: { reason: 'R is of small order' },
  NoValidEraDatum: { datums: 2, reasons: ['datum 0: ER2 MalformedEraPayload', 'datum 1: ER3 MissingEraSignature'] },
  CurrentEraNotFound: { epoch: 2n ** 64n - 1n, eras: ['thales@100'] }
}

describe('eraRefusal', () => {
  refusalTableTests('ER1', ERA_REFUSAL_RULES, eraRefusal, SAMPLES)
})
