import { useEffect, useState } from 'react';

export interface AtlasConfig {
  basemapStyleUrl: string | null;
  demo: boolean;
}

const FALLBACK: AtlasConfig = { basemapStyleUrl: null, demo: false };

/** GET /api/config once; a failure falls back to the local map style (the map still works offline). */
export function useAtlasConfig(): { config: AtlasConfig | null; failed: boolean } {
  const [state, setState] = useState<{ config: AtlasConfig | null; failed: boolean }>({ config: null, failed: false });
  useEffect(() => {
    let alive = true;
    fetch('/api/config', { headers: { Accept: 'application/json' } })
      .then((res) => (res.ok ? (res.json() as Promise<Partial<AtlasConfig>>) : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((body) => {
        if (alive) setState({ config: { basemapStyleUrl: body.basemapStyleUrl ?? null, demo: Boolean(body.demo) }, failed: false });
      })
      .catch(() => {
        if (alive) setState({ config: FALLBACK, failed: true });
      });
    return () => {
      alive = false;
    };
  }, []);
  return state;
}
