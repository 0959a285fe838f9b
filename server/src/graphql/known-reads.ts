import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import type { AuthService } from '../auth/auth.service';
import type { AtlasContext } from '../common/context';
import { dataResponseBody } from '../common/json-text';
import type { CompiledRead } from '../common/projection';
import { accountRowOf } from '../auth/caller';
import { queryRepeated } from '../db/prepared';
import { headerValue, type EarlyHandler } from '../http/early';
import { httpErrorHandler } from '../http/errors';

// Known reads: integrators and dashboards send the same query text again and again. The first time, a request goes the
// whole way (Express, body parsing, persisted-query policy, Apollo's parse, validation, depth/alias/cost limits, plugins,
// the executor). When that ends in a 200 answered by ONE compiled statement (common/projection.ts), the request body is
// remembered with that statement. The next request with the very same body, Accept header and kind of credential is
// answered here, before Express: every check above depends only on those bytes and already said yes, so what is left is
// what depends on the moment — the caller's account (read inside the statement, as on the full path) and the data.
// Anything else — another body, a refused or unknown caller, a persisted-only API key, a failed statement — goes the
// whole way, so its answer and its errors are always the full path's own. The statement still runs every time: nothing
// is cached but the verdict on the request's text.

/** Bodies larger than this always go the whole way (queries are small; a large body is not worth remembering). */
const MAX_BODY_BYTES = 16 * 1024;
/** Known reads kept per process; the oldest goes first. */
const KEPT = 500;

/** What a known read answers with: the statement, how many of its parameters are the caller check's, the content type. */
interface KnownRead { read: CompiledRead; callerParams: number; contentType: string }

/** A request handed to Express after its body was read here (body-parser then leaves `body` as it is). */
type ReadRequest = IncomingMessage & { body?: unknown; knownReadKey?: string };

/** The account row of an API key carries its allow-list policy (auth.sql.ts USER_BY_API_KEY). */
type CallerRow = { key_persisted_only?: boolean } | undefined;

export class KnownReads {
  private readonly known = new Map<string, KnownRead>();
  /** Requests answered here since start (an operational figure; the tests read it to see which path answered). */
  answered = 0;

  constructor(private readonly db: DataSource, private readonly auth: AuthService) {}

  /** Answers a known read before Express (http/early.ts); everything else is passed on, its body read into `req.body`. */
  readonly early: EarlyHandler = (req, res, pass) => {
    if (!isCandidate(req)) { pass(); return; }
    this.serve(req, res, pass).catch((e: unknown) => httpErrorHandler(e, req, res));
  };

  /**
   * Watches the answer to a request this listener handed on (called with its GraphQL context): a 200 that one compiled
   * statement answered makes the request's body known.
   */
  learnFrom(req: IncomingMessage, res: ServerResponse, ctx: AtlasContext): void {
    const key = (req as ReadRequest).knownReadKey;
    if (!key) return;
    ctx.onCompiledAnswer = (read, callerParams) => {
      if (callerParams === 0) return;
      res.once('finish', () => {
        const contentType = res.getHeader('content-type');
        if (res.statusCode !== 200 || typeof contentType !== 'string') return;
        if (this.known.size >= KEPT) this.known.delete(this.known.keys().next().value!);
        this.known.set(key, { read, callerParams, contentType });
      });
    };
  }

  private async serve(req: IncomingMessage, res: ServerResponse, pass: () => void): Promise<void> {
    let text: string;
    try {
      text = await readBody(req);
    } catch {
      req.destroy();
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    // As express.json (strict) would refuse it: not JSON, or JSON that is not an object or array.
    if (body === null || typeof body !== 'object') {
      httpErrorHandler({ type: 'entity.parse.failed' }, req, res);
      return;
    }
    const r = req as ReadRequest;
    r.body = body;
    // Persisted-query requests are resolved against the shared allow-list every time (graphql/persisted-queries.ts).
    if (isPlainRequest(body)) {
      const key = `${req.headers['x-api-key'] ? 'key' : 'token'}\n${req.headers.accept ?? ''}\n${text}`;
      const known = this.known.get(key);
      if (known && (await this.answer(known, req, res))) return;
      r.knownReadKey = key;
    }
    pass();
  }

  /** Answers with a known read's statement; false (nothing written) when the request must go the whole way. */
  private async answer(known: KnownRead, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    let row: Record<string, string | null>;
    let caller: CallerRow;
    try {
      const lookup = await this.auth.credentialLookup(headerValue(req, 'authorization'), headerValue(req, 'x-api-key'));
      if (!lookup || lookup.params.length !== known.callerParams) return false;
      [row] = await queryRepeated<Record<string, string | null>>(this.db, known.read.sql, [...lookup.params, ...known.read.params.slice(known.callerParams)]);
      caller = accountRowOf(row) as CallerRow;
      lookup.accept(caller);
    } catch {
      return false;
    }
    // A key that may run registered queries only: the full path applies the allow-list.
    if (caller?.key_persisted_only) return false;
    const out = dataResponseBody(known.read.keys, known.read.keys.map((_k, i) => row[i]));
    res.writeHead(200, { 'content-type': known.contentType, 'content-length': Buffer.byteLength(out) });
    res.end(out);
    this.answered++;
    return true;
  }
}

/**
 * A request that could be a known read: POST /graphql with a credential and a small, uncompressed UTF-8 JSON body of
 * declared length. Everything else (GET, other paths, chunked or compressed bodies, other charsets) goes to Express untouched.
 */
function isCandidate(req: IncomingMessage): boolean {
  const h = req.headers;
  if (req.method !== 'POST' || req.url !== '/graphql' || !(h.authorization || h['x-api-key']) || h['content-encoding']) return false;
  if (!/^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i.test(h['content-type'] ?? '')) return false;
  const length = Number(h['content-length']);
  return Number.isInteger(length) && length > 0 && length <= MAX_BODY_BYTES;
}

/** A GraphQL request body without a persisted-query extension. */
function isPlainRequest(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const extensions = (body as { extensions?: unknown }).extensions;
  return !(extensions && typeof extensions === 'object' && 'persistedQuery' in extensions);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
