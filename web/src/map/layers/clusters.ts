import type { FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { LABEL_FONT } from './parks';

// Point layers' tiles hold clusters below zoom 16 (server/src/http/tiles.sql.ts, CLUSTER_MAX_ZOOM): one feature per
// grid cell with a `count` property and no id; a cell with one point holds that point's own feature.

/** A cluster feature. */
export const IS_CLUSTER: FilterSpecification = ['has', 'count'];
/** A feature of one record (what opens a panel). */
export const NOT_CLUSTER: FilterSpecification = ['!', ['has', 'count']];

/** The first zoom whose tiles draw every point as itself: where the map flies to show one record. */
export const POINTS_ZOOM = 16;

/** The zoom a click on a cluster flies to: two levels in, up to POINTS_ZOOM. */
export const clusterClickZoom = (zoom: number): number => Math.min(Math.floor(zoom) + 2, POINTS_ZOOM);

/**
 * A sized circle and its count for the clusters of point source `source`, in the layer's colour. The counts neither
 * hide nor get hidden by other labels (allow-overlap, ignore-placement): the park and district names stay readable.
 */
export function clusterLayers(source: string, color: string): LayerSpecification[] {
  return [
    {
      id: `${source}-cluster`,
      type: 'circle',
      source,
      filter: IS_CLUSTER,
      paint: {
        'circle-color': color,
        'circle-opacity': 0.7,
        'circle-radius': ['interpolate', ['linear'], ['ln', ['to-number', ['get', 'count'], 1]], 0, 6, 4.6, 14, 9.2, 24],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: `${source}-cluster-count`,
      type: 'symbol',
      source,
      filter: IS_CLUSTER,
      layout: { 'text-field': ['to-string', ['get', 'count']], 'text-font': LABEL_FONT, 'text-size': 11, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#ffffff', 'text-halo-color': color, 'text-halo-width': 1 },
    },
  ];
}

/** The map layer ids of a source's clusters (the circles: what a click hits). */
export const clusterCircleId = (source: string): string => `${source}-cluster`;
