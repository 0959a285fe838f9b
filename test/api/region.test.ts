import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createTestApi, type TestApi } from '../support/api';

let api: TestApi;
beforeAll(async () => { api = await createTestApi(); });
afterAll(() => api.close());

describe('regions', () => {
  it('lists the city with its districts and counties (GB/T 2260)', async () => {
    const r = await api.gql('integrator', `{ regions(filter: { codePrefix: "4114", level: CITY }) { nodes { code name children { code name parent { code } } } } }`);
    const [city] = r.data.regions.nodes;
    expect(city).toMatchObject({ code: '411400', name: '商丘市' });
    const names = city.children.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['梁园区', '睢阳区', '永城市', '虞城县', '民权县', '宁陵县', '睢县', '夏邑县', '柘城县', '商丘市城乡一体化示范区']));
    expect(city.children.every((c: { parent: { code: string } }) => c.parent.code === '411400')).toBe(true);
  });

  it('lists the parks of a region, a city including its districts', async () => {
    const [d] = await api.sql(`SELECT r.id, count(p.id)::int AS n FROM region r JOIN park p ON p.region_id = r.id GROUP BY r.id ORDER BY n DESC LIMIT 1`);
    const [{ n: all }] = await api.sql(`SELECT count(*)::int AS n FROM park`);
    const r = await api.gql('planner', `query($id: ID!) { region(id: $id) { parks { id } } regions(filter: { level: CITY }) { nodes { parks { id } } } }`, { id: String(d.id) });
    expect(r.data.region.parks).toHaveLength(d.n);
    expect(r.data.regions.nodes[0].parks).toHaveLength(all);
  });

  it('finds the region containing a point and measures areas geodesically', async () => {
    const [s] = await api.sql(`SELECT id, ST_Area(boundary::geography) / (10000.0/15) AS mu FROM region WHERE name = '睢阳区'`);
    const r = await api.gql('planner', `{ regions(filter: { near: { lon: 115.65, lat: 34.38, meters: 1 }, level: DISTRICT }) { nodes { id name areaMu } } }`);
    expect(r.data.regions.nodes.map((x: { name: string }) => x.name)).toEqual(['睢阳区']);
    expect(r.data.regions.nodes[0].areaMu).toBeCloseTo(Number(s.mu), 3);
    expect(codes(await api.gql('planner', `{ region(id: "abc") { id } }`))).toEqual(['INVALID_ARGUMENT']);
  });
});
