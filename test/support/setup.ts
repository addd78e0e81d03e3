/**
 * Property tests explore a fresh random seed on every local run; under CI (CI=true) they use one
 * fixed seed so that a run can be reproduced exactly. A failure prints its seed and path either way.
 */
import fc from 'fast-check'

if (process.env['CI'] === 'true') fc.configureGlobal({ seed: 20261124 })
