/**
 * JSON texts in the forms Go's encoding/json reads beyond the one oasis-node writes (spec/codec.md
 * O3, OX1–OX10): a text model that can hold a repeated key, and fast-check mutations that apply
 * one lenient variant each (case-changed, unknown and repeated keys, quantity forms, base64
 * namespaces and hashes, base64 with line breaks, byte strings as arrays, null values, numbers
 * with a fraction).
 */
import fc from 'fast-check'
import type { OasisJson } from '../../src/index.js'
import { formatExactJson } from '../../src/codec/jsonText.js'

/** JSON text as a tree whose objects may repeat a key. */
export type Doc = { readonly t: 'o'; readonly m: Array<[string, Doc]> } | { readonly t: 'a'; readonly items: Doc[] } | { readonly t: 'v'; readonly text: string }

export const toDoc = (v: OasisJson): Doc => {
  if (Array.isArray(v)) return { t: 'a', items: (v as ReadonlyArray<OasisJson>).map(toDoc) }
  if (v !== null && typeof v === 'object') return { t: 'o', m: Object.entries(v as Record<string, OasisJson>).map(([k, x]) => [k, toDoc(x)]) }
  return { t: 'v', text: formatExactJson(v, 0) }
}

export const render = (d: Doc): string =>
  d.t === 'v' ? d.text : d.t === 'a' ? `[${d.items.map(render).join(',')}]` : `{${d.m.map(([k, x]) => `${JSON.stringify(k)}:${render(x)}`).join(',')}}`

const clone = (d: Doc): Doc => (d.t === 'v' ? d : d.t === 'a' ? { t: 'a', items: d.items.map(clone) } : { t: 'o', m: d.m.map(([k, x]) => [k, clone(x)]) })

/** Every object, and every leaf with the container and place holding it. */
const walk = (d: Doc, objects: Array<Extract<Doc, { t: 'o' }>>, leaves: Array<{ parent: Doc; at: number }>): void => {
  if (d.t === 'o') {
    objects.push(d)
    d.m.forEach(([, x], i) => (x.t === 'v' ? leaves.push({ parent: d, at: i }) : walk(x, objects, leaves)))
  } else if (d.t === 'a') d.items.forEach((x, i) => (x.t === 'v' ? leaves.push({ parent: d, at: i }) : walk(x, objects, leaves)))
}
const leafText = (l: { parent: Doc; at: number }): string => {
  const x = l.parent.t === 'o' ? l.parent.m[l.at]![1] : (l.parent as Extract<Doc, { t: 'a' }>).items[l.at]!
  return x.t === 'v' ? x.text : ''
}
const setLeaf = (l: { parent: Doc; at: number }, d: Doc): void => {
  if (l.parent.t === 'o') l.parent.m[l.at]![1] = d
  else (l.parent as Extract<Doc, { t: 'a' }>).items[l.at] = d
}

/** The strict-mode rule each variant exercises. */
export type Variant = 'case' | 'unknown' | 'repeat' | 'repeatFolded' | 'quantity' | 'base64Hex' | 'base64Newline' | 'bytesArray' | 'null' | 'fraction'
export const VARIANT_RULE: Readonly<Record<Variant, string>> = {
  case: 'OX2',
  unknown: 'OX1',
  repeat: 'OX3',
  repeatFolded: 'OX2',
  quantity: 'OX4',
  base64Hex: 'OX6',
  base64Newline: 'OX6',
  bytesArray: 'OX8',
  null: 'OX9',
  fraction: 'O2'
}

const flipCase = (k: string, bits: number): string =>
  [...k].map((c, i) => ((bits >> i % 30) & 1 ? (c === 's' ? '\u017f' : c === 'k' ? '\u212a' : c.toUpperCase()) : c)).join('')

const quantityForm = (n: bigint, form: number): string => {
  switch (form % 8) {
    case 0:
      return `+${n}`
    case 1:
      return `0x${n.toString(16)}`
    case 2:
      return `0o${n.toString(8)}`
    case 3:
      return `0b${n.toString(2)}`
    case 4:
      return `0${n.toString(8)}`
    case 5:
      return n.toString().replace(/(\d)(?=\d)/, '$1_')
    case 6:
      return n === 0n ? '-0' : `-${n}`
    default:
      return `0X_${n.toString(16).toUpperCase()}`
  }
}

