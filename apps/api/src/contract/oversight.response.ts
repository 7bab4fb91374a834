import { ApiProperty } from '@nestjs/swagger';
import { STAGES } from '@dhr/workflows/dhr/contract';

// libs/oversight: dashboard.service.ts (DashboardView), forecast.service.ts (ReviewForecast).

export class ForecastRange {
  @ApiProperty({ format: 'date', description: 'the median of the completed reviews’ remaining times (London date)' }) expected: string;
  @ApiProperty({ format: 'date', description: '25th percentile' }) earliest: string;
  @ApiProperty({ format: 'date', description: '75th percentile' }) latest: string;
}

export class Forecast {
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty() reference: string;
  @ApiProperty() victimPseudonym: string;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({
    type: () => ForecastRange,
    nullable: true,
    description: 'report to CSP sign-off; null once signed off or not going ahead',
  })
  signOff: ForecastRange | null;
  @ApiProperty({ type: () => ForecastRange, nullable: true, description: 'publication; null once published or not going ahead' })
  publication: ForecastRange | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'commissioning plus the completion clock (six months)' })
  expectedBy: string | null;
  @ApiProperty({ description: 'the expected sign-off is after expectedBy' }) likelyLate: boolean;
  @ApiProperty({
    type: [String],
    description: 'why it is likely late, most telling first (e.g. "IMR from Northshire Police is 23 days overdue")',
  })
  reasons: string[];
  @ApiProperty({
    enum: ['partnership', 'deployment', 'rulebook'],
    description:
      'whose completed reviews the forecast comes from: the partnership’s (5 or more), all of the deployment’s, or none (the rulebook’s clock lengths)',
  })
  basis: string;
  @ApiProperty({ type: 'integer', description: 'completed reviews the forecast drew on' }) sampleSize: number;
}

export class DashboardPartnership {
  @ApiProperty({ format: 'uuid' }) partnershipId: string;
  @ApiProperty() partnershipName: string;
}

export class DashboardPeriod {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date', description: 'included' }) to: string;
}

export class DashboardStageCount {
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ type: 'integer' }) reviews: number;
  @ApiProperty({ type: 'integer' }) onHold: number;
}

export class DashboardHeldReview {
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty() reference: string;
  @ApiProperty() victimPseudonym: string;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) since: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) daysOnHold: number | null;
}

export class DashboardLateReview {
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty() reference: string;
  @ApiProperty() victimPseudonym: string;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ format: 'date-time' }) commissionedAt: string;
  @ApiProperty({ type: 'integer' }) daysSinceCommissioning: number;
}

export class DashboardStageTime {
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ type: 'integer', description: 'stage visits that ended in the period' }) visits: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'days, one decimal' }) medianDays: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'days, one decimal' }) p90Days: number | null;
}

export class DashboardKindCount {
  @ApiProperty({ description: 'deadline kind' }) kind: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class DashboardAgencyCount {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class DashboardOverdue {
  @ApiProperty({ type: 'integer', description: 'open deadlines past their due time now' }) total: number;
  @ApiProperty({ type: [DashboardKindCount] }) byKind: DashboardKindCount[];
  @ApiProperty({ type: [DashboardAgencyCount] }) byAgency: DashboardAgencyCount[];
}

export class DashboardAgency {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty({ type: 'integer', description: 'scoping and IMR requests answered in the period' }) answered: number;
  @ApiProperty({ type: 'integer' }) onTime: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'median days late of the late answers' }) medianDaysLate: number | null;
  @ApiProperty({ type: 'integer', description: 'requests overdue now' }) overdueNow: number;
}

export class DashboardQaDistribution {
  @ApiProperty({ type: 'integer' }) rounds: number;
  @ApiProperty({ type: 'integer' }) reviews: number;
}

export class DashboardQa {
  @ApiProperty({ type: 'integer', description: 'reviews submitted to the Home Office in the period' }) reviews: number;
  @ApiProperty({ type: 'integer', description: 'their submissions, every round' }) rounds: number;
  @ApiProperty({ type: [DashboardQaDistribution] }) distribution: DashboardQaDistribution[];
}

export class DashboardActions {
  @ApiProperty({ type: 'integer' }) open: number;
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({ type: 'integer' }) complete: number;
}

export class DashboardRecommendationCount {
  @ApiProperty({ enum: ['not_sent', 'awaiting_response', 'response_received'] }) status: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class Dashboard {
  @ApiProperty({ type: [DashboardPartnership] }) partnerships: DashboardPartnership[];
  @ApiProperty({ type: () => DashboardPeriod }) period: DashboardPeriod;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [DashboardStageCount], description: 'reviews by stage now' }) stages: DashboardStageCount[];
  @ApiProperty({ type: [DashboardHeldReview], description: 'reviews on hold now, longest first' }) onHold: DashboardHeldReview[];
  @ApiProperty({ type: [DashboardLateReview], description: 'not signed off, commissioned more than six months ago' })
  pastExpectation: DashboardLateReview[];
  @ApiProperty({ type: [DashboardStageTime], description: 'time in each stage, over the visits that ended in the period' })
  stageTimes: DashboardStageTime[];
  @ApiProperty({ type: () => DashboardOverdue }) overdue: DashboardOverdue;
  @ApiProperty({ type: [DashboardAgency], description: 'agency responsiveness to scoping and IMR requests' }) agencies: DashboardAgency[];
  @ApiProperty({ type: () => DashboardQa }) homeOfficeQa: DashboardQa;
  @ApiProperty({ type: () => DashboardActions }) actionPlan: DashboardActions;
  @ApiProperty({ type: [DashboardRecommendationCount] }) nationalRecommendations: DashboardRecommendationCount[];
  @ApiProperty({ type: [Forecast], description: 'open reviews whose forecast sign-off is past six months from commissioning' })
  likelyLate: Forecast[];
}
