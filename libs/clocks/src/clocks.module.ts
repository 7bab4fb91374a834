import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@dhr/core';
import { loadRulebook } from '@dhr/workflows/dhr/rulebook';
import { ClockEntity } from './clock.entity';
import { ClocksService } from './clocks.service';
import { RULEBOOK } from './rulebook.token';
import { BankHolidays } from './time';

@Module({
  imports: [TypeOrmModule.forFeature([ClockEntity])],
  providers: [
    ClocksService,
    { provide: RULEBOOK, inject: [AppConfig], useFactory: (config: AppConfig) => loadRulebook(config.RULEBOOK_FILE) },
    { provide: BankHolidays, useFactory: () => BankHolidays.englandAndWales() },
  ],
  exports: [ClocksService, RULEBOOK, BankHolidays],
})
export class ClocksModule {}
