import expressStaticGzip from 'express-static-gzip';

/** Content-hashed build output (`assets/<name>-<hash>.js`, also its .br/.gz) is immutable; anything else (index.html) is revalidated. */
export function cacheControlFor(path: string): string {
  return /[\\/]assets[\\/][^\\/]+-[\w-]{8,}(\.\w+)+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The product's own endpoints: an unknown path under them is a coded 404, never the web app's page. */
const API_ROOTS = ['graphql', 'ogc', 'api', 'tiles'];

/** A path the web app routes on the client (answered with its index.html): anything outside the API roots. */
export function isClientRoute(path: string): boolean {
  const first = path.split('/')[1] ?? '';
  return !API_ROOTS.includes(first);
}

/** The built web app: Vite's precompressed .br/.gz beside each asset when the browser accepts them, with cache headers. */
export function webAssets(dist: string) {
  return expressStaticGzip(dist, {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: 'index.html',
    serveStatic: { setHeaders: (res, path) => res.setHeader('Cache-Control', cacheControlFor(path)) },
  });
}
