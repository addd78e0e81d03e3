/**
 * The package as it is published: `npm pack` (whose `prepack` builds dist/ from an empty folder),
 * installed from the tarball into a scratch project outside this one, where nothing but the
 * package and its declared dependencies resolves. There the installed `rtdeploy` runs, and both
 * `import` (ESM) and `require()` (CommonJS, Node.js >= 20.19) load the package and hash the
 * upstream R1 vector as oasis-core does (C7).
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as api from '../src/index.js'

const root = join(import.meta.dirname, '..')

/** Upstream vector R1 (reference/oasis-vectors.md): a runtime descriptor and its oasis-core hash. */
const R1 =
  'aa61760062696458200000000000000000000000000000000000000000000000000000000000000000646b696e64006767656e65736973a265726f756e64006a73746174655f726f6f74582000000000000000000000000000000000000000000000000000000000000000006773746f72616765a373636865636b706f696e745f696e74657276616c0073636865636b706f696e745f6e756d5f6b6570740075636865636b706f696e745f6368756e6b5f73697a6500686578656375746f72a56a67726f75705f73697a65006c6d61785f6d65737361676573006d726f756e645f74696d656f7574007167726f75705f6261636b75705f73697a650072616c6c6f7765645f7374726167676c6572730069656e746974795f6964582000000000000000000000000000000000000000000000000000000000000000006c7465655f6861726477617265007061646d697373696f6e5f706f6c696379a168616e795f6e6f6465a070676f7665726e616e63655f6d6f64656c00'
const R1_HASH = '0c3398c847e754b2d15652357571e6e350e33cf0e08dd3cf3583214b58a3df26'

/** Runs a command to completion; a non-zero exit fails with everything it printed. */
const run = (command: string, args: string[], cwd: string): SpawnSyncReturns<string> => {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    // npm is a .cmd script on Windows, which only a shell can start.
    shell: process.platform === 'win32' && command === 'npm'
  })
  if (result.error !== undefined || result.status !== 0) {
    const why = result.error?.message ?? `exit ${String(result.status ?? result.signal)}`
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}): ${why}\n${result.stdout}\n${result.stderr}`)
  }
  return result
}

/** Every file under `dir`, as `/`-separated paths relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort()

/**
 * Prints what the package answers for R1: the decode tag, the hash, and the sorted export names.
 * `load` is how the script obtains the package (an import declaration or a require() call).
 */
const probe = (load: string): string => `
${load}
const rt = m.decodeRuntime(Uint8Array.from(Buffer.from(${JSON.stringify(R1)}, 'hex')))
const h = m.runtimeHash(rt.right)
console.log(JSON.stringify({ tag: rt._tag, hash: Buffer.from(h.right).toString('hex'), exports: Object.keys(m).sort() }))
`

type Probe = { tag: string; hash: string; exports: string[] }

// Made in beforeAll, not at import: `vitest list` imports test files without running hooks.
let scratch = ''
let app = ''
let installed = ''

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'rtdeploy-packed-'))
  const packDir = join(scratch, 'pack')
  mkdirSync(packDir)
  // `prepack` builds dist/; --ignore-scripts=false keeps it running where npm is configured to
  // skip scripts (npm_config_ignore_scripts), which would otherwise pack a stale or missing dist/.
  run('npm', ['pack', '--ignore-scripts=false', '--pack-destination', packDir], root)
  const tarballs = readdirSync(packDir).filter((f) => f.endsWith('.tgz'))
  expect(tarballs).toHaveLength(1)

  // Outside the project, so that the project's own node_modules cannot stand in for a
  // dependency the package fails to declare.
  app = join(scratch, 'app')
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'packed-consumer', private: true }))
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(packDir, tarballs[0]!)], app)
  installed = join(app, 'node_modules', 'runtime-deployments')
}, 180_000)

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true })
})

describe('packed package', () => {
  it('C7: the tarball holds the compiled package, its licence and changelog, nothing stale and no sources', () => {
    const files = filesUnder(installed)
    for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js']) {
      expect(files).toContain(f)
    }
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'))
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain('Apache License\n                           Version 2.0, January 2004')
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.d.ts.map'))).toEqual([])

    // dist/ holds exactly what the current sources compile to: one .js, .d.ts and .js.map each.
    const sources = filesUnder(join(root, 'src'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -'.ts'.length))
    const expected = sources.flatMap((s) => [`dist/${s}.d.ts`, `dist/${s}.js`, `dist/${s}.js.map`]).sort()
    expect(files.filter((f) => f.startsWith('dist/'))).toEqual(expected)
  })

  it('C7: every source map in the tarball carries the TypeScript it maps to', () => {
    const maps = filesUnder(join(installed, 'dist')).filter((f) => f.endsWith('.js.map'))
    expect(maps.length).toBeGreaterThan(20)
    for (const f of maps) {
      const map = JSON.parse(readFileSync(join(installed, 'dist', f), 'utf8')) as { sources: string[]; sourcesContent?: unknown[] }
      expect(map.sources, f).toEqual([expect.stringMatching(/\.ts$/)])
      expect(map.sourcesContent, f).toEqual([expect.any(String)])
    }
    const index = JSON.parse(readFileSync(join(installed, 'dist/index.js.map'), 'utf8')) as { sourcesContent: string[] }
    expect(index.sourcesContent[0]).toBe(readFileSync(join(root, 'src/index.ts'), 'utf8'))
  })

  it('C7: the installed rtdeploy prints its usage and hashes the R1 vector', () => {
    const bin = join(app, 'node_modules', '.bin', process.platform === 'win32' ? 'rtdeploy.cmd' : 'rtdeploy')
    const help = spawnSync(bin, ['--help'], { cwd: app, encoding: 'utf8', shell: process.platform === 'win32' })
    expect(help.status, help.stderr).toBe(0)
    expect(help.stdout).toContain('usage: rtdeploy <command>')
    expect(help.stdout).toContain('check-update')

    writeFileSync(join(app, 'r1.cbor'), Buffer.from(R1, 'hex'))
    const hash = spawnSync(bin, ['hash', 'r1.cbor'], { cwd: app, encoding: 'utf8', shell: process.platform === 'win32' })
    expect(hash.status, hash.stderr).toBe(0)
    expect(hash.stdout.trim()).toBe(R1_HASH)
  })

  it('C7: import loads the installed package under plain Node ESM, with every root export, and hashes R1', () => {
    const out = run(process.execPath, ['--input-type=module', '-e', probe(`import * as m from 'runtime-deployments'`)], app)
    const esm = JSON.parse(out.stdout) as Probe
    expect(esm.tag).toBe('Right')
    expect(esm.hash).toBe(R1_HASH)
    expect(esm.exports).toEqual(Object.keys(api).sort())
  })

  it('C7: require() loads the same package from CommonJS, with the same exports and the same hash', () => {
    const out = run(process.execPath, ['--input-type=commonjs', '-e', probe(`const m = require('runtime-deployments')`)], app)
    const cjs = JSON.parse(out.stdout) as Probe
    expect(cjs.tag).toBe('Right')
    expect(cjs.hash).toBe(R1_HASH)
    expect(cjs.exports).toEqual(Object.keys(api).sort())
  })
})
