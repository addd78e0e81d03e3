/**
 * `npm run bench`: every benchmark, one after the other. Never part of `npm test`.
 */
import { runCodecBenchmark } from './codec.js'
import { main as runRulesBenchmark } from './rules.js'

console.log(`node ${process.version}, ${process.platform}/${process.arch}`)
await runCodecBenchmark()
await runRulesBenchmark()
