import type { Matrix } from '../runner';

/** Access-matrix rows for the chronology routes (situations and helpers: ../situations). */
export const chronologyRows: Matrix = {};
