import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor } from '@dhr/identity';
import { AUDIENCES, boardReportHtmlBody, ReportingService } from '@dhr/reporting';
import { PageRoles } from '../../auth/page-access';
import { errorsOf, fieldMessage, nothingAsked, periodProblems, readPeriodForm } from '../../presenters/report-forms';

type Query = Record<string, unknown>;

/**
 * The report to the CSP board or the council's scrutiny committee: a GET form (partnership when
 * the person coordinates or chairs several, period, audience), then the report on the page and a
 * link to the same report as a Word document. Each showing and each download is audited.
 */
@Controller('board-report')
@PageRoles('coordinator', 'csp_chair')
export class BoardReportController {
  constructor(private readonly reporting: ReportingService) {}

  @Get()
  async show(@CurrentActor() actor: Actor, @Query() query: Query, @Res() res: Response): Promise<void> {
    const partnerships = await this.reporting.boardReportPartnerships(actor);
    const form = readPeriodForm(query, ['partnershipId', 'audience']);
    const partnershipId = partnerships.some((p) => p.id === form.values.partnershipId)
      ? form.values.partnershipId
      : (partnerships.find((p) => p.id === actor.partnershipId) ?? partnerships[0])?.id;
    const audience = (AUDIENCES as readonly string[]).includes(form.values.audience) ? form.values.audience : 'public';
    const partnershipItems = partnerships.map((p) => ({ value: p.id, text: p.name, selected: p.id === partnershipId }));
    const view = { partnerships, partnershipItems, partnershipId, audience, values: form.values, messages: {} as Record<string, string> };
    if (nothingAsked(query) || !partnershipId) return res.render('pages/reporting/board-report', { ...view, fieldMessage });
    let messages = form.messages;
    if (Object.keys(messages).length === 0) {
      try {
        const { document } = await this.reporting.boardReport(actor, partnershipId, { from: form.from, to: form.to, audience }, 'page');
        const download = `/board-report/download?${new URLSearchParams({ partnershipId, from: form.from!, to: form.to!, audience }).toString()}`;
        return res.render('pages/reporting/board-report', { ...view, fieldMessage, report: boardReportHtmlBody(document, 2), download });
      } catch (error) {
        // A period the lib refuses (backwards, in the future) is the form's error; anything else is the error page.
        const problems = periodProblems(error);
        if (!problems) throw error;
        messages = problems;
      }
    }
    res.status(400).render('pages/reporting/board-report', { ...view, messages, errors: errorsOf(messages), fieldMessage });
  }

  /** The same report as a Word document (from the page's link: ISO dates, no personal data in the URL). */
  @Get('download')
  async download(@CurrentActor() actor: Actor, @Query() query: Query, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const partnerships = await this.reporting.boardReportPartnerships(actor);
    const partnershipId =
      typeof query.partnershipId === 'string'
        ? query.partnershipId
        : (partnerships.find((p) => p.id === actor.partnershipId) ?? partnerships[0])?.id;
    const file = await this.reporting.boardReportFile(actor, partnershipId ?? actor.partnershipId ?? '', { ...query, format: 'docx' });
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.body as Buffer, { type: file.mediaType, disposition: `attachment; filename="${file.fileName}"` });
  }
}
