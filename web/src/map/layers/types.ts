import type { LayerSpecification } from 'maplibre-gl';
import type { MessageKey } from '../../i18n/zh';

/** What a click on a feature opens: one side panel per entity. */
export type EntityKind = 'park' | 'parcel' | 'factoryBuilding' | 'project' | 'enterprise' | 'region';

export interface LegendKey {
  labelKey: MessageKey;
  color: string;
  shape: 'fill' | 'line' | 'circle';
}

/** One toggleable map layer: a GeoJSON source from the OGC API plus the MapLibre layers drawn from it. */
export interface AtlasLayer {
  /** Also the MapLibre source id. */
  id: string;
  titleKey: MessageKey;
  /** OGC API Features collection id and extra query parameters. */
  collection: string;
  query?: Record<string, string>;
  entity: EntityKind;
  layers: LayerSpecification[];
  /** Layers whose features open a panel when clicked. */
  clickLayerIds: string[];
  /** Cluster layers of a point layer's tiles (below zoom 16): a click zooms in instead of opening a panel. */
  clusterLayerIds?: string[];
  legend: LegendKey[];
  visibleByDefault: boolean;
}

/** Paint helper: thicker or highlighted when the feature carries feature-state `selected`. */
export const selected = <T,>(on: T, off: T) =>
  ['case', ['boolean', ['feature-state', 'selected'], false], on, off] as unknown as T;
