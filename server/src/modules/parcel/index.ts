export { Parcel, LandUse, SupplyStatus } from './parcel.entity';
export { ParcelResolver, ParkParcelsResolver, ProjectParcelsResolver, ParcelConnection } from './parcel.resolver';
export { ParcelService, applyParcelFilter } from './parcel.service';
export { ParcelFilter, UpdateParcelInput } from './parcel.inputs';
export { parcelById } from './parcel.loader';
