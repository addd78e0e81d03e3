/**
 * Every `@example` in a doc comment under src/ is honest code. A TypeScript example is compiled
 * against the sources, as if written in its own module: one file per example, each opening with
 * a prelude that brings into scope what the module sees (its imports and its exports), every
 * export of the package root, and the typed fixtures of `support/docFixtures.ts` (`rt`,
 * `registry`, …), minus every name the example declares or imports itself. An example's
 * `import … from 'runtime-deployments'` resolves to src/index.ts, a relative import to the
 * example's own folder. One program checks all examples at once. An example of the `rtdeploy`
 * command (every line `rtdeploy …`) is no TypeScript: its command lines must parse with the
 * command's own options and number of arguments, as `runCli` parses them.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMANDS } from '../src/cli/run.js'

const root = join(import.meta.dirname, '..')
const ROOT_MODULE = join(root, 'src/index.ts')
const FIXTURES = join(root, 'test/support/docFixtures.ts')

interface Example {
  /** The source file, relative to the project root. */
  readonly file: string
  /** The source line of each line of `code`, 1-based. */
  readonly lines: ReadonlyArray<number>
  readonly code: string
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name)
    return d.isDirectory() ? sourceFiles(p) : d.name.endsWith('.ts') ? [p] : []
  })

const parse = (file: string, text = readFileSync(file, 'utf8')): ts.SourceFile =>
  ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)

/** Every `@example` of every doc comment (`/** … *\/`) of `file`, wherever the comment stands. */
const examplesOf = (file: string): Example[] => {
  const sf = parse(file)
  const text = sf.text
  const seen = new Set<number>()
  const out: Example[] = []
  const visit = (node: ts.Node): void => {
    for (const r of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
      if (seen.has(r.pos) || !text.startsWith('/**', r.pos)) continue
      seen.add(r.pos)
      const first = sf.getLineAndCharacterOfPosition(r.pos).line + 1
      const lines = text
        .slice(r.pos + 3, r.end - 2)
        .split('\n')
        .map((l) => l.replace(/^\s*\* ?/, ''))
      lines.forEach((line, i) => {
        if (!/^\s*@example\b/.test(line)) return
        const body: Array<{ line: number; text: string }> = []
        const inline = line.replace(/^\s*@example\s*/, '')
        if (inline !== '') body.push({ line: first + i, text: inline })
        for (let j = i + 1; j < lines.length && !/^\s*@\w/.test(lines[j]!); j++) body.push({ line: first + j, text: lines[j]! })
        while (body.length > 0 && body.at(-1)!.text.trim() === '') body.pop()
        out.push({ file: relative(root, file), lines: body.map((b) => b.line), code: body.map((b) => b.text).join('\n') })
      })
    }
    node.getChildren(sf).forEach(visit)
  }
  visit(sf)
  return out
}

const bindingNames = (b: ts.BindingName): string[] =>
  ts.isIdentifier(b) ? [b.text] : b.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)))

/** The names a module exports, read from its syntax; `export *` is followed. */
const exportsOf = (file: string, seen = new Set<string>()): string[] => {
  if (seen.has(file)) return []
  seen.add(file)
  const target = (spec: ts.Expression): string => resolve(dirname(file), (spec as ts.StringLiteral).text.replace(/\.js$/, '.ts'))
  return parse(file).statements.flatMap((s): string[] => {
    if (ts.isExportDeclaration(s)) {
      if (s.exportClause === undefined) return s.moduleSpecifier === undefined ? [] : exportsOf(target(s.moduleSpecifier), seen)
      return ts.isNamedExports(s.exportClause) ? s.exportClause.elements.map((e) => e.name.text) : [s.exportClause.name.text]
    }
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true
    if (!exported) return []
    if (ts.isVariableStatement(s)) return s.declarationList.declarations.flatMap((d) => bindingNames(d.name))
    const name = (s as ts.DeclarationStatement).name
    return name !== undefined && ts.isIdentifier(name) ? [name.text] : []
  })
}

/** The specifier that imports `file` from a file in folder `from`. */
const importPath = (from: string, file: string): string => {
  const p = relative(from, file).replace(/\.ts$/, '.js')
  return p.startsWith('.') ? p : `./${p}`
}

