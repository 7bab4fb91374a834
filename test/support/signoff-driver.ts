import type { Seed } from './actors';
import { uploadDocument, uploadVersion } from './document-driver';
import { daysAgo, reviewBody, send } from './review-driver';
import type { TestApp } from './test-app';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

/**
 * A review of `s` sent to the partnership for sign-off through the API: commissioned, chaired by
 * s.chair, the police on the panel (IMR not needed), the chair's overview report in two versions
 * and an executive summary uploaded in drafting (each upload is SUBMIT_DRAFT), the family not involved.
 */
export async function reviewWaitingForSignOff(t: TestApp, s: Seed, overrides: Record<string, unknown> = {}) {
  const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id, overrides));
  if (created.status !== 201) throw new Error(`create review: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
  await send(t, s.coordinator, id, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(44) });
  await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(41) });
  await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
  await send(t, s.chair, id, { type: 'AGREE_TERMS_OF_REFERENCE', agreedAt: daysAgo(40), periodFrom: '2021-01-01', periodTo: '2026-01-01' });
  await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id });
  await send(t, s.chair, id, { type: 'WAIVE_IMR', agencyId: s.police.id, reason: 'no contact' });
  const stage = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body.stage;
  if (stage === 'information_gathering') await send(t, s.chair, id, { type: 'BEGIN_DRAFTING' });
  const overview = await uploadDocument(
    t,
    s.chair,
    id,
    pdf('Overview report, draft'),
    'overview.pdf',
    { type: 'overview_report' },
    'application/pdf',
  );
  if (overview.status !== 201) throw new Error(`upload: ${overview.status} ${JSON.stringify(overview.body)}`);
  await uploadVersion(t, s.chair, id, overview.body.id, pdf('Overview report, final'), 'overview-final.pdf');
  await uploadDocument(t, s.chair, id, pdf('Executive summary'), 'summary.pdf', { type: 'executive_summary' }, 'application/pdf');
  await send(t, s.chair, id, { type: 'FAMILY_NOT_INVOLVED', reason: 'the family declined' });
  const review = await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' });
  if (review.stage !== 'csp_signoff') throw new Error(`expected csp_signoff, got ${review.stage}`);
  return { id, reference: created.body.reference as string };
}
