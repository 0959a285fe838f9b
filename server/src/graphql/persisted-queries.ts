import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import { ErrorCode } from '../common/errors';
import { sendError } from '../http/errors';
import { PersistedQueryService, sha256Hex } from '../modules/persisted-query';

type Params = { query?: unknown; extensions?: unknown };

const refuse = (res: Response, status: number, code: ErrorCode, message: string) => sendError(res, code, message, status);

function persistedHash(extensions: unknown): unknown {
  if (!extensions || typeof extensions !== 'object') return undefined;
  const pq = (extensions as { persistedQuery?: unknown }).persistedQuery;
  return pq && typeof pq === 'object' ? (pq as { sha256Hash?: unknown }).sha256Hash : undefined;
}

/**
 * Persisted queries before Apollo: `extensions.persistedQuery.sha256Hash` is looked up on the allow-list in
 * PostgreSQL (shared by every API process) and replaced by its document; API keys marked persisted-only may
 * run allow-listed documents only. Apollo's own in-memory APQ never sees the extension.
 */
export function persistedQueries(db: DataSource): RequestHandler {
  const service = new PersistedQueryService(db);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const get = req.method === 'GET';
      const url = get ? new URL(req.url, 'http://x') : null;
      let params: Params;
      if (get) {
        let extensions: unknown;
        try { extensions = url!.searchParams.has('extensions') ? JSON.parse(url!.searchParams.get('extensions')!) : undefined; } catch { extensions = undefined; }
        params = { query: url!.searchParams.get('query') ?? undefined, extensions };
      } else {
        params = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
      }
      const hash = persistedHash(params.extensions);
      let allowListed = false;
      if (hash !== undefined) {
        if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
          return refuse(res, 400, ErrorCode.PERSISTED_QUERY_INVALID, 'extensions.persistedQuery.sha256Hash must be the sha256 of the document, 64 lowercase hex characters');
        }
        const registered = await service.document(hash);
        if (typeof params.query === 'string' && params.query.length) {
          if (sha256Hex(params.query) !== hash) return refuse(res, 400, ErrorCode.PERSISTED_QUERY_INVALID, 'sha256Hash does not match the query text');
          allowListed = registered !== null;
        } else {
          if (registered === null) return refuse(res, 200, ErrorCode.PERSISTED_QUERY_NOT_FOUND, `No document with sha256 ${hash} is registered; an admin registers it with registerPersistedQuery`);
          params.query = registered;
          allowListed = true;
        }
        // Hand Apollo a plain request: the document is resolved here, from the shared allow-list.
        const { persistedQuery: _drop, ...rest } = params.extensions as Record<string, unknown>;
        params.extensions = rest;
        if (get) {
          url!.searchParams.set('query', params.query as string);
          url!.searchParams.set('extensions', JSON.stringify(rest));
          req.url = url!.pathname + url!.search;
        }
      }
      // Only API-key requests pay for the policy look-up; a full text that is on the allow-list counts as persisted.
      const apiKey = req.get('x-api-key');
      if (apiKey && !allowListed && (await service.keyIsPersistedOnly(apiKey))
        && !(typeof params.query === 'string' && (await service.document(sha256Hex(params.query))) !== null)) {
        return refuse(res, 403, ErrorCode.PERSISTED_QUERY_REQUIRED,
          'This API key may run registered queries only: send extensions.persistedQuery.sha256Hash of a document an admin registered with registerPersistedQuery');
      }
      next();
    } catch (e) { next(e); }
  };
}
