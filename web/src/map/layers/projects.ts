import type { ExpressionSpecification } from 'maplibre-gl';
import type { MessageKey } from '../../i18n/zh';
import type { AtlasLayer } from './types';
import { selected } from './types';
import { clusterCircleId, clusterLayers, NOT_CLUSTER } from './clusters';

export const PROJECTS_SOURCE = 'projects';
export const PROJECTS_LAYER = 'projects-circle';

/** Stage colours in lifecycle order: blues while courting, warm while building, greens once producing, greys for off-ramps. */
export const stageColors = {
  lead: '#90caf9',
  negotiating: '#42a5f5',
  signed: '#1565c0',
  started: '#ffca28',
  completed: '#ff7043',
  in_production: '#66bb6a',
  at_capacity: '#2e7d32',
  eliminated: '#9e9e9e',
  terminated: '#424242',
} as const;

const stageColor = [
  'match', ['get', 'stage'],
  ...Object.entries(stageColors).flat(),
  '#757575',
] as unknown as ExpressionSpecification;

export const projectsLayer: AtlasLayer = {
  id: PROJECTS_SOURCE,
  titleKey: 'layer.projects',
  collection: 'projects',
  entity: 'project',
  visibleByDefault: true,
  layers: [
    {
      id: PROJECTS_LAYER,
      type: 'circle',
      source: PROJECTS_SOURCE,
      filter: NOT_CLUSTER,
      paint: {
        'circle-color': stageColor,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 4, 14, 9],
        'circle-stroke-color': selected('#000000', '#ffffff'),
        'circle-stroke-width': selected(3, 1.5),
      },
    },
    // Clusters mix stages: drawn in the colour of a signed project.
    ...clusterLayers(PROJECTS_SOURCE, stageColors.signed),
  ],
  clickLayerIds: [PROJECTS_LAYER],
  clusterLayerIds: [clusterCircleId(PROJECTS_SOURCE)],
  legend: Object.entries(stageColors).map(([stage, color]) => ({
    labelKey: `stage.${stage.toUpperCase()}` as MessageKey,
    color,
    shape: 'circle' as const,
  })),
};
