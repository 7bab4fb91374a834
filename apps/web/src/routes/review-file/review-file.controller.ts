import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ActionPlanService } from '@dhr/action-plan';
import { ChronologyService } from '@dhr/chronology';
import { RULEBOOK } from '@dhr/clocks';
import { Clock, DomainError } from '@dhr/core';
import { DocumentHistory, DocumentsService } from '@dhr/documents';
import { FamilyService } from '@dhr/family';
import { Actor, CurrentActor, IdentityDirectory } from '@dhr/identity';
import { MeetingsService } from '@dhr/meetings';
import { independentChairMayMove, ReviewQueries } from '@dhr/reviews';
import type { DeadlineKind } from '@dhr/workflows/dhr/contract';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook';
import { PageRoles } from '../../auth/page-access';
import { actionPlanPage } from '../../presenters/action-plan.presenter';
import { auditRows, entriesVerified } from '../../presenters/audit.presenter';
import { chronologyPage } from '../../presenters/chronology.presenter';
import { deadlineLinks } from '../../presenters/deadline-links';
import { DeadlineEntry, deadlineRows, REQUEST_OF_CLOCK, requestEndings } from '../../presenters/deadlines.presenter';
import type { HistoryEntry } from '../../presenters/timeline.presenter';
import { documentGroups, maySharePapers, uploadLinks } from '../../presenters/documents.presenter';
import { familyPage } from '../../presenters/family.presenter';
import { meetingRows } from '../../presenters/meetings.presenter';
import { pagination } from '../../presenters/review-list.presenter';
import { pageNumber } from '../reviews/reviews.controller';
import { takeFlash } from '../reviews/review-work-session';
import { sendAttachment } from './attachment';
import { heading, idParam, passesGate } from './review-id';

const EVERY_ROLE = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
/** Family involvement: as the API, never agency contacts (403). */
const FAMILY_READERS = ['coordinator', 'csp_chair', 'independent_chair'] as const;
const FAMILY_WRITERS: readonly string[] = ['coordinator', 'independent_chair'];
/** Meetings and recommendations are written by the review's coordinators and its own chair (their libs' rule). */
const PLAN_WRITERS: readonly string[] = ['coordinator', 'independent_chair'];
const AUDIT_PAGE_SIZE = 50;

/**
 * The parts of a review's file beyond its overview, tasks and timeline: deadlines, documents
 * (with a download per version), the merged chronology, family involvement, meetings, the
 * action plan and the audit trail. Each is read in process through its lib with the signed-in
 * actor, so each person sees exactly their part, and the read is audited; a review they may
 * not see, or a bad id, is the 404 page.
 */
