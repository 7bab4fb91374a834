import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Clock } from '@dhr/core';
import { Actor, CurrentActor } from '@dhr/identity';
import { DashboardService } from '@dhr/oversight';
import { PageRoles } from '../../auth/page-access';
import { dashboardPage, partnershipChoice, periodChoices } from '../../presenters/dashboard.presenter';

const first = (value: unknown): string => (Array.isArray(value) ? first(value[0]) : typeof value === 'string' ? value : '');

/**
 * The partnership dashboard: how the caseload stands and where it slips, for coordinators and CSP
 * chairs. Its filters are a GET form kept in the URL with ids and dates only (the partnership, the
 * first day of the period); a value the form could not have sent is ignored, as on the caseload.
 */
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @PageRoles('coordinator', 'csp_chair')
  async dashboard(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const mine = await this.dashboards.partnershipsOf(actor);
    const asked = first(query.partnership);
    const home = mine.find((p) => p.partnershipId === actor.partnershipId)?.partnershipId ?? mine[0]?.partnershipId ?? '';
    const chosen = asked === 'all' && mine.length > 1 ? 'all' : mine.some((p) => p.partnershipId === asked) ? asked : home;
    const periods = periodChoices(this.clock.now(), first(query.from));
    const view = await this.dashboards.dashboard(actor, chosen === 'all' ? null : [chosen], { from: periods.selected });
    res.render('pages/dashboard/dashboard', {
      // The caseload lists the partnership the person acts in: its filtered links fit only that one.
      ...dashboardPage(view, { caseload: chosen === actor.partnershipId }),
      partnerships: partnershipChoice(mine, chosen),
      periods: periods.items,
    });
  }
}
