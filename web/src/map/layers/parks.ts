import type { ExpressionSpecification } from 'maplibre-gl';
import type { AtlasLayer } from './types';
import { selected } from './types';

export const PARKS_SOURCE = 'parks';
export const PARKS_FILL_LAYER = 'parks-fill';
export const PARKS_LINE_LAYER = 'parks-outline';
export const PARKS_LABEL_LAYER = 'parks-label';
/** Font stack for every label; MapLibre draws it locally (see style.ts), CJK with the system's Noto CJK. */
export const LABEL_FONT = ['Noto Sans Regular'];

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
    {
      // Park name, and under it the active theme's figure (text-field is set by the theme).
      id: PARKS_LABEL_LAYER,
      type: 'symbol',
      source: PARKS_SOURCE,
      minzoom: 8,
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-max-width': 9, 'symbol-placement': 'point' },
      paint: { 'text-color': '#1f2933', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
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
