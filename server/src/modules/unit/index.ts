export { AssessmentUnit, AnnualTarget, AssessmentCategory, AssessmentCoefficient, UnitKind, CoefficientBasis } from './unit.entity';
export {
  AssessmentUnitResolver, AnnualTargetResolver, AssessmentCategoryResolver, AssessmentCoefficientResolver, AssessmentUnitConnection,
} from './unit.resolver';
export { UnitService, assertYear } from './unit.service';
export { AssessmentUnitFilter } from './unit.inputs';
export { assessmentUnitById, targetsByUnit, categoryByCode, coefficientByCategory } from './unit.loader';
export { UNIT_PROJECTIONS } from './unit.projection';
