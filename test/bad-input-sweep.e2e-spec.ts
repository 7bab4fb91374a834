import { randomUUID } from 'node:crypto';
import { CreateRecommendationDto, UpdateRecommendationDto } from '@dhr/action-plan';
import { AnonymisationCheckDto, PutIdentifyingTermsDto } from '@dhr/anonymisation';
import { CreateFamilyMemberDto, UpdateFamilyMemberDto } from '@dhr/family';
import { AddMembershipDto, CreateUserDto, TokenRequestDto, UpdatePartnershipDto } from '@dhr/identity';
import { OutboxRelay } from '@dhr/jobs';
import { ScheduleMeetingDto, UpdateMeetingDto } from '@dhr/meetings';
import { CreateReviewDto, EVENT_CATALOGUE } from '@dhr/reviews';
import { DHR_EVENT_TYPES } from '@dhr/workflows/dhr/contract';
import { seedPartnership, Seed, Session } from './support/actors';
import { sql } from './support/notifications-db';
import { dateDaysAgo, daysAgo, daysAhead, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import {
  BadValue,
  badValuesFor,
  FieldKind,
  HOSTILE_STRINGS,
  malformedBodies,
  mutate,
  UNKNOWN_FIELDS,
  withUnknownField,
  WRONG_TYPES,
} from './support/matrix/bad-values';
import { DtoClass, optionalFields, withNull } from './support/matrix/optional-fields';
import { runPool } from './support/matrix/pool';
import { auditCounts, auditGrowth, dbSnapshot } from './support/matrix/snapshot';
import { signedToken, tamperedToken, unsignedToken } from './support/matrix/tokens';

/**
 * Thousands of bad requests across every endpoint, as every role where it matters:
 * none may get a 5xx or a stack trace, and none may change anything stored. Only
 * reads and failed logins may add audit entries, and the audit chain must still
 * verify. Event bodies go to a closed review (where every event that passes
 * validation is refused by the statechart, after every other check ran) or, with
 * a stale `expectedVersion`, to a live one; bodies that might be valid go as a
 * caller who may not act. So nothing here can legitimately change a row.
 */

interface BadRequest {
  label: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  as: Session | null;
  json?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** A multipart upload: these form fields and one `file`. */
  upload?: { form: Record<string, string>; bytes: Buffer; name: string };
  /** Where the contract leaves no doubt (an unknown field is a 400), the status or statuses it may get. */
  expect?: number[];
  /** The field the answer's `fields` must name (a null, an empty or unrecognised file), and what its reason must say. */
  field?: string;
  reason?: RegExp;
}

interface Answer {
  req: BadRequest;
  status: number;
  text: string;
  ms: number;
}

const STACK_TRACE = [/\bat [^\n"]*\.(ts|js):\d+/, /node_modules/, /\/work\//, /\n\s+at /, /"stack"\s*:/];

/** Reads and failed logins: the only audit entries a sweep of refused requests may add. */
const ALLOWED_NEW_AUDIT_ACTIONS = [
  'review.read',
  'review.list',
  'review.history.read',
  'review.deadlines.read',
  'review.audit.read',
  'document.list',
  'chronology.read',
  'chronology.export',
  'identifying_terms.read',
  'family_member.list',
  'meeting.list',
  'action_plan.read',
  'action_plan.export',
  'recommendations.export',
  'auth.login_failed',
  'auth.login',
];

const STALE_VERSION = 999_999;

/** Every GET under a review, for the bad-id sweep. */
const REVIEW_READS = [
  '',
  '/history',
  '/deadlines',
  '/audit',
  '/documents',
  '/chronology',
  '/chronology/content?format=xlsx',
  '/identifying-terms',
  '/family-members',
  '/meetings',
  '/action-plan',
  '/action-plan/export',
];

function kindOf(field: string): FieldKind {
  if (['agencyId', 'userId', 'actionId', 'documentId', 'partnershipId', 'recommendationId', 'deadlineId'].includes(field)) return 'uuid';
  if (field === 'documentIds') return 'uuids';
  if (field === 'documentVersion') return 'int';
  if (field === 'periodFrom' || field === 'periodTo' || field === 'deathDate') return 'date';
  if (field.endsWith('At')) return 'datetime';
  if (field === 'expectedVersion') return 'int';
  if (field === 'url') return 'url';
  if (['type', 'outcome', 'kind', 'role', 'scope', 'step'].includes(field)) return 'enum';
  if (field === 'email') return 'email';
  if (field === 'password') return 'password';
  if (field === 'code') return 'code';
  return 'text';
}

describe('a sweep of bad requests over every endpoint', () => {
  let t: TestApp;
  let a: Seed;
  let b: Seed;
  /** Live, in information_gathering, chaired by a.chair, police on the panel with an IMR requested. */
  let live: string;
  /** Closed: no event fits it any more. */
  let closed: string;
  let foreignReview: string;
  /** A document, a meeting and a family member of the live review: uploads and PATCHes reach real rows. */
  let liveDocument: string;
  let liveMeeting: string;
  let liveMember: string;

  beforeAll(async () => {
    t = await startTestApp();
    [a, b] = await Promise.all([seedPartnership(t, 'SWPA'), seedPartnership(t, 'SWPB')]);
    const create = async (s: Seed) =>
      (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id as string;

    live = await create(a);
    await send(t, a.cspChair, live, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, a.coordinator, live, { type: 'APPOINT_CHAIR', userId: a.chair.id });
    await send(t, a.coordinator, live, { type: 'ADD_PANEL_AGENCY', agencyId: a.police.id });
    await send(t, a.coordinator, live, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2021-01-01', periodTo: '2026-01-01' });
    await send(t, a.coordinator, live, { type: 'REQUEST_IMR', agencyId: a.police.id, dueAt: daysAhead(30) });

    closed = await create(a);
    await send(t, a.coordinator, closed, { type: 'DECIDE_NOT_TO_COMMISSION', decidedAt: daysAgo(40), rationale: 'criteria not met' });
    await send(t, a.coordinator, closed, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(39) });
    await send(t, a.coordinator, closed, { type: 'HOME_OFFICE_RESPONSE', receivedAt: daysAgo(20), outcome: 'accepted' });
    await send(t, a.coordinator, closed, { type: 'CLOSE' });

    foreignReview = await create(b);
    const uploaded = await t
      .http()
      .post(`/api/reviews/${live}/documents`)
      .set(a.coordinator.auth)
      .field('type', 'other')
      .attach('file', Buffer.from('terms of reference notes'), 'notes.txt');
    expect(uploaded.status).toBe(201);
    liveDocument = uploaded.body.id as string;
    const startsAt = daysAhead(5);
    const meeting = await t
      .http()
      .post(`/api/reviews/${live}/meetings`)
      .set(a.coordinator.auth)
      .send({ startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), location: 'Room 1' });
    expect(meeting.status).toBe(201);
    liveMeeting = meeting.body.id as string;
    const member = await t
      .http()
      .post(`/api/reviews/${live}/family-members`)
      .set(a.coordinator.auth)
      .send({ pseudonym: 'Mother of Adult A', relationship: 'mother', contactPreference: 'letter' });
    expect(member.status).toBe(201);
    liveMember = member.body.id as string;

    // Let the outbox relay settle so that its bookkeeping does not look like a change.
    await t.app.get(OutboxRelay).relayPending();
    await waitFor('the outbox to be relayed', async () => {
      const [{ n }] = await sql<{ n: number }>(t.config, 'SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL');
      return n === 0;
    });
  });
  afterAll(() => t?.close());

  /** Valid bodies of every event type; the sweep breaks them one field at a time. */
  function eventBodies(): Record<string, Record<string, unknown>> {
    const police = a.police.id;
    const when = daysAgo(1);
    return {
      REQUEST_SCOPING: { agencyId: police, dueAt: daysAhead(10) },
      RECEIVE_SCOPING: { agencyId: police, receivedAt: when },
      DECIDE_TO_COMMISSION: { decidedAt: when, rationale: 'criteria met', deathType: 'other', deathTypeDescription: 'a fall' },
      DECIDE_NOT_TO_COMMISSION: { decidedAt: when, rationale: 'criteria not met', deathType: 'homicide', decisionMaker: 'CSP board' },
      HOME_OFFICE_INFORMED: { sentAt: when },
      SECRETARY_OF_STATE_DIRECTION: { receivedAt: when },
      APPOINT_CHAIR: { userId: a.chair.id },
      ADD_PANEL_AGENCY: { agencyId: a.health.id },
      AGREE_TERMS_OF_REFERENCE: { agreedAt: when, periodFrom: '2021-01-01', periodTo: '2026-01-01' },
      REQUEST_IMR: { agencyId: police, dueAt: daysAhead(30) },
      RECEIVE_IMR: { agencyId: police, receivedAt: when, signedOffBy: 'Detective Superintendent', signedOffAt: when },
      WAIVE_IMR: { agencyId: police, reason: 'no contact' },
      BEGIN_DRAFTING: {},
      SUBMIT_DRAFT: { documentId: randomUUID(), documentVersion: 1, note: 'draft' },
      SHARE_DRAFT_WITH_FAMILY: { sharedAt: when, responseDueAt: daysAhead(28) },
      FAMILY_RESPONSE_RECEIVED: { receivedAt: when },
      FAMILY_NOT_INVOLVED: { reason: 'declined' },
      SUBMIT_FOR_SIGNOFF: {},
      CSP_SIGN_OFF: { signedAt: when, documents: { overviewReport: { documentId: randomUUID(), version: 1 } } },
      CSP_REQUEST_CHANGES: { reason: 'more detail' },
      SUBMIT_TO_HOME_OFFICE: { submittedAt: when, documents: { executiveSummary: { documentId: randomUUID() } } },
      QA_OUTCOME: { receivedAt: when, outcome: 'approved', notes: 'fine', documentId: randomUUID() },
      COPY_SENT_TO_COMMISSIONER: { sentAt: when },
      PUBLISH: {
        publishedAt: when,
        url: 'https://example.org/report.pdf',
        documentIds: [randomUUID()],
        amendments: 'dates corrected',
        keepOnlineUntil: '2028-12-31',
      },
      ADD_ACTION: {
        actionId: randomUUID(),
        agencyId: police,
        description: 'training',
        dueAt: daysAhead(90),
        recommendationId: randomUUID(),
        owner: 'Head of Safeguarding',
      },
      COMPLETE_ACTION: { actionId: randomUUID(), completedAt: when },
      CLOSE: {},
      PUT_ON_HOLD: { kind: 'inquest', scope: 'review', reason: 'inquest listed', reference: 'INQ-1' },
      RESUME: {},
      EXTEND_DEADLINE: { deadlineId: randomUUID(), dueAt: '2027-01-15', reason: 'agreed with the agency' },
      WITHDRAW_REQUEST: { agencyId: police, kind: 'imr', reason: 'no longer needed' },
      HOME_OFFICE_RESPONSE: { receivedAt: when, outcome: 'challenged', note: 'the QA panel asks for reasons' },
      RECONSIDER_DECISION: { decidedAt: when, rationale: 'reconsidered', decisionMaker: 'CSP board' },
      RECORD_GUIDANCE_STEP: { step: 'advocacy_offered', doneAt: when, done: true, organisation: 'AAFDA', note: 'offered by letter' },
    };
  }

  function badRequests(): BadRequest[] {
    const out: BadRequest[] = [];
    const ids = { foreignAgencyId: b.police.id, userId: a.coordinator.id };
    const values = (field: string) => badValuesFor(kindOf(field), ids);

    // --- POST /api/reviews/:id/events: every event type, every field, every bad value ---
    const bodies = eventBodies();
    const rotation = [a.coordinator, a.coordinator, a.chair, a.policeContact, a.coordinator, a.cspChair, b.coordinator, a.admin];
    let n = 0;
    const event = (label: string, body: Record<string, unknown>, mayBeValidWithoutVersion = true, badBody = false) => {
      const i = n++;
      const toLive = ((i >> 3) & 1) === 1 && mayBeValidWithoutVersion;
      const json = toLive && !('expectedVersion' in body) ? { ...body, expectedVersion: STALE_VERSION } : body;
      const as = rotation[i % rotation.length];
      // The body is checked before the review is looked up: any review role gets the 400; the admin may be stopped at the door first.
      const expect = badBody ? (as === a.admin ? [400, 403] : [400]) : undefined;
      out.push({ label: `event ${label}`, method: 'post', path: `/api/reviews/${toLive ? live : closed}/events`, as, json, expect });
    };
    for (const type of DHR_EVENT_TYPES) {
      const base = { type, ...bodies[type] };
      for (const field of Object.keys(bodies[type])) {
        for (const bad of values(field)) event(`${type}.${field} = ${bad.name}`, mutate(base, field, bad));
      }
    }
    // The envelope fields, on a few event types.
    for (const type of ['DECIDE_TO_COMMISSION', 'ADD_ACTION', 'CLOSE'] as const) {
      const base = { type, ...bodies[type] };
      for (const field of ['type', 'occurredAt', 'expectedVersion']) {
        const extra: BadValue[] =
          field === 'type'
            ? [
                { name: 'internal NOTIFIED', value: 'NOTIFIED' },
                { name: 'internal WORKFLOW_MIGRATED', value: 'WORKFLOW_MIGRATED' },
                { name: 'lower case', value: type.toLowerCase() },
                { name: 'prototype key', value: '__proto__' },
                { name: 'toString', value: 'toString' },
              ]
            : [];
        for (const bad of [...values(field), ...extra])
          event(`${type}.${field} = ${bad.name}`, mutate(base, field, bad), field !== 'expectedVersion');
      }
      event(`${type} occurredAt ≠ its named time`, { ...base, occurredAt: daysAgo(3) });
    }
    DHR_EVENT_TYPES.forEach((type, i) => {
      for (const name of [UNKNOWN_FIELDS[i % UNKNOWN_FIELDS.length], UNKNOWN_FIELDS[(i + 5) % UNKNOWN_FIELDS.length]]) {
        event(
          `${type} + unknown field ${JSON.stringify(name.slice(0, 20))}`,
          withUnknownField({ type, ...bodies[type] }, name),
          true,
          true,
        );
      }
    });
    event('AGREE_TERMS_OF_REFERENCE periodTo before periodFrom', {
      type: 'AGREE_TERMS_OF_REFERENCE',
      periodFrom: '2026-01-01',
      periodTo: '2021-01-01',
    });
    event('REQUEST_IMR dueAt in the past', { type: 'REQUEST_IMR', agencyId: a.police.id, dueAt: daysAgo(1) });
    event('ADD_ACTION dueAt before occurredAt', {
      type: 'ADD_ACTION',
      agencyId: a.police.id,
      description: 'x',
      dueAt: daysAgo(5),
      occurredAt: daysAgo(2),
    });
    event('DECIDE_TO_COMMISSION before the death', {
      type: 'DECIDE_TO_COMMISSION',
      rationale: 'x',
      decidedAt: `${dateDaysAgo(70)}T10:00:00Z`,
    });
    for (const [name, raw] of [
      ['empty object', '{}'],
      ['array', '[{"type":"CLOSE"}]'],
      ['string', '"CLOSE"'],
      ['number', '7'],
      ['null', 'null'],
    ]) {
      out.push({
        label: `event body is ${name}`,
        method: 'post',
        path: `/api/reviews/${closed}/events`,
        as: a.coordinator,
        raw,
        expect: [400],
      });
    }

    // --- POST /api/reviews: as coordinator B for A (refused even when the body is fine), and as A when surely invalid ---
    const review = reviewBody(a.partnership.id);
    const required = ['partnershipId', 'notifiedAt', 'notifiedBy', 'deathDate', 'victimPseudonym'];
    for (const field of Object.keys(review)) {
      for (const bad of values(field)) {
        const body = mutate(review, field, bad);
        out.push({
          label: `create review ${field} = ${bad.name} (other partnership's coordinator)`,
          method: 'post',
          path: '/api/reviews',
          as: b.coordinator,
          json: body,
        });
        const surelyInvalid =
          (required.includes(field) && (bad.absent || bad.value === null)) ||
          (bad.value !== undefined && bad.value !== null && typeof bad.value !== 'string') ||
          bad.value === HOSTILE_STRINGS.find((h) => h.name === '100 kB')!.value;
        if (surelyInvalid)
          out.push({ label: `create review ${field} = ${bad.name}`, method: 'post', path: '/api/reviews', as: a.coordinator, json: body });
      }
    }
    for (const [label, override] of [
      ['notifiedAt in the future', { notifiedAt: daysAhead(2) }],
      ['notifiedAt before the death', { notifiedAt: daysAgo(70) }],
      ['deathDate in the future', { deathDate: dateDaysAgo(-3), notifiedAt: daysAgo(1) }],
      ['deathDate 30 February', { deathDate: '2026-02-30' }],
      ['notifiedAt far future', { notifiedAt: '9999-12-31T23:59:59Z' }],
      ['deathDate 1 January 0001', { deathDate: '0001-01-01' }],
    ] as const) {
      out.push({
        label: `create review ${label}`,
        method: 'post',
        path: '/api/reviews',
        as: a.coordinator,
        json: reviewBody(a.partnership.id, override),
      });
    }
    for (const name of UNKNOWN_FIELDS) {
      out.push({
        label: `create review + unknown field ${JSON.stringify(name.slice(0, 20))}`,
        method: 'post',
        path: '/api/reviews',
        as: a.coordinator,
        json: withUnknownField(review, name),
        expect: [400],
      });
    }
    for (const who of [a.admin, a.cspChair, a.policeContact]) {
      out.push({ label: 'create review as a role that may not', method: 'post', path: '/api/reviews', as: who, json: review });
    }

    // --- identity: bodies that stay refused whatever is broken (an existing code, an unknown partnership, another partnership) ---
    const partnership = { name: 'Sweep CSP', code: 'SWPA' };
    for (const field of Object.keys(partnership)) {
      for (const bad of values(field))
        out.push({
          label: `partnership ${field} = ${bad.name}`,
          method: 'post',
          path: '/api/partnerships',
          as: a.admin,
          json: mutate(partnership, field, bad),
        });
    }
    for (const name of UNKNOWN_FIELDS)
      out.push({
        label: `partnership + ${name}`,
        method: 'post',
        path: '/api/partnerships',
        as: a.admin,
        json: withUnknownField(partnership, name),
        expect: [400],
      });
    out.push({
      label: 'partnership as coordinator',
      method: 'post',
      path: '/api/partnerships',
      as: a.coordinator,
      json: { name: 'Nope CSP', code: 'NOPE' },
    });

    const agencyFor = (admin: boolean) => ({ partnershipId: admin ? randomUUID() : a.partnership.id, name: 'Sweep agency', kind: 'other' });
    let k = 0;
    for (const field of Object.keys(agencyFor(true))) {
      for (const bad of values(field)) {
        const admin = k++ % 2 === 0;
        out.push({
          label: `agency ${field} = ${bad.name}`,
          method: 'post',
          path: '/api/agencies',
          as: admin ? a.admin : b.coordinator,
          json: mutate(agencyFor(admin), field, bad),
        });
      }
    }
    for (const name of UNKNOWN_FIELDS)
      out.push({
        label: `agency + ${name}`,
        method: 'post',
        path: '/api/agencies',
        as: a.admin,
        json: withUnknownField(agencyFor(true), name),
        expect: [400],
      });
    out.push({ label: 'agency as chair', method: 'post', path: '/api/agencies', as: a.chair, json: agencyFor(false) });

    const user = {
      email: a.coordinator.email,
      name: 'Sweep user',
      password: 'a-long-enough-password-1',
      role: 'coordinator',
      partnershipId: randomUUID(),
      agencyId: a.police.id,
    };
    for (const field of Object.keys(user)) {
      for (const bad of values(field))
        out.push({ label: `user ${field} = ${bad.name}`, method: 'post', path: '/api/users', as: a.admin, json: mutate(user, field, bad) });
    }
    for (const name of UNKNOWN_FIELDS)
      out.push({
        label: `user + ${name}`,
        method: 'post',
        path: '/api/users',
        as: a.admin,
        json: withUnknownField(user, name),
        expect: [400],
      });
    out.push({
      label: 'user as coordinator',
      method: 'post',
      path: '/api/users',
      as: a.coordinator,
      json: { ...user, partnershipId: a.partnership.id },
    });

    // --- POST /api/auth/token: shapes that never reach a password check, and only two real wrong logins ---
    const login = { email: a.coordinator.email, password: 'a-long-enough-test-password' };
    for (const bad of [
      ...WRONG_TYPES,
      ...HOSTILE_STRINGS.filter((h) => h.name !== 'empty string'),
      { name: 'missing', absent: true } as BadValue,
    ]) {
      out.push({
        label: `token email = ${bad.name}`,
        method: 'post',
        path: '/api/auth/token',
        as: null,
        json: mutate(login, 'email', bad),
      });
    }
    for (const bad of [
      ...WRONG_TYPES.slice(0, 4),
      { name: 'over 256', value: 'p'.repeat(257) },
      { name: 'missing', absent: true } as BadValue,
    ]) {
      out.push({
        label: `token password = ${bad.name}`,
        method: 'post',
        path: '/api/auth/token',
        as: null,
        json: mutate(login, 'password', bad),
      });
    }
    out.push({
      label: 'token sql password',
      method: 'post',
      path: '/api/auth/token',
      as: null,
      json: { email: a.coordinator.email, password: "' OR 1=1 --" },
    });
    out.push({
      label: 'token unknown account',
      method: 'post',
      path: '/api/auth/token',
      as: null,
      json: { email: 'nobody@dhr.test', password: '<script>alert(1)</script>' },
    });
    out.push({
      label: 'token + unknown field',
      method: 'post',
      path: '/api/auth/token',
      as: null,
      json: { email: 'x', password: 'y', isAdmin: true },
    });
    for (const raw of ['{"email": ', '[]']) out.push({ label: `token raw ${raw}`, method: 'post', path: '/api/auth/token', as: null, raw });

    // --- PUT /api/reviews/:id/documents/:documentId/sharing (panel papers): a document that is not there, so nothing can change ---
    const sharing = `/api/reviews/${live}/documents/${randomUUID()}/sharing`;
    for (const bad of [
      ...WRONG_TYPES.filter((w) => w.name !== 'true'),
      ...HOSTILE_STRINGS.slice(0, 3),
      { name: 'missing', absent: true } as BadValue,
    ]) {
      out.push({
        label: `sharing withPanel = ${bad.name}`,
        method: 'put',
        path: sharing,
        as: a.coordinator,
        json: mutate({ withPanel: true }, 'withPanel', bad),
        expect: [400],
      });
    }
    for (const name of UNKNOWN_FIELDS)
      out.push({
        label: `sharing + ${name}`,
        method: 'put',
        path: sharing,
        as: a.coordinator,
        json: withUnknownField({ withPanel: true }, name),
        expect: [400],
      });
    out.push({
      label: 'sharing as an agency contact',
      method: 'put',
      path: sharing,
      as: a.policeContact,
      json: { withPanel: true },
      expect: [403],
    });
    out.push({
      label: 'sharing a missing document',
      method: 'put',
      path: sharing,
      as: a.coordinator,
      json: { withPanel: true },
      expect: [404],
    });
    out.push({
      label: 'sharing a bad document id',
      method: 'put',
      path: `/api/reviews/${live}/documents/not-a-uuid/sharing`,
      as: a.coordinator,
      json: { withPanel: true },
      expect: [400],
    });
    for (const raw of ['{"withPanel": ', '[]'])
      out.push({ label: `sharing raw ${raw}`, method: 'put', path: sharing, as: a.coordinator, raw });

    // --- null for every optional field of every body: a 400 naming the field, never a value that reaches code as a string ---
    // (Read from each DTO's validators, so a field added later is swept too. Fields where null clears the value are
    // exercised by 'clears a clearable field with null' below, where a change is expected.)
    const nullOf = (
      label: string,
      method: BadRequest['method'],
      path: string,
      as: Session | null,
      dto: DtoClass,
      base: Record<string, unknown>,
    ) => {
      for (const { path: field, clearable } of optionalFields(dto, base)) {
        if (clearable) continue;
        out.push({
          label: `${label} ${field.join('.')} = null`,
          method,
          path,
          as,
          json: withNull(base, field),
          expect: [400],
          field: field.join('.'),
          reason: /null/,
        });
      }
    };
    for (const type of DHR_EVENT_TYPES) {
      const base = { type, ...bodies[type] };
      // Alternately to the closed review and to the live one with a stale version: refused by validation first either way.
      const toLive = DHR_EVENT_TYPES.indexOf(type) % 2 === 1;
      const body = toLive ? { ...base, expectedVersion: STALE_VERSION } : base;
      nullOf(`event ${type}`, 'post', `/api/reviews/${toLive ? live : closed}/events`, a.coordinator, EVENT_CATALOGUE[type].dto, body);
    }
    const soon = daysAhead(3);
    const meeting = { startsAt: soon, endsAt: new Date(Date.parse(soon) + 3_600_000).toISOString(), location: 'Room 1' };
    nullOf('create review', 'post', '/api/reviews', a.coordinator, CreateReviewDto, reviewBody(a.partnership.id));
    nullOf('patch partnership', 'patch', `/api/partnerships/${a.partnership.id}`, a.admin, UpdatePartnershipDto, {});
    nullOf('create user', 'post', '/api/users', a.admin, CreateUserDto, {
      ...user,
      email: 'null-sweep@dhr.test',
      partnershipId: a.partnership.id,
    });
    nullOf('membership', 'post', `/api/users/${a.chair.id}/memberships`, a.admin, AddMembershipDto, {
      partnershipId: b.partnership.id,
      role: 'independent_chair',
    });
    nullOf('token', 'post', '/api/auth/token', null, TokenRequestDto, login);
    nullOf('schedule meeting', 'post', `/api/reviews/${live}/meetings`, a.coordinator, ScheduleMeetingDto, meeting);
    nullOf('patch meeting', 'patch', `/api/reviews/${live}/meetings/${liveMeeting}`, a.coordinator, UpdateMeetingDto, {});
    const recommendation = { scope: 'local', text: 'training for staff', ownerAgencyId: a.police.id };
    nullOf('create recommendation', 'post', `/api/reviews/${live}/recommendations`, a.coordinator, CreateRecommendationDto, recommendation);
    nullOf(
      'patch recommendation',
      'patch',
      `/api/reviews/${live}/recommendations/${randomUUID()}`,
      a.coordinator,
      UpdateRecommendationDto,
      {},
    );
    const member = { pseudonym: 'Sister of Adult A', relationship: 'sister', contactPreference: 'email' };
    nullOf('create family member', 'post', `/api/reviews/${live}/family-members`, a.coordinator, CreateFamilyMemberDto, member);
    nullOf('patch family member', 'patch', `/api/reviews/${live}/family-members/${liveMember}`, a.coordinator, UpdateFamilyMemberDto, {});
    nullOf('identifying terms', 'put', `/api/reviews/${live}/identifying-terms`, a.coordinator, PutIdentifyingTermsDto, { terms: [] });
    nullOf('anonymisation check', 'post', `/api/reviews/${live}/anonymisation-check`, a.coordinator, AnonymisationCheckDto, {});
    // The defect the outside check found, by name: a meeting's location or start set to null.
    for (const field of ['location', 'startsAt', 'endsAt']) {
      out.push({
        label: `patch meeting ${field} = null (named)`,
        method: 'patch',
        path: `/api/reviews/${live}/meetings/${liveMeeting}`,
        as: a.coordinator,
        json: { [field]: null },
        expect: [400],
        field,
        reason: /null/,
      });
    }

    // --- files of 0 to 4 bytes on every upload route: 400 (empty) or 415 (not a type accepted), naming `file` ---
    // Bytes that are neither text nor a known type (an image's magic), cut short: every one of them is refused.
    const magic = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
    const uploads: [string, string, Session, Record<string, string>, string][] = [
      ['document', `/api/reviews/${live}/documents`, a.coordinator, { type: 'other', title: 'Short' }, 'short.pdf'],
      ['chronology', `/api/reviews/${live}/documents`, a.coordinator, { type: 'chronology', agencyId: a.police.id }, 'chronology.csv'],
      ['agency IMR', `/api/reviews/${live}/documents`, a.policeContact, { type: 'imr', agencyId: a.police.id }, 'imr.docx'],
      ['new version', `/api/reviews/${live}/documents/${liveDocument}/versions`, a.coordinator, {}, 'notes.txt'],
    ];
    for (const [what, path, as, form, name] of uploads) {
      for (let n = 0; n <= 4; n++) {
        out.push({
          label: `upload ${what} of ${n} bytes`,
          method: 'post',
          path,
          as,
          upload: { form, bytes: magic.subarray(0, n), name },
          expect: [n === 0 ? 400 : 415],
          field: 'file',
        });
      }
    }

    // --- GET /api/reviews with bad query strings ---
    const queries = [
      'page=-1', 'page=0', 'page=abc', 'page=1.5', 'page=99999999999', 'page=1e400', 'page=%00', 'page=NaN', 'page=0x10', 'page=', 'page=1&page=2',
      'limit=abc', 'limit=0', 'limit=-5', 'limit=201', 'limit=Infinity', 'limit=10&limit=20', 'limit=%27%20OR%201%3D1%20--',
      'stage=nowhere', 'stage=SETUP', 'stage=', 'stage=setup&stage=drafting', 'stage[]=setup', 'stage=%27%20OR%201%3D1%20--', 'stage=%3Cscript%3E', 'stage=__proto__',
      'overdue=maybe', 'overdue=1', 'overdue=TRUE', 'overdue=', 'overdue=true&overdue=false',
      'foo=bar', '__proto__[x]=1', 'constructor=1', 'sort=id;DROP%20TABLE%20reviews', 'page=1&limit=50&extra=%00', '%FF=1', 'page=%FF',
    ]; // prettier-ignore
    queries.forEach((q, i) => {
      // Every one is a 400 (unknown parameters included), except a hex page number, which Number() reads as 16.
      const expect = q === 'page=0x10' ? undefined : [400];
      for (const who of [a.coordinator, a.policeContact, a.chair])
        out.push({ label: `list ?${q}`, method: 'get', path: `/api/reviews?${q}`, as: who, expect });
      if (i % 6 === 0)
        out.push({ label: `list ?${q} as admin`, method: 'get', path: `/api/reviews?${q}`, as: a.admin, expect: [400, 403] });
    });

    // --- bad ids in paths, on every review endpoint ---
    const badIds = [
      'not-a-uuid', encodeURIComponent("' OR 1=1 --"), encodeURIComponent('<script>alert(1)</script>'), '%00', 'x'.repeat(3000),
      '00000000-0000-0000-0000-000000000000', live.toUpperCase(), `${live}%20`, '..%2F..%2Faudit%2Fverify', 'null', 'undefined', '%7Bid%7D',
      '-1', `${live}x`, foreignReview, '%E2%80%AE', '%FF', '%C0%AE', randomUUID(),
    ]; // prettier-ignore
    for (const id of badIds) {
      for (const who of [a.coordinator, a.policeContact]) {
        for (const suffix of REVIEW_READS)
          out.push({ label: `GET id=${id.slice(0, 40)}${suffix}`, method: 'get', path: `/api/reviews/${id}${suffix}`, as: who });
        out.push({
          label: `POST id=${id.slice(0, 40)}/events`,
          method: 'post',
          path: `/api/reviews/${id}/events`,
          as: who,
          json: { type: 'CLOSE', expectedVersion: STALE_VERSION },
        });
      }
    }
    for (const format of ['xml', 'CSV', 'csv&format=json', 'json%00', '%3Cscript%3E', '', '%FF']) {
      for (const who of [a.coordinator, a.admin])
        out.push({ label: `audit ?format=${format}`, method: 'get', path: `/api/reviews/${live}/audit?format=${format}`, as: who });
    }
    out.push({ label: 'audit ?format[]=csv', method: 'get', path: `/api/reviews/${live}/audit?format[]=csv`, as: a.coordinator });
    for (const q of ["chain=' OR 1=1", `chain=${live}`, 'limit=-1']) {
      for (const who of [a.admin, a.coordinator])
        out.push({ label: `verify ?${q}`, method: 'get', path: `/api/audit/verify?${encodeURI(q)}`, as: who });
    }

    // --- tokens and headers ---
    const real = a.coordinator.token;
    const secret = t.config.TOKEN_SECRET!;
    const now = Math.floor(Date.now() / 1000);
    const authorizations: [string, string][] = [
      ['scheme only', 'Bearer'],
      ['scheme and space', 'Bearer '],
      ['garbage token', 'Bearer x'],
      ['basic auth', 'Basic YWRtaW46YWRtaW4='],
      ['token with a byte more', `Bearer ${real}x`],
      ['lower-case scheme', `bearer ${real}`],
      ['two tokens', `Bearer ${real} ${real}`],
      ['other scheme', `Token ${real}`],
      ['8000-character token', `Bearer ${'a'.repeat(8000)}`],
      ['alg none', `Bearer ${unsignedToken({ sub: a.coordinator.id })}`],
      [
        'signed with another secret',
        `Bearer ${signedToken({ sub: a.coordinator.id, exp: now + 600 }, 'not-the-secret-but-long-enough-0123456789')}`,
      ],
      ['payload swapped, signature kept', `Bearer ${tamperedToken(real, { sub: a.cspChair.id, exp: now + 600 })}`],
      ['expired', `Bearer ${signedToken({ sub: a.coordinator.id, exp: now - 60 }, secret)}`],
      ['signed, sub a number', `Bearer ${signedToken({ sub: 42, exp: now + 600 }, secret)}`],
      ['signed, sub an unknown uuid', `Bearer ${signedToken({ sub: randomUUID(), exp: now + 600 }, secret)}`],
      ['signed, sub not a uuid', `Bearer ${signedToken({ sub: 'not-a-uuid', exp: now + 600 }, secret)}`],
      ['signed, sub sql', `Bearer ${signedToken({ sub: "' OR 1=1 --", exp: now + 600 }, secret)}`],
      ['signed HS512', `Bearer ${signedToken({ sub: a.coordinator.id, exp: now + 600 }, secret, { alg: 'HS512', typ: 'JWT' })}`],
    ];
    for (const [name, authorization] of authorizations) {
      out.push({
        label: `GET list, Authorization: ${name}`,
        method: 'get',
        path: '/api/reviews',
        as: null,
        headers: { Authorization: authorization },
        expect: [401],
      });
      out.push({
        label: `POST event, Authorization: ${name}`,
        method: 'post',
        path: `/api/reviews/${closed}/events`,
        as: null,
        headers: { Authorization: authorization },
        json: { type: 'CLOSE' },
        expect: [401],
      });
    }
    for (const requestId of ["' OR 1=1 --", '<script>alert(1)</script>', 'x'.repeat(2000), '../../etc', '${7*7}']) {
      out.push({
        label: `x-request-id ${requestId.slice(0, 20)}`,
        method: 'get',
        path: `/api/reviews/${live}`,
        as: a.coordinator,
        headers: { 'X-Request-Id': requestId },
      });
    }

    // --- malformed JSON and wrong content types on every POST ---
    const posts: [string, Session][] = [
      [`/api/reviews/${closed}/events`, a.coordinator],
      ['/api/reviews', b.coordinator],
      ['/api/partnerships', a.admin],
      ['/api/agencies', b.coordinator],
      ['/api/users', a.admin],
    ];
    for (const [path, who] of posts) {
      for (const { name, body } of malformedBodies([1000, 5000, 20_000]))
        out.push({ label: `${path} raw ${name}`, method: 'post', path, as: who, raw: body });
      for (const [contentType, raw] of [
        ['text/plain', '{"type":"CLOSE"}'],
        ['application/xml', '<type>CLOSE</type>'],
        ['application/x-www-form-urlencoded', 'type=CLOSE&expectedVersion=abc&partnershipId[$ne]=1'],
        ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nCLOSE\r\n--x--'],
        ['application/json; charset=utf-16', '{"type":"CLOSE"}'],
        ['application/json; charset=latin1', '{"type":"CLOSE","reason":"\u00e9"}'],
        ['application/merge-patch+json', '{"type":"CLOSE"}'],
        ['application/json, text/plain', '{"type":"CLOSE"}'],
      ]) {
        out.push({ label: `${path} as ${contentType}`, method: 'post', path, as: who, raw, contentType });
      }
    }
    out.push({
      label: 'token raw deep nesting',
      method: 'post',
      path: '/api/auth/token',
      as: null,
      raw: `{"email":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    });

    // --- methods and paths that do not exist ---
    for (const [method, path] of [
      ['put', `/api/reviews/${live}`],
      ['delete', `/api/reviews/${live}`],
      ['patch', `/api/reviews/${live}/events`],
      ['delete', '/api/audit/verify'],
      ['get', '/api/users'],
      ['get', '/api/reviews/%2e%2e/audit/verify'],
      ['get', `/api/reviews/${live}/events`],
      ['post', `/api/reviews/${live}/history`],
    ] as const) {
      out.push({
        label: `${method.toUpperCase()} ${path}`,
        method,
        path,
        as: a.coordinator,
        json: method === 'get' ? undefined : { type: 'CLOSE' },
      });
    }
    return out;
  }

  async function ask(req: BadRequest): Promise<Answer> {
    let pending = t.http()[req.method](req.path);
    if (req.as) pending = pending.set(req.as.auth);
    for (const [name, value] of Object.entries(req.headers ?? {})) pending = pending.set(name, value);
    const started = Date.now();
    try {
      let res;
      if (req.upload) {
        for (const [name, value] of Object.entries(req.upload.form)) pending = pending.field(name, value);
        res = await pending.attach('file', req.upload.bytes, req.upload.name);
      } else if (req.raw !== undefined) res = await pending.set('Content-Type', req.contentType ?? 'application/json').send(req.raw);
      else if (req.json !== undefined) res = await pending.send(req.json as object);
      else res = await pending;
      return { req, status: res.status, text: res.text ?? '', ms: Date.now() - started };
    } catch (error) {
      return { req, status: -1, text: `client error: ${(error as Error).message}`, ms: Date.now() - started };
    }
  }

  it('answers every bad request with a 4xx and no stack trace, and changes nothing stored', async () => {
    const requests = badRequests();
    expect(requests.length).toBeGreaterThan(2000);
    expect(requests.length).toBeLessThan(4000);

    const storedBefore = await dbSnapshot(t.config);
    const auditBefore = await auditCounts(t.config);
    const started = Date.now();
    const answers = await runPool(
      requests.map((req) => () => ask(req)),
      8,
    );
    const elapsed = Date.now() - started;

    const byStatus: Record<string, number> = {};
    for (const { status } of answers) byStatus[status] = (byStatus[status] ?? 0) + 1;
    const slowest = [...answers].sort((x, y) => y.ms - x.ms).slice(0, 5);
    console.log(
      `bad-input sweep: ${answers.length} requests in ${elapsed} ms; by status ${JSON.stringify(byStatus)}; slowest: ${slowest.map((x) => `${x.req.label.slice(0, 60)} ${x.ms} ms`).join('; ')}`,
    );

    const show = (x: Answer) =>
      `${x.req.method.toUpperCase()} ${x.req.path.slice(0, 120)} [${x.req.label.slice(0, 120)}] → ${x.status} ${x.text.slice(0, 300)}`;
    const serverErrors = answers.filter((x) => x.status >= 500 || x.status < 0);
    const traces = answers.filter((x) => STACK_TRACE.some((re) => re.test(x.text)));
    // No request that writes may succeed. (Some reads do: an upper-case id still names the live review.)
    const successes = answers.filter((x) => x.status < 400 && !(x.req.method === 'get'));
    const wrongStatus = answers.filter((x) => x.req.expect !== undefined && !x.req.expect.includes(x.status) && x.status < 500);
    const namesField = (x: Answer) => {
      try {
        const fields = (JSON.parse(x.text) as { fields?: { field: string; reason: string }[] }).fields ?? [];
        return fields.some((f) => f.field === x.req.field && (x.req.reason === undefined || x.req.reason.test(f.reason)));
      } catch {
        return false;
      }
    };
    const fieldNotNamed = answers.filter((x) => x.req.field !== undefined && x.status < 500 && !namesField(x));
    if (fieldNotNamed.length > 0)
      console.error(`${fieldNotNamed.length} not naming the field:\n${fieldNotNamed.map((x) => `${x.req.field}: ${show(x)}`).join('\n')}`);
    if (serverErrors.length > 0) console.error(`${serverErrors.length} server errors:\n${serverErrors.map(show).join('\n')}`);
    if (traces.length > 0) console.error(`${traces.length} stack traces:\n${traces.map(show).join('\n')}`);
    if (successes.length > 0) console.error(`${successes.length} writes accepted:\n${successes.map(show).join('\n')}`);
    if (wrongStatus.length > 0)
      console.error(
        `${wrongStatus.length} not the status the contract requires:\n${wrongStatus.map((x) => `expected ${x.req.expect!.join(' or ')}: ${show(x)}`).join('\n')}`,
      );

    const storedAfter = await dbSnapshot(t.config);
    const { grew, shrank } = auditGrowth(auditBefore, await auditCounts(t.config));
    const verify = await t.http().get('/api/audit/verify').set(a.admin.auth);

    // Everything at once, so that one failure shows every problem.
    const storedChanges = Object.keys(storedBefore).filter(
      (table) => JSON.stringify(storedBefore[table]) !== JSON.stringify(storedAfter[table]),
    );
    expect({
      serverErrors: serverErrors.map(show),
      stackTraces: traces.map(show),
      writesAccepted: successes.map(show),
      notTheContractStatus: wrongStatus.map((x) => `expected ${x.req.expect!.join(' or ')}: ${show(x)}`),
      fieldNotNamed: fieldNotNamed.map((x) => `${x.req.field}: ${show(x)}`),
      tablesChanged: storedChanges.map(
        (table) => `${table}: ${JSON.stringify(storedBefore[table])} → ${JSON.stringify(storedAfter[table])}`,
      ),
      auditEntriesRemoved: shrank,
      unexpectedAuditActions: Object.keys(grew).filter((action) => !ALLOWED_NEW_AUDIT_ACTIONS.includes(action)),
      failedLoginsOverTwo: Math.max(0, (grew['auth.login_failed'] ?? 0) - 2),
      auditVerify: [verify.status, verify.body?.ok],
    }).toEqual({
      serverErrors: [],
      stackTraces: [],
      writesAccepted: [],
      notTheContractStatus: [],
      fieldNotNamed: [],
      tablesChanged: [],
      auditEntriesRemoved: [],
      unexpectedAuditActions: [],
      failedLoginsOverTwo: 0,
      auditVerify: [200, true],
    });
    expect(elapsed).toBeLessThan(45_000);
  });
  it('clears a clearable field with null (the contract says so), one field at a time never a 500', async () => {
    const problems: string[] = [];
    /** Each clearable field null on its own (200, or a 400 from a rule pairing it with another), then all at once: 200, read back null. */
    const clearEach = async (what: string, path: string, as: Session, dto: DtoClass, read: (body: Record<string, unknown>) => unknown) => {
      const fields = optionalFields(dto).filter((f) => f.clearable);
      if (fields.length === 0) problems.push(`${what}: no clearable field found`);
      for (const { path: field } of fields) {
        const res = await t.http().patch(path).set(as.auth).send(withNull({}, field));
        const named = (res.body?.fields ?? []).length > 0;
        if (!(res.status === 200 || (res.status === 400 && named)))
          problems.push(`${what} ${field.join('.')} = null: ${res.status} ${res.text.slice(0, 200)}`);
      }
      const all = Object.fromEntries(fields.map((f) => [f.path[0], null]));
      const res = await t.http().patch(path).set(as.auth).send(all);
      if (res.status !== 200) problems.push(`${what} all cleared: ${res.status} ${res.text.slice(0, 200)}`);
      else {
        const back = read(res.body as Record<string, unknown>) as Record<string, unknown>;
        for (const field of Object.keys(all))
          if (back[field] !== null) problems.push(`${what} ${field} read back as ${JSON.stringify(back[field])}`);
      }
    };

    const soon = daysAhead(4);
    const meeting = await t
      .http()
      .post(`/api/reviews/${live}/meetings`)
      .set(a.coordinator.auth)
      .send({ startsAt: soon, endsAt: new Date(Date.parse(soon) + 3_600_000).toISOString(), location: 'Room 2', agenda: 'Terms' });
    expect(meeting.status).toBe(201);
    await clearEach('meeting', `/api/reviews/${live}/meetings/${meeting.body.id}`, a.coordinator, UpdateMeetingDto, (b) => b);

    const member = await t.http().post(`/api/reviews/${live}/family-members`).set(a.coordinator.auth).send({
      pseudonym: 'Brother of Adult A',
      relationship: 'brother',
      contactPreference: 'email',
      advocateOrganisation: 'AAFDA',
      advocateRole: 'advocate',
    });
    expect(member.status).toBe(201);
    await clearEach(
      'family member',
      `/api/reviews/${live}/family-members/${member.body.id}`,
      a.coordinator,
      UpdateFamilyMemberDto,
      (b) => b,
    );

    const settings = {
      senderName: 'Sweep DHR team',
      senderEmail: 'dhr@swpb.example.org',
      contactName: 'Sweep contact',
      contactEmail: 'contact@swpb.example.org',
    };
    expect((await t.http().patch(`/api/partnerships/${b.partnership.id}`).set(a.admin.auth).send(settings)).status).toBe(200);
    await clearEach('partnership', `/api/partnerships/${b.partnership.id}`, a.admin, UpdatePartnershipDto, (p) => p);

    if (problems.length > 0) console.error(`clearing with null:\n${problems.join('\n')}`);
    expect(problems).toEqual([]);
  });
  it('stores hostile but well-typed text verbatim, or refuses it with a 400: never a 500', async () => {
    const values = ['\u0000', 'a\u0000b', '\ud800', "' OR 1=1 --", '<script>alert(1)</script>', '${7*7}', 'é😀\u202e'];
    const problems: string[] = [];
    const judge = (what: string, value: string, status: number, ok: number) => {
      if (status !== ok && status !== 400) problems.push(`${what} with ${JSON.stringify(value)}: ${status}`);
      return status === ok;
    };
    let code = 0;
    for (const value of values) {
      const created = await t
        .http()
        .post('/api/reviews')
        .set(a.coordinator.auth)
        .send(reviewBody(a.partnership.id, { victimPseudonym: value }));
      if (judge('POST /api/reviews victimPseudonym', value, created.status, 201)) {
        const back = await t.http().get(`/api/reviews/${created.body.id}`).set(a.coordinator.auth);
        if (back.body.victimPseudonym !== value)
          problems.push(`victimPseudonym ${JSON.stringify(value)} read back as ${JSON.stringify(back.body.victimPseudonym)}`);
      }
      const fresh = (await t.http().post('/api/reviews').set(a.coordinator.auth).send(reviewBody(a.partnership.id))).body.id as string;
      const decided = await t
        .http()
        .post(`/api/reviews/${fresh}/events`)
        .set(a.coordinator.auth)
        .send({ type: 'DECIDE_TO_COMMISSION', rationale: value });
      if (judge('DECIDE_TO_COMMISSION rationale', value, decided.status, 200)) {
        const history = await t.http().get(`/api/reviews/${fresh}/history`).set(a.coordinator.auth);
        const rationale = history.body.at(-1)?.payload?.rationale;
        if (rationale !== value) problems.push(`rationale ${JSON.stringify(value)} read back as ${JSON.stringify(rationale)}`);
      }
      const agency = await t
        .http()
        .post('/api/agencies')
        .set(a.coordinator.auth)
        .send({ partnershipId: a.partnership.id, name: `Agency ${value}`, kind: 'other' });
      judge('POST /api/agencies name', value, agency.status, 201);
      const partnership = await t
        .http()
        .post('/api/partnerships')
        .set(a.admin.auth)
        .send({ name: `CSP ${value}`, code: `HOST${++code}` });
      judge('POST /api/partnerships name', value, partnership.status, 201);
      const user = await t
        .http()
        .post('/api/users')
        .set(a.admin.auth)
        .send({
          email: `hostile-${code}@dhr.test`,
          name: `User ${value}`,
          password: 'a-long-enough-password-1',
          role: 'coordinator',
          partnershipId: a.partnership.id,
        });
      judge('POST /api/users name', value, user.status, 201);
    }
    if (problems.length > 0) console.error(`hostile text:\n${problems.join('\n')}`);
    // Whatever was stored, the audit chain recorded it faithfully.
    const verify = await t.http().get('/api/audit/verify').set(a.admin.auth);
    expect({ problems, audit: verify.body }).toEqual({ problems: [], audit: expect.objectContaining({ ok: true }) });
  });
});
