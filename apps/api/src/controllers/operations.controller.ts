import { Controller, ForbiddenException, Get, Headers, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '@dhr/core';
import { AuthService, Public } from '@dhr/identity';
import { Metrics, Readiness } from '@dhr/ops';
import { adminAccess, isMetricsToken } from '../ops/operations-access';

/** Served at the root, outside the `/api` prefix, where orchestrators and scrapers look for them. */
export const UNPREFIXED_ROUTES = ['health', 'ready', 'metrics'];

/**
 * Liveness, readiness and Prometheus metrics. Public to the bearer guard: /health
 * and /ready say nothing but up or down, and /metrics checks its own credentials.
 * Operators' routes, not part of the /api contract (README "Operations" documents them).
 */
@ApiExcludeController()
@Public()
@Controller()
export class OperationsController {
  constructor(
    private readonly readiness: Readiness,
    private readonly metrics: Metrics,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  health() {
    return this.readiness.live();
  }

  /** Readiness: Postgres and Redis reachable and every migration run; 503 from the moment shutdown begins. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const answer = await this.readiness.ready();
    res.status(answer.ready ? 200 : 503);
    return answer.body;
  }

  /** Prometheus text format, for METRICS_TOKEN or an administrator's bearer token (401 without either, 403 for other users). */
  @Get('metrics')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response) {
    if (!isMetricsToken(this.config, authorization)) {
      const access = await adminAccess(this.auth, authorization);
      if (access === 'unauthenticated') throw new UnauthorizedException('METRICS_TOKEN or an administrator token required');
      if (access === 'forbidden') throw new ForbiddenException('administrators only');
    }
    const { contentType, body } = await this.metrics.scrape();
    res.setHeader('Content-Type', contentType);
    return body;
  }
}
