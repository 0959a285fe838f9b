import { createHash } from 'node:crypto';
import { encodeBase64, hashSync } from 'bcryptjs';
import type { Sql } from '../sql';
import { insertRows } from './db';
import type { Unit } from './people';
import type { Rng } from './random';

export interface DemoUser {
  id: number;
  username: string;
  displayName: string;
  role: 'admin' | 'planner' | 'chain_leader' | 'bureau' | 'district' | 'integrator';
  unitId: number | null;
  officialId: number | null;
  password: boolean;
  chains: number[];
}

/**
 * bcrypt salts are normally random; here the salt comes from the seed so that two runs with the same
 * seed produce byte-identical rows. Computed once: cost 10 takes ~100 ms in bcryptjs.
 */
export function demoPasswordHash(password: string, rng: Rng): string {
  const salt = Array.from({ length: 16 }, () => rng.int(0, 255));
  return hashSync(password, `$2b$10$${encodeBase64(salt, 16)}`);
}

export const apiKeyHash = (key: string): string => createHash('sha256').update(key).digest('hex');

export function planUsers(units: Unit[], chainLeaderOfficialId: number, chainIds: number[]): DemoUser[] {
  const liangyuan = units.find((u) => u.code === 'U411402')!;
  return [
    { id: 1, username: 'admin', displayName: '系统管理员', role: 'admin', unitId: null, officialId: null, password: true, chains: [] },
    { id: 2, username: 'planner', displayName: '规划局 · 王规划', role: 'planner', unitId: null, officialId: null, password: true, chains: [] },
    { id: 3, username: 'chainlead', displayName: '大豆食品产业链链长', role: 'chain_leader', unitId: null, officialId: chainLeaderOfficialId, password: true, chains: chainIds },
    { id: 4, username: 'bureau', displayName: '市商务局招商科', role: 'bureau', unitId: null, officialId: null, password: true, chains: [] },
    { id: 5, username: 'liangyuan', displayName: '梁园区招商服务中心', role: 'district', unitId: liangyuan.id, officialId: null, password: true, chains: [] },
    { id: 6, username: 'integrator', displayName: '数据集成接口（演示）', role: 'integrator', unitId: null, officialId: null, password: false, chains: [] },
  ];
}

export async function insertUsers(sql: Sql, users: DemoUser[], passwordHash: string, demoPassword: string, apiKey: string): Promise<void> {
  await insertRows(sql, 'app_user', {
    id: 'int', username: 'text', display_name: 'text', role: 'user_role', password_hash: 'text',
    unit_id: 'int', official_id: 'int', is_demo: 'boolean', demo_password: 'text',
  }, users.map((u) => ({
    id: u.id, username: u.username, display_name: u.displayName, role: u.role,
    password_hash: u.password ? passwordHash : null,
    unit_id: u.unitId, official_id: u.officialId, is_demo: true, demo_password: u.password ? demoPassword : null,
  })));
  // Accounts without a password sign in by API key only; the demo key is read-only and stored hashed like any other.
  await insertRows(sql, 'api_key', { name: 'text', user_id: 'int', key_hash: 'text', key_prefix: 'text' },
    users.filter((u) => !u.password).map((u) => ({ name: 'demo integrator key', user_id: u.id, key_hash: apiKeyHash(apiKey), key_prefix: apiKey.slice(0, 8) })));
  await insertRows(sql, 'user_chain', { user_id: 'int', chain_id: 'int' },
    users.flatMap((u) => u.chains.map((c) => ({ user_id: u.id, chain_id: c }))));
}
