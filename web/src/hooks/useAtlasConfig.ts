import { useEffect, useState } from 'react';

export interface AtlasConfig {
  basemapStyleUrl: string | null;
  /** The configured basemap's coordinate system (ATLAS_BASEMAP_CRS); 'gcj02' shifts the data layers for display. */
  basemapCrs: 'wgs84' | 'gcj02';
  demo: boolean;
}

const FALLBACK: AtlasConfig = { basemapStyleUrl: null, basemapCrs: 'wgs84', demo: false };

/** GET /api/config once; a failure falls back to the local map style (the map still works offline). */
export function useAtlasConfig(): { config: AtlasConfig | null; failed: boolean } {
  const [state, setState] = useState<{ config: AtlasConfig | null; failed: boolean }>({ config: null, failed: false });
  useEffect(() => {
    let alive = true;
    fetch('/api/config', { headers: { Accept: 'application/json' } })
      .then((res) => (res.ok ? (res.json() as Promise<Partial<AtlasConfig>>) : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((body) => {
        if (alive) {
          const basemapCrs = body.basemapCrs === 'gcj02' ? 'gcj02' : 'wgs84';
          setState({ config: { basemapStyleUrl: body.basemapStyleUrl ?? null, basemapCrs, demo: Boolean(body.demo) }, failed: false });
        }
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
