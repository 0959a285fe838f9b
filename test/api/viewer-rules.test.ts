import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createTestApi, type DemoUser, type TestApi } from '../support/api';

// The web reads these fields instead of repeating the rules; each must agree with what the mutations enforce.
let api: TestApi;
beforeAll(async () => { api = await createTestApi(); });
afterAll(() => api.close());

const PROJECT = `query($id: ID!) { project(id: $id) { stage allowedMoves acceptsFundArrivals viewerCanEdit } }`;

describe('rules the server exposes to the web', () => {
  it('lists the allowed next stages of a project, and moveProjectStage refuses any other', async () => {
    const cases: [string, string[], boolean][] = [
      ['lead', ['NEGOTIATING', 'ELIMINATED'], false],
      ['negotiating', ['SIGNED', 'ELIMINATED'], false],
      ['signed', ['STARTED', 'TERMINATED'], true],
      ['in_production', ['AT_CAPACITY', 'TERMINATED'], true],
      ['at_capacity', [], true],
      ['eliminated', [], false],
      ['terminated', [], true],
    ];
    for (const [stage, moves, funds] of cases) {
      const [p] = await api.sql('SELECT id FROM project WHERE stage = $1 ORDER BY id LIMIT 1', [stage]);
      if (!p) continue;
      const r = await api.gql('bureau', PROJECT, { id: String(p.id) });
      expect(r.errors).toBeUndefined();
      expect(r.data.project).toMatchObject({ allowedMoves: moves, acceptsFundArrivals: funds, viewerCanEdit: true });
    }
    const [lead] = await api.sql(`SELECT id FROM project WHERE stage = 'lead' ORDER BY id LIMIT 1`);
    const bad = await api.gql('bureau', `mutation($id: ID!) { moveProjectStage(id: $id, to: STARTED, on: "2026-01-05") { id } }`, { id: String(lead.id) });
    expect(codes(bad)).toEqual(['ILLEGAL_STAGE_MOVE']);
  });

  it('says whether the viewer may edit a project exactly when updateProject lets them', async () => {
    const [own] = await api.sql(`SELECT p.id FROM project p JOIN app_user u ON u.unit_id = p.introducing_unit_id WHERE u.username = 'liangyuan' ORDER BY p.id LIMIT 1`);
    const [other] = await api.sql(`SELECT p.id FROM project p WHERE p.introducing_unit_id <> (SELECT unit_id FROM app_user WHERE username = 'liangyuan') ORDER BY p.id LIMIT 1`);
    const [chain] = await api.sql(`SELECT p.id FROM project p JOIN chain_node n ON n.id = p.chain_node_id JOIN user_chain uc ON uc.chain_id = n.chain_id JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead' ORDER BY p.id LIMIT 1`);
    const users: DemoUser[] = ['admin', 'bureau', 'liangyuan', 'chainlead', 'planner', 'integrator'];
    for (const id of [own.id, other.id, chain.id]) {
      for (const as of users) {
        const r = await api.gql(as, PROJECT, { id: String(id) });
        const says = r.data.project.viewerCanEdit as boolean;
        // A no-op update (its own agreed investment) is refused with FORBIDDEN exactly when the field says false.
        const [{ agreed }] = await api.sql('SELECT agreed_investment AS agreed FROM project WHERE id = $1', [id]);
        const w = await api.gql(as, `mutation($id: ID!, $a: Float) { updateProject(id: $id, input: { agreedInvestment: $a }) { id } }`, { id: String(id), a: agreed === null ? null : Number(agreed) });
        expect({ as, id, says }).toEqual({ as, id, says: !codes(w).includes('FORBIDDEN') });
      }
    }
  });

  it('says who may edit parks and parcels and who may file projects', async () => {
    const [park] = await api.sql('SELECT id FROM park ORDER BY id LIMIT 1');
    const [parcel] = await api.sql('SELECT id FROM parcel ORDER BY id LIMIT 1');
    const expected: Record<DemoUser, [boolean, boolean]> = {
      admin: [true, true], planner: [true, false], bureau: [false, true], liangyuan: [false, true], chainlead: [false, true], integrator: [false, false],
    };
    for (const [as, [land, create]] of Object.entries(expected) as [DemoUser, [boolean, boolean]][]) {
      const r = await api.gql(as, `query($park: ID!, $parcel: ID!) { park(id: $park) { viewerCanEdit } parcel(id: $parcel) { viewerCanEdit } me { canEditLand canCreateProjects } }`, { park: String(park.id), parcel: String(parcel.id) });
      expect(r.errors).toBeUndefined();
      expect({ as, ...r.data }).toEqual({ as, park: { viewerCanEdit: land }, parcel: { viewerCanEdit: land }, me: as === 'integrator' ? r.data.me : { canEditLand: land, canCreateProjects: create } });
      const w = await api.gql(as, `mutation($id: ID!) { updatePark(id: $id, input: {}) { id } }`, { id: String(park.id) });
      expect({ as, refused: codes(w).includes('FORBIDDEN') }).toEqual({ as, refused: !land });
    }
  });
});
