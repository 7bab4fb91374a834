import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AuditSealer } from './audit-sealer';

/** How often the worker seals: the usual sealing lag is about half of this plus a batch. */
export const SEAL_INTERVAL_MS = 250;

/**
 * The worker's sealer (the worker app, or the api's `--with-worker`): `start` seals at once
 * (what a stopped worker left unsealed), then every SEAL_INTERVAL_MS until the app closes.
 * Several at once are safe: a turn is skipped while another sealer is at work.
 */
@Injectable()
export class AuditSealingLoop implements OnModuleDestroy {
  private readonly logger = new Logger('AuditSealer');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  /** One warning per outage, not one per turn. */
  private failing = false;

  constructor(private readonly sealer: AuditSealer) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.tick();
  }

  /** Lets a turn in progress finish (its transaction is short), then stops: before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.started = false;
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
        if (this.started) this.timer = setTimeout(() => this.tick(), SEAL_INTERVAL_MS);
      });
  }
}
