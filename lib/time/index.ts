export { getAllianceTimeZone, isValidTimeZone, readAllianceTimeZone } from "./alliance-zone";
export { academicYearOf, ACADEMIC_YEAR_START_MONTH, monthPeriodOf, type Period } from "./periods";
export { isoToWallClock, wallClockToIso } from "./wall-clock";
