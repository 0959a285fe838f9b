import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS, type LedgerKey } from './ledger.columns';

/** A ledger row as text by column key, with its row number in the file (header = row 1). */
export interface LedgerRow { row: number; values: Partial<Record<LedgerKey, string>> }

/** Cell values as the text a person sees: dates as YYYY-MM-DD, numbers as written, rich text joined. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v).trim();
}

/** Reads an XLSX (first sheet) or a UTF-8 CSV into rows keyed by the Chinese headers; unknown headers are reported. */
export async function readLedger(buf: Buffer, fileName: string): Promise<{ rows: LedgerRow[]; unknownHeaders: string[]; missingHeaders: string[] }> {
  const wb = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet;
  if (/\.csv$/i.test(fileName)) {
    const text = buf.toString('utf8').replace(/^\uFEFF/, '');
    // Keep every value as text: dates and codes must not be reinterpreted by the CSV reader.
    sheet = await wb.csv.read(Readable.from([text]), { parserOptions: { trim: true }, map: (v: unknown) => v });
  } else {
    await wb.xlsx.load(buf as never);
    sheet = wb.worksheets[0];
    if (!sheet) return { rows: [], unknownHeaders: [], missingHeaders: LEDGER_COLUMNS.map((c) => c.header) };
  }
  const headerRow = sheet.getRow(1);
  const byCol = new Map<number, LedgerKey>();
  const unknownHeaders: string[] = [];
  headerRow.eachCell((cell, col) => {
    const h = cellText(cell.value).replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
    if (!h) return;
    const c = LEDGER_COLUMNS.find((x) => x.header === h);
    if (c) byCol.set(col, c.key); else unknownHeaders.push(h);
  });
  const seen = new Set(byCol.values());
  const missingHeaders = ['code', 'name', 'unit', 'category'].filter((k) => !seen.has(k as LedgerKey)).map((k) => LEDGER_COLUMNS.find((c) => c.key === k)!.header);
  const rows: LedgerRow[] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const values: Partial<Record<LedgerKey, string>> = {};
    for (const [col, key] of byCol) {
      const t = cellText(r.getCell(col).value);
      if (t !== '') values[key] = t;
    }
    if (Object.keys(values).length) rows.push({ row: n, values });
  });
  return { rows, unknownHeaders, missingHeaders };
}

/** The ledger template: the headers, one example row, and a sheet explaining each column. */
export async function ledgerTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目台账');
  ws.addRow(LEDGER_COLUMNS.map((c) => c.header));
  ws.addRow(LEDGER_COLUMNS.map((c) => c.example));
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col) => { col.width = 16; });
  const help = wb.addWorksheet('填写说明');
  help.addRow(['列名', '说明']);
  for (const c of LEDGER_COLUMNS) help.addRow([c.header, c.note]);
  help.getColumn(1).width = 26;
  help.getColumn(2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook of named sheets, each a header row and data rows (exports of rankings, rates and drill-downs). */
export async function workbookOf(sheets: { name: string; title?: string; header: string[]; rows: (string | number | null)[][] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    if (s.title) { ws.addRow([s.title]).font = { bold: true, size: 14 }; }
    ws.addRow(s.header).font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
    ws.columns.forEach((col) => { col.width = 14; });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
