import type { FigureRow } from './figures';

export interface ServerRows {
  server: string;
  rows: FigureRow[];
}

/** The results as a Markdown table: what the closing note and a reader of the terminal both use. */
export function resultsTable(results: ServerRows[]): string {
  const header = ['server', 'measured', 'through the product', 'baseline', 'ratio', 'target', ''];
  const lines = [header, header.map(() => '---')];
  for (const { server, rows } of results) {
    for (const row of rows) {
      lines.push([
        server,
        row.name,
        row.value,
        row.baseline ?? '',
        row.ratio === undefined ? '' : row.ratio.toFixed(2),
        row.check?.target ?? '',
        row.check ? (row.check.met ? 'met' : 'NOT MET') : '',
      ]);
    }
  }
  return lines
    .map((cells) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`)
    .join('\n');
}
