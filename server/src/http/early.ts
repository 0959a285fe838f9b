import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * A handler that answers the hottest requests before Express when it can (http/tiles.router.ts `early`,
 * graphql/known-reads.ts). `pass` hands the request on unanswered — nothing written, and the body either unread or
 * read into `req.body` as express.json would have — and the next handler, finally Express, answers it as always.
 */
export type EarlyHandler = (req: IncomingMessage, res: ServerResponse, pass: () => void) => void;

/** A request header as one string (undefined when absent or repeated), as Express's `req.get` gives it. */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

/** The server's request listener: the early handlers in turn, then `app`. */
export function earlyThen(handlers: readonly EarlyHandler[], app: RequestListener): RequestListener {
  return (req, res) => {
    const next = (i: number): void => {
      if (i === handlers.length) app(req, res);
      else handlers[i](req, res, () => next(i + 1));
    };
    next(0);
  };
}
