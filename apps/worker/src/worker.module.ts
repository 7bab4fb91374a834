import { DynamicModule, Module } from '@nestjs/common';
import { AuditSealingModule } from '@dhr/audit';
import { AppConfig, Clock, CoreModule, DatabaseModule } from '@dhr/core';
import { JobsModule } from '@dhr/jobs';
import { MeetingsModule } from '@dhr/meetings';
import { NotificationsModule } from '@dhr/notifications';
import { OpsModule } from '@dhr/ops';
import { SearchModule } from '@dhr/search';

/** The worker: BullMQ processors, the reconciliation sweep, the audit sealer and document-text indexing for search. No HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, clock),
        DatabaseModule,
        JobsModule,
        NotificationsModule,
        MeetingsModule,
        OpsModule,
        AuditSealingModule,
        SearchModule,
      ],
    };
  }
}
