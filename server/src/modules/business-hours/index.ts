export { registerBusinessHoursRoutes } from './business-hours.routes';
export { findBusinessHours, type BusinessHoursRow } from './business-hours.repository';
export { businessHoursIdProblem } from './business-hours.service';
export { isOpenAt, nextOpeningAfter, partOfDay, LOOKAHEAD_DAYS, type PartOfDay, type Schedule } from './business-hours.clock';
