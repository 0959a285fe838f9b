import type { AtlasLayer } from './types';
import { selected } from './types';
import { clusterCircleId, clusterLayers, NOT_CLUSTER } from './clusters';

export const ENTERPRISES_SOURCE = 'enterprises';
export const ENTERPRISES_LAYER = 'enterprises-circle';
export const enterpriseColor = '#6a1b9a';

/** Local enterprises only: outside candidates have no place on the city map. */
export const enterprisesLayer: AtlasLayer = {
  id: ENTERPRISES_SOURCE,
  titleKey: 'layer.enterprises',
  collection: 'enterprises',
  query: { isLocal: 'true' },
  entity: 'enterprise',
  visibleByDefault: true,
  layers: [
    {
      id: ENTERPRISES_LAYER,
      type: 'circle',
      source: ENTERPRISES_SOURCE,
      filter: NOT_CLUSTER,
      paint: {
        'circle-color': enterpriseColor,
        'circle-opacity': 0.85,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2, 14, 5],
        'circle-stroke-color': selected('#000000', '#ffffff'),
        'circle-stroke-width': selected(2.5, 0.5),
      },
    },
    ...clusterLayers(ENTERPRISES_SOURCE, enterpriseColor),
  ],
  clickLayerIds: [ENTERPRISES_LAYER],
  clusterLayerIds: [clusterCircleId(ENTERPRISES_SOURCE)],
  legend: [{ labelKey: 'legend.enterprise', color: enterpriseColor, shape: 'circle' }],
};