const importLine = (names: ReadonlyArray<string>, from: string, file: string): string =>
  names.length === 0 ? '' : `import { ${names.join(', ')} } from '${importPath(from, file)}';`

/**
 * The import declarations of a module as import lines for a file in `dir`, without the names in
 * `skip`; every name they bring into scope is added to `skip`.
 */
const importsOf = (file: string, dir: string, skip: Set<string>): string[] =>
  parse(file).statements.flatMap((s): string[] => {
    if (!ts.isImportDeclaration(s) || s.importClause === undefined) return []
    const spec = (s.moduleSpecifier as ts.StringLiteral).text
    const from = spec.startsWith('.') ? importPath(dir, resolve(dirname(file), spec)) : spec
    const take = (name: string): boolean => !skip.has(name) && (skip.add(name), true)
    const { name, namedBindings, isTypeOnly } = s.importClause
    const kw = isTypeOnly ? 'import type' : 'import'
    const lines = name !== undefined && take(name.text) ? [`${kw} ${name.text} from '${from}';`] : []
    if (namedBindings !== undefined && ts.isNamespaceImport(namedBindings)) {
      if (take(namedBindings.name.text)) lines.push(`${kw} * as ${namedBindings.name.text} from '${from}';`)
    } else if (namedBindings !== undefined) {
      const names = namedBindings.elements
        .filter((e) => take(e.name.text))
        .map((e) => `${e.isTypeOnly ? 'type ' : ''}${e.propertyName === undefined ? '' : `${e.propertyName.text} as `}${e.name.text}`)
      if (names.length > 0) lines.push(`${kw} { ${names.join(', ')} } from '${from}';`)
    }
    return lines
  })

/** The names an example declares or imports at its top level. */
const declaredBy = (sf: ts.SourceFile): Set<string> =>
  new Set(
    sf.statements.flatMap((s): string[] => {
      if (ts.isImportDeclaration(s)) {
        const c = s.importClause
        if (c === undefined) return []
        const named = c.namedBindings === undefined ? [] : ts.isNamespaceImport(c.namedBindings) ? [c.namedBindings.name.text] : c.namedBindings.elements.map((e) => e.name.text)
        return [...(c.name === undefined ? [] : [c.name.text]), ...named]
      }
      if (ts.isVariableStatement(s)) return s.declarationList.declarations.flatMap((d) => bindingNames(d.name))
      const name = (s as ts.DeclarationStatement).name
      return name !== undefined && ts.isIdentifier(name) ? [name.text] : []
    })
  )

/** The lines of an example that are not blank and not comments. */
const codeLines = (code: string): string[] => code.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('//'))

/** A `rtdeploy …` example: every line that is not blank or a comment is a command line. */
const isCommandLine = (code: string): boolean => {
  const lines = codeLines(code)
  return lines.length > 0 && lines.every((l) => l.startsWith('rtdeploy '))
}

const all = sourceFiles(join(root, 'src'))
  .sort()
  .flatMap(examplesOf)
const typescriptExamples = all.filter((e) => !isCommandLine(e.code))
const commandExamples = all.filter((e) => isCommandLine(e.code))

