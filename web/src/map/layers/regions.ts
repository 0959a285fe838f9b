import type { FilterSpecification } from 'maplibre-gl';
import type { AtlasLayer } from './types';
import { LABEL_FONT } from './parks';
import { selected } from './types';

export const REGIONS_SOURCE = 'regions';
export const REGIONS_FILL_LAYER = 'regions-fill';
export const REGIONS_LINE_LAYER = 'regions-outline';
export const REGIONS_LABEL_LAYER = 'regions-label';

const isDistrict: FilterSpecification = ['==', ['get', 'level'], 'district'];

/** District boundaries: outlines only; a transparent fill makes the inside clickable. */
export const regionsLayer: AtlasLayer = {
  id: REGIONS_SOURCE,
  titleKey: 'layer.regions',
  collection: 'regions',
  query: { level: 'district' },
  entity: 'region',
  visibleByDefault: true,
  layers: [
    {
      id: REGIONS_FILL_LAYER,
      type: 'fill',
      source: REGIONS_SOURCE,
      filter: isDistrict,
      paint: { 'fill-color': '#5c6bc0', 'fill-opacity': selected(0.06, 0) },
    },
    {
      id: REGIONS_LINE_LAYER,
      type: 'line',
      source: REGIONS_SOURCE,
      filter: isDistrict,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': selected('#283593', '#5c6370'),
        'line-width': selected(3, 1.4),
        'line-dasharray': [4, 2],
      },
    },
    {
      id: REGIONS_LABEL_LAYER,
      type: 'symbol',
      source: REGIONS_SOURCE,
      filter: isDistrict,
      maxzoom: 12,
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 14, 'text-letter-spacing': 0.2 },
      paint: { 'text-color': '#3949ab', 'text-halo-color': '#ffffff', 'text-halo-width': 2, 'text-opacity': 0.85 },
    },
  ],
  clickLayerIds: [REGIONS_FILL_LAYER],
  legend: [{ labelKey: 'legend.districtBoundary', color: '#5c6370', shape: 'line' }],
};
