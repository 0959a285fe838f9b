// Strings of the vector-tile map layers.
export const tilesZh = {
  'legend.tiled': '矢量瓦片',
} as const;

export const tilesEn: Record<keyof typeof tilesZh, string> = {
  'legend.tiled': 'vector tiles',
};
