export { Parcel, LandUse, SupplyStatus } from './parcel.entity';
export { ParcelResolver, ParkParcelsResolver, ParcelConnection } from './parcel.resolver';
export { ParcelService, applyParcelFilter } from './parcel.service';
export { ParcelFilter, UpdateParcelInput } from './parcel.inputs';
export { parcelById, parcelsByProject } from './parcel.loader';
export { PARCEL_PROJECTIONS } from './parcel.projection';
