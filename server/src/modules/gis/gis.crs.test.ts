import { describe, expect, it } from 'vitest';
import { crsLabel, gkMeridianSrid, gkZoneSrid, sridFromCoordinates, sridFromName, sridFromWkt } from './gis.crs';

// An ESRI .prj as ArcGIS writes it for CGCS2000 GK zone 39, without any EPSG code.
const ESRI_ZONE39 = 'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const ESRI_CM114 = ESRI_ZONE39.replace('Zone_39', 'CM_114E').replace('39500000.0', '500000.0').replace('117.0', '114.0');

describe('CRS recognition', () => {
  it('numbers the CGCS2000 3° zones as EPSG does', () => {
    expect(gkZoneSrid(25)).toBe(4513);
    expect(gkZoneSrid(39)).toBe(4527);
    expect(gkZoneSrid(45)).toBe(4533);
    expect(gkMeridianSrid(75)).toBe(4534);
    expect(gkMeridianSrid(114)).toBe(4547);
    expect(gkMeridianSrid(135)).toBe(4554);
  });

  it('recognises a .prj without an EPSG code by its parameters', () => {
    expect(sridFromWkt(ESRI_ZONE39)).toMatchObject({ srid: 4527, source: 'prj-params' });
    expect(sridFromWkt(ESRI_CM114)).toMatchObject({ srid: 4547, source: 'prj-params' });
    expect(sridFromWkt('GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]')?.srid).toBe(4490);
    expect(sridFromWkt('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')?.srid).toBe(4326);
  });

  it('takes the EPSG authority when there is one, and refuses other systems', () => {
    expect(sridFromWkt(ESRI_ZONE39.replace(/\]$/, ',AUTHORITY["EPSG","4527"]]'))).toMatchObject({ srid: 4527, source: 'prj-epsg' });
    // A zone number that does not match the meridian, a Xi'an 1980 ellipsoid, a UTM projection.
    expect(sridFromWkt(ESRI_ZONE39.replace('117.0', '114.0'))).toBeNull();
    expect(sridFromWkt(ESRI_ZONE39.replace('6378137.0,298.257222101', '6378140.0,298.257').replace(/China[_ A-Za-z]*2000/g, 'Xian_1980').replace(/CGCS2000/g, 'IAG_75'))).toBeNull();
    expect(sridFromWkt('PROJCS["WGS_1984_UTM_Zone_50N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0]]')).toBeNull();
  });

  it('reads CRS names and guesses from coordinates', () => {
    expect(sridFromName('urn:ogc:def:crs:EPSG::4490')).toBe(4490);
    expect(sridFromName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
    expect(sridFromName('EPSG:4527')).toBe(4527);
    expect(sridFromCoordinates([115.6, 115.7], [34.4, 34.5])?.srid).toBe(4326);
    expect(sridFromCoordinates([39_455_000, 39_456_000], [3_810_000, 3_811_000])?.srid).toBe(4527);
    expect(sridFromCoordinates([455_000, 456_000], [3_810_000, 3_811_000])).toBeNull();
    expect(crsLabel(4547)).toContain('114');
  });
});
