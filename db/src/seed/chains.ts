import type { Sql } from '../sql';
import { insertRows } from './db';

export type Segment = 'upstream' | 'midstream' | 'downstream';
/** How the demo wants the node to come out of gap analysis; the enterprise generator makes it so. */
export type Strength = 'strong' | 'weak' | 'missing';

interface NodeSpec {
  name: string;
  segment: Segment;
  parent?: string;
  strength: Strength;
  inPlan?: boolean;
  benchmarkCount: number;
  benchmarkOutput: number;
  /** GB/T 4754-2017 class of enterprises at this node. */
  industry: string;
  /** Words for invented enterprise names at this node. */
  words: string[];
  /** What a project at this node produces, for invented project names. */
  product: string;
}

interface ChainSpec {
  code: string;
  name: string;
  description: string;
  leader: number;
  department: string;
  /** Where local enterprises of this chain sit (region codes) and where its projects land (park keys). */
  regions: [string, number][];
  parks: [string, number][];
  /** Where candidate enterprises come from (city keys, see enterprises.ts). */
  cities: [string, number][];
  team: string;
  nodes: NodeSpec[];
}

// Official ids are 1-based positions in names.OFFICIALS: 1 leads soybean and NEV parts (the demo chain leader).
export const CHAINS: ChainSpec[] = [
  {
    code: 'soybean', name: '大豆食品产业链', leader: 1, department: '市农业农村局', team: '大豆食品产业链招商专班',
    description: '从良种繁育、专用大豆种植到初级加工、综合利用和深度开发的全链条（合成演示数据）。',
    regions: [['411403', 35], ['411423', 15], ['411424', 12], ['411421', 8], ['411426', 12], ['411425', 10], ['411481', 8]],
    parks: [['soy', 40], ['ningling', 20], ['xiayi', 12], ['yucheng', 10], ['gusong', 10], ['yongcheng', 8]],
    cities: [['zhengzhou', 16], ['qingdao', 12], ['beijing', 10], ['tianjin', 8], ['shanghai', 10], ['guangzhou', 6], ['hefei', 6], ['wuhan', 8], ['xian', 6], ['changsha', 6], ['nanjing', 6], ['hangzhou', 6]],
    nodes: [
      { name: '良种繁育', segment: 'upstream', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 8000, industry: 'A0511', words: ['种业', '农业科技'], product: '高油高蛋白大豆良种繁育基地' },
      { name: '专用大豆种植', segment: 'upstream', parent: '良种繁育', strength: 'strong', benchmarkCount: 5, benchmarkOutput: 30000, industry: 'A0121', words: ['农业发展', '生态农业'], product: '优质专用大豆种植基地' },
      { name: '初级加工', segment: 'midstream', parent: '专用大豆种植', strength: 'strong', benchmarkCount: 4, benchmarkOutput: 80000, industry: 'C1331', words: ['粮油', '油脂'], product: '大豆压榨及精炼油' },
      { name: '传统豆制品', segment: 'midstream', parent: '初级加工', strength: 'strong', benchmarkCount: 5, benchmarkOutput: 40000, industry: 'C1392', words: ['豆制品', '食品'], product: '传统豆制品及休闲豆干' },
      { name: '综合利用', segment: 'midstream', parent: '初级加工', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 50000, industry: 'C1399', words: ['生物科技', '农副产品'], product: '豆渣豆皮综合利用' },
      { name: '豆粕饲料', segment: 'midstream', parent: '综合利用', strength: 'strong', benchmarkCount: 3, benchmarkOutput: 60000, industry: 'C1329', words: ['饲料', '牧业科技'], product: '豆粕高端饲料' },
      { name: '深度开发', segment: 'downstream', parent: '综合利用', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 60000, industry: 'C1499', words: ['食品科技', '健康食品'], product: '大豆精深加工' },
      { name: '大豆蛋白', segment: 'downstream', parent: '深度开发', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 50000, industry: 'C1495', words: ['植物蛋白', '蛋白科技'], product: '大豆分离蛋白' },
      { name: '大豆卵磷脂', segment: 'downstream', parent: '深度开发', strength: 'missing', benchmarkCount: 2, benchmarkOutput: 20000, industry: 'C1495', words: ['磷脂科技', '生物工程'], product: '大豆卵磷脂' },
      { name: '大豆异黄酮', segment: 'downstream', parent: '深度开发', strength: 'missing', benchmarkCount: 2, benchmarkOutput: 15000, industry: 'C1491', words: ['生物医药', '天然产物'], product: '大豆异黄酮提取' },
      { name: '大豆膳食纤维', segment: 'downstream', parent: '深度开发', strength: 'weak', benchmarkCount: 2, benchmarkOutput: 12000, industry: 'C1492', words: ['营养科技', '健康产业'], product: '大豆膳食纤维' },
      { name: '大豆肽', segment: 'downstream', parent: '深度开发', strength: 'missing', inPlan: false, benchmarkCount: 1, benchmarkOutput: 10000, industry: 'C1491', words: ['生物肽', '生命科学'], product: '大豆低聚肽' },
    ],
  },
  {
    code: 'nev_parts', name: '新能源汽车零部件产业链', leader: 1, department: '市工业和信息化局', team: '新能源汽车零部件产业链招商专班',
    description: '锂电材料、动力电池、电驱电控、线束与轻量化结构件到整车改装和充换电（合成演示数据）。',
    regions: [['411499', 40], ['411402', 25], ['411403', 25], ['411425', 10]],
    parks: [['nev', 35], ['liangyuan', 15], ['liangyuan_zn', 10], ['gusong', 20], ['enclave', 20]],
    cities: [['shanghai', 12], ['suzhou', 14], ['wuxi', 10], ['ningbo', 10], ['hefei', 14], ['shenzhen', 14], ['dongguan', 8], ['guangzhou', 6], ['changsha', 6], ['wuhan', 6], ['xian', 6], ['chengdu', 4], ['tianjin', 4], ['beijing', 4]],
    nodes: [
      { name: '核心材料', segment: 'upstream', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 60000, industry: 'C3985', words: ['新材料', '新能源材料'], product: '新能源汽车关键材料' },
      { name: '正极材料', segment: 'upstream', parent: '核心材料', strength: 'weak', benchmarkCount: 2, benchmarkOutput: 80000, industry: 'C3985', words: ['锂电材料', '新能源科技'], product: '磷酸铁锂正极材料' },
      { name: '负极材料', segment: 'upstream', parent: '核心材料', strength: 'missing', benchmarkCount: 2, benchmarkOutput: 60000, industry: 'C3091', words: ['碳素新材料', '石墨科技'], product: '人造石墨负极材料' },
      { name: '电解液与隔膜', segment: 'upstream', parent: '核心材料', strength: 'missing', benchmarkCount: 2, benchmarkOutput: 40000, industry: 'C2669', words: ['电池材料', '化学科技'], product: '锂电池电解液及隔膜' },
      { name: '关键零部件', segment: 'midstream', parent: '核心材料', strength: 'strong', benchmarkCount: 4, benchmarkOutput: 100000, industry: 'C3670', words: ['汽车零部件', '汽配'], product: '新能源汽车关键零部件' },
      { name: '动力电池', segment: 'midstream', parent: '关键零部件', strength: 'weak', benchmarkCount: 2, benchmarkOutput: 150000, industry: 'C3841', words: ['动力电池', '储能科技'], product: '动力及储能电池' },
      { name: '电驱电控', segment: 'midstream', parent: '关键零部件', strength: 'missing', benchmarkCount: 2, benchmarkOutput: 80000, industry: 'C3812', words: ['电驱动', '电机科技'], product: '电驱动总成' },
      { name: '线束与连接器', segment: 'midstream', parent: '关键零部件', strength: 'strong', benchmarkCount: 4, benchmarkOutput: 60000, industry: 'C3831', words: ['线束', '电连接技术'], product: '高压线束及连接器' },
      { name: '轻量化结构件', segment: 'midstream', parent: '关键零部件', strength: 'strong', benchmarkCount: 3, benchmarkOutput: 50000, industry: 'C3670', words: ['精密部件', '轻量化科技'], product: '铝合金轻量化结构件' },
      { name: '整车与后市场', segment: 'downstream', parent: '关键零部件', strength: 'weak', benchmarkCount: 2, benchmarkOutput: 100000, industry: 'C3612', words: ['新能源汽车', '汽车科技'], product: '新能源商用车' },
      { name: '专用车改装', segment: 'downstream', parent: '整车与后市场', strength: 'strong', benchmarkCount: 3, benchmarkOutput: 60000, industry: 'C3630', words: ['专用汽车', '汽车制造'], product: '新能源专用车' },
      { name: '充换电设施', segment: 'downstream', parent: '整车与后市场', strength: 'weak', benchmarkCount: 2, benchmarkOutput: 30000, industry: 'C3829', words: ['充电科技', '智慧能源'], product: '充换电设备' },
      { name: '动力电池回收利用', segment: 'downstream', parent: '整车与后市场', strength: 'missing', inPlan: false, benchmarkCount: 1, benchmarkOutput: 20000, industry: 'C4210', words: ['再生资源', '循环科技'], product: '退役动力电池梯次利用' },
    ],
  },
  {
    code: 'refrigeration', name: '制冷装备产业链', leader: 2, department: '市工业和信息化局', team: '制冷装备产业链招商专班',
    description: '以民权为核心：基础材料、压缩机与换热器等核心零部件、冷柜冷藏车整机到冷链服务（合成演示数据）。',
    regions: [['411421', 70], ['411402', 10], ['411403', 10], ['411423', 10]],
    parks: [['minquan', 70], ['gusong', 15], ['ningling', 15]],
    cities: [['qingdao', 16], ['hefei', 14], ['foshan', 12], ['hangzhou', 10], ['ningbo', 10], ['guangzhou', 8], ['shanghai', 8], ['suzhou', 8], ['wuxi', 6], ['zhengzhou', 8]],
    nodes: [
      { name: '基础材料', segment: 'upstream', strength: 'strong', benchmarkCount: 3, benchmarkOutput: 50000, industry: 'C3261', words: ['金属材料', '板材'], product: '制冷用金属材料' },
      { name: '铜管与钢板', segment: 'upstream', parent: '基础材料', strength: 'strong', benchmarkCount: 3, benchmarkOutput: 60000, industry: 'C3261', words: ['铜业', '金属制品'], product: '精密铜管及彩涂钢板' },
      { name: '保温发泡材料', segment: 'upstream', parent: '基础材料', strength: 'strong', benchmarkCount: 3, benchmarkOutput: 30000, industry: 'C2924', words: ['保温材料', '新型材料'], product: '聚氨酯保温发泡材料' },
      { name: '核心零部件', segment: 'midstream', parent: '基础材料', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 60000, industry: 'C3464', words: ['制冷配件', '冷机部件'], product: '制冷核心零部件' },
      { name: '压缩机', segment: 'midstream', parent: '核心零部件', strength: 'missing', benchmarkCount: 2, benchmarkOutput: 100000, industry: 'C3442', words: ['压缩机', '动力机械'], product: '变频制冷压缩机' },
      { name: '换热器', segment: 'midstream', parent: '核心零部件', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 40000, industry: 'C3464', words: ['换热设备', '热交换'], product: '微通道换热器' },
      { name: '电子控制器', segment: 'midstream', parent: '核心零部件', strength: 'missing', benchmarkCount: 2, benchmarkOutput: 20000, industry: 'C3990', words: ['智能控制', '电子科技'], product: '制冷智能控制器' },
      { name: '整机制造', segment: 'downstream', parent: '核心零部件', strength: 'strong', benchmarkCount: 5, benchmarkOutput: 200000, industry: 'C3464', words: ['制冷设备', '冷链装备'], product: '制冷整机' },
      { name: '冷藏冷冻箱柜', segment: 'downstream', parent: '整机制造', strength: 'strong', benchmarkCount: 5, benchmarkOutput: 150000, industry: 'C3851', words: ['电器', '冷柜'], product: '冷藏冷冻箱柜' },
      { name: '冷藏车', segment: 'downstream', parent: '整机制造', strength: 'strong', benchmarkCount: 4, benchmarkOutput: 120000, industry: 'C3630', words: ['冷藏车', '专用车辆'], product: '冷藏保温车' },
      { name: '商用制冷设备', segment: 'downstream', parent: '整机制造', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 60000, industry: 'C3464', words: ['商用制冷', '冷链科技'], product: '商超冷链展示柜' },
      { name: '冷链物流服务', segment: 'downstream', parent: '整机制造', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 30000, industry: 'G5930', words: ['冷链物流', '供应链管理'], product: '冷链物流中心' },
      { name: '智能冷库', segment: 'downstream', parent: '整机制造', strength: 'missing', inPlan: false, benchmarkCount: 1, benchmarkOutput: 20000, industry: 'C3464', words: ['智能冷库', '低碳制冷'], product: '装配式智能冷库' },
    ],
  },
  {
    code: 'superhard', name: '超硬材料产业链', leader: 3, department: '市发展改革委', team: '超硬材料产业链招商专班',
    description: '以柘城为核心：石墨触媒与压机装备、金刚石单晶与微粉合成、培育钻石到金刚石工具和功能材料（合成演示数据）。',
    regions: [['411424', 75], ['411499', 10], ['411403', 10], ['411426', 5]],
    parks: [['zhecheng', 70], ['liangyuan', 15], ['gusong', 15]],
    cities: [['zhengzhou', 20], ['changsha', 12], ['beijing', 8], ['shanghai', 10], ['shenzhen', 12], ['suzhou', 8], ['chengdu', 8], ['xian', 8], ['nanjing', 6], ['wuhan', 8]],
    nodes: [
      { name: '原辅材料', segment: 'upstream', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 30000, industry: 'C3091', words: ['石墨', '碳材料'], product: '超硬材料原辅料' },
      { name: '石墨与触媒', segment: 'upstream', parent: '原辅材料', strength: 'weak', benchmarkCount: 2, benchmarkOutput: 20000, industry: 'C3091', words: ['触媒材料', '石墨制品'], product: '高纯石墨及触媒' },
      { name: '六面顶压机', segment: 'upstream', parent: '原辅材料', strength: 'missing', benchmarkCount: 2, benchmarkOutput: 30000, industry: 'C3429', words: ['重工机械', '压机装备'], product: '大腔体六面顶压机' },
      { name: '合成', segment: 'midstream', parent: '原辅材料', strength: 'strong', benchmarkCount: 4, benchmarkOutput: 100000, industry: 'C3099', words: ['超硬材料', '金刚石'], product: '超硬材料合成' },
      { name: '人造金刚石单晶', segment: 'midstream', parent: '合成', strength: 'strong', benchmarkCount: 5, benchmarkOutput: 150000, industry: 'C3099', words: ['金刚石', '晶体材料'], product: '人造金刚石单晶' },
      { name: '金刚石微粉', segment: 'midstream', parent: '合成', strength: 'strong', benchmarkCount: 5, benchmarkOutput: 80000, industry: 'C3099', words: ['微粉', '磨料磨具'], product: '金刚石微粉' },
      { name: 'CVD培育钻石', segment: 'midstream', parent: '合成', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 60000, industry: 'C3099', words: ['晶钻科技', '培育钻石'], product: 'CVD培育钻石' },
      { name: '立方氮化硼', segment: 'midstream', parent: '合成', strength: 'missing', benchmarkCount: 2, benchmarkOutput: 30000, industry: 'C3099', words: ['氮化硼', '超硬科技'], product: '立方氮化硼' },
      { name: '制品', segment: 'downstream', parent: '合成', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 60000, industry: 'C3321', words: ['超硬工具', '精密工具'], product: '超硬材料制品' },
      { name: '金刚石工具', segment: 'downstream', parent: '制品', strength: 'weak', benchmarkCount: 3, benchmarkOutput: 40000, industry: 'C3321', words: ['工具', '刃具'], product: '金刚石锯片及钻头' },
      { name: '培育钻石首饰', segment: 'downstream', parent: '制品', strength: 'weak', benchmarkCount: 2, benchmarkOutput: 30000, industry: 'C2438', words: ['珠宝', '首饰'], product: '培育钻石首饰' },
      { name: '金刚石功能材料', segment: 'downstream', parent: '制品', strength: 'missing', inPlan: false, benchmarkCount: 1, benchmarkOutput: 20000, industry: 'C3985', words: ['功能材料', '半导体材料'], product: '金刚石散热片及半导体衬底' },
    ],
  },
];

