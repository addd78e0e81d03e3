/**
 * The built package works under plain Node ESM, the way consumers load it: every import in the
 * compiled output resolves (no bundler-only subpaths), and the root exports answer correctly.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
// Made in beforeAll (not at import: `vitest list` imports test files without running hooks),
// inside the project so that the compiled output resolves node_modules as an installed package would.
let out = ''

beforeAll(() => {
  out = mkdtempSync(join(root, '.build-test-'))
})
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('package', () => {
  it('C7: the compiled package imports under plain Node and hashes the R1 vector', () => {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', out], {
      cwd: root,
      stdio: 'pipe'
    })
    const script = `
      const m = await import(${JSON.stringify(join(out, 'index.js'))})
      const hex = ${JSON.stringify(
        'aa61760062696458200000000000000000000000000000000000000000000000000000000000000000646b696e64006767656e65736973a265726f756e64006a73746174655f726f6f74582000000000000000000000000000000000000000000000000000000000000000006773746f72616765a373636865636b706f696e745f696e74657276616c0073636865636b706f696e745f6e756d5f6b6570740075636865636b706f696e745f6368756e6b5f73697a6500686578656375746f72a56a67726f75705f73697a65006c6d61785f6d65737361676573006d726f756e645f74696d656f7574007167726f75705f6261636b75705f73697a650072616c6c6f7765645f7374726167676c6572730069656e746974795f6964582000000000000000000000000000000000000000000000000000000000000000006c7465655f6861726477617265007061646d697373696f6e5f706f6c696379a168616e795f6e6f6465a070676f7665726e616e63655f6d6f64656c00'
      )}
      const rt = m.decodeRuntime(Uint8Array.from(Buffer.from(hex, 'hex')))
      const h = m.runtimeHash(rt.right)
      console.log(JSON.stringify({ tag: rt._tag, hash: Buffer.from(h.right).toString('hex'), exports: Object.keys(m).length }))
    `
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })
    const result = JSON.parse(printed) as { tag: string; hash: string; exports: number }
    expect(result.tag).toBe('Right')
    expect(result.hash).toBe('0c3398c847e754b2d15652357571e6e350e33cf0e08dd3cf3583214b58a3df26')
    expect(result.exports).toBeGreaterThan(20)
  })

  it('C7: package.json exports one ESM entry, types first, for both import and require()', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>
    expect(pkg['type']).toBe('module')
    expect(pkg['sideEffects']).toBe(false)
    expect(pkg['engines']).toEqual({ node: '>=20.19' })
    // "default" serves import and require() alike: Node.js >= 20.19 loads this ES module through
    // require() (require(esm)); test/packed.test.ts checks both on the installed tarball.
    const exports = pkg['exports'] as Record<string, Record<string, string>>
    expect(exports).toEqual({
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json'
    })
    // Conditions match in key order, so "types" must come before "default" for TypeScript to see it.
    expect(Object.keys(exports['.']!)).toEqual(['types', 'default'])
    expect(pkg['files']).toEqual(expect.arrayContaining(['dist', 'LICENSE', 'CHANGELOG.md']))
  })
})
