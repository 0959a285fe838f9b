import { Router } from 'express';
import type { Database } from '../db/database';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Health for operators and orchestrators. /api/health is liveness: the process answers (200), whatever the
 * database does, so nobody restarts a server that is only waiting for PostgreSQL. /api/ready is readiness:
 * 200 when the database answers within 2 s, else 503 DATABASE_UNAVAILABLE. Memory figures only to loopback.
 */
export function opsRouter(database: Database): Router {
  const router = Router();
  router.get('/health', (req, res) => {
    const memory = LOOPBACK.has(req.socket.remoteAddress ?? '') ? process.memoryUsage() : undefined;
    res.json({ ok: true, database: database.kind, uptimeSeconds: Math.round(process.uptime()), memory });
  });
  router.get('/ready', async (_req, res) => {
    const started = Date.now();
    const ok = await database.ping(2000);
    res.status(ok ? 200 : 503).set('cache-control', 'no-store');
    if (!ok) res.set('retry-after', '2');
    res.json(ok
      ? { ready: true, database: database.kind, role: database.appRole, ms: Date.now() - started }
      : { ready: false, database: database.kind, code: 'DATABASE_UNAVAILABLE', message: 'The database is not answering' });
  });
  return router;
}
