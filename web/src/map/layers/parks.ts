import type { ExpressionSpecification } from 'maplibre-gl';
import type { AtlasLayer } from './types';
import { selected } from './types';

export const PARKS_SOURCE = 'parks';
export const PARKS_FILL_LAYER = 'parks-fill';
export const PARKS_LINE_LAYER = 'parks-outline';

/** Park level colours, from national (strongest) to county. Keys are the raw database values. */
export const parkLevelColors = {
  national: '#c62828',
  provincial: '#ef6c00',
  municipal: '#1565c0',
  county: '#00838f',
} as const;

const levelColor: ExpressionSpecification = [
  'match', ['get', 'level'],
  'national', parkLevelColors.national,
  'provincial', parkLevelColors.provincial,
  'municipal', parkLevelColors.municipal,
  'county', parkLevelColors.county,
  '#757575',
];

export const parksLayer: AtlasLayer = {
  id: PARKS_SOURCE,
  titleKey: 'layer.parks',
  collection: 'parks',
  entity: 'park',
  visibleByDefault: true,
  layers: [
    {
      id: PARKS_FILL_LAYER,
      type: 'fill',
      source: PARKS_SOURCE,
      paint: { 'fill-color': levelColor, 'fill-opacity': selected(0.32, 0.18) },
    },
    {
      id: PARKS_LINE_LAYER,
      type: 'line',
      source: PARKS_SOURCE,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': levelColor, 'line-width': selected(4, 2) },
    },
  ],
  clickLayerIds: [PARKS_FILL_LAYER],
  legend: [
    { labelKey: 'parkLevel.NATIONAL', color: parkLevelColors.national, shape: 'fill' },
    { labelKey: 'parkLevel.PROVINCIAL', color: parkLevelColors.provincial, shape: 'fill' },
    { labelKey: 'parkLevel.MUNICIPAL', color: parkLevelColors.municipal, shape: 'fill' },
    { labelKey: 'parkLevel.COUNTY', color: parkLevelColors.county, shape: 'fill' },
  ],
};
