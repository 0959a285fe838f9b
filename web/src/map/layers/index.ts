import { enterprisesLayer } from './enterprises';
import { factoryBuildingsLayer } from './factoryBuildings';
import { parcelsLayer } from './parcels';
import { parksLayer } from './parks';
import { projectsLayer } from './projects';
import { regionsLayer } from './regions';
import type { AtlasLayer, EntityKind } from './types';

export type { AtlasLayer, EntityKind, LegendKey } from './types';
export { PARKS_FILL_LAYER, PARKS_LINE_LAYER, PARKS_LABEL_LAYER } from './parks';
export { PARCELS_LINE_LAYER } from './parcels';
export { THEMES, DEFAULT_THEMES, themeById, themesFor, themeColor, themeFilter, parkLabel, type MapTheme, type ThemeClass } from './themes';
export { PARCELS_FILL_LAYER } from './parcels';
export { PROJECTS_LAYER } from './projects';

/** Every data layer, in drawing order (bottom first). */
export const atlasLayers: AtlasLayer[] = [
  regionsLayer,
  parksLayer,
  parcelsLayer,
  factoryBuildingsLayer,
  enterprisesLayer,
  projectsLayer,
];

/** Legend order: what people look for first. */
export const legendOrder: string[] = ['parks', 'parcels', 'projects', 'factory-buildings', 'enterprises', 'regions'];

export function layerById(id: string): AtlasLayer | undefined {
  return atlasLayers.find((layer) => layer.id === id);
}

export function layerForEntity(entity: EntityKind): AtlasLayer | undefined {
  return atlasLayers.find((layer) => layer.entity === entity);
}

/** Cluster circles of the point layers, topmost first: a click on one zooms in. */
export const clusterLayerIds: string[] = atlasLayers.flatMap((layer) => layer.clusterLayerIds ?? []).reverse();
export { clusterClickZoom, POINTS_ZOOM } from './clusters';

/** Click priority: topmost drawn layer first. */
export const clickableLayerIds: string[] = atlasLayers.flatMap((layer) => layer.clickLayerIds).reverse();

export function entityForMapLayer(mapLayerId: string): EntityKind | undefined {
  return atlasLayers.find((layer) => layer.clickLayerIds.includes(mapLayerId))?.entity;
}
