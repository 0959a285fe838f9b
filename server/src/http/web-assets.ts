import expressStaticGzip from 'express-static-gzip';

/** Content-hashed build output (`assets/<name>-<hash>.js`, also its .br/.gz) is immutable; anything else (index.html) is revalidated. */
export function cacheControlFor(path: string): string {
  return /[\\/]assets[\\/][^\\/]+-[\w-]{8,}(\.\w+)+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
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
