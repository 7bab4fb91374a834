import { Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AuditModule } from './audit.module';
import { AuditSealer } from './audit-sealer';

/** How often the worker seals: the usual sealing lag is about half of this plus a batch. */
export const SEAL_INTERVAL_MS = 250;

/**
 * The worker's sealer: once at start (what a stopped worker left unsealed), then every
 * SEAL_INTERVAL_MS. Several workers are safe: a turn is skipped while another seals.
 */
@Injectable()
export class AuditSealingLoop implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditSealer');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** One warning per outage, not one per turn. */
  private failing = false;

  constructor(private readonly sealer: AuditSealer) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.tick();
  }

  /** Lets a turn in progress finish (its transaction is short), then stops: before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    this.running = this.sealer
      .sealIfIdle()
      .then(
        () => {
          if (this.failing) this.logger.log('audit sealing resumed');
          this.failing = false;
        },
        (error: unknown) => {
          // The class only: a driver's message can quote values. The next turn tries again.
          if (!this.failing) this.logger.warn(`audit sealing failed, will retry: ${(error as Error).name}`);
          this.failing = true;
        },
      )
      .finally(() => {
        this.running = null;
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), SEAL_INTERVAL_MS);
      });
  }
}

/** The periodic sealer, for the worker. Needs DatabaseModule. */
@Module({ imports: [AuditModule], providers: [AuditSealingLoop] })
export class AuditSealingModule {}
