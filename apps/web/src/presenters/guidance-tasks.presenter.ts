// The guidance's steps on the Tasks page (v3): each step the review has reached, done
// (with what was recorded), not done (and why) or to do, with a link to record it, and a
// warning while no specialist domestic abuse service sits on the panel.
import type { GuidanceItem, GuidanceView } from '@dhr/reviews';
import { guidanceTask } from './event-form-catalogue';
import { longDate } from './dates';
import { escapeHtml } from './escape-html';

const STEP_WORDS: Record<string, string> = {
  family_leaflet_given: 'Home Office leaflet given to the family',
  advocacy_offered: 'Specialist advocacy offered to the family',
  chair_independence_statement: 'Chair’s statement of independence',
  family_shown_report: 'Report shown to the family before it goes to the Home Office',
  qa_letter_published: 'Home Office quality assurance letter published with the report',
  family_told_publication_date: 'Family told the publication date',
  home_office_told_publication_date: 'Home Office told the publication date',
  report_kept_online: 'Report kept online for its minimum time',
};

/** Stages in which the panel is still being formed: the warning about a specialist service shows there. */
const PANEL_STAGES = ['setup', 'information_gathering', 'drafting'];

export function guidanceTasks(
  reviewId: string,
  stage: string,
  guidance: GuidanceView | null | undefined,
  mayRecord: boolean,
): { items: object[]; warning: string | null } | null {
  if (!guidance) return null;
  const href = (step: string) => (mayRecord ? `/reviews/${reviewId}/tasks/${guidanceTask(step)}` : undefined);
  const items = guidance.steps.map((item) => {
    const title =
      item.step === 'imr_signed_off' ? `IMR from ${item.agencyName ?? 'an agency'} signed off by a senior manager` : STEP_WORDS[item.step];
    // An IMR's sign-off form opens with its agency chosen.
    const agency = item.agencyId ? `?agencyId=${item.agencyId}` : '';
    const link = item.status === 'done' || !mayRecord ? undefined : `${href(item.step)}${agency}`;
    // The family's sight of the report may be recorded as not given, with why.
    const whyNot =
      item.step === 'family_shown_report' && item.status === 'to_do' && mayRecord
        ? `<a class="govuk-link" href="${href('family_not_shown_report')}">Record why the family was not shown it</a>`
        : null;
    const hint = [recordedWords(item), whyNot].filter(Boolean).join('<br>');
    return {
      title: { text: title },
      href: link,
      hint: hint ? { html: hint } : undefined,
      status: statusOf(item.status),
    };
  });
  const warning =
    !guidance.specialistOnPanel && PANEL_STAGES.includes(stage)
      ? 'No specialist domestic abuse service is on the panel. The statutory guidance asks for one.'
      : null;
  return { items, warning };
}

function statusOf(status: GuidanceItem['status']) {
  if (status === 'done') return { text: 'Completed' };
  if (status === 'not_done') return { tag: { text: 'Not done', classes: 'govuk-tag--grey' } };
  return { tag: { text: 'To do', classes: 'govuk-tag--blue' } };
}

/** What was recorded, escaped for the hint's HTML. */
function recordedWords(item: GuidanceItem): string | null {
  if (item.status === 'to_do' || !item.at) return null;
  const on = longDate(item.at);
  if (item.status === 'not_done') return escapeHtml(`Not done (recorded ${on}): ${item.note ?? 'no reason given'}`);
  const parts = [item.signedOffBy ? `Signed off on ${on} by ${item.signedOffBy}` : `Done on ${on}`];
  if (item.organisation) parts.push(`service: ${item.organisation}`);
  if (item.note) parts.push(item.note);
  return escapeHtml(parts.join('; '));
}
