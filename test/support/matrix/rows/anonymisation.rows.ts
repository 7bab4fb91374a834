import type { Matrix } from '../runner';

/** Access-matrix rows for the anonymisation routes (situations and helpers: ../situations). */
export const anonymisationRows: Matrix = {};
