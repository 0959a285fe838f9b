import type { ExpressionSpecification } from 'maplibre-gl';
import type { AtlasLayer } from './types';
import { selected } from './types';
import { clusterCircleId, clusterLayers, NOT_CLUSTER } from './clusters';

export const FACTORY_BUILDINGS_SOURCE = 'factory-buildings';
export const FACTORY_BUILDINGS_LAYER = 'factory-buildings-circle';

export const factoryColors = { occupied: '#00897b', vacant: '#ff7043' } as const;

// Vacancy share decides the colour: planners look for empty factories first.
const vacancy: ExpressionSpecification = [
  '/',
  ['to-number', ['get', 'vacantFloorAreaM2'], 0],
  ['max', ['to-number', ['get', 'floorAreaM2'], 1], 1],
];

export const factoryBuildingsLayer: AtlasLayer = {
  id: FACTORY_BUILDINGS_SOURCE,
  titleKey: 'layer.factoryBuildings',
  collection: 'factory-buildings',
  entity: 'factoryBuilding',
  visibleByDefault: true,
  layers: [
    {
      id: FACTORY_BUILDINGS_LAYER,
      type: 'circle',
      source: FACTORY_BUILDINGS_SOURCE,
      filter: NOT_CLUSTER,
      paint: {
        'circle-color': ['interpolate', ['linear'], vacancy, 0, factoryColors.occupied, 1, factoryColors.vacant],
        'circle-radius': [
          'interpolate', ['linear'], ['zoom'],
          8, 2.5,
          14, ['interpolate', ['linear'], ['to-number', ['get', 'floorAreaM2'], 0], 0, 5, 50000, 12],
        ],
        'circle-stroke-color': selected('#000000', '#ffffff'),
        'circle-stroke-width': selected(3, 1),
      },
    },
    ...clusterLayers(FACTORY_BUILDINGS_SOURCE, factoryColors.occupied),
  ],
  clickLayerIds: [FACTORY_BUILDINGS_LAYER],
  clusterLayerIds: [clusterCircleId(FACTORY_BUILDINGS_SOURCE)],
  legend: [
    { labelKey: 'legend.factoryOccupied', color: factoryColors.occupied, shape: 'circle' },
    { labelKey: 'legend.factoryVacant', color: factoryColors.vacant, shape: 'circle' },
  ],
};
