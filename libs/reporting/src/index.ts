// What the apps use of the reporting lib: the module, the service and the shapes they show.
export * from './reporting.module';
export * from './reporting.service';
export type { BoardReport } from './board-report';
export type { DataReturn, DataReturnRecord } from './data-return';
export { DATA_RETURN_CSV_COLUMNS } from './data-return';
export { DATA_RETURN_SCHEMA } from './data-return.schema';
export type { ReportDocument } from './report-document';
export { boardReportHtmlBody } from './board-report-html';
export { AUDIENCES, BOARD_REPORT_FORMATS, DATA_RETURN_FORMATS } from './report-period';
export type { Audience, BoardReportFormat, DataReturnFormat } from './report-period';
