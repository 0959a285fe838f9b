import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/src/config';
import { post, startServer } from './cluster';

// Issue 5, part 4: the embedded PGlite server killed with SIGKILL during writes restarts with its data intact.
const dir = mkdtempSync(join(tmpdir(), 'atlas-pglite-kill-'));
const env = { ATLAS_DATA_DIR: join(dir, 'pglite'), ATLAS_TOKEN_SECRET: 'k'.repeat(48), ATLAS_SEED: 'never', DATABASE_URL: '' };
const PASSWORD = 'Embedded-Admin-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: { kill(sig: NodeJS.Signals): boolean }[] = [];
afterAll(() => { for (const c of children) c.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); });

describe('embedded PGlite killed during writes', () => {
  it('restarts with every acknowledged write intact', async () => {
    // The only account of an empty embedded database, made as an operator would.
    await promisify(execFile)(process.execPath, ['server/dist/cli/atlas.js', 'user', 'add', 'root', '--role', 'admin'],
      { cwd: REPO_ROOT, env: { ...process.env, ...env, ATLAS_PASSWORD: PASSWORD } });
    let server = await startServer(env, REPO_ROOT);
    children.push(server.child);
    const signIn = async (url: string) => (await post(url, `mutation { signIn(username: "root", password: "${PASSWORD}") { token user { id } } }`, {})).body.data.signIn;
    const { token, user } = await signIn(server.url);

    // Steady writes (each an audited account change) until the process is killed mid-stream.
    const acked: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const name = `管理员 ${i}`;
        const r = await post(server.url, `mutation($id: ID!, $n: String!) { updateUser(id: $id, input: { displayName: $n }) { displayName } }`, { id: user.id, n: name }, token, 5000);
        if (r.status === 200 && r.body.data?.updateUser?.displayName === name) acked.push(name);
        else if (r.status === 0) break; // the process is gone
      }
    })();
    // At least 3 s of writes and 6 acknowledged ones (a busy machine writes slowly), at most 30 s.
    const t0 = Date.now();
    while ((Date.now() - t0 < 3000 || acked.length < 6) && Date.now() - t0 < 30_000) await sleep(100);
    server.child.kill('SIGKILL');
    stop = true;
    await writer;
    const killedAfter = acked.length;

    // Start again on the same folder: PGlite runs crash recovery from its WAL.
    const started = Date.now();
    server = await startServer(env, REPO_ROOT);
    children.push(server.child);
    const restartMs = Date.now() - started;
    const again = await signIn(server.url);
    const r = await post(server.url, `{ users { displayName } auditLog(filter: { entity: "app_user", action: "user.updated" }, first: 1) { totalCount } }`, {}, again.token);
    const shown = r.body.data.users[0].displayName as string;
    const audited = r.body.data.auditLog.totalCount as number;
    console.log(`PGlite SIGKILL: ${killedAfter} writes acknowledged before the kill; after restart (${restartMs} ms) ${audited} audited updates, display name "${shown}"`);
    expect(killedAfter).toBeGreaterThan(3);
    // Writes were sequential: everything acknowledged is there (and perhaps the one in flight).
    expect(audited === killedAfter || audited === killedAfter + 1).toBe(true);
    expect([acked[acked.length - 1], `管理员 ${killedAfter}`]).toContain(shown);
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
  }, 300_000);
});
