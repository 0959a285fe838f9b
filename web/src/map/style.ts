import type { StyleSpecification } from 'maplibre-gl';

/** Shangqiu city centre: where the map opens. */
export const HOME_CENTER: [number, number] = [115.65, 34.41];
export const HOME_ZOOM = 9;

/** The offline base style: only a background. No glyphs, sprites or remote tiles are needed, so nothing leaves the intranet. */
export function localBaseStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'atlas-local',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f5' } }],
  };
}
