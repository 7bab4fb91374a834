import type { Matrix } from '../runner';

/** Access-matrix rows for the action plan routes (situations and helpers: ../situations). */
export const actionPlanRows: Matrix = {};
