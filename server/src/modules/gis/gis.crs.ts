// Coordinate reference systems of incoming land data: recognise EPSG codes and CGCS2000 Gauss-Krüger .prj files
// without one. Reprojection itself is PostGIS's ST_Transform (PROJ); this only works out which SRID a file is in.

export interface CrsGuess {
  srid: number;
  /** How it was recognised, for the import report. */
  source: 'prj-epsg' | 'prj-params' | 'geojson-crs' | 'gpkg-srs' | 'coordinates' | 'option' | 'default';
  label: string;
}

/** CGCS2000 3° Gauss-Krüger: EPSG 4513–4533 carry the zone number in the false easting (zone 25 = 75°E … zone 45 = 135°E). */
export const gkZoneSrid = (zone: number) => 4513 + (zone - 25);
/** EPSG 4534–4554: the same zones without the zone number (false easting 500 000 m), by central meridian 75°E … 135°E. */
export const gkMeridianSrid = (cm: number) => 4534 + (cm - 75) / 3;

export const isGkSrid = (srid: number) => srid >= 4513 && srid <= 4554;
export const ACCEPTED_SRIDS = 'EPSG:4326 (WGS 84), EPSG:4490 (CGCS2000) or EPSG:4513–4554 (CGCS2000 3° Gauss-Krüger)';

export function crsLabel(srid: number): string {
  if (srid === 4326) return 'WGS 84 (EPSG:4326)';
  if (srid === 4490) return 'CGCS2000 (EPSG:4490)';
  if (srid >= 4513 && srid <= 4533) return `CGCS2000 3° GK zone ${srid - 4513 + 25} (EPSG:${srid})`;
  if (srid >= 4534 && srid <= 4554) return `CGCS2000 3° GK CM ${75 + (srid - 4534) * 3}°E (EPSG:${srid})`;
  return `EPSG:${srid}`;
}

const num = (wkt: string, name: string): number | null => {
  const m = new RegExp(`PARAMETER\\[\\s*"${name}"\\s*,\\s*(-?[0-9.eE+]+)`, 'i').exec(wkt);
  return m ? Number(m[1]) : null;
};

/**
 * Reads an ESRI or OGC WKT (.prj, GeoPackage definition). An EPSG authority on the outermost CRS wins; otherwise the
 * parameters: CGCS2000 ellipsoid (a = 6378137, 1/f = 298.257222101) or datum name, Transverse Mercator / Gauss-Krüger
 * with a 3° central meridian and a false easting of 500 000 m (no zone) or zone × 10⁶ + 500 000 m.
 * Returns null when the text describes none of the systems the import accepts.
 */
export function sridFromWkt(wkt: string): CrsGuess | null {
  const text = wkt.trim();
  if (!text) return null;
  // The authority of the outermost PROJCS/GEOGCS closes the text: ...,AUTHORITY["EPSG","4527"]]
  const outer = /AUTHORITY\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(text) ?? /ID\[\s*"EPSG"\s*,\s*(\d+)\s*\]\s*\]\s*$/i.exec(text);
  if (outer) {
    const srid = Number(outer[1]);
    if (srid === 4326 || srid === 4490 || isGkSrid(srid)) return { srid, source: 'prj-epsg', label: crsLabel(srid) };
  }
  const projected = /^\s*(PROJCS|PROJCRS)\[/i.test(text);
  const cgcs = /China[ _]?(Geodetic[ _]Coordinate[ _]System[ _])?2000|CGCS[ _]?2000|China_2000/i.test(text)
    || /SPHEROID\[\s*"[^"]*"\s*,\s*6378137(\.0+)?\s*,\s*298\.257222101/i.test(text)
    || /ELLIPSOID\[\s*"[^"]*"\s*,\s*6378137(\.0+)?\s*,\s*298\.257222101/i.test(text);
  const wgs84 = /WGS[ _]?(19)?84/i.test(text);
  if (!projected) {
    if (cgcs) return { srid: 4490, source: 'prj-params', label: crsLabel(4490) };
    if (wgs84) return { srid: 4326, source: 'prj-params', label: crsLabel(4326) };
    return null;
  }
  if (!cgcs) return null;
  if (!/Transverse_Mercator|Gauss[_ -]?Kruger|Transverse Mercator/i.test(text)) return null;
  const cm = num(text, 'central_meridian') ?? num(text, 'Longitude of natural origin');
  const fe = num(text, 'false_easting') ?? num(text, 'False easting');
  const k = num(text, 'scale_factor') ?? num(text, 'Scale factor at natural origin') ?? 1;
  const lat0 = num(text, 'latitude_of_origin') ?? num(text, 'Latitude of natural origin') ?? 0;
  if (cm === null || fe === null || Math.abs(k - 1) > 1e-9 || Math.abs(lat0) > 1e-9) return null;
  if (!Number.isInteger(cm) || cm % 3 !== 0 || cm < 75 || cm > 135) return null;
  if (Math.abs(fe - 500000) < 1e-6) {
    const srid = gkMeridianSrid(cm);
    return { srid, source: 'prj-params', label: crsLabel(srid) };
  }
  const zone = Math.round((fe - 500000) / 1e6);
  if (Math.abs(fe - (zone * 1e6 + 500000)) < 1e-6 && zone === cm / 3) {
    const srid = gkZoneSrid(zone);
    return { srid, source: 'prj-params', label: crsLabel(srid) };
  }
  return null;
}

/** Parses "EPSG:4527", "urn:ogc:def:crs:EPSG::4490", "4326", "CRS84". */
export function sridFromName(name: string): number | null {
  if (/CRS84$/i.test(name.trim())) return 4326;
  const m = /(?:EPSG)?:*(\d{4,5})\s*$/i.exec(name.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Without any CRS description: lon/lat-sized numbers are WGS 84; an easting of 25–45 million metres names its GK zone.
 * A bare easting near 500 000 m cannot name its meridian, so that stays unknown (null).
 */
export function sridFromCoordinates(xs: number[], ys: number[]): CrsGuess | null {
  if (xs.length === 0) return null;
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90) return { srid: 4326, source: 'coordinates', label: crsLabel(4326) };
  const zone = Math.floor(minX / 1e6);
  if (zone >= 25 && zone <= 45 && Math.floor(maxX / 1e6) === zone && minY > 0 && maxY < 1e7) {
    const srid = gkZoneSrid(zone);
    return { srid, source: 'coordinates', label: crsLabel(srid) };
  }
  return null;
}
