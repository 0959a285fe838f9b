import { createServer, type Server, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

/**
 * The tests' stand-in for a PostgreSQL server where none answers: embedded PGlite + PostGIS behind a small
 * PostgreSQL wire-protocol server, so the suites, the API server and the CLI connect with `pg` as usual.
 *
 * Written here rather than taken from @electric-sql/pglite-socket 0.2.x (the release for PGlite 0.5.8), whose
 * queue interleaves the Parse/Bind/Execute/Sync batches of concurrent connections in PGlite's one session
 * (electric-sql/pglite#1046). Here a connection holds the session from its first message until the backend is idle
 * again (a Sync or simple Query answered outside a transaction), so batches and transactions never interleave.
 *
 * What a PostgreSQL cluster has and one PGlite session has not, handled here:
 * - databases: each `CREATE DATABASE` opens another PGlite instance, `DROP DATABASE` closes it, and connections pick
 *   theirs by the startup message's database name;
 * - LISTEN/NOTIFY: a notification goes to the connections that listen on its channel, not to whichever
 *   connection's statement happened to commit it;
 * - roles: `SET ROLE` / `RESET ROLE` answer "SET" and change nothing (switching the one session's role would switch
 *   every connection's); tests of the least-privilege role skip on PGlite.
 */
export interface PgliteWireServer { url: string; port: number; stop(): Promise<void> }

const TIME_ZONE = 'Asia/Shanghai';

interface Db {
  name: string; pg: PGlite; queue: Conn[]; owner: Conn | null; conns: Set<Conn>;
  /** A connection running one batch inside the owner's open transaction (see acquire), and since when the owner waits. */
  guest: Conn | null; busy: boolean; idleSince: number;
}
interface Conn {
  socket: Socket; db: Db | null; listens: Set<string>; closed: boolean; wake?: () => void; last?: string;
  /** An extended-protocol message failed: like PostgreSQL, ignore the rest of the batch until its Sync. */
  skipToSync?: boolean;
}

/** Message builders for the few answers the router gives itself. */
const msg = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const cstr = (s: string) => Buffer.from(`${s}\0`, 'utf8');
const commandComplete = (tag: string) => msg('C', cstr(tag));
const readyForQuery = (status: 'I' | 'T' | 'E') => msg('Z', Buffer.from(status, 'latin1'));
const errorResponse = (severity: string, code: string, message: string) =>
  msg('E', Buffer.concat([Buffer.from('S'), cstr(severity), Buffer.from('V'), cstr(severity), Buffer.from('C'), cstr(code), Buffer.from('M'), cstr(message), Buffer.from([0])]));

const CREATE_DB = /^\s*CREATE\s+DATABASE\s+"?([A-Za-z_][\w$]*)"?\s*;?\s*$/i;
const DROP_DB = /^\s*DROP\s+DATABASE\s+(IF\s+EXISTS\s+)?"?([A-Za-z_][\w$]*)"?(\s+WITH\s*\(\s*FORCE\s*\))?\s*;?\s*$/i;
const SET_ROLE = /^\s*(SET\s+(SESSION\s+|LOCAL\s+)?ROLE\b|RESET\s+ROLE\b)/i;
const BEGIN = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;
const BORROW_AFTER_MS = 100;
const DEBUG = Boolean(process.env.ATLAS_PGLITE_WIRE_DEBUG);
const LISTEN = /^\s*(UN)?LISTEN\s+("?)([^";\s]+)\2\s*;?\s*$/i;

