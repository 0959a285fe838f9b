export { importParcels, type ImportReport, type ImportOptions, type ImportProblem } from './gis.import';
export { exportParcels, type ExportFormat } from './gis.export';
export { sridFromWkt, crsLabel } from './gis.crs';
export type { FieldMapping } from './gis.fields';
export { importParkBoundaries, type ParkImportReport } from './gis.parks';
export type { ParkFieldMapping } from './gis.fields';
