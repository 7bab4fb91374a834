import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Environment, validated at boot. Defaults make `npm start` work on one machine. */
export class AppConfig {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/dhr';

  /**
   * Connections each process (api, pages, worker) keeps to Postgres. An event holds one for a few short
   * statements only, so more connections than Postgres has cores to run them mostly queue inside Postgres.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'QUEUE_PREFIX may hold letters, digits, _ and - only' })
  QUEUE_PREFIX = 'dhr';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'dhr@localhost';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  RULEBOOK_FILE?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SWEEP_INTERVAL_SECONDS = 60;

  /** How long a worker holds a job before another may take it over (a killed worker's jobs restart after this). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_LOCK_SECONDS = 30;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  DOCUMENT_KEY?: string;

  /** Largest document upload, in bytes (25 MB). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DOCUMENT_MAX_BYTES = 26_214_400;

  /** Where encrypted document bytes live: `filesystem` (VAR_DIR/documents, one machine) or `postgres` (shared by every API machine). */
  @IsIn(['filesystem', 'postgres'], { message: 'DOCUMENT_STORE must be filesystem or postgres' })
  DOCUMENT_STORE: 'filesystem' | 'postgres' = 'filesystem';

  /** Signing secret for bearer tokens; unset: generated into var/ on first start. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'TOKEN_SECRET must be at least 32 characters' })
  TOKEN_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  TOKEN_TTL_SECONDS = 3600;

  /** Where generated secrets and the .eml outbox live. */
  @IsString()
  VAR_DIR = 'var';

  /** Public base URL of the web app, used for links in emails. */
  @IsString()
  PUBLIC_URL = 'http://localhost:3000';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent' = 'info';

  /** Failed logins allowed per account (any source) in one LOGIN_WINDOW_SECONDS window; the next attempt gets 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT = 5;

  /** Login attempts (failed or not) allowed per source IP in one LOGIN_WINDOW_SECONDS window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_ATTEMPTS_PER_IP = 50;

  /** Length of the fixed login rate-limit window, counted from the first attempt in it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /** Forgotten-password emails per email address (known or not) in one PASSWORD_RESET_WINDOW_SECONDS window; more are not sent. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_MAX_PER_ACCOUNT = 3;

  /** Forgotten-password requests per source IP in one PASSWORD_RESET_WINDOW_SECONDS window; more send nothing. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_MAX_PER_IP = 20;

  /** Length of the fixed forgotten-password window, counted from the first request in it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_WINDOW_SECONDS = 3600;

  /** Browser origins allowed to call the API cross-origin, comma-separated (e.g. `https://dhr.example.gov.uk`); unset: CORS stays closed. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,/]+(\s*,\s*https?:\/\/[^\s,/]+)*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of origins such as https://dhr.example.gov.uk (scheme and host, no path)',
  })
  CORS_ORIGINS?: string;

  /** Largest JSON request body accepted; a bigger one gets 413. */
  @Matches(/^[1-9][0-9]*(b|kb|mb)$/, { message: 'JSON_BODY_LIMIT must be a size such as 512kb or 1mb' })
  JSON_BODY_LIMIT = '1mb';

  /**
   * Express 'trust proxy' for a load balancer in front: a hop count (`1`) or comma-separated addresses/CIDRs
   * (`10.0.0.0/8`, `loopback`). Unset: the TCP peer is the source IP (what login limits and the audit trail record).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^([0-9]+|[0-9A-Za-z.:/]+(\s*,\s*[0-9A-Za-z.:/]+)*)$/, {
    message: 'TRUST_PROXY must be a hop count or a comma-separated list of addresses, CIDRs or loopback/linklocal/uniquelocal',
  })
  TRUST_PROXY?: string;

  /** `production`: every secret must be given (TOKEN_SECRET, DOCUMENT_KEY, SESSION_SECRET); none is generated into VAR_DIR. */
  @IsIn(['development', 'test', 'production'], { message: 'NODE_ENV must be development, test or production' })
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** A bearer token that may read GET /metrics (for the Prometheus scraper); unset: administrators only. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9._~+/=-]{32,}$/, { message: 'METRICS_TOKEN must be at least 32 characters of letters, digits and ._~+/=-' })
  METRICS_TOKEN?: string;

  /** On SIGTERM/SIGINT: how long in-flight requests and jobs get before open connections are cut and the process exits. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  SHUTDOWN_GRACE_SECONDS = 10;

  /** A process started while Postgres or Redis is unreachable waits this long for them (retrying, logged) before it exits. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  STARTUP_WAIT_SECONDS = 120;

  /** Signs the web pages' session cookie; unset: generated into VAR_DIR on first start (never in production). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters' })
  SESSION_SECRET?: string;

  /** A web session unused this long ends (sign in again); fractions allowed, so tests can wait seconds. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber({}, { message: 'SESSION_IDLE_MINUTES must be a number of minutes' })
  @Min(0.01, { message: 'SESSION_IDLE_MINUTES must be more than 0' })
  @Max(720, { message: 'SESSION_IDLE_MINUTES must be at most 720 (12 hours)' })
  SESSION_IDLE_MINUTES = 30;

  /** The name in the web pages' header (the partnership or the deployment). */
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  SERVICE_NAME = 'Domestic homicide reviews';

  /**
   * POST /api/auth/token refuses users who have not set up two-factor (their password alone would
   * do otherwise). Off by default so existing integration accounts keep working; see the README.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : value === true || /^(true|1|yes)$/i.test(String(value))))
  @IsBoolean({ message: 'API_REQUIRE_TWO_FACTOR must be true or false' })
  API_REQUIRE_TWO_FACTOR = false;

  /** How long an invitation or a forgotten-password link works, in hours. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber({}, { message: 'INVITATION_TTL_HOURS must be a number of hours' })
  @Min(0.001, { message: 'INVITATION_TTL_HOURS must be more than 0' })
  @Max(720, { message: 'INVITATION_TTL_HOURS must be at most 720 (30 days)' })
  INVITATION_TTL_HOURS = 72;
}

/** Secrets that are generated into VAR_DIR on first start, except in production, where they must be given. */
const GENERATED_SECRETS = ['TOKEN_SECRET', 'DOCUMENT_KEY', 'SESSION_SECRET'] as const;

export class ConfigError extends Error {}

/** Builds the config from an environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const relevant = Object.fromEntries(Object.entries(env).filter(([key]) => known.includes(key)));
  const config = plainToInstance(AppConfig, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (config.NODE_ENV === 'production') {
    for (const name of GENERATED_SECRETS) {
      if (!config[name]) lines.push(`${name} must be set when NODE_ENV is production (it is never generated there)`);
    }
  }
  if (lines.length > 0) throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  return config;
}
