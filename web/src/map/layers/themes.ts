import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { MessageKey } from '../../i18n/zh';
import { landUseColors } from './parcels';
import { parkLevelColors } from './parks';

/**
 * Map themes: plain MapLibre expressions over feature PROPERTIES (so GeoJSON or vector-tile sources feed them alike).
 * Park properties used: level, availableMu, idleMu, vacantFloorM2, grade, largestSiteMu.
 * Parcel properties used: landUse, supplyStatus, idle, lowBuild.
 */
export interface ThemeClass {
  key: string;
  labelKey: MessageKey;
  color: string;
  /** True for the features in this class; classes of a theme are exclusive and together cover every feature. */
  when: ExpressionSpecification;
}

export interface MapTheme {
  id: string;
  /** The AtlasLayer (source) it colours. */
  layerId: 'parks' | 'parcels';
  titleKey: MessageKey;
  classes: ThemeClass[];
  /** The figure printed under a park's name in its label, if any. */
  figure?: ExpressionSpecification;
}

const num = (prop: string): ExpressionSpecification => ['to-number', ['coalesce', ['get', prop], 0]];
const between = (prop: string, lo: number, hi: number): ExpressionSpecification => ['all', ['>=', num(prop), lo], ['<', num(prop), hi]];
const is = (prop: string, value: string | boolean): ExpressionSpecification => ['==', ['get', prop], value];
const isTrue = (prop: string): ExpressionSpecification => ['==', ['coalesce', ['get', prop], false], true];
/** A figure with its unit, e.g. "1,234 亩". */
const figure = (prop: string, unit: string): ExpressionSpecification => ['concat', ['number-format', num(prop), { 'max-fraction-digits': 0 }], unit];

