import type { Matrix } from '../runner';

/** Access-matrix rows for the family and meetings routes (situations and helpers: ../situations). */
export const familyAndMeetingsRows: Matrix = {};
