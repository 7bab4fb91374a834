import type { Matrix } from '../runner';

/** Access-matrix rows for the documents workflow routes (situations and helpers: ../situations). */
export const documentsWorkflowRows: Matrix = {};