/** Sequential ramp, light to dark, for "how much" themes (ColorBrewer YlOrRd / BuGn style). */
const RAMP_WARM = ['#e0e0e0', '#fed976', '#fd8d3c', '#e31a1c', '#800026'];
const RAMP_GREEN = ['#e0e0e0', '#c7e9c0', '#74c476', '#31a354', '#006d2c'];
const RAMP_BLUE = ['#e0e0e0', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

function bands(prop: string, edges: number[], colors: string[], keyPrefix: string): ThemeClass[] {
  // edges [a, b, c]: class 0 is "= 0", then (0, a), [a, b), [b, c), [c, ∞).
  const out: ThemeClass[] = [{ key: 'zero', labelKey: `${keyPrefix}.0` as MessageKey, color: colors[0], when: ['<=', num(prop), 0] }];
  const lows = [0, ...edges];
  lows.forEach((lo, i) => {
    const hi = i < edges.length ? edges[i] : Infinity;
    out.push({
      key: `b${i + 1}`, labelKey: `${keyPrefix}.${i + 1}` as MessageKey, color: colors[i + 1],
      when: hi === Infinity ? ['>=', num(prop), lo] : i === 0 ? ['all', ['>', num(prop), 0], ['<', num(prop), hi]] : between(prop, lo, hi),
    });
  });
  return out;
}

export const THEMES: MapTheme[] = [
  {
    id: 'park-level', layerId: 'parks', titleKey: 'theme.parkLevel',
    classes: (['national', 'provincial', 'municipal', 'county'] as const).map((l) => ({
      key: l, labelKey: `parkLevel.${l.toUpperCase()}` as MessageKey, color: parkLevelColors[l], when: is('level', l),
    })),
  },
  {
    id: 'park-available', layerId: 'parks', titleKey: 'theme.parkAvailable',
    classes: bands('availableMu', [200, 500, 1000], RAMP_GREEN, 'theme.availableBand'), figure: figure('availableMu', ' 亩'),
  },
  {
    id: 'park-idle', layerId: 'parks', titleKey: 'theme.parkIdle',
    classes: bands('idleMu', [50, 150, 300], RAMP_WARM, 'theme.idleBand'), figure: figure('idleMu', ' 亩'),
  },
  {
    id: 'park-vacant', layerId: 'parks', titleKey: 'theme.parkVacant',
    classes: bands('vacantFloorM2', [20000, 60000, 120000], RAMP_BLUE, 'theme.vacantBand'), figure: figure('vacantFloorM2', ' m²'),
  },
  {
    id: 'park-grade', layerId: 'parks', titleKey: 'theme.parkGrade',
    classes: [
      { key: 'A', labelKey: 'muGrade.A', color: '#1a9850', when: is('grade', 'A') },
      { key: 'B', labelKey: 'muGrade.B', color: '#91cf60', when: is('grade', 'B') },
      { key: 'C', labelKey: 'muGrade.C', color: '#fc8d59', when: is('grade', 'C') },
      { key: 'D', labelKey: 'muGrade.D', color: '#d73027', when: is('grade', 'D') },
      { key: 'none', labelKey: 'muGrade.none', color: '#bdbdbd', when: ['!', ['has', 'grade']] },
    ],
    figure: ['case', ['has', 'taxPerMu'], ['concat', '亩均税收 ', ['number-format', num('taxPerMu'), { 'max-fraction-digits': 1 }], ' 万元'], ''],
  },
  {
    id: 'parcel-land-use', layerId: 'parcels', titleKey: 'theme.parcelLandUse',
    classes: (Object.keys(landUseColors) as (keyof typeof landUseColors)[]).map((u) => ({
      key: u, labelKey: `landUse.${u === 'reserve' ? 'RESERVE' : u}` as MessageKey, color: landUseColors[u],
      when: u === 'reserve' ? ['!', ['in', ['get', 'landUse'], ['literal', ['M1', 'M2', 'M3', 'W', 'B', 'R', 'A', 'G']]]] : is('landUse', u),
    })),
  },
  {
    id: 'parcel-supply', layerId: 'parcels', titleKey: 'theme.parcelSupply',
    classes: ([
      ['available', '#2e7d32'], ['reserve', '#9e9e9e'], ['supplied', '#f9a825'], ['under_construction', '#1e88e5'], ['built', '#6d4c41'], ['idle', '#d81b60'],
    ] as const).map(([s, color]) => ({ key: s, labelKey: `supply.${s.toUpperCase()}` as MessageKey, color, when: is('supplyStatus', s) })),
  },
  {
    id: 'parcel-flags', layerId: 'parcels', titleKey: 'theme.parcelFlags',
    classes: [
      { key: 'idle', labelKey: 'theme.flagIdle', color: '#d81b60', when: isTrue('idle') },
      { key: 'lowBuild', labelKey: 'theme.flagLowBuild', color: '#ff6f00', when: ['all', ['!', isTrue('idle')], isTrue('lowBuild')] },
      { key: 'ok', labelKey: 'theme.flagNone', color: '#cfd8dc', when: ['all', ['!', isTrue('idle')], ['!', isTrue('lowBuild')]] },
    ],
  },
];

export const DEFAULT_THEMES: Record<MapTheme['layerId'], string> = { parks: 'park-level', parcels: 'parcel-land-use' };

export const themeById = (id: string): MapTheme | undefined => THEMES.find((t) => t.id === id);
export const themesFor = (layerId: string): MapTheme[] => THEMES.filter((t) => t.layerId === layerId);

/** fill-color for a theme: the first class whose condition holds. */
export function themeColor(theme: MapTheme): ExpressionSpecification {
  const cases = theme.classes.flatMap((c) => [c.when, c.color]);
  return ['case', ...cases, '#bdbdbd'] as unknown as ExpressionSpecification;
}

/** Layer filter showing only the classes not switched off in the legend. */
export function themeFilter(theme: MapTheme, hidden: readonly string[]): FilterSpecification | null {
  if (hidden.length === 0) return null;
  const shown = theme.classes.filter((c) => !hidden.includes(c.key));
  return (shown.length ? ['any', ...shown.map((c) => c.when)] : ['==', 1, 0]);
}

/** Label text of a park: its name, and under it the theme's figure. */
export function parkLabel(theme: MapTheme | undefined): ExpressionSpecification {
  if (!theme?.figure) return ['get', 'name'];
  return ['format', ['get', 'name'], {}, '\n', {}, theme.figure, { 'font-scale': 0.85 }] as unknown as ExpressionSpecification;
}