@Controller('reviews')
export class ReviewFileController {
  constructor(
    private readonly reviews: ReviewQueries,
    private readonly documents: DocumentsService,
    private readonly documentHistory: DocumentHistory,
    private readonly chronology: ChronologyService,
    private readonly family: FamilyService,
    private readonly meetings: MeetingsService,
    private readonly actionPlans: ActionPlanService,
    private readonly directory: IdentityDirectory,
    private readonly clock: Clock,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  @Get(':id/deadlines')
  @PageRoles(...EVERY_ROLE)
  async deadlines(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    const deadlines = (await this.reviews.deadlines(actor, review.id)) as DeadlineEntry[];
    const actions = new Map(review.actions.map((a) => [a.id, a.description]));
    // Why a request's clock was cancelled (withdrawn, or the IMR not needed) is in the history: read it only then.
    const ended = deadlines.some((d) => d.status === 'cancelled' && REQUEST_OF_CLOCK[d.kind]);
    const history = ended ? ((await this.reviews.history(actor, review.id)) as HistoryEntry[]) : [];
    const rows = deadlineRows(
      deadlines,
      this.clock.now(),
      { chair: review.chair?.name ?? null, actionDescription: (actionId) => actions.get(actionId) ?? null },
      {
        endings: requestEndings(deadlines, history),
        links: deadlineLinks(review, {
          role: actor.role,
          chairMayMove: (kind) => independentChairMayMove(this.rulebook, kind as DeadlineKind),
        }),
      },
    );
    res.render('pages/review-file/deadlines', {
      review: heading(review, 'deadlines'),
      rows,
      withLinks: rows.some((r) => r.change || r.withdraw),
      flash: takeFlash(req),
    });
  }

  @Get(':id/documents')
  @PageRoles(...EVERY_ROLE)
  async documentsPage(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    const documents = await this.documentHistory.history(actor, review.id);
    const names = await this.directory.names({
      userIds: documents.flatMap((d) => [...d.versions.map((v) => v.uploadedBy), ...(d.sharedWithPanel ? [d.sharedWithPanel.by] : [])]),
      agencyIds: documents.map((d) => d.agencyId),
    });
    res.render('pages/review-file/documents', {
      review: heading(review, 'documents'),
      groups: documentGroups(
        review.id,
        documents,
        { user: (u) => names.user(u)?.name ?? null, agency: (a) => names.agencyName(a) },
        { mayShare: maySharePapers(actor.role) },
      ),
      mayShare: maySharePapers(actor.role),
      uploads: uploadLinks(actor.role, review.id),
      flash: takeFlash(req),
    });
  }

  /** One version's bytes, as an attachment: the documents lib's access rule (agency contacts their own agency's and the panel papers), 404 otherwise. */
  @Get(':id/documents/:documentId/versions/:version')
  @PageRoles(...EVERY_ROLE)
  async download(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Param('version') version: string,
    @Res() res: Response,
  ): Promise<void> {
    if (!/^[1-9][0-9]{0,8}$/.test(version)) throw DomainError.notFound('document version');
    const content = await this.documents.content(actor, idParam(id), idParam(documentId, 'document'), Number(version));
    sendAttachment(res, content);
  }

  @Get(':id/chronology')
  @PageRoles(...EVERY_ROLE)
  async chronologyView(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    const view = await this.chronology.view(actor, review.id);
    res.render('pages/review-file/chronology', { review: heading(review, 'chronology'), chronology: chronologyPage(view) });
  }

  /** The merged chronology as a spreadsheet (CSV by default, or XLSX), as the API's download. */
  @Get(':id/chronology/download')
  @PageRoles(...EVERY_ROLE)
  async chronologyDownload(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query('format') format: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.chronology.download(actor, idParam(id), format === 'xlsx' ? 'xlsx' : 'csv');
    sendAttachment(res, { bytes: file.bytes, mediaType: file.contentType, fileName: file.fileName });
  }

  @Get(':id/family')
  @PageRoles(...FAMILY_READERS)
  async familyView(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    const members = await this.family.list(actor, review.id);
    const contacts = (await Promise.all(members.map((m) => this.family.contacts(actor, review.id, m.id)))).flat();
    const names = await this.directory.names({ userIds: contacts.map((c) => c.recordedBy) });
    res.render('pages/review-file/family', {
      review: heading(review, 'family'),
      ...familyPage(members, contacts, (userId) => names.user(userId)?.name ?? null),
      mayRecord: FAMILY_WRITERS.includes(actor.role) && passesGate(review.stage, 'open'),
      flash: takeFlash(req),
    });
  }

  @Get(':id/meetings')
  @PageRoles(...EVERY_ROLE)
  async meetingsView(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    const meetings = await this.meetings.list(actor, review.id);
    const names = await this.directory.names({ userIds: meetings.flatMap((m) => m.attendees.map((a) => a.userId)) });
    res.render('pages/review-file/meetings', {
      review: heading(review, 'meetings'),
      meetings: meetingRows(meetings, this.clock.now(), (userId) => names.user(userId)?.name ?? null),
      mayArrange: PLAN_WRITERS.includes(actor.role) && passesGate(review.stage, 'open'),
      scheduleLink: `/reviews/${review.id}/meetings/schedule`,
      flash: takeFlash(req),
    });
  }

  @Get(':id/action-plan')
  @PageRoles(...EVERY_ROLE)
  async actionPlanView(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    const plan = await this.actionPlans.get(actor, review.id);
    const names = await this.directory.names({
      agencyIds: [
        ...plan.recommendations.flatMap((r) => [r.ownerAgencyId, ...r.actions.map((a) => a.agencyId)]),
        ...plan.unlinkedActions.map((a) => a.agencyId),
      ],
    });
    res.render('pages/review-file/action-plan', {
      review: heading(review, 'action-plan'),
      plan: actionPlanPage(plan, this.clock.now(), (agencyId) => names.agencyName(agencyId)),
      mayAddRecommendation: PLAN_WRITERS.includes(actor.role) && passesGate(review.stage, 'recommendations'),
      recommendationLink: `/reviews/${review.id}/action-plan/add-recommendation`,
      // Actions are a workflow event (ADD_ACTION): its form is on the Tasks page, offered when the review allows it now.
      addActionLink: review.allowedEvents.includes('ADD_ACTION') ? `/reviews/${review.id}/tasks/ADD_ACTION` : null,
      flash: takeFlash(req),
    });
  }

  /** The audit trail, newest first, a page at a time; coordinators only, as `mayReadReviewAudit` (others: 403, or 404 for a review not theirs). */
  @Get(':id/audit')
  @PageRoles('coordinator')
  async audit(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query('page') pageParam: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    const entries = await this.reviews.auditTrail(actor, review.id);
    const page = pageNumber(pageParam);
    const newestFirst = [...entries].reverse();
    const shown = newestFirst.slice((page - 1) * AUDIT_PAGE_SIZE, page * AUDIT_PAGE_SIZE);
    const names = await this.directory.names({ userIds: shown.map((e) => e.actorId) });
    res.render('pages/review-file/audit', {
      review: heading(review, 'audit'),
      rows: auditRows(shown, (userId) => names.user(userId)?.name ?? null),
      verified: entriesVerified(entries),
      total: entries.length,
      pagination: pagination(page, AUDIT_PAGE_SIZE, entries.length, `/reviews/${review.id}/audit`),
    });
  }
}
