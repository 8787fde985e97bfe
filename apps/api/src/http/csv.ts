import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';

/**
 * A CSV that Excel opens as it is: UTF-8 with a byte-order mark (else Japanese is mojibake), CRLF
 * line ends, fields quoted where they need to be (RFC 4180). A text field Excel would run as a
 * formula (=, +, -, @ …: a request id, a note, a name are the caller's text) is escaped.
 */
export function csvText(
  header: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
): string {
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: 'windows', escape_formulas: true })}`;
}

/** Answers a CSV as a download named `filename`. */
export function sendCsv(res: Response, filename: string, text: string): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  return text;
}
