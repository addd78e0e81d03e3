import * as E from 'fp-ts/lib/Either.js'
import { decodeRuntime, encodeRuntime, readCbor, RuntimeCodec } from '../src/index.js'
import { realisticRuntime } from './fixtures.js'
const rt = realisticRuntime(5)
const bytes = (encodeRuntime(rt) as any).right
const t = (name: string, f: () => unknown) => { for (let i = 0; i < 20000; i++) f(); const s = process.hrtime.bigint(); const N = 50000; for (let i = 0; i < N; i++) f(); console.log(name, Number(process.hrtime.bigint() - s) / N / 1000, 'us') }
const item = (readCbor(bytes) as any).right
t('read', () => readCbor(bytes))
t('check', () => RuntimeCodec.check(item))
t('decode', () => decodeRuntime(bytes))
