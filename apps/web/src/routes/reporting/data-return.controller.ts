import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor } from '@dhr/identity';
import { DATA_RETURN_FORMATS, ReportingService } from '@dhr/reporting';
import { PageRoles } from '../../auth/page-access';
import { errorsOf, fieldMessage, nothingAsked, periodProblems, readPeriodForm } from '../../presenters/report-forms';

/**
 * The national data return: a GET form (period and format) whose button downloads the file.
 * Administrators get every partnership, coordinators theirs; each download is audited.
 */
@Controller('data-return')
@PageRoles('admin', 'coordinator')
export class DataReturnController {
  constructor(private readonly reporting: ReportingService) {}

  @Get()
  async page(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = readPeriodForm(query, ['format']);
    const format = (DATA_RETURN_FORMATS as readonly string[]).includes(form.values.format) ? form.values.format : 'csv';
    const view = { values: form.values, format, wholeDeployment: actor.role === 'admin', fieldMessage };
    if (nothingAsked(query)) return res.render('pages/reporting/data-return', { ...view, messages: {} });
    let messages = form.messages;
    if (Object.keys(messages).length === 0) {
      try {
        const { file } = await this.reporting.dataReturn(actor, { from: form.from, to: form.to, format });
        res.setHeader('Content-Type', file.mediaType);
        res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
        res.setHeader('Cache-Control', 'no-store');
        res.send(file.body);
        return;
      } catch (error) {
        // A period the lib refuses (backwards, in the future) is the form's error; anything else is the error page.
        const problems = periodProblems(error);
        if (!problems) throw error;
        messages = problems;
      }
    }
    res.status(400).render('pages/reporting/data-return', { ...view, messages, errors: errorsOf(messages) });
  }
}
