import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { DashboardQuery, DashboardService, DASHBOARD_ROLES, ForecastService } from '@dhr/oversight';
import { UUID_PARAM } from '../uuid-param';
import { ApiErrors } from '../contract/error-body.response';
import { Dashboard, Forecast } from '../contract/oversight.response';

@ApiTags('oversight')
@ApiBearerAuth()
@Controller()
export class OversightController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly forecasts: ForecastService,
  ) {}

  @Roles(...DASHBOARD_ROLES)
  @Get('partnerships/:id/dashboard')
  @ApiOperation({
    operationId: 'getPartnershipDashboard',
    summary: 'The partnership dashboard: stages, holds, time in stages, overdue items, agency responsiveness, QA rounds, actions',
  })
  @ApiOkResponse({ type: Dashboard })
  @ApiErrors(
    [400, '`validation_failed`: an id that is no UUID, a date that is not one, or `to` before `from`'],
    401,
    [403, '`forbidden`: only coordinators and CSP chairs see dashboards'],
    [404, '`not_found`: not a partnership you are a coordinator or CSP chair of'],
  )
  dashboard(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: DashboardQuery) {
    return this.dashboards.dashboard(actor, [id], query);
  }

  @Roles('coordinator', 'csp_chair', 'independent_chair', 'agency_contact')
  @Get('reviews/:id/forecast')
  @ApiOperation({
    operationId: 'getReviewForecast',
    summary: 'Expected dates of CSP sign-off and publication, with a range, and whether the review is likely late and why',
  })
  @ApiOkResponse({ type: Forecast })
  @ApiErrors(400, 401, 403, 404)
  forecast(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.forecasts.forReview(actor, id);
  }
}
