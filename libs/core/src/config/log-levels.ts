import type { LogLevel } from '@nestjs/common';
import type { AppConfig } from './app-config';

const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const CUT: Record<AppConfig['LOG_LEVEL'], number> = { silent: 0, fatal: 1, error: 2, warn: 3, info: 4, debug: 6 };

/** Nest log levels for LOG_LEVEL (info = fatal..log). */
export function nestLogLevels(level: AppConfig['LOG_LEVEL']): LogLevel[] | false {
  const levels = ORDER.slice(0, CUT[level]);
  return levels.length > 0 ? levels : false;
}
