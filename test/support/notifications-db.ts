import { Client } from 'pg';
import type { AppConfig } from '@dhr/core';

export interface NotificationRow {
  id: string;
  template: string;
  step: string;
  status: string;
  kind: string | null;
  recipient_email: string;
  recipient_role: string;
}

/** Reads the test database directly: what the engine recorded, to compare with what SMTP received. */
export async function notificationRows(config: AppConfig, reviewId?: string): Promise<NotificationRow[]> {
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT n.id, n.template, n.step, n.status, c.kind, u.email AS recipient_email, u.role AS recipient_role
         FROM notifications n JOIN users u ON u.id = n.recipient_user_id LEFT JOIN clocks c ON c.id = n.clock_id
        WHERE $1::uuid IS NULL OR n.review_id = $1 ORDER BY n.created_at, u.email`,
      [reviewId ?? null],
    );
    return rows;
  } finally {
    await client.end();
  }
}

export async function sql<T = Record<string, unknown>>(config: AppConfig, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Message-ID `<notification-id@dhr-engine>` → notification id. */
export const notificationIdOf = (messageId: string) => messageId.replace(/^<|@dhr-engine>$/g, '');
