// pnpm bench: measures the product's read paths against baselines in the same run, and prints ratios.
//  GraphQL over HTTP: each query shape vs one hand-written SQL statement returning the same JSON (graphql-http.cjs, goal ≥ 0.9×).
//  1. GiST-indexed spatial filters vs the same SQL with index scans disabled (sequential scan baseline).
//  2. Per-request DataLoader batching vs the same resolvers loading one key per query (the N+1 baseline).
//  3. The chain page's and the workspace's GraphQL queries (as the web app sends them) vs plain SQL returning the same rows.
//  4. Vector tiles over HTTP vs the bare statement for each tile (tiles.cjs, goal ≤ 1.1×).
//  5. The assessment ranking through GraphQL vs the same computation as one plain SQL statement (goal ≤ 1.5×).
// Runs on a scratch database `atlas_bench` of the PostgreSQL at DATABASE_URL, seeded with the demo generator at --scale (default 10).
require('reflect-metadata');
const { Client } = require('pg');
const { migrate, seedDemo, DEMO_PASSWORD } = require('../../db/dist');
const { openDatabase } = require('../../server/dist/db/database');
const { ENTITIES } = require('../../server/dist/entities');
const { createAtlas } = require('../../server/dist/app');
const { loadConfig } = require('../../server/dist/config');
const { createContext } = require('../../server/dist/common/context');
const { LoaderRegistry } = require('../../server/dist/common/loaders');
const { QueryCounter } = require('../../server/dist/db/query-counter');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parse, print, visit } = require('graphql');
const RSQL = require('../../server/dist/modules/recruitment/recruitment.sql');
const CSQL = require('../../server/dist/modules/chain/chain.sql');

const ADMIN = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scaleArg = process.argv.indexOf('--scale');
const SCALE = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 10;
// `--only chain` runs section 3 alone (the chain leader pages); `--only http` the GraphQL-over-HTTP section alone;
// `--only ranking` the assessment ranking alone;
// `--only tiles` the vector tiles alone (with --scale 1000: the 800,000-enterprise, 600,000-parcel city).
// `--reuse` keeps an already seeded bench database (migrations still run), to iterate on the server quickly.
// Tiles: `--tile-rounds N` (default 3), `--tile-warmup N` (unmeasured passes first, default 2; 0 for a cold run), `--tile-layers parcels,enterprises`, `--tile-client fetch` (default: node:http keep-alive).
const onlyArg = process.argv.indexOf('--only');
const ONLY = onlyArg > 0 ? process.argv[onlyArg + 1] : null;
const ROUNDS = 15;
const BENCH_DB = process.env.ATLAS_BENCH_DB || 'atlas_bench';
const url = (() => { const u = new URL(ADMIN); u.pathname = `/${BENCH_DB}`; return u.toString(); })();

async function median(fn) {
  await fn(); // warm-up
  const times = [];
  for (let i = 0; i < ROUNDS; i++) { const t = process.hrtime.bigint(); await fn(); times.push(Number(process.hrtime.bigint() - t) / 1e6); }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * Medians of two ways of getting the same rows, measured in alternation (the order flips every round), so a busy
 * moment on a shared machine falls on both sides rather than on whichever ran second.
 */
async function pairedMedians(a, b, rounds = 21) {
  await a(); await b(); // warm-up
  const ta = []; const tb = [];
  const time = async (fn, into) => { const t = process.hrtime.bigint(); await fn(); into.push(Number(process.hrtime.bigint() - t) / 1e6); };
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) { await time(a, ta); await time(b, tb); } else { await time(b, tb); await time(a, ta); }
  }
  const mid = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return [mid(ta), mid(tb)];
}

/** An operation of the web app with the fragments it spreads, read from web/src so the bench sends what the browser sends. */
function webOperation(name) {
  const files = ['app/ChainPage.graphql', 'components/ChainNodePanel.graphql', 'components/TargetActions.graphql', 'app/WorkspacePage.graphql'];
  const defs = files.flatMap((f) => parse(readFileSync(join(__dirname, '../../web/src', f), 'utf8')).definitions);
  const op = defs.find((d) => d.kind === 'OperationDefinition' && d.name.value === name);
  const wanted = new Set();
  const collect = (node) => visit(node, { FragmentSpread(s) { if (!wanted.has(s.name.value)) { wanted.add(s.name.value); collect(defs.find((d) => d.kind === 'FragmentDefinition' && d.name.value === s.name.value)); } } });
  collect(op);
  return [op, ...defs.filter((d) => d.kind === 'FragmentDefinition' && wanted.has(d.name.value))].map(print).join('\n');
}

