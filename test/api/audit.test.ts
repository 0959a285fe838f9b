import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createTestApi, type TestApi } from '../support/api';

let api: TestApi;
let projectId: string;
beforeAll(async () => {
  api = await createTestApi();
  const [u] = await api.sql(`SELECT id FROM assessment_unit WHERE kind = 'district' ORDER BY id LIMIT 1`);
  const r = await api.gql('bureau', `mutation($u: ID!) { createProject(input: { name: "审计测试项目", introducingUnitId: $u, categoryCode: "manufacturing", leadOn: "2026-02-01" }) { id } }`, { u: String(u.id) });
  projectId = r.data.createProject.id;
  await api.gql('bureau', `mutation($id: ID!) { updateProject(id: $id, input: { agreedInvestment: 20000 }) { id } }`, { id: projectId });
});
afterAll(() => api.close());

describe('audit trail', () => {
  it('shows every write to a project with who, what, before and after', async () => {
    const r = await api.gql('admin', `query($id: ID!) { auditLog(filter: { entity: "project", entityId: $id }) { totalCount nodes { action actorName before after at } } }`, { id: projectId });
    expect(r.data.auditLog.totalCount).toBe(2);
    const [create, update] = r.data.auditLog.nodes;
    expect(create).toMatchObject({ action: 'create', actorName: 'bureau', before: null });
    expect(update.action).toBe('update');
    expect(update.before.agreedInvestment).toBeNull();
    expect(update.after.agreedInvestment).toBe(20000);
  });

  it('shows other editors only their own writes and integrators nothing', async () => {
    const planner = await api.gql('planner', `query($id: ID!) { auditLog(filter: { entityId: $id, entity: "project" }) { totalCount } }`, { id: projectId });
    expect(planner.data.auditLog.totalCount).toBe(0);
    expect(codes(await api.gql('integrator', `{ auditLog { totalCount } }`))).toEqual(['FORBIDDEN']);
  });

  it('cannot be changed, even with direct SQL', async () => {
    // As the application's role: refused by privileges (see audit-guard.test.ts for the owner and the triggers).
    await expect(api.sql(`UPDATE audit_log SET actor_name = 'someone' WHERE entity_id = $1`, [projectId])).rejects.toThrow(/append-only|permission denied/);
    await expect(api.sql(`DELETE FROM audit_log WHERE entity_id = $1`, [projectId])).rejects.toThrow(/append-only|permission denied/);
  });
});
