import { chainZh } from '../i18n/chain';

// The XLSX export of the pipeline: the rows the workspace table shows, with Chinese headers (台账 format).

export interface PipelineRowSource {
  status: string;
  createdOn: string;
  nextAction: string | null;
  nextActionDue: string | null;
  isOverdue: boolean;
  ownerTeam: string | null;
  owner: { name: string } | null;
  enterprise: { name: string; city: string };
  chainNode: { name: string; chain: { name: string } };
  project: { code: string } | null;
  lastActivityOn: string | null;
}

const HEADER_KEYS = [
  'ws.col.chain', 'ws.col.node', 'ws.col.enterprise', 'ws.col.city', 'ws.col.status', 'ws.col.owner', 'ws.col.team',
  'ws.col.nextAction', 'ws.col.due', 'ws.col.overdue', 'ws.col.created', 'ws.col.lastActivity', 'ws.col.project',
] as const;

export const PIPELINE_HEADERS: string[] = HEADER_KEYS.map((k) => chainZh[k]);

/** One array of cell values per target, in PIPELINE_HEADERS order. */
export function pipelineRows(targets: readonly PipelineRowSource[]): (string | null)[][] {
  return targets.map((t) => [
    t.chainNode.chain.name, t.chainNode.name, t.enterprise.name, t.enterprise.city,
    chainZh[`chain.target.${t.status}` as keyof typeof chainZh] ?? t.status,
    t.owner?.name ?? null, t.ownerTeam, t.nextAction, t.nextActionDue, t.isOverdue ? '是' : '否', t.createdOn,
    t.lastActivityOn,
    t.project?.code ?? null,
  ]);
}

/** Builds the workbook with exceljs (loaded only when someone exports) and hands it to the browser as a download. */
export async function downloadPipelineXlsx(targets: readonly PipelineRowSource[], fileName: string): Promise<void> {
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商图谱 Invest Atlas';
  const ws = wb.addWorksheet(chainZh['ws.sheet'], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(PIPELINE_HEADERS);
  ws.getRow(1).font = { bold: true };
  for (const row of pipelineRows(targets)) ws.addRow(row);
  ws.columns.forEach((c, i) => { c.width = [16, 14, 30, 10, 8, 10, 22, 28, 12, 8, 12, 12, 14][i] ?? 12; });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PIPELINE_HEADERS.length } };
  const buffer = await wb.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
