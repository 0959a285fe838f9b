import type { ExpressionSpecification } from 'maplibre-gl';
import type { AtlasLayer } from './types';
import { selected } from './types';

export const PARCELS_SOURCE = 'parcels';
export const PARCELS_FILL_LAYER = 'parcels-fill';
export const PARCELS_LINE_LAYER = 'parcels-outline';

/** Conventional Chinese land-use planning colours (GB 50137 usage): M browns, W purple, B red, R yellow, A magenta, G green. */
export const landUseColors = {
  M1: '#c9a27e',
  M2: '#a0704a',
  M3: '#7a4f3a',
  W: '#9b7fc4',
  B: '#e53935',
  R: '#fdd835',
  A: '#e056a8',
  G: '#43a047',
  reserve: '#bdbdbd',
} as const;

const landUseColor: ExpressionSpecification = [
  'match', ['get', 'landUse'],
  'M1', landUseColors.M1,
  'M2', landUseColors.M2,
  'M3', landUseColors.M3,
  'W', landUseColors.W,
  'B', landUseColors.B,
  'R', landUseColors.R,
  'A', landUseColors.A,
  'G', landUseColors.G,
  landUseColors.reserve,
];

export const parcelsLayer: AtlasLayer = {
  id: PARCELS_SOURCE,
  titleKey: 'layer.parcels',
  collection: 'parcels',
  entity: 'parcel',
  visibleByDefault: true,
  layers: [
    {
      id: PARCELS_FILL_LAYER,
      type: 'fill',
      source: PARCELS_SOURCE,
      paint: { 'fill-color': landUseColor, 'fill-opacity': selected(0.95, 0.75) },
    },
    {
      id: PARCELS_LINE_LAYER,
      type: 'line',
      source: PARCELS_SOURCE,
      minzoom: 11,
      paint: { 'line-color': selected('#111111', '#ffffff'), 'line-width': selected(2.5, 0.6) },
    },
  ],
  clickLayerIds: [PARCELS_FILL_LAYER],
  legend: [
    { labelKey: 'landUse.M1', color: landUseColors.M1, shape: 'fill' },
    { labelKey: 'landUse.M2', color: landUseColors.M2, shape: 'fill' },
    { labelKey: 'landUse.M3', color: landUseColors.M3, shape: 'fill' },
    { labelKey: 'landUse.W', color: landUseColors.W, shape: 'fill' },
    { labelKey: 'landUse.B', color: landUseColors.B, shape: 'fill' },
    { labelKey: 'landUse.R', color: landUseColors.R, shape: 'fill' },
    { labelKey: 'landUse.A', color: landUseColors.A, shape: 'fill' },
    { labelKey: 'landUse.G', color: landUseColors.G, shape: 'fill' },
    { labelKey: 'landUse.RESERVE', color: landUseColors.reserve, shape: 'fill' },
  ],
};
