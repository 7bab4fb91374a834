/** A DataSource or an EntityManager: the read model's queries run on either (the bench calls them with a DataSource). */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** The period the dashboard looks at: stage visits, answers and QA rounds that fell in [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

/** A review as lists name it: reference and victim pseudonym, never its id alone. */
export interface NamedReview {
  reviewId: string;
  reference: string;
  victimPseudonym: string;
  stage: string;
}

export const DAYS = `/ 86400.0`;
export const round1 = (n: number | string | null): number | null => (n === null ? null : Math.round(Number(n) * 10) / 10);
