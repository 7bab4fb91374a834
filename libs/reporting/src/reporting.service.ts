import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter, SYSTEM_CHAIN } from '@dhr/audit';
import { Clock, DomainError, inTransaction } from '@dhr/core';
import { Actor, MembershipService, Role } from '@dhr/identity';
import { BoardReport, boardReport } from './board-report';
import { boardReportDocx } from './board-report-docx';
import { boardReportHtmlPage } from './board-report-html';
import { DataReturn, dataReturn, dataReturnCsv } from './data-return';
import { ReportDocument, reportDocument } from './report-document';
import {
  AUDIENCES,
  Audience,
  BOARD_REPORT_FORMATS,
  BoardReportFormat,
  DATA_RETURN_FORMATS,
  DataReturnFormat,
  parseChoice,
  parsePeriod,
  ReportPeriod,
} from './report-period';
import { buildFacts } from './review-facts';
import { loadFactRows } from './review-facts.query';

export interface ReportQuery {
  from?: unknown;
  to?: unknown;
  audience?: unknown;
  format?: unknown;
}

/** A download: its file name (no personal data), media type and bytes. */
export interface ReportFile {
  fileName: string;
  mediaType: string;
  body: Buffer | string;
  /** Shown in the browser (the HTML report) or saved (everything else). */
  inline: boolean;
}

/** The board report for the pages: the figures and the document both renderers walk. */
export interface BoardReportResult {
  report: BoardReport;
  document: ReportDocument;
}

const BOARD_REPORT_ROLES: readonly Role[] = ['coordinator', 'csp_chair'];
export const DATA_RETURN_SCHEMA_PATH = '/api/data-return/schema';

/**
 * The board report and the national data return: read-only figures over a period, computed from
 * the reviews' own rows; every download is audited (who, partnership, period, audience — never
 * the content).
 */
