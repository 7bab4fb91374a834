import { DateTime } from 'luxon';
import type { Seed, Session } from './actors';
import { uploadDocument, uploadVersion } from './document-driver';
import { daysAgo, reviewBody, send } from './review-driver';
import type { TestApp } from './test-app';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
export const POLICE_CHRONOLOGY = Buffer.from(
  'Date,Agency,Event,Source\r\n' +
    '14/02/2023 22:15,Police,"Domestic incident reported, officers attended",Incident log 0231\r\n' +
    '2023-03-01,Police,Joint MARAC meeting,MARAC minutes\r\n',
);

export interface ReviewFileData {
  id: string;
  reference: string;
  /** The police IMR (uploaded by the police contact) and a letter with two versions (uploaded by the coordinator). */
  imrId: string;
  letterId: string;
  draftId: string;
}

async function ok(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

/**
 * A review in drafting with something in every part of its file, made through the API:
 * police scoped, on the panel and asked for an IMR they returned (with a chronology); a letter
 * in two versions; the chair's overview report draft; a local recommendation (actions are agreed later, in the action plan stage);
 * a panel meeting in ten days with the police invited; a family member and a contact with them.
 * The health agency takes no part (its contact sees nothing of it).
 */
export async function seedReviewFile(t: TestApp, s: Seed, pseudonym = 'Adult K'): Promise<ReviewFileData> {
  const post = async (who: Session, path: string, body: object) =>
    ok(await t.http().post(`/api${path}`).set(who.auth).send(body), 201, path);
  const review = await post(
    s.coordinator,
    '/reviews',
    reviewBody(s.partnership.id, { notifiedAt: daysAgo(20), victimPseudonym: pseudonym }),
  );
  const id = review.id as string;
  await send(t, s.coordinator, id, { type: 'REQUEST_SCOPING', agencyId: s.police.id });
  await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(15), rationale: 'criteria met' });
  await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(11) });
  await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
  await send(t, s.chair, id, { type: 'AGREE_TERMS_OF_REFERENCE', agreedAt: daysAgo(10), periodFrom: '2021-01-01', periodTo: '2026-01-01' });
  await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id });
  const imr = await ok(
    await uploadDocument(t, s.policeContact, id, PDF, 'imr.pdf', { type: 'imr', agencyId: s.police.id, title: 'Police IMR' }),
    201,
    'IMR',
  );
  await ok(
    await uploadDocument(
      t,
      s.policeContact,
      id,
      POLICE_CHRONOLOGY,
      'chronology.csv',
      { type: 'chronology', agencyId: s.police.id },
      'text/csv',
    ),
    201,
    'chronology',
  );
  const letter = await ok(
    await uploadDocument(t, s.coordinator, id, PDF, 'letter.pdf', { type: 'letter', title: 'Letter to the family' }),
    201,
    'letter',
  );
  await ok(
    await uploadVersion(t, s.coordinator, id, letter.id as string, Buffer.concat([PDF, Buffer.from('%v2\n')]), 'letter-2.pdf'),
    201,
    'v2',
  );
  await send(t, s.chair, id, { type: 'BEGIN_DRAFTING' });
  const draft = await ok(await uploadDocument(t, s.chair, id, PDF, 'draft.pdf', { type: 'overview_report' }), 201, 'draft');
  await post(s.coordinator, `/reviews/${id}/recommendations`, {
    scope: 'local',
    text: 'Police to refresh domestic abuse risk training',
    ownerAgencyId: s.police.id,
  });
  const startsAt = DateTime.now().setZone('Europe/London').plus({ days: 10 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  await post(s.coordinator, `/reviews/${id}/meetings`, {
    startsAt: startsAt.toUTC().toISO(),
    endsAt: startsAt.plus({ hours: 2 }).toUTC().toISO(),
    location: 'Town hall, room 4',
    agencyIds: [s.police.id],
  });
  const member = await post(s.coordinator, `/reviews/${id}/family-members`, {
    pseudonym: 'Sister of Adult K',
    relationship: 'sister',
    contactPreference: 'via_advocate',
    advocateOrganisation: 'AAFDA',
    involvement: 'involved',
  });
  await post(s.coordinator, `/reviews/${id}/family-members/${member.id}/contacts`, {
    occurredAt: daysAgo(2),
    method: 'phone',
    direction: 'outbound',
    summary: 'Explained the review and offered advocacy',
  });
  return { id, reference: review.reference as string, imrId: imr.id as string, letterId: letter.id as string, draftId: draft.id as string };
}
