export { FactoryBuilding } from './factory-building.entity';
export { FactoryBuildingResolver, ParkFactoryBuildingsResolver, FactoryBuildingConnection } from './factory-building.resolver';
export { FactoryBuildingService, applyFactoryBuildingFilter } from './factory-building.service';
export { FactoryBuildingFilter } from './factory-building.inputs';
export { factoryBuildingById } from './factory-building.loader';