const HEX64 = /^"([0-9a-f]{64})"$/
const B64 = /^"((?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)"$/
const DECIMAL = /^"(0|[1-9][0-9]*)"$/

/**
 * Apply variant `v` at the place `pick` chooses (modulo the candidates), with `r` for its details;
 * `undefined` when the document has no place for it.
 */
export const applyVariant = (doc: Doc, v: Variant, pick: number, r: number): Doc | undefined => {
  const d = clone(doc)
  const objects: Array<Extract<Doc, { t: 'o' }>> = []
  const leaves: Array<{ parent: Doc; at: number }> = []
  walk(d, objects, leaves)
  const withMembers = objects.filter((o) => o.m.length > 0)
  const obj = withMembers[pick % Math.max(1, withMembers.length)]
  const choose = (re: RegExp): { parent: Doc; at: number } | undefined => {
    const c = leaves.filter((l) => re.test(leafText(l)))
    return c.length === 0 ? undefined : c[pick % c.length]
  }
  switch (v) {
    case 'case': {
      if (obj === undefined) return undefined
      const m = obj.m[r % obj.m.length]!
      m[0] = flipCase(m[0], r | 1)
      return d
    }
    case 'unknown': {
      const target = objects[pick % objects.length]!
      target.m.splice(r % (target.m.length + 1), 0, [`x_${r % 7}`, r % 2 === 0 ? { t: 'v', text: '"?"' } : { t: 'o', m: [['a', { t: 'a', items: [{ t: 'v', text: '1.5' }, { t: 'v', text: 'null' }] }]] }])
      return d
    }
    case 'repeat':
    case 'repeatFolded': {
      if (obj === undefined) return undefined
      const i = r % obj.m.length
      const [k, x] = obj.m[i]!
      // Another member's value, or the same, before or after it.
      const other = obj.m[(r >> 3) % obj.m.length]![1]
      const copy: [string, Doc] = [v === 'repeat' ? k : flipCase(k, (r >> 2) | 1), (r >> 5) % 2 === 0 ? clone(x) : clone(other)]
      obj.m.splice((r >> 6) % 2 === 0 ? i : i + 1, 0, copy)
      return d
    }
    case 'quantity': {
      const l = choose(DECIMAL)
      if (l === undefined) return undefined
      setLeaf(l, { t: 'v', text: JSON.stringify(quantityForm(BigInt(DECIMAL.exec(leafText(l))![1]!), r)) })
      return d
    }
    case 'base64Hex': {
      const l = choose(HEX64)
      if (l === undefined) return undefined
      setLeaf(l, { t: 'v', text: JSON.stringify(Buffer.from(HEX64.exec(leafText(l))![1]!, 'hex').toString('base64')) })
      return d
    }
    case 'base64Newline': {
      const l = choose(B64)
      if (l === undefined) return undefined
      const s = B64.exec(leafText(l))![1]!
      const at = r % (s.length + 1)
      setLeaf(l, { t: 'v', text: JSON.stringify(`${s.slice(0, at)}${r % 2 === 0 ? '\n' : '\r\n'}${s.slice(at)}`) })
      return d
    }
    case 'bytesArray': {
      const l = choose(B64)
      if (l === undefined) return undefined
      const bytes = [...Buffer.from(B64.exec(leafText(l))![1]!, 'base64')]
      setLeaf(l, { t: 'a', items: bytes.map((b) => ({ t: 'v', text: String(b) })) })
      return d
    }
    case 'null': {
      if (leaves.length === 0) return undefined
      setLeaf(leaves[pick % leaves.length]!, { t: 'v', text: 'null' })
      return d
    }
    case 'fraction': {
      const l = choose(/^-?[0-9]+$/)
      if (l === undefined) return undefined
      setLeaf(l, { t: 'v', text: `${leafText(l)}${r % 2 === 0 ? '.0' : 'e0'}` })
      return d
    }
  }
}

export const variantArb: fc.Arbitrary<Variant> = fc.constantFrom<Variant>('case', 'unknown', 'repeat', 'repeatFolded', 'quantity', 'base64Hex', 'base64Newline', 'bytesArray', 'null', 'fraction')
