import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { AuditModule } from './audit.module';
import { AuditSealingLoop } from './audit-sealing-loop';

/** Runs the periodic sealer once the app has started: for the worker. Needs DatabaseModule. */
@Module({ imports: [AuditModule] })
export class AuditSealingModule implements OnApplicationBootstrap {
  constructor(private readonly loop: AuditSealingLoop) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }
}
