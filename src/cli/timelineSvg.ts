/**
 * The SVG chart of `rtdeploy timeline --svg` (CLI8): one bar per deployment over the epochs it is
 * active, labelled with its version and range, on an epoch axis with ticks, a marker at the chosen
 * epoch, the runtime id as title and a legend; 1200 px wide, text at 12–18 px.
 *
 * @since 0.1.0
 */

/**
 * The epochs a deployment is the active one: from its `valid_from` until the epoch before the next
 * deployment starts, or open-ended for the last.
 *
 * @category cli
 * @since 0.1.0
 */
export interface Segment {
  readonly version: string
  readonly from: bigint
  readonly until: bigint | undefined
}

/**
 * What the chart shows besides the bars: its title (the runtime id) and an epoch to mark.
 *
 * @category cli
 * @since 0.1.0
 */
export interface ChartOptions {
  readonly title?: string
  readonly marker?: bigint
}

const WIDTH = 1200
const LEFT = 110
const RIGHT = 40
const TOP = 76
const ROW = 38
const BAR = 24

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * A tick step for `[from, to]`: 1, 2 or 5 times a power of ten, giving at most `maxIntervals`
 * intervals (at least 1).
 *
 * @example
 * tickStep(1000n, 1400n) // 50n
 *
 * @category cli
 * @since 0.1.0
 */
export const tickStep = (from: bigint, to: bigint, maxIntervals = 10): bigint => {
  const span = to > from ? to - from : 1n
  const most = BigInt(Math.max(1, Math.floor(Number.isFinite(maxIntervals) ? maxIntervals : 10)))
  for (let power = 1n; ; power *= 10n) {
    for (const m of [1n, 2n, 5n]) if (span / (m * power) <= most) return m * power
  }
}

/**
 * The chart as SVG text (CLI8): bars with version and range labels, an epoch axis with ticks,
 * `options.marker` as a dashed line, `options.title` as the heading, a legend.
 *
 * @example
 * svgTimeline([{ version: '1.4.0', from: 1200n, until: undefined }], 1000n, 1400n, { title: 'runtime 8000…01', marker: 1250n })
 *
 * @category cli
 * @since 0.1.0
 */