const ratioRow = (name, sqlMs, gqlMs, extra = '') =>
  console.log(`${name.padEnd(52)} plain SQL ${sqlMs.toFixed(1).padStart(7)} ms   GraphQL ${gqlMs.toFixed(1).padStart(7)} ms   ${(gqlMs / sqlMs).toFixed(2).padStart(5)}× of SQL ${extra}`);

const row = (name, base, fast, extra = '') =>
  console.log(`${name.padEnd(52)} baseline ${base.toFixed(1).padStart(8)} ms   atlas ${fast.toFixed(1).padStart(8)} ms   ${(base / fast).toFixed(1).padStart(6)}× faster ${extra}`);

async function main() {
  const admin = new Client({ connectionString: ADMIN });
  await admin.connect();
  const reuse = process.argv.includes('--reuse') && (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB])).rowCount === 1;
  if (!reuse) {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  }
  await admin.end();
  const c = new Client({ connectionString: url });
  await c.connect();
  const sql = { query: async (t, p) => (await c.query(t, p)).rows, exec: async (s) => { await c.query(s); } };
  const t0 = Date.now();
  await migrate(sql);
  if (!reuse) {
    const summary = await seedDemo(sql, { scale: SCALE });
    await c.query('ANALYZE');
    console.log(`seeded scale ${SCALE} in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}\n`);
  } else console.log(`reusing the seeded ${BENCH_DB}\n`);
  await c.end();

  if (ONLY === null || ONLY === 'http') {
    // Its own Atlas with the default pool (the sections below use one connection so SET applies to every statement).
    // Ten clients of a 500-row query can hold every pooled connection for longer than the product's 1.5 s connect timeout.
    process.env.ATLAS_DB_CONNECT_TIMEOUT_MS ??= '60000';
    const hdb = await openDatabase({ databaseUrl: url, dataDir: '/tmp/unused', entities: ENTITIES });
    const hatlas = await createAtlas({ ...loadConfig({ DATABASE_URL: url, ATLAS_TOKEN_SECRET: 'bench' }), webDist: null }, hdb);
    const { token } = await hatlas.auth.signIn('bureau', DEMO_PASSWORD);
    const [{ id: chainId }] = await hdb.ds.query('SELECT id FROM chain ORDER BY id LIMIT 1');
    await require('./graphql-http.cjs').benchGraphqlHttp({ atlas: hatlas, url, token, chainPageQuery: webOperation('ChainPageQuery'), chainId, poolSize: 10 });
    await hatlas.stop();
    await hdb.close();
    if (ONLY === 'http') return;
  }

  // One pooled connection so SET applies to every statement of the baseline.
  const db = await openDatabase({ databaseUrl: url, dataDir: '/tmp/unused', poolSize: 1, entities: ENTITIES });
  const config = { ...loadConfig({ DATABASE_URL: url, ATLAS_TOKEN_SECRET: 'bench' }), webDist: null };
  const atlas = await createAtlas(config, db);
  const { user } = await atlas.auth.signIn('bureau', DEMO_PASSWORD);
  const run = async (query, batch = true) => {
    const ctx = createContext(db.ds, atlas.auth, user);
    ctx.loaders = new LoaderRegistry({ batch });
    const res = await atlas.apollo.executeOperation({ query }, { contextValue: ctx });
    if (res.body.singleResult.errors) throw new Error(JSON.stringify(res.body.singleResult.errors));
    return res.body.singleResult.data;
  };
  const seq = async (on) => { await db.ds.query(`SET enable_indexscan = ${on ? 'off' : 'on'}`); await db.ds.query(`SET enable_bitmapscan = ${on ? 'off' : 'on'}`); };

  if (ONLY === 'tiles') {
    await require('./tiles.cjs').benchTiles({ atlas, url });
    await atlas.stop();
    await db.close();
    return;
  }

  if (ONLY !== 'ranking') {
  if (ONLY !== 'chain' && ONLY !== 'http') {
  console.log('1. Spatial filters: GiST index vs sequential scan (same SQL, index scans disabled for the baseline)');
  // Boxes and points taken from the data so every query finds rows.
  const [box] = await db.ds.query(`SELECT ST_XMin(e) x0, ST_YMin(e) y0, ST_XMax(e) x1, ST_YMax(e) y1, ST_X(ST_Centroid(e)) cx, ST_Y(ST_Centroid(e)) cy
    FROM (SELECT ST_Extent(geom)::geometry e FROM parcel WHERE park_id = (SELECT park_id FROM parcel GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)) s`);
  const [district] = await db.ds.query(`SELECT id FROM region WHERE name = '梁园区'`);
  const spatial = [
    ['parcels in the busiest park\'s box (GraphQL bbox)', `{ parcels(first: 500, filter: { bbox: [${box.x0}, ${box.y0}, ${box.x1}, ${box.y1}] }) { totalCount nodes { id areaMu } } }`],
    ['local enterprises within 3 km (GraphQL near filter)', `{ enterprises(first: 500, filter: { isLocal: true, near: { lon: ${box.cx}, lat: ${box.cy}, meters: 3000 } }) { totalCount nodes { id } } }`],
    ['projects within a district (GraphQL withinRegion)', `{ projects(first: 500, filter: { withinRegionId: "${district.id}" }) { totalCount nodes { id } } }`],
  ];
  for (const [name, q] of spatial) {
    await seq(true); const base = await median(() => run(q)); await seq(false);
    const fast = await median(() => run(q));
    const data = await run(q);
    row(name, base, fast, `(${Object.values(data)[0].totalCount} rows)`);
  }

  console.log('\n2. Relations: per-request DataLoader batching vs one query per row (N+1 baseline)');
  const nested = `{ projects(first: 200) { nodes { name investor { name } introducingUnit { name } park { name region { name } } chainNode { name }
    region { name } stageHistory { stage enteredOn } fundArrivals { amount } fundsInPlace } } }`;
  const count = async (batch) => { const r = QueryCounter.run(() => run(nested, batch)); await r.result; return r.counter.count; };
  const [sBase, sFast] = [await count(false), await count(true)];
  const base = await median(() => run(nested, false));
  const fast = await median(() => run(nested, true));
  row('200 projects with 8 nested relations', base, fast, `(${sBase} vs ${sFast} SQL statements)`);
  }

  console.log('\n3. Chain leader pages on the scale-' + SCALE + ' city: the web app\'s GraphQL vs plain SQL returning the same rows (goal ≤ 1.5×; medians of 21 alternating rounds)');
  const lead = (await atlas.auth.signIn('chainlead', DEMO_PASSWORD)).user;
  // As the web app's requests are answered over HTTP: by one compiled statement where the operation compiles (the
  // chain page does), else by the resolvers; the answer read back as a client reads the JSON (as test/support/api.ts).
  const runAs = async (who, query, variables) => {
    const ctx = Object.assign(createContext(db.ds, atlas.auth, who), { compiledReads: true });
    const res = await atlas.apollo.executeOperation({ query, variables }, { contextValue: ctx });
    if (res.body.singleResult.errors) throw new Error(JSON.stringify(res.body.singleResult.errors));
    return JSON.parse(JSON.stringify(res.body.singleResult.data));
  };
  const q = (text, params) => db.ds.query(text, params);
  const chainIds = lead.chainIds;
  const chainId = chainIds[0];
  const [gap] = await q(`SELECT n.id FROM chain_node n WHERE n.chain_id = $1 AND n.in_local_plan AND NOT EXISTS (SELECT 1 FROM enterprise_chain_node x JOIN enterprise e ON e.id = x.enterprise_id AND e.is_local WHERE x.chain_node_id = n.id) ORDER BY n.id LIMIT 1`, [chainId]);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  // The chain page: the chain with its leader and project counts, every node with its parent and local count/output
  // (and what its gap status needs), targets per status.
  const chainSql = async () => {
    const [chain] = await q(`SELECT c.id, c.name, c.lead_department, o.id AS leader_id, o.name AS leader_name, o.title FROM chain c LEFT JOIN official o ON o.id = c.leader_official_id WHERE c.id = $1`, [chainId]);
    const nodes = await q(`SELECT n.id, n.name, n.segment, n.in_local_plan, n.benchmark_count, n.benchmark_output, n.parent_id,
        count(e.id)::int AS local_count, coalesce(sum(x.output) FILTER (WHERE e.id IS NOT NULL), 0)::float8 AS local_output,
        bool_or(count(e.id) > 0 AND n.in_local_plan) OVER () AS chain_present
      FROM chain_node n LEFT JOIN enterprise_chain_node x ON x.chain_node_id = n.id LEFT JOIN enterprise e ON e.id = x.enterprise_id AND e.is_local
      WHERE n.chain_id = $1 GROUP BY n.id ORDER BY n.segment, n.sort_order, n.id`, [chainId]);
    const targets = await q(`SELECT t.status, count(*)::int AS n FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE n.chain_id = $1 GROUP BY 1 ORDER BY 1`, [chainId]);
    const counts = await q(`SELECT count(*) FILTER (WHERE p.stage = 'signed')::int AS signed, count(*) FILTER (WHERE p.stage IN ('started', 'completed', 'in_production', 'at_capacity'))::int AS started
      FROM project p JOIN chain_node n ON n.id = p.chain_node_id WHERE n.chain_id = $1`, [chainId]);
    return { chain, nodes, targets, counts };
  };
  // The node panel: the node with its chain and gap analysis (the product's gap rule, as the workspace baseline reads it),
  // the first 50 local enterprises and projects with their totals, targets with owner/enterprise/activities/project,
  // candidate facts and weights.
  const nodeSql = async () => {
    const [node] = await q(`SELECT n.id, n.name, n.segment, n.benchmark_count, n.benchmark_output, c.id AS chain_id, c.name AS chain_name
      FROM chain_node n JOIN chain c ON c.id = n.chain_id WHERE n.id = $1`, [gap.id]);
    const [stats] = await q(CSQL.CHAIN_NODE_LOCAL_STATS, [[gap.id]]);
    const ents = await q(`SELECT e.id, e.name, e.city, count(*) OVER ()::int AS total FROM enterprise_chain_node x JOIN enterprise e ON e.id = x.enterprise_id AND e.is_local
      WHERE x.chain_node_id = $1 ORDER BY e.id LIMIT 50`, [gap.id]);
    const projects = await q(`SELECT id, code, name, stage, count(*) OVER ()::int AS total FROM project WHERE chain_node_id = $1 ORDER BY id LIMIT 50`, [gap.id]);
    const targets = await q(`SELECT t.*, o.name AS owner_name, e.name AS enterprise_name, e.city,
        (SELECT json_agg(json_build_object('id', a.id, 'kind', a.kind, 'on', a.occurred_on) ORDER BY a.occurred_on, a.id) FROM target_activity a WHERE a.target_id = t.id) AS activities,
        (SELECT json_build_object('id', p.id, 'code', p.code, 'name', p.name) FROM project p WHERE p.target_enterprise_id = t.id ORDER BY p.id LIMIT 1) AS project
      FROM target_enterprise t JOIN enterprise e ON e.id = t.enterprise_id LEFT JOIN official o ON o.id = t.owner_official_id WHERE t.chain_node_id = $1 ORDER BY t.id`, [gap.id]);
    const facts = await q(RSQL.CANDIDATE_FACTS, [[gap.id]]);
    const weights = await q(RSQL.CANDIDATE_WEIGHTS);
    const names = await q(`SELECT id, name, city, source_region, tags FROM enterprise WHERE id = ANY($1::int[])`, [facts.map((f) => f.enterprise_id)]);
    return { node, stats, ents, projects, targets, facts, weights, names };
  };
  // The workspace as the web app loads it: WorkspacePageQuery (cards, gap nodes, owners, counts per status, 20 newest projects with
  // totals, the map per city, the first 30 flags of each list) and WorkspaceBoardQuery (the first 50 rows of the board, counts per status).
  const BOARD_SIZE = 50;
  const wsPageSql = async () => {
    const visits = await q(RSQL.VISITS_IN_MONTH, [today, chainIds]);
    const chains = await q(`SELECT c.id, c.name FROM chain c WHERE c.id = ANY($1::int[]) ORDER BY c.id`, [chainIds]);
    const nodes = await q(`SELECT n.id, n.chain_id, n.name, n.segment, n.benchmark_count, n.benchmark_output, n.in_local_plan FROM chain_node n WHERE n.chain_id = ANY($1::int[]) ORDER BY n.chain_id, n.segment, n.sort_order, n.id`, [chainIds]);
    const stats = await q(CSQL.CHAIN_NODE_LOCAL_STATS, [nodes.map((n) => n.id)]);
    const owners = await q(`SELECT DISTINCT coalesce(o.name, t.owner_team) AS owner FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
      LEFT JOIN official o ON o.id = t.owner_official_id WHERE n.chain_id = ANY($1::int[]) AND coalesce(o.name, t.owner_team) IS NOT NULL ORDER BY 1`, [chainIds]);
    const byStatus = await q(`SELECT t.status, count(*)::int AS n, count(*) FILTER (WHERE t.next_action_due < $2::date AND t.status NOT IN ('signed', 'dropped'))::int AS overdue
      FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE n.chain_id = ANY($1::int[]) GROUP BY 1 ORDER BY 1`, [chainIds, today]);
    const projects = await q(`SELECT p.id, p.code, p.name, p.stage, p.agreed_investment, n.id AS node_id, n.name AS node_name, c.id AS chain_id, c.name AS chain_name,
        (SELECT coalesce(sum(f.amount), 0) FROM fund_arrival f WHERE f.project_id = p.id) AS funds
      FROM project p JOIN chain_node n ON n.id = p.chain_node_id JOIN chain c ON c.id = n.chain_id
      WHERE n.chain_id = ANY($1::int[]) AND p.stage IN ('signed', 'started', 'completed', 'in_production', 'at_capacity') ORDER BY p.id DESC LIMIT 20`, [chainIds]);
    const [projectTotals] = await q(`SELECT count(*)::int AS n, coalesce(sum(p.agreed_investment), 0) AS agreed, coalesce(sum(f.amount), 0) AS funds
      FROM project p JOIN chain_node n ON n.id = p.chain_node_id LEFT JOIN LATERAL (SELECT sum(amount) AS amount FROM fund_arrival f WHERE f.project_id = p.id AND f.arrived_on <= $2::date) f ON true
      WHERE n.chain_id = ANY($1::int[]) AND p.stage IN ('signed', 'started', 'completed', 'in_production', 'at_capacity')`, [chainIds, today]);
    const map = await q(RSQL.PIPELINE_MAP, [chainIds]);
    const rules = await q(RSQL.PIPELINE_RULES);
    const days = Object.fromEntries(rules.map((r) => [r.key, r.days]));
    const flags = await q(RSQL.PIPELINE_FLAGS, [today, days.reminder_days, days.elimination_days, chainIds]);
    const shown = [...flags.filter((f) => f.flag === 'reminder').slice(0, 30), ...flags.filter((f) => f.flag === 'elimination').slice(0, 30)];
    const flagTargets = await q(`SELECT t.id, e.id AS enterprise_id, e.name FROM target_enterprise t JOIN enterprise e ON e.id = t.enterprise_id WHERE t.id = ANY($1::int[])`, [shown.filter((f) => f.kind === 'target').map((f) => f.id)]);
    const flagProjects = await q(`SELECT id, name FROM project WHERE id = ANY($1::int[])`, [shown.filter((f) => f.kind === 'project').map((f) => f.id)]);
    return { visits, chains, nodes, stats, owners, byStatus, projects, projectTotals, map, flags: shown, flagTargets, flagProjects };
  };
  const wsBoardSql = async () => {
    const rows = await q(`SELECT t.id, t.status, t.created_on, t.next_action, t.next_action_due, t.owner_team, o.id AS owner_id, o.name AS owner_name,
        e.id AS enterprise_id, e.name AS enterprise_name, e.city, n.id AS node_id, n.name AS node_name, c.id AS chain_id, c.name AS chain_name,
        (SELECT max(a.occurred_on) FROM target_activity a WHERE a.target_id = t.id) AS last_activity,
        (SELECT json_build_object('id', p.id, 'code', p.code, 'name', p.name) FROM project p WHERE p.target_enterprise_id = t.id ORDER BY p.id LIMIT 1) AS project,
        coalesce(t.next_action_due < $2::date AND t.status NOT IN ('signed', 'dropped'), false) AS overdue
      FROM target_enterprise t JOIN enterprise e ON e.id = t.enterprise_id JOIN chain_node n ON n.id = t.chain_node_id JOIN chain c ON c.id = n.chain_id
      LEFT JOIN official o ON o.id = t.owner_official_id WHERE n.chain_id = ANY($1::int[])
      ORDER BY coalesce(t.next_action_due < $2::date AND t.status NOT IN ('signed', 'dropped'), false) DESC, t.status = 'dropped', t.next_action_due NULLS LAST, t.id
      LIMIT $3`, [chainIds, today, BOARD_SIZE]);
    const byStatus = await q(`SELECT t.status, count(*)::int AS n, count(*) FILTER (WHERE t.next_action_due < $2::date AND t.status NOT IN ('signed', 'dropped'))::int AS overdue
      FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE n.chain_id = ANY($1::int[]) GROUP BY 1 ORDER BY 1`, [chainIds, today]);
    return { rows, byStatus };
  };
  const wsSql = async () => [await wsPageSql(), await wsBoardSql()];
  // Variables as the web app sends them on first load: no filter, the first page.
  const boardVars = { filter: { chainNodeId: null, owner: null, status: null, overdue: null }, first: BOARD_SIZE, offset: 0 };
  const wsGql = async () => [await runAs(lead, webOperation('WorkspacePageQuery'), {}), await runAs(lead, webOperation('WorkspaceBoardQuery'), boardVars)];

  // Honesty check: the baseline returns the same rows the GraphQL answers hold.
  {
    const sqlChain = await chainSql();
    const gqlChain = (await runAs(lead, webOperation('ChainPageQuery'), { id: String(chainId) })).chain;
    const same = (a, b, what) => { if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`bench baseline and GraphQL disagree on ${what}: ${JSON.stringify(a).slice(0, 200)} vs ${JSON.stringify(b).slice(0, 200)}`); };
    same(sqlChain.nodes.map((n) => [String(n.id), n.parent_id === null ? null : String(n.parent_id)]), gqlChain.nodes.map((n) => [n.id, n.parentId]), 'chain nodes and edges');
    same(sqlChain.nodes.map((n) => [String(n.id), n.local_count, Math.round(n.local_output)]), gqlChain.nodes.map((n) => [n.id, n.localEnterpriseCount, Math.round(n.localOutput)]), 'node local counts and output');
    same(sqlChain.targets.map((t) => [t.status.toUpperCase(), t.n]), gqlChain.targetCounts.map((t) => [t.status, t.count]), 'chain target counts');
    const [page, board] = await wsSql();
    const [gPage, gBoard] = await wsGql();
    const w = gPage.chainWorkspace;
    const b = gBoard.chainWorkspace.targetBoard;
    same(board.rows.map((r) => String(r.id)), b.nodes.map((n) => n.id), 'board rows');
    same(board.rows.map((r) => r.overdue), b.nodes.map((n) => n.isOverdue), 'board overdue flags');
    same(board.byStatus.map((r) => [r.status.toUpperCase(), r.n]), b.byStatus.map((x) => [x.status, x.count]), 'board counts');
    same(page.byStatus.reduce((n, r) => n + r.overdue, 0), w.overdueCount, 'overdue count');
    same(page.byStatus.map((r) => [r.status.toUpperCase(), r.n]), w.targetCounts.map((x) => [x.status, x.count]), 'workspace target counts');
    same(page.projects.map((r) => String(r.id)), w.projectPage.nodes.map((p) => p.id), 'project page');
    same(page.projectTotals.n, w.projectPage.totalCount, 'project count');
    const panel = await nodeSql();
    const gPanel = (await runAs(lead, webOperation('ChainNodePanelQuery'), { id: String(gap.id) })).chainNode;
    same([panel.node.name, panel.node.chain_name, panel.stats.local_count, panel.stats.status.toUpperCase(), panel.stats.gap_action?.toUpperCase() ?? null],
      [gPanel.name, gPanel.chain.name, gPanel.localEnterpriseCount, gPanel.status, gPanel.gapAction], 'node panel: node, chain and gap analysis');
    same([panel.ents.map((e) => String(e.id)), panel.ents[0]?.total ?? 0, panel.projects.map((p) => String(p.id)), panel.projects[0]?.total ?? 0],
      [gPanel.enterprises.nodes.map((e) => e.id), gPanel.enterprises.totalCount, gPanel.projects.nodes.map((p) => p.id), gPanel.projects.totalCount], 'node panel: local enterprises and projects');
    same(panel.targets.map((t) => String(t.id)), gPanel.targets.map((t) => t.id), 'node panel: targets');
    same(page.map.map((c) => [c.city, c.n]), w.pipelineMap.map((c) => [c.city, c.count]), 'map cities');
    same(page.owners.map((o) => o.owner), w.targetOwners, 'owners');
    same(page.flags.length, w.flags.reminders.length + w.flags.eliminations.length, 'flags shown');
    same(Number(page.visits[0].n), w.visitsThisMonth, 'visits');
  }

  const pages = [
    ['chain page (ChainPageQuery)', chainSql, () => runAs(lead, webOperation('ChainPageQuery'), { id: String(chainId) }), (d) => `${d.chain.nodes.length} nodes, ${d.chain.targetCounts.reduce((n, c) => n + c.count, 0)} targets counted`],
    ['chain node panel with 15 candidates (ChainNodePanelQuery)', nodeSql, () => runAs(lead, webOperation('ChainNodePanelQuery'), { id: String(gap.id) }), (d) => `${d.chainNode.candidates.length} of ${0} candidates`],
    ['我的链 workspace (WorkspacePage + WorkspaceBoard queries)', wsSql, wsGql, ([p, b]) => `${b.chainWorkspace.targetBoard.nodes.length} of ${b.chainWorkspace.targetBoard.totalCount} targets, ${p.chainWorkspace.projectPage.nodes.length} of ${p.chainWorkspace.projectPage.totalCount} projects, ${p.chainWorkspace.pipelineMap.length} cities`],
  ];
  for (const [name, sqlFn, gqlFn, describe] of pages) {
    const [sqlMs, gqlMs] = await pairedMedians(sqlFn, gqlFn);
    const data = await gqlFn();
    const pool = name.includes('candidates') ? (await q(RSQL.CANDIDATE_FACTS, [[gap.id]])).length : 0;
    ratioRow(name, sqlMs, gqlMs, `(${describe(data).replace('of 0', `of ${pool}`)})`);
  }

  if (ONLY === 'chain') { await atlas.stop(); await db.close(); return; }
  }
  if (ONLY === null) await require('./tiles.cjs').benchTiles({ atlas, url });

  console.log('\n5. Assessment ranking (考核): GraphQL assessmentRanking vs the same computation as one plain SQL statement');
  // The baseline is written independently here: credited = Σ arrivals × coefficient (+ host share for departments'
  // projects located in a county), ≥1亿 count, weighted completion, rank per kind.
  const PLAIN_RANKING = `
    WITH r AS (SELECT * FROM assessment_rule WHERE year = $1),
    a AS (SELECT f.amount * c.coefficient AS v, f.foreign_amount * c.coefficient AS fv, p.introducing_unit_id AS u,
                 (SELECT h.id FROM assessment_unit h WHERE iu.kind = 'department' AND h.kind = 'district' AND h.region_id = p.region_id ORDER BY h.id LIMIT 1) AS host
          FROM fund_arrival f JOIN project p ON p.id = f.project_id JOIN assessment_unit iu ON iu.id = p.introducing_unit_id
          JOIN assessment_coefficient c ON c.year = $1 AND c.category_code = p.category_code AND c.coefficient > 0
          WHERE f.arrived_on BETWEEN make_date($1, 1, 1) AND $2::date),
    cr AS (SELECT u, sum(v) v, sum(fv) fv FROM (SELECT u, v, fv FROM a UNION ALL SELECT host, v * r.host_share, fv * r.host_share FROM a, r WHERE host IS NOT NULL AND r.host_share > 0) x GROUP BY u),
    b AS (SELECT p.introducing_unit_id u, count(*) n FROM project p, r
          WHERE p.agreed_investment >= r.big_project_threshold
            AND EXISTS (SELECT 1 FROM project_stage_event s WHERE s.project_id = p.id AND s.stage = 'signed' AND s.entered_on BETWEEN make_date($1, 1, 1) AND $2::date)
            AND NOT EXISTS (SELECT 1 FROM project_stage_event s WHERE s.project_id = p.id AND s.stage = 'terminated' AND s.entered_on <= $2::date)
            AND EXISTS (SELECT 1 FROM assessment_coefficient c WHERE c.year = $1 AND c.category_code = p.category_code AND c.coefficient > 0)
          GROUP BY 1)
    SELECT u.id, u.kind, round(coalesce(cr.v, 0), 2)::float8 AS credited,
           round(coalesce(r.weight_total * round(coalesce(cr.v, 0), 2) / NULLIF(t.total_amount, 0), 0) + coalesce(r.weight_foreign * round(coalesce(cr.fv, 0), 2) / NULLIF(t.foreign_amount, 0), 0)
             + coalesce(r.weight_count * coalesce(b.n, 0) / NULLIF(t.big_project_count, 0), 0), 6)::float8 AS score,
           rank() OVER (PARTITION BY u.kind ORDER BY round(coalesce(r.weight_total * round(coalesce(cr.v, 0), 2) / NULLIF(t.total_amount, 0), 0) + coalesce(r.weight_foreign * round(coalesce(cr.fv, 0), 2) / NULLIF(t.foreign_amount, 0), 0)
             + coalesce(r.weight_count * coalesce(b.n, 0) / NULLIF(t.big_project_count, 0), 0), 6) DESC) AS rank
    FROM annual_target t JOIN assessment_unit u ON u.id = t.unit_id CROSS JOIN r LEFT JOIN cr ON cr.u = u.id LEFT JOIN b ON b.u = u.id
    WHERE t.year = $1 ORDER BY u.kind, rank, u.code`;
  const rankingQuery = `{ assessmentRanking(year: 2026, asOf: "2026-06-30") { districts { rank score creditedTotal unit { id name } } departments { rank score creditedTotal unit { id name } } } }`;
  const plain = await db.ds.query(PLAIN_RANKING, [2026, '2026-06-30']);
  const viaApi = await run(rankingQuery);
  const apiRows = [...viaApi.assessmentRanking.districts, ...viaApi.assessmentRanking.departments];
  const agree = plain.length === apiRows.length && plain.every((p) => apiRows.some((a) => Number(a.unit.id) === p.id && a.score === p.score && a.creditedTotal === p.credited && a.rank === Number(p.rank)));
  if (!agree) throw new Error('assessmentRanking and the plain SQL baseline disagree');
  const [rPlain, rApi] = await pairedMedians(() => db.ds.query(PLAIN_RANKING, [2026, '2026-06-30']), () => run(rankingQuery), 41);
  const [{ arrivals }] = await db.ds.query(`SELECT count(*)::int AS arrivals FROM fund_arrival`);
  console.log(`${'ranking of 2026 as of 2026-06-30'.padEnd(52)} plain SQL ${rPlain.toFixed(1).padStart(7)} ms   atlas ${rApi.toFixed(1).padStart(8)} ms   ${(rApi / rPlain).toFixed(2).padStart(6)}× the plain statement (goal ≤ 1.5×; ${apiRows.length} units, ${arrivals} arrivals, results identical)`);

  await atlas.stop();
  await db.close();
  console.log('\nMedians of', ROUNDS, 'rounds after a warm-up; ratios are what to read, absolute times depend on the machine.');
}

main().catch((e) => { console.error(e); process.exit(1); });
