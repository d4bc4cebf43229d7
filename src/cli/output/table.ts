import type { Style } from './style.js'

/** A cell: its text, and optionally how to paint it once padded (colour codes take no columns). */
export type Cell = string | { text: string; paint: (padded: string) => string }

const textOf = (cell: Cell) => (typeof cell === 'string' ? cell : cell.text)

/** Visible width: code points, so ✓ and → count one column each. */
const width = (text: string) => [...text].length

/** Aligned columns, two spaces apart, the header dimmed; the last column is not padded. */
export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[], style: Style): string {
  const widths = header.map((title, column) => Math.max(width(title), ...rows.map((row) => width(textOf(row[column] ?? '')))))
  const line = (cells: readonly Cell[]) =>
    cells
      .map((cell, column) => {
        const text = textOf(cell)
        const padded = column === cells.length - 1 ? text : text + ' '.repeat((widths[column] ?? 0) - width(text))
        return typeof cell === 'string' ? padded : cell.paint(padded)
      })
      .join('  ')
      .trimEnd()
  return [style.paint('dim', line(header)), ...rows.map(line)].join('\n') + '\n'
}
