import type { Matrix } from '../runner';
import { actionPlanRows } from './action-plan.rows';
import { anonymisationRows } from './anonymisation.rows';
import { chronologyRows } from './chronology.rows';
import { directoryRows } from './directory.rows';
import { documentsWorkflowRows } from './documents-workflow.rows';
import { familyAndMeetingsRows } from './family-and-meetings.rows';
import { membershipsRows } from './memberships.rows';
import { reportingRows } from './reporting.rows';
import { searchRows } from './search.rows';
import { oversightRows } from './oversight.rows';

/** Each domain's rows of the access matrix, kept beside one another so a domain's routes are listed in one place. */
export const DOMAIN_ROWS: Matrix = {
  ...actionPlanRows,
  ...anonymisationRows,
  ...chronologyRows,
  ...directoryRows,
  ...documentsWorkflowRows,
  ...familyAndMeetingsRows,
  ...membershipsRows,
  ...reportingRows,
  ...searchRows,
  ...oversightRows,
};