let dir = ''
beforeAll(() => {
  dir = mkdtempSync(join(root, '.build-test-docs-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Writes one file per example and compiles them in one program; the diagnostics by example. */
const compileExamples = (examples: ReadonlyArray<Example>): string[] => {
  const rootNames = exportsOf(ROOT_MODULE)
  const fixtureNames = exportsOf(FIXTURES)
  const files = new Map<string, { example: Example; preludeLines: number }>()
  examples.forEach((example, i) => {
    const source = join(root, example.file)
    const own = exportsOf(source)
    const code = example.code.replace(/(\bfrom\s*|\bimport\s*\(\s*)(['"])([^'"]+)\2/g, (_m, kw: string, q: string, spec: string) => {
      const file = spec === 'runtime-deployments' ? ROOT_MODULE : spec.startsWith('.') ? resolve(dirname(source), spec) : undefined
      return `${kw}${q}${file === undefined ? spec : importPath(dir, file)}${q}`
    })
    // Each name once, the first source in this order: the example, its module, the root, the fixtures.
    const taken = declaredBy(parse('example.ts', code))
    const free = (names: ReadonlyArray<string>): string[] => names.filter((n) => !taken.has(n) && (taken.add(n), true))
    const prelude = [
      importLine(free(own), dir, source),
      ...importsOf(source, dir, taken),
      importLine(free(rootNames), dir, ROOT_MODULE),
      importLine(free(fixtureNames), dir, FIXTURES),
      'export {};'
    ]
    const name = join(dir, `${String(i).padStart(3, '0')}-${example.file.replace(/[/.]/g, '_')}-${example.lines[0]}.ts`)
    writeFileSync(name, `${prelude.join('\n')}\n${code}\n`)
    files.set(name, { example, preludeLines: prelude.length })
  })
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })
  if (config === undefined) throw new Error('tsconfig.json does not parse')
  const options: ts.CompilerOptions = { ...config.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false }
  const program = ts.createProgram([...files.keys()], options)
  // Only the examples' own diagnostics: the sources are type-checked by `npm run typecheck`.
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...files.keys()].flatMap((f) => {
      const sf = program.getSourceFile(f)
      return sf === undefined ? [] : [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
    })
  ]
  const problems = new Map<Example, string[]>()
  for (const d of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ')
    const at = d.file === undefined ? undefined : files.get(resolve(d.file.fileName))
    if (d.file === undefined || at === undefined) {
      const where = d.file === undefined ? '' : `${relative(root, d.file.fileName)}: `
      problems.set({ file: where || '(program)', lines: [0], code: '' }, [`TS${d.code} ${message}`])
      continue
    }
    const line = d.file.getLineAndCharacterOfPosition(d.start ?? 0).line - at.preludeLines
    const sourceLine = line >= 0 ? at.example.lines[line] : undefined
    problems.set(at.example, [...(problems.get(at.example) ?? []), `  line ${sourceLine ?? '(prelude)'}: TS${d.code} ${message}`])
  }
  return [...problems].map(([e, ms]) => `${e.file}:${e.lines[0]}\n${ms.join('\n')}`)
}

/** Why a `rtdeploy …` line would be refused as a command line, or undefined when it parses. */
const commandLineProblem = (line: string): string | undefined => {
  const [, name, ...args] = line.replace(/\s+\/\/.*$/, '').trim().split(/\s+/)
  const command = COMMANDS.find((c) => c.name === name)
  if (command === undefined) return `unknown command ${JSON.stringify(name)}`
  try {
    const { positionals } = parseArgs({ args, options: command.options, allowPositionals: true, strict: true })
    return positionals.length === command.positionals ? undefined : `${name} takes ${command.positionals} arguments, got ${positionals.length}`
  } catch (e) {
    return (e as Error).message.split('\n')[0]
  }
}

describe('doc examples', () => {
  it('PK3: every TypeScript @example in src/ type-checks against the sources', () => {
    expect(typescriptExamples.length).toBeGreaterThan(200)
    expect(all.filter((e) => codeLines(e.code).length === 0).map((e) => `${e.file}:${e.lines[0] ?? '?'}: an example without code`)).toEqual([])
    expect(compileExamples(typescriptExamples).join('\n')).toBe('')
    // A fixture no example uses is left over from an example that changed.
    const code = typescriptExamples.map((e) => codeLines(e.code).join('\n')).join('\n')
    expect(exportsOf(FIXTURES).filter((name) => !new RegExp(`\\b${name}\\b`).test(code))).toEqual([])
  })

  it('PK3: typedoc documents the package root without a warning', () => {
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typedoc/bin/typedoc'), '--emit', 'none'], { cwd: root, encoding: 'utf8' })
    expect(`${r.stdout}${r.stderr}`.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/\[(warning|error)\]/)
    expect(r.status).toBe(0)
  })

  it('PK3: every rtdeploy @example in src/ parses with the command options', () => {
    expect(commandExamples.length).toBeGreaterThan(10)
    const problems = commandExamples.flatMap((e) =>
      e.code
        .split('\n')
        .map((line, i) => [line, e.lines[i]] as const)
        .filter(([line]) => line.startsWith('rtdeploy '))
        .flatMap(([line, n]) => {
          const p = commandLineProblem(line)
          return p === undefined ? [] : [`${e.file}:${n}: ${p}`]
        })
    )
    expect(problems).toEqual([])
  })
})
