import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { usccWithCheck } from '../../db/src';
import { LEDGER_COLUMNS } from '../../server/src/modules/ledger/ledger.columns';
import { codes, createTestApi, type TestApi } from '../support/api';

let api: TestApi;
const IMPORT = `mutation($f: String!, $c: String!, $dry: Boolean!) { importProjectLedger(fileName: $f, contentBase64: $c, dryRun: $dry) {
  dryRun written rows projects created updated unchanged stageEventsAdded fundArrivalsAdded problems { row column message } } }`;
const H = (key: string) => LEDGER_COLUMNS.find((c) => c.key === key)!.header;
const USCC = usccWithCheck('91411402MA47LDG01');

/** A CSV ledger as a bureau would save it from a spreadsheet (UTF-8 with BOM). */
const csv = (rows: Record<string, string>[]) => {
  const keys = LEDGER_COLUMNS.map((c) => c.key);
  const line = (r: Record<string, string>) => keys.map((k) => r[k] ?? '').join(',');
  return '\uFEFF' + [LEDGER_COLUMNS.map((c) => c.header).join(','), ...rows.map(line)].join('\r\n');
};

const VALID = csv([
  { code: 'LDG-001', name: '台账导入测试大豆蛋白项目', unit: '梁园区', category: '制造业', park: '商丘梁园高新技术产业开发区', agreed: '25000', fixedAsset: '20000', landMu: '100',
    uscc: USCC, registeredOn: '2026-03-20', lead: '2026-01-05', signed: '2026-03-18', started: '2026-05-01',
    arrivedOn: '2026-04-02', amount: '3000', kind: '土地出让金', evidenceRef: '豫凭LDG-A' },
  { code: 'LDG-001', arrivedOn: '2026-06-01', amount: '2000.50', amountForeign: '10', kind: '固定资产投资', evidenceRef: '豫凭LDG-B' },
  { code: 'LDG-002', name: '台账导入测试酒店项目', unit: 'district-411403', category: '四星级以上酒店', agreed: '12000', lead: '2026-02-01', negotiating: '2026-02-15' },
]);

const count = async (sql: string) => (await api.sql(sql))[0].n as number;
const snapshot = async () => ({
  projects: await count(`SELECT count(*)::int AS n FROM project`),
  events: await count(`SELECT count(*)::int AS n FROM project_stage_event`),
  funds: await count(`SELECT count(*)::int AS n FROM fund_arrival`),
  audit: await count(`SELECT count(*)::int AS n FROM audit_log`),
});

beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