/** Starts the server on 127.0.0.1 (port 0: a free one) with the database `postgres`, like a fresh cluster. */
export async function startPgliteWireServer(port = 0): Promise<PgliteWireServer> {
  const dbs = new Map<string, Db>();

  const open = async (name: string): Promise<Db> => {
    const pg = await PGlite.create({ extensions: { postgis } });
    // One session for every connection: PostgreSQL would get this from the pool's startup options.
    await pg.exec(`SET TIME ZONE '${TIME_ZONE}'`);
    const db: Db = { name, pg, queue: [], owner: null, conns: new Set(), guest: null, busy: false, idleSince: Date.now() };
    dbs.set(name, db);
    return db;
  };
  const drop = async (db: Db) => {
    dbs.delete(db.name);
    for (const c of db.conns) c.socket.destroy();
    await db.pg.close().catch(() => undefined);
  };
  await open('postgres');

  /**
   * Waits until `conn` may run a message: it holds its database's session (first come, first served), or it is the
   * guest. A connection that does not open a transaction itself may run one batch inside another connection's open
   * transaction once that one has waited on its client for BORROW_AFTER_MS: the application sometimes reads on a
   * second pooled connection while its own transaction is open, which on PostgreSQL just works (MVCC), and which a
   * single session would otherwise deadlock. It then sees that transaction's rows, as the embedded PGlite always does.
   */
  const acquire = async (conn: Conn, db: Db, opensTransaction: boolean) => {
    for (;;) {
      if (conn.closed) return;
      if (db.owner === conn && !db.guest) return;
      if (db.guest === conn) return;
      if (!db.owner) { db.owner = conn; db.queue = db.queue.filter((c) => c !== conn); return; }
      if (!opensTransaction && !db.guest && !db.busy && db.owner !== conn && db.pg.isInTransaction() && Date.now() - db.idleSince >= BORROW_AFTER_MS) {
        db.guest = conn;
        if (DEBUG) console.error(`[pglite-wire] borrow: owner idle in transaction after ${JSON.stringify(db.owner.last?.slice(0, 160))}`);
        return;
      }
      if (!db.queue.includes(conn) && db.owner !== conn) db.queue.push(conn);
      await new Promise<void>((resolve) => { conn.wake = resolve; setTimeout(resolve, 20); });
    }
  };
  const release = (db: Db, conn: Conn) => {
    if (db.guest === conn) { db.guest = null; db.idleSince = Date.now(); db.owner?.wake?.(); return; }
    if (db.owner !== conn) return;
    db.owner = null;
    const next = db.queue.shift();
    if (next) { db.owner = next; next.wake?.(); }
  };
  const leave = async (conn: Conn) => {
    if (conn.closed) return;
    conn.closed = true;
    const db = conn.db;
    if (!db) return;
    db.conns.delete(conn);
    db.queue = db.queue.filter((c) => c !== conn);
    if (db.guest === conn) release(db, conn);
    if (db.owner === conn) {
      // A connection gone inside a transaction: roll it back, as PostgreSQL does for a dead backend.
      if (dbs.has(db.name) && db.pg.isInTransaction()) await db.pg.exec('ROLLBACK').catch(() => undefined);
      release(db, conn);
    }
  };

  /**
   * Passes PGlite's answer on, routing notifications (type 'A') to the connections listening on their channel.
   * PGlite answers a failing Parse/Bind/Describe/Execute with ErrorResponse *and* ReadyForQuery, and the batch's Sync
   * with another ReadyForQuery; PostgreSQL sends one, after the Sync. The extra one would end the client's next
   * query early (with no rows), so it is dropped and the rest of the batch skipped until its Sync, as PostgreSQL does.
   */
  const deliver = (conn: Conn, db: Db, out: Uint8Array, inBatch: boolean) => {
    const buf = Buffer.from(out);
    const keep: Buffer[] = [];
    let failed = false;
    let i = 0;
    while (i + 5 <= buf.length) {
      const len = buf.readInt32BE(i + 1);
      const m = buf.subarray(i, i + 1 + len);
      if (m[0] === 0x41 /* A */) {
        const channelEnd = m.indexOf(0, 9);
        const channel = m.subarray(9, channelEnd).toString('utf8');
        for (const c of db.conns) if (c.listens.has(channel) && c !== conn && !c.closed) c.socket.write(m);
        if (conn.listens.has(channel)) keep.push(m);
      } else if (inBatch && m[0] === 0x5a /* Z */) {
        // dropped: the Sync will answer ReadyForQuery
      } else {
        if (m[0] === 0x45 /* E */) failed = true;
        keep.push(m);
      }
      i += 1 + len;
    }
    if (i < buf.length) keep.push(buf.subarray(i));
    if (inBatch && failed) conn.skipToSync = true;
    if (!conn.closed) conn.socket.write(Buffer.concat(keep));
  };

  const exec = async (conn: Conn, db: Db, m: Buffer) => {
    db.busy = true;
    try {
      const out = await db.pg.execProtocolRaw(new Uint8Array(m));
      // Inside an extended-protocol batch: anything but the Sync ('S'), a simple Query ('Q') or the start-up message.
      const inBatch = m[0] !== 0x53 && m[0] !== 0x51 && !(m.length >= 8 && m.readInt32BE(0) === m.length);
      deliver(conn, db, out, inBatch);
    } finally {
      db.busy = false;
      db.idleSince = Date.now();
    }
  };

  /** One frontend message of an attached connection (the session is held from the first message to idle). */
  const handle = async (conn: Conn, m: Buffer) => {
    const db = conn.db!;
    const type = String.fromCharCode(m[0]);
    if (DEBUG && (type === 'Q' || type === 'P')) conn.last = m.subarray(type === 'Q' ? 5 : m.indexOf(0, 5) + 1, m.length - 1).toString('utf8');
    if (type === 'X') { conn.socket.end(); return; }
    const opens = type === 'Q' && BEGIN.test(m.subarray(5, m.length - 1).toString('utf8'));
    await acquire(conn, db, opens);
    if (conn.closed || !dbs.has(db.name)) return;
    if (type === 'Q') {
      const text = m.subarray(5, m.length - 1).toString('utf8');
      const status = () => (db.pg.isInTransaction() ? 'T' : 'I');
      const created = CREATE_DB.exec(text);
      const dropped = DROP_DB.exec(text);
      if (created) {
        const name = created[1].toLowerCase();
        if (dbs.has(name)) conn.socket.write(Buffer.concat([errorResponse('ERROR', '42P04', `database "${name}" already exists`), readyForQuery(status())]));
        else { await open(name); conn.socket.write(Buffer.concat([commandComplete('CREATE DATABASE'), readyForQuery(status())])); }
      } else if (dropped) {
        const name = dropped[2].toLowerCase();
        const target = dbs.get(name);
        if (target === db) conn.socket.write(Buffer.concat([errorResponse('ERROR', '55006', 'cannot drop the currently open database'), readyForQuery(status())]));
        else if (!target && !dropped[1]) conn.socket.write(Buffer.concat([errorResponse('ERROR', '3D000', `database "${name}" does not exist`), readyForQuery(status())]));
        else {
          if (target) await drop(target);
          conn.socket.write(Buffer.concat([commandComplete('DROP DATABASE'), readyForQuery(status())]));
        }
      } else if (SET_ROLE.test(text)) {
        conn.socket.write(Buffer.concat([commandComplete(/^\s*RESET/i.test(text) ? 'RESET' : 'SET'), readyForQuery(status())]));
      } else {
        const listen = LISTEN.exec(text);
        if (listen) {
          if (listen[1]) conn.listens.delete(listen[3]);
          else conn.listens.add(listen[3]);
        }
        await exec(conn, db, m);
      }
    } else if (conn.skipToSync && type !== 'S') {
      // The batch failed earlier: PostgreSQL ignores its remaining messages until the Sync.
    } else {
      if (type === 'S') conn.skipToSync = false;
      await exec(conn, db, m);
    }
    // The session is free again once the backend is idle: after a Sync or a simple Query, outside a transaction.
    if ((type === 'Q' || type === 'S') && (db.guest === conn || !db.pg.isInTransaction())) release(db, conn);
  };

  const server: Server = createServer((socket) => {
    const conn: Conn = { socket, db: null, listens: new Set(), closed: false };
    let buffer = Buffer.alloc(0);
    let chain = Promise.resolve();
    socket.setNoDelay(true);
    socket.on('error', () => { void leave(conn); });
    socket.on('close', () => { void leave(conn); });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const messages: Buffer[] = [];
      for (;;) {
        if (!conn.db) {
          // Before start-up: SSLRequest / CancelRequest / StartupMessage have no type byte.
          if (buffer.length < 8) break;
          const len = buffer.readInt32BE(0);
          if (buffer.length < len) break;
          messages.push(buffer.subarray(0, len));
          buffer = buffer.subarray(len);
          const code = messages[messages.length - 1].readInt32BE(4);
          // After the startup message come typed messages (conn.db is set properly when the startup message is handled).
          if (code === 196608) conn.db = dbs.get('postgres')!;
          continue;
        }
        if (buffer.length < 5) break;
        const len = buffer.readInt32BE(1) + 1;
        if (buffer.length < len) break;
        messages.push(buffer.subarray(0, len));
        buffer = buffer.subarray(len);
      }
      for (const m of messages) {
        chain = chain.then(() => (conn.closed ? undefined : frontend(conn, m))).catch((e: Error) => {
          if (!conn.closed) conn.socket.end(errorResponse('FATAL', 'XX000', `PGlite wire server: ${e.message}`));
          void leave(conn);
        });
      }
    });
  });

  /** A message before or after start-up. */
  const frontend = async (conn: Conn, m: Buffer) => {
    const untyped = m.length >= 8 && m.readInt32BE(0) === m.length && [80877103, 80877102, 80877104, 196608].includes(m.readInt32BE(4));
    if (untyped && m.readInt32BE(4) === 80877103) { conn.socket.write('N'); return; } // SSLRequest: no TLS here
    if (untyped && m.readInt32BE(4) === 80877104) { conn.socket.write('N'); return; } // GSSENCRequest
    if (untyped && m.readInt32BE(4) === 80877102) { conn.socket.end(); return; } // CancelRequest: not supported
    if (untyped) {
      const params = m.subarray(8).toString('utf8').split('\0');
      const p: Record<string, string> = {};
      for (let k = 0; k + 1 < params.length; k += 2) if (params[k]) p[params[k]] = params[k + 1];
      const name = (p.database ?? p.user ?? 'postgres').toLowerCase();
      const db = dbs.get(name);
      if (!db) { conn.socket.end(errorResponse('FATAL', '3D000', `database "${name}" does not exist`)); conn.closed = true; return; }
      conn.db = db;
      db.conns.add(conn);
      await acquire(conn, db, false);
      try {
        if (conn.closed || !dbs.has(db.name)) return;
        await exec(conn, db, m);
      } finally {
        if (db.guest === conn || !db.pg.isInTransaction()) release(db, conn);
      }
      return;
    }
    await handle(conn, m);
  };

  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, '127.0.0.1', () => resolve()); });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `postgres://postgres@127.0.0.1:${bound}/postgres`,
    port: bound,
    stop: async () => {
      await new Promise<void>((r) => { server.close(() => r()); for (const db of dbs.values()) for (const c of db.conns) c.socket.destroy(); });
      for (const db of [...dbs.values()]) await drop(db);
    },
  };
}