export const svgTimeline = (segs: ReadonlyArray<Segment>, from: bigint, to: bigint, options: ChartOptions = {}): string => {
  const shown = segs.filter((s) => (s.until ?? to) >= from && s.from <= to)
  const plot = WIDTH - LEFT - RIGHT
  const x = (e: bigint): number => {
    if (to <= from) return LEFT
    const clamped = e < from ? from : e > to ? to : e
    return LEFT + Math.round((Number(clamped - from) * plot) / Number(to - from))
  }
  const axisY = TOP + ROW * Math.max(1, shown.length) + 8
  const legendY = axisY + 66
  const height = legendY + 24
  const parts: string[] = []
  const title = options.title ?? 'runtime'
  parts.push(`<title>${escapeXml(`${title}: deployments over epochs ${from}–${to}`)}</title>`)
  parts.push(`<rect width="${WIDTH}" height="${height}" fill="white"/>`)
  parts.push(`<text class="title" x="${LEFT}" y="28" font-size="18" font-weight="bold">${escapeXml(title)}</text>`)
  parts.push(`<text class="subtitle" x="${LEFT}" y="48" font-size="13" fill="#444">active deployment at each epoch, epochs ${from}–${to}</text>`)
  // Tick labels at least their own width apart (about 7.5 px per digit at 12 px, and a gap).
  const step = tickStep(from, to, Math.min(10, Math.floor(plot / (String(to).length * 7.5 + 24))))
  const ticks: bigint[] = []
  for (let t = ((from + step - 1n) / step) * step; t <= to; t += step) ticks.push(t)
  // Grid lines first, so that the bars are drawn over them.
  for (const t of ticks) parts.push(`<line class="grid" x1="${x(t)}" y1="${TOP - 6}" x2="${x(t)}" y2="${axisY}" stroke="#e4e4e4"/>`)
  shown.forEach((s, i) => {
    const y = TOP + i * ROW
    const x0 = x(s.from)
    const x1 = Math.max(x0 + 3, x(s.until ?? to))
    const colour = `hsl(${(i * 67 + 200) % 360},55%,48%)`
    const range = s.until === undefined ? `${s.from} →` : `${s.from}–${s.until}`
    const label = `${s.version}  ${range}`
    // A label fits inside a bar wider than about 7.5 px per character; otherwise it follows the bar.
    const inside = x1 - x0 > label.length * 7.5 + 12
    const labelX = inside ? x0 + 6 : Math.min(x1 + 6, WIDTH - RIGHT - label.length * 7.5)
    parts.push(
      `<g class="deployment" data-version="${escapeXml(s.version)}">` +
        `<text class="version" x="${LEFT - 10}" y="${y + 17}" text-anchor="end" font-size="14">${escapeXml(s.version)}</text>` +
        `<rect x="${x0}" y="${y}" width="${x1 - x0}" height="${BAR}" rx="3" fill="${colour}"><title>${escapeXml(`${s.version}: active ${range}`)}</title></rect>` +
        (s.until === undefined ? `<polygon class="open-end" points="${x1},${y - 3} ${x1 + 10},${y + BAR / 2} ${x1},${y + BAR + 3}" fill="${colour}"/>` : '') +
        `<text class="range" x="${labelX}" y="${y + 17}" font-size="13" fill="${inside ? 'white' : '#222'}">${escapeXml(label)}</text>` +
        '</g>'
    )
  })
  parts.push(`<line class="axis" x1="${LEFT}" y1="${axisY}" x2="${WIDTH - RIGHT}" y2="${axisY}" stroke="#333"/>`)
  for (const t of ticks) {
    const tx = x(t)
    parts.push(
      `<g class="tick"><line x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 6}" stroke="#333"/>` +
        `<text x="${tx}" y="${axisY + 21}" text-anchor="middle" font-size="12">${t}</text></g>`
    )
  }
  parts.push(`<text class="axis-label" x="${LEFT + plot / 2}" y="${axisY + 40}" text-anchor="middle" font-size="13" fill="#444">epoch</text>`)
  if (options.marker !== undefined && options.marker >= from && options.marker <= to) {
    const mx = x(options.marker)
    parts.push(
      `<g class="marker"><line x1="${mx}" y1="${TOP - 4}" x2="${mx}" y2="${axisY}" stroke="#c0392b" stroke-width="2" stroke-dasharray="6 4"/>` +
        `<text x="${mx}" y="${TOP - 8}" text-anchor="middle" font-size="13" fill="#c0392b">epoch ${options.marker}</text></g>`
    )
  }
  parts.push(
    `<g class="legend" font-size="13">` +
      `<rect x="${LEFT}" y="${legendY - 11}" width="22" height="12" fill="hsl(200,55%,48%)"/>` +
      `<text x="${LEFT + 30}" y="${legendY}">active deployment: from its valid_from until the next one starts</text>` +
      `<polygon points="${LEFT + 560},${legendY - 12} ${LEFT + 570},${legendY - 5} ${LEFT + 560},${legendY + 2}" fill="#555"/>` +
      `<text x="${LEFT + 578}" y="${legendY}">still active at the end</text>` +
      `<line x1="${LEFT + 770}" y1="${legendY - 12}" x2="${LEFT + 770}" y2="${legendY + 2}" stroke="#c0392b" stroke-width="2" stroke-dasharray="4 3"/>` +
      `<text x="${LEFT + 778}" y="${legendY}">the epoch asked about (--epoch)</text>` +
      '</g>'
  )
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">\n  ${parts.join('\n  ')}\n</svg>\n`
}
