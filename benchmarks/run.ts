/**
 * `npm run bench`: every benchmark, one after the other. Never part of `npm test`.
 */
import { runCodecBenchmark } from './codec.js'
import { main as runEngineBenchmark } from './engine.js'
import { main as runRulesBenchmark } from './rules.js'
import { main as runTrustBenchmark } from './trust.js'

console.log(`node ${process.version}, ${process.platform}/${process.arch}`)
await runCodecBenchmark()
await runRulesBenchmark()
await runTrustBenchmark()
// The engine at 10^3 … 10^6 runtimes takes minutes and GiBs; ENGINE_SIZES picks the sizes.
await runEngineBenchmark()