@Injectable()
export class ReportingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly memberships: MembershipService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** The partnerships whose board report the caller may have, with their names (the web form lists them). */
  async boardReportPartnerships(actor: Actor): Promise<{ id: string; name: string }[]> {
    const held = await this.memberships.of(actor.userId);
    return held.filter((m) => BOARD_REPORT_ROLES.includes(m.role)).map((m) => ({ id: m.partnershipId, name: m.partnershipName }));
  }

  /** The figures, audited as viewed (the web page) — the download goes through `boardReportFile`. */
  async boardReport(
    actor: Actor,
    partnershipId: string,
    query: ReportQuery,
    format: BoardReportFormat | 'page',
  ): Promise<BoardReportResult & { period: ReportPeriod }> {
    const now = this.clock.now();
    const period = parsePeriod(query, now);
    const audience = parseChoice<Audience>('audience', query.audience, AUDIENCES, 'public');
    return inTransaction(this.db, async (manager) => {
      const partnership = await this.partnershipFor(actor, partnershipId, manager);
      const facts = buildFacts(await loadFactRows(manager, [partnershipId], period.end));
      const report = boardReport(partnership, facts, period, audience, now);
      await this.audit.record(manager, {
        chain: partnershipId,
        actorId: actor.userId,
        actorRole: actor.role,
        action: 'board_report.download',
        entity: 'partnership',
        entityId: partnershipId,
        changes: {
          period: { before: null, after: `${period.from}/${period.to}` },
          audience: { before: null, after: audience },
          format: { before: null, after: format },
        },
        requestId: actor.requestId,
        sourceIp: actor.sourceIp,
        at: now,
      });
      return { report, document: reportDocument(report), period };
    });
  }

  async boardReportFile(actor: Actor, partnershipId: string, query: ReportQuery): Promise<ReportFile> {
    const format = parseChoice<BoardReportFormat>('format', query.format, BOARD_REPORT_FORMATS, 'docx');
    const { report, document } = await this.boardReport(actor, partnershipId, query, format);
    const base = `board-report-${report.partnership.code.toLowerCase()}-${report.period.from}-${report.period.to}-${report.audience}`;
    if (format === 'html')
      return { fileName: `${base}.html`, mediaType: 'text/html; charset=utf-8', body: boardReportHtmlPage(document), inline: true };
    return {
      fileName: `${base}.docx`,
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      body: await boardReportDocx(document),
      inline: false,
    };
  }

  /**
   * The national data return: administrators get the whole deployment, coordinators the
   * partnerships they coordinate; audited on each partnership's chain (the system chain for the
   * whole deployment).
   */
  async dataReturn(actor: Actor, query: ReportQuery): Promise<{ data: DataReturn; format: DataReturnFormat; file: ReportFile }> {
    const now = this.clock.now();
    const period = parsePeriod(query, now);
    const format = parseChoice<DataReturnFormat>('format', query.format, DATA_RETURN_FORMATS, 'csv');
    const scope = await this.dataReturnScope(actor);
    return inTransaction(this.db, async (manager) => {
      const facts = buildFacts(await loadFactRows(manager, scope, period.end));
      const data = dataReturn(facts, period, now, DATA_RETURN_SCHEMA_PATH);
      const chains = scope === null ? [SYSTEM_CHAIN] : [...scope].sort();
      for (const chain of chains)
        await this.audit.record(manager, {
          chain,
          actorId: actor.userId,
          actorRole: actor.role,
          action: 'data_return.download',
          entity: scope === null ? 'deployment' : 'partnership',
          entityId: scope === null ? undefined : chain,
          changes: {
            period: { before: null, after: `${period.from}/${period.to}` },
            format: { before: null, after: format },
            records: { before: null, after: data.records.length },
          },
          requestId: actor.requestId,
          sourceIp: actor.sourceIp,
          at: now,
        });
      const base = `data-return-${period.from}-${period.to}`;
      const file: ReportFile =
        format === 'csv'
          ? { fileName: `${base}.csv`, mediaType: 'text/csv; charset=utf-8', body: dataReturnCsv(data), inline: false }
          : { fileName: `${base}.json`, mediaType: 'application/json; charset=utf-8', body: JSON.stringify(data, null, 2), inline: false };
      return { data, format, file };
    });
  }

  /** Null for the whole deployment (administrators), else the partnerships the caller coordinates. */
  private async dataReturnScope(actor: Actor): Promise<string[] | null> {
    if (actor.role === 'admin') return null;
    const held = await this.memberships.of(actor.userId);
    const coordinated = held.filter((m) => m.role === 'coordinator').map((m) => m.partnershipId);
    if (actor.role === 'coordinator' && actor.partnershipId && !coordinated.includes(actor.partnershipId))
      coordinated.push(actor.partnershipId);
    if (coordinated.length === 0) throw DomainError.forbidden('only administrators and coordinators may download the data return');
    return coordinated;
  }

  /**
   * The partnership, when the caller coordinates or chairs its CSP (in the membership they act in,
   * or another they hold); another partnership is 404, as the other partnership exports answer.
   */
  private async partnershipFor(
    actor: Actor,
    partnershipId: string,
    manager: EntityManager,
  ): Promise<{ id: string; name: string; code: string }> {
    const acting =
      actor.partnershipId === partnershipId
        ? actor.role
        : (await this.memberships.of(actor.userId, manager)).find((m) => m.partnershipId === partnershipId)?.role;
    if (acting === undefined) throw DomainError.notFound('partnership');
    if (!BOARD_REPORT_ROLES.includes(acting))
      throw DomainError.forbidden('only coordinators and CSP chairs of the partnership may have its board report');
    const rows: { id: string; name: string; code: string }[] = await manager.query(
      `SELECT id, name, code FROM partnerships WHERE id = $1`,
      [partnershipId],
    );
    if (rows.length === 0) throw DomainError.notFound('partnership');
    return rows[0];
  }
}