export interface ChainNode {
  id: number;
  chainId: number;
  chainCode: string;
  parentId: number | null;
  name: string;
  segment: Segment;
  sortOrder: number;
  strength: Strength;
  inPlan: boolean;
  benchmarkCount: number;
  benchmarkOutput: number;
  industry: string;
  words: string[];
  product: string;
}

export interface Chain {
  id: number;
  code: string;
  name: string;
  leader: number;
  department: string;
  team: string;
  regions: [string, number][];
  parks: [string, number][];
  cities: [string, number][];
  nodes: ChainNode[];
}

export function planChains(): Chain[] {
  let nodeId = 0;
  return CHAINS.map((spec, ci) => {
    const ids = new Map<string, number>();
    const nodes = spec.nodes.map((n, i): ChainNode => {
      ids.set(n.name, ++nodeId);
      return {
        id: nodeId, chainId: ci + 1, chainCode: spec.code, parentId: n.parent ? ids.get(n.parent)! : null, name: n.name,
        segment: n.segment, sortOrder: i + 1, strength: n.strength, inPlan: n.inPlan ?? true,
        benchmarkCount: n.benchmarkCount, benchmarkOutput: n.benchmarkOutput, industry: n.industry, words: n.words, product: n.product,
      };
    });
    return { id: ci + 1, code: spec.code, name: spec.name, leader: spec.leader, department: spec.department, team: spec.team,
      regions: spec.regions, parks: spec.parks, cities: spec.cities, nodes };
  });
}

export async function insertChains(sql: Sql, chains: Chain[]): Promise<void> {
  await insertRows(sql, 'chain', { id: 'int', code: 'text', name: 'text', description: 'text', leader_official_id: 'int', lead_department: 'text' },
    chains.map((c, i) => ({ id: c.id, code: c.code, name: c.name, description: CHAINS[i].description, leader_official_id: c.leader, lead_department: c.department })));
  // Parents precede children in each list, so one ordered batch satisfies the self-reference.
  await insertRows(sql, 'chain_node', {
    id: 'int', chain_id: 'int', parent_id: 'int', name: 'text', segment: 'chain_segment', sort_order: 'int',
    in_local_plan: 'boolean', benchmark_count: 'int', benchmark_output: 'numeric', industry_code: 'text', keywords: 'text[]',
  }, chains.flatMap((c) => c.nodes.map((n) => ({
    id: n.id, chain_id: n.chainId, parent_id: n.parentId, name: n.name, segment: n.segment, sort_order: n.sortOrder,
    in_local_plan: n.inPlan, benchmark_count: n.benchmarkCount, benchmark_output: n.benchmarkOutput,
    industry_code: n.industry, keywords: n.words,
  }))));
}
