/**
 * Every rule id stated in spec/*.md has a test whose title starts with the id and a colon
 * ("D5: …"). The titles are the real ones: vitest lists every test of the suite (table-driven
 * titles included) without running them. A rule without a test is a bug.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const RULE_LINE = /^- \*\*([A-Z]+[0-9]+(?:\.[0-9]+)?)\*\*/

const specIds = (): Array<{ id: string; file: string }> =>
  readdirSync(join(root, 'spec'))
    .filter((f) => f.endsWith('.md'))
    .flatMap((file) =>
      readFileSync(join(root, 'spec', file), 'utf8')
        .split('\n')
        .map((line) => RULE_LINE.exec(line)?.[1])
        .filter((id): id is string => id !== undefined)
        .map((id) => ({ id, file }))
    )

/** The last segment of every test's full name ("describe > it" → "it"), as vitest lists them. */
const testTitles = (): string[] => {
  const dir = mkdtempSync(join(tmpdir(), 'spec-coverage-'))
  try {
    const out = join(dir, 'list.json')
    execFileSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'list', `--json=${out}`], {
      cwd: root,
      stdio: 'ignore'
    })
    const listed = JSON.parse(readFileSync(out, 'utf8')) as Array<{ name: string }>
    return listed.map(({ name }) => name.split(' > ').at(-1)!)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('spec coverage', () => {
  const ids = specIds()

  it('spec/ states rules, each id once', () => {
    expect(ids.length).toBeGreaterThan(20)
    const seen = new Set<string>()
    const repeated = ids.filter(({ id }) => (seen.has(id) ? true : (seen.add(id), false)))
    expect(repeated).toEqual([])
  })

  it('every rule id in spec/ has a test whose title starts with it', () => {
    const titles = testTitles()
    expect(titles.length).toBeGreaterThan(100)
    const untested = ids.filter(({ id }) => !titles.some((t) => t.startsWith(`${id}:`)))
    expect(untested.map(({ id, file }) => `${file}: ${id}`)).toEqual([])
  })
})
