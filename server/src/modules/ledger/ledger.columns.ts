/**
 * The project ledger (项目台账) as a bureau keeps it: one row per project, or per fund arrival when a project
 * has several (later rows of the same 项目编号 may leave the project columns blank). Same columns in XLSX and CSV.
 */
export interface LedgerColumn { key: LedgerKey; header: string; note: string; example: string }

export type LedgerKey =
  | 'code' | 'name' | 'unit' | 'category' | 'park' | 'region' | 'agreed' | 'planned' | 'fixedAsset' | 'foreign' | 'landMu'
  | 'uscc' | 'registeredOn' | 'lead' | 'negotiating' | 'signed' | 'started' | 'completed' | 'in_production' | 'at_capacity' | 'terminated'
  | 'arrivedOn' | 'amount' | 'amountForeign' | 'kind' | 'evidenceRef';

export const LEDGER_COLUMNS: LedgerColumn[] = [
  { key: 'code', header: '项目编号', note: '必填；再次导入按编号匹配', example: 'SQ2026-001' },
  { key: 'name', header: '项目名称', note: '必填（同一项目的后续资金行可空）', example: '年产10万吨大豆蛋白项目' },
  { key: 'unit', header: '引荐单位', note: '考核单位名称或代码', example: '梁园区' },
  { key: 'category', header: '项目类别', note: '考核类别名称或代码（如 制造业 / manufacturing）', example: '制造业' },
  { key: 'park', header: '所在园区', note: '可空；园区名称', example: '' },
  { key: 'region', header: '所在区县', note: '可空；行政区名称或代码', example: '梁园区' },
  { key: 'agreed', header: '协议投资(万元)', note: '≥0，最多两位小数', example: '25000' },
  { key: 'planned', header: '计划总投资(万元)', note: '可空', example: '30000' },
  { key: 'fixedAsset', header: '固定资产投资(万元)', note: '可空', example: '20000' },
  { key: 'foreign', header: '外资(万美元)', note: '可空', example: '0' },
  { key: 'landMu', header: '用地(亩)', note: '可空', example: '120' },
  { key: 'uscc', header: '项目公司统一社会信用代码', note: '18位，GB 32100 校验位；与注册日期同填或同空', example: '' },
  { key: 'registeredOn', header: '公司注册日期', note: 'YYYY-MM-DD', example: '' },
  { key: 'lead', header: '线索日期', note: 'YYYY-MM-DD；各阶段日期须按顺序不倒退', example: '2026-01-05' },
  { key: 'negotiating', header: '在谈日期', note: '', example: '2026-02-10' },
  { key: 'signed', header: '签约日期', note: '', example: '2026-03-18' },
  { key: 'started', header: '开工日期', note: '', example: '' },
  { key: 'completed', header: '竣工日期', note: '', example: '' },
  { key: 'in_production', header: '投产日期', note: '', example: '' },
  { key: 'at_capacity', header: '达产日期', note: '', example: '' },
  { key: 'terminated', header: '终止日期', note: '签约后终止', example: '' },
  { key: 'arrivedOn', header: '到位日期', note: '资金到位：不得早于签约日期', example: '2026-04-02' },
  { key: 'amount', header: '到位金额(万元)', note: '>0，最多两位小数', example: '3000' },
  { key: 'amountForeign', header: '其中外资(万美元)', note: '可空', example: '' },
  { key: 'kind', header: '资金类型', note: '土地出让金 / 固定资产投资 / 注册资本 / 其他', example: '固定资产投资' },
  { key: 'evidenceRef', header: '凭证号', note: '资金到帐凭证编号，有到位金额时必填', example: '豫商银凭字2026第000123号' },
];

export const STAGE_KEYS = ['lead', 'negotiating', 'signed', 'started', 'completed', 'in_production', 'at_capacity', 'terminated'] as const;
export type StageKey = (typeof STAGE_KEYS)[number];

export const FUND_KINDS: Record<string, string> = {
  土地出让金: 'land_transfer', 固定资产投资: 'fixed_asset', 注册资本: 'registered_capital', 其他: 'other',
  land_transfer: 'land_transfer', fixed_asset: 'fixed_asset', registered_capital: 'registered_capital', other: 'other',
};

export const headerOf = (k: LedgerKey) => LEDGER_COLUMNS.find((c) => c.key === k)!.header;
