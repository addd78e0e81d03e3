/**
 * The source layout and the direction of imports (PK1, PK2), read from the sources themselves.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const src = join(import.meta.dirname, '..', 'src')
const LAYERS = ['internal', 'codec', 'schema', 'rules', 'registry', 'node', 'scheduler', 'planner', 'trust', 'cli'] as const

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  )

/** The layer a path under src/ belongs to ('' for src/index.ts). */
const layerOf = (file: string): string => {
  const parts = relative(src, file).split(sep)
  return parts.length === 1 ? '' : parts[0]!
}

/** Every relative module specifier of a file: static and dynamic imports, re-exports. */
const specifiers = (text: string): string[] =>
  Array.from(text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm), (m) => m[1]!)

const imports = (): Array<{ from: string; to: string }> =>
  walk(src).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8')).map((spec) => ({ from: file, to: resolve(dirname(file), spec.replace(/\.js$/, '.ts')) }))
  )

describe('layers', () => {
  it('PK1: src/ holds only index.ts and one folder per layer', () => {
    const top = readdirSync(src, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
    expect(top.sort()).toEqual(['index.ts', ...LAYERS.map((l) => `${l}/`)].sort())
  })

  it('PK1: every import stays in its layer or goes to a lower one', () => {
    const upward = imports()
      .filter(({ from }) => layerOf(from) !== '')
      .filter(({ from, to }) => LAYERS.indexOf(layerOf(to) as never) > LAYERS.indexOf(layerOf(from) as never))
      .map(({ from, to }) => `${relative(src, from)} -> ${relative(src, to)}`)
    expect(upward).toEqual([])
  })

  it('PK1: every relative import resolves to a source file', () => {
    const files = new Set(walk(src))
    const missing = imports()
      .filter(({ to }) => !files.has(to))
      .map(({ from, to }) => `${relative(src, from)} -> ${relative(src, to)}`)
    expect(missing).toEqual([])
  })

  it('PK1: the check sees an upward import (codec importing rules)', () => {
    const fake = { from: join(src, 'codec', 'x.ts'), to: join(src, 'rules', 'y.ts') }
    expect(LAYERS.indexOf(layerOf(fake.to) as never) > LAYERS.indexOf(layerOf(fake.from) as never)).toBe(true)
    expect(specifiers("import { a } from '../rules/y.js'\nexport * from './z.js'\nconst m = await import('../cli/w.js')")).toEqual([
      '../rules/y.js',
      './z.js',
      '../cli/w.js'
    ])
  })

  it('PK2: index.ts only re-exports, nothing from cli/, and only types from internal/', () => {
    const text = readFileSync(join(src, 'index.ts'), 'utf8')
    // Each statement, comments dropped.
    const statements = text
      .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      .split(/\n(?=export|import|const|let|var|function|class)/)
      .map((s) => s.trim())
      .filter((s) => s !== '')
    for (const s of statements) expect(s, s).toMatch(/^export (?:type )?(?:\*|\{[\s\S]*\}) from '\.\/[^']+'$/)
    for (const s of statements) {
      expect(s, s).not.toMatch(/from '\.\/cli\//)
      if (/from '\.\/internal\//.test(s)) expect(s, s).toMatch(/^export type /)
    }
  })
})