describe('project ledger import (项目台账)', () => {
  it('a dry run of a valid ledger reports what it would do and writes nothing', async () => {
    const [u] = await api.sql(`SELECT code FROM assessment_unit WHERE name = '睢阳区'`);
    const file = VALID.replace('district-411403', u.code);
    const before = await snapshot();
    const r = await api.gql('bureau', IMPORT, { f: 'ledger.csv', c: Buffer.from(file).toString('base64'), dry: true });
    expect(r.errors).toBeUndefined();
    expect(r.data.importProjectLedger).toEqual({ dryRun: true, written: false, rows: 3, projects: 2, created: 2, updated: 0, unchanged: 0,
      stageEventsAdded: 5, fundArrivalsAdded: 2, problems: [] }); // LDG-001: 线索, 签约, 开工 + LDG-002: 线索, 在谈
    expect(await snapshot()).toEqual(before);
  });

  it('a real run writes every row in one go; a re-import of the same file changes nothing', async () => {
    const [u] = await api.sql(`SELECT code FROM assessment_unit WHERE name = '睢阳区'`);
    const file = Buffer.from(VALID.replace('district-411403', u.code)).toString('base64');
    const before = await snapshot();
    const r = await api.gql('bureau', IMPORT, { f: 'ledger.csv', c: file, dry: false });
    expect(r.data.importProjectLedger).toMatchObject({ written: true, created: 2, stageEventsAdded: 5, fundArrivalsAdded: 2, problems: [] });
    const after = await snapshot();
    expect(after.projects - before.projects).toBe(2);
    expect(after.events - before.events).toBe(5);
    expect(after.funds - before.funds).toBe(2);
    const [p] = await api.sql(`SELECT p.stage::text, p.agreed_investment::text AS agreed, p.company_uscc AS uscc, p.company_registered_on::text AS reg, u.name AS unit,
        (SELECT array_agg(amount::text ORDER BY arrived_on) FROM fund_arrival f WHERE f.project_id = p.id) AS funds, p.location IS NOT NULL AS placed
      FROM project p JOIN assessment_unit u ON u.id = p.introducing_unit_id WHERE p.code = 'LDG-001'`);
    expect(p).toEqual({ stage: 'started', agreed: '25000.00', uscc: USCC, reg: '2026-03-20', unit: '梁园区', funds: ['3000.00', '2000.50'], placed: true });
    const again = await api.gql('bureau', IMPORT, { f: 'ledger.csv', c: file, dry: false });
    expect(again.data.importProjectLedger).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2, stageEventsAdded: 0, fundArrivalsAdded: 0, problems: [] });
    expect(await snapshot()).toEqual(after); // not even an audit row
  });

  it('reports every problem by row and column and writes nothing (XLSX)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目台账');
    const keys = ['code', 'name', 'unit', 'category', 'agreed', 'uscc', 'registeredOn', 'lead', 'signed', 'started', 'arrivedOn', 'amount', 'evidenceRef'];
    ws.addRow(keys.map(H));
    const rows = [
      ['BAD-1', '坏代码', '梁园区', '制造业', '100', '91411402MA47LDG010', '2026-03-01', '2026-01-01', '', '', '', '', ''],      // row 2: check character
      ['BAD-2', '未知单位', '火星区', '制造业', '100', '', '', '2026-01-01', '', '', '', '', ''],                                 // row 3
      ['BAD-3', '未知类别', '梁园区', '采矿业', '100', '', '', '2026-01-01', '', '', '', '', ''],                                 // row 4
      ['BAD-4', '负数', '梁园区', '制造业', '-5', '', '', '2026-01-01', '', '', '', '', ''],                                      // row 5
      ['BAD-5', '非数字', '梁园区', '制造业', '一百', '', '', '2026-01-01', '', '', '', '', ''],                                  // row 6
      ['BAD-6', '倒序', '梁园区', '制造业', '100', '', '', '2026-01-01', '2026-03-01', '2026-02-01', '', '', ''],                 // row 7
      ['BAD-7', '先到资金', '梁园区', '制造业', '100', '', '', '2026-01-01', '2026-03-01', '', '2026-02-15', '500', '凭证'],      // row 8
      ['OK-8', '正常行', '梁园区', '制造业', '100', '', '', '2026-01-01', '', '', '', '', ''],                                    // row 9
    ];
    for (const r of rows) ws.addRow(r);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await snapshot();
    const r = await api.gql('bureau', IMPORT, { f: 'bad.xlsx', c: buf.toString('base64'), dry: false });
    expect(r.errors).toBeUndefined();
    const report = r.data.importProjectLedger;
    expect(report.written).toBe(false);
    expect(report.problems.map((p: any) => [p.row, p.column])).toEqual([
      [2, H('uscc')], [3, H('unit')], [4, H('category')], [5, H('agreed')], [6, H('agreed')], [7, H('started')], [8, H('arrivedOn')],
    ]);
    expect(report.problems[0].message).toMatch(/check character/);
    expect(report.problems[6].message).toMatch(/before the signing date 2026-03-01/);
    expect(await snapshot()).toEqual(before);
  });

  it('only bureau and admin import; the template lists every column', async () => {
    expect(codes(await api.gql('liangyuan', IMPORT, { f: 'x.csv', c: Buffer.from(VALID).toString('base64'), dry: true }))).toEqual(['FORBIDDEN']);
    const t = await api.gql('bureau', `{ ledgerTemplate { fileName contentBase64 } }`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.data.ledgerTemplate.contentBase64, 'base64') as never);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
  });
});
