import { Module } from '@nestjs/common';
import { ClocksModule } from '@dhr/clocks';
import { IdentityModule } from '@dhr/identity';
import { ReviewsModule } from '@dhr/reviews';
import { DashboardService } from './dashboard.service';
import { ForecastService } from './forecast.service';

/** Oversight of a partnership's caseload: the dashboard's figures and the completion forecasts. Read-only. */
@Module({
  imports: [ClocksModule, IdentityModule, ReviewsModule],
  providers: [DashboardService, ForecastService],
  exports: [DashboardService, ForecastService],
})
export class OversightModule {}
