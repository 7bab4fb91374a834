import { DomainError } from '@dhr/core';
import type { DocumentUploadCheck } from '@dhr/documents';
import { isMergeable, parseChronology } from './chronology-parser';
import { MAX_LISTED_PROBLEMS } from './chronology.view';

/**
 * Refuses (422, before anything is stored) a CSV or XLSX chronology with any problem, naming each problem's
 * line. Chronologies in other formats are accepted: the merge lists them as not merged.
 */
export function chronologyUploadCheck(now: () => Date): DocumentUploadCheck {
  return async ({ type, mediaType, bytes }) => {
    if (type !== 'chronology' || !isMergeable(mediaType)) return;
    const { problems } = await parseChronology(bytes, mediaType, now());
    if (problems.length === 0) return;
    throw new DomainError('chronology_invalid', {
      message: `the chronology has ${problems.length} problem${problems.length === 1 ? '' : 's'}; correct the lines named and upload it again`,
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
      problemCount: problems.length,
    });
  };
}
