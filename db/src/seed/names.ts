import { usccWithCheck } from '../uscc';
import type { Rng } from './random';

// Trade names (字号) are built from uncommon characters so that an invented name is unlikely to be a
// real company's; every enterprise is also flagged synthetic.
const ZIHAO_A = '澜翊溯霁珩玥骁琨昶邃芃砚朔岫沅湛翎瑄珞崧璞澍岑璘曦歆皓煦晟弈';
const ZIHAO_B = '锦岚禾川辰衡泓屹峤祺栎桉曜澈铎翰钧棠芮璟澄嵘颢楷璨淇樾琛珂';

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Keeps every enterprise name and USCC unique across the whole demo. */
export class NameBook {
  private readonly names = new Set<string>();
  private readonly usccs = new Set<string>();

  zihao(rng: Rng): string {
    return rng.pick([...ZIHAO_A]) + rng.pick([...ZIHAO_B]);
  }

  /** `${place}${字号}${word}${suffix}`, retrying the 字号 until the name is new. */
  company(rng: Rng, place: string, word: string, suffix: string): { name: string; zihao: string } {
    for (let attempt = 0; ; attempt++) {
      // Once the two-character pool is crowded (large scales), fall back to three characters.
      const zihao = attempt < 12 ? this.zihao(rng) : this.zihao(rng) + rng.pick([...ZIHAO_B]);
      const name = `${place}${zihao}${word}${suffix}`;
      if (!this.names.has(name)) {
        this.names.add(name);
        return { name, zihao };
      }
      if (attempt > 200) throw new Error(`cannot find a free enterprise name for ${place}${word}`);
    }
  }

  /** A GB 32100 code: '91' (enterprise, company), the region code, nine random characters, the check character. */
  uscc(rng: Rng, regionCode: string): string {
    for (;;) {
      let body = '';
      // Real organisation codes start with a digit or a letter; mix both.
      for (let i = 0; i < 9; i++) body += rng.pick([...USCC_ALPHABET]);
      const code = usccWithCheck(`91${regionCode}${body}`);
      if (!this.usccs.has(code)) {
        this.usccs.add(code);
        return code;
      }
    }
  }
}

// Invented officials; titles follow the roles the seeds describe (链长 at vice-mayor level, 包抓领导, 首席服务官).
export const OFFICIALS: { name: string; title: string; department: string }[] = [
  { name: '赵启明', title: '副市长', department: '市人民政府' },
  { name: '钱伟东', title: '副市长', department: '市人民政府' },
  { name: '孙海峰', title: '副市长', department: '市人民政府' },
  { name: '李文涛', title: '市政府秘书长', department: '市人民政府' },
  { name: '周建国', title: '市发展改革委主任', department: '市发展改革委' },
  { name: '吴立新', title: '市商务局局长', department: '市商务局' },
  { name: '郑晓东', title: '市工业和信息化局局长', department: '市工业和信息化局' },
  { name: '王春华', title: '市农业农村局局长', department: '市农业农村局' },
  { name: '冯雅琴', title: '首席服务官', department: '市商务局外资科' },
  { name: '陈浩宇', title: '首席服务官', department: '梁园区商务局' },
  { name: '褚佳慧', title: '首席服务官', department: '睢阳区商务局' },
  { name: '卫俊峰', title: '首席服务官', department: '示范区招商服务中心' },
  { name: '蒋明轩', title: '首席服务官', department: '民权县商务局' },
  { name: '沈思远', title: '首席服务官', department: '柘城县商务局' },
  { name: '韩卓然', title: '首席服务官', department: '永城市商务局' },
  { name: '杨清和', title: '首席服务官', department: '虞城县商务局' },
];

export const ROADS = ['工业一路', '工业二路', '纬三路', '经四路', '创业大道', '科技大道', '兴业路', '产业大道', '振兴路', '发展大道', '开元路', '物流大道'];
