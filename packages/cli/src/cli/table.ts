import { visibleLength } from './style.js';

/** Splits text into lines of at most `width` visible characters, at spaces where possible. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line === '') line = word;
      else if (visibleLength(line) + 1 + visibleLength(word) <= width) line += ` ${word}`;
      else {
        out.push(line);
        line = word;
      }
      // A single word longer than the width (a URL, a path) is cut rather than overflowing.
      while (visibleLength(line) > width && !line.includes('\u001b')) {
        out.push(line.slice(0, width));
        line = line.slice(width);
      }
    }
    out.push(line);
  }
  return out;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

/**
 * A plain text table: every column as wide as its widest cell, the last one wrapped to what is
 * left of `width` (continuation lines aligned under it). Cells may hold colour codes and `\n`.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], options: { readonly width: number; readonly indent?: number; readonly header?: (text: string) => string }): string {
  const indent = ' '.repeat(options.indent ?? 2);
  const columns = headers.length;
  const widths = headers.map((header, i) => (i === columns - 1 ? 0 : Math.max(visibleLength(header), ...rows.map((row) => visibleLength(row[i] ?? '')))));
  const lead = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0);
  const lastWidth = Math.max(24, options.width - indent.length - lead);
  const lines: string[] = [];
  const emit = (cells: readonly string[], decorate: (text: string) => string = (t) => t): void => {
    const first = cells.slice(0, -1).map((cell, i) => pad(cell, widths[i] ?? 0) + '  ');
    const last = wrap(cells[columns - 1] ?? '', lastWidth);
    lines.push(decorate(`${indent}${first.join('')}${last[0] ?? ''}`.trimEnd()));
    for (const more of last.slice(1)) lines.push(`${indent}${' '.repeat(lead)}${more}`.trimEnd());
  };
  emit(headers, options.header);
  for (const row of rows) emit(row);
  return lines.join('\n');
}
