import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdentityDirectory } from '@dhr/identity';
import type { RenderedEmail } from '../email';
import { renderOverdueDigest } from '../email/templates/overdue-digest.template';
import { DIGEST_TEMPLATE } from './overdue-digest.handler';
import { OverdueDigestBuilder } from './overdue-digest-builder';

/** A digest notification ready to send: its email, or none (all its items met since, or the person gone). */
export interface DigestToSend {
  id: string;
  status: 'pending' | 'sent' | 'failed' | 'superseded';
  recipientId: string;
  recipientEmail: string;
  email: RenderedEmail | null;
}

/**
 * The digest side of the send-email pipeline: reads a digest notification and builds its
 * email from Postgres as it is when it is sent, so an item met since 8am is left out.
 */
@Injectable()
export class DigestEmailReader {
  constructor(
    private readonly builder: OverdueDigestBuilder,
    private readonly directory: IdentityDirectory,
  ) {}

  /** The digest this notification is, or null when it is another kind of notification. */
  async load(manager: EntityManager, notificationId: string, now: Date, publicUrl: string): Promise<DigestToSend | null> {
    const [row]: { id: string; status: DigestToSend['status']; recipient_user_id: string; alarm_key: string }[] = await manager.query(
      `SELECT id, status, recipient_user_id, alarm_key FROM notifications WHERE id = $1 AND template = $2`,
      [notificationId, DIGEST_TEMPLATE],
    );
    if (!row) return null;
    const recipient = await this.directory.contact(row.recipient_user_id, manager);
    const base = { id: row.id, status: row.status, recipientId: row.recipient_user_id, recipientEmail: recipient?.email ?? '' };
    if (row.status !== 'pending' || !recipient) return { ...base, email: null };
    const reviews = (await this.builder.build(manager, now)).get(row.recipient_user_id) ?? [];
    if (reviews.length === 0) return { ...base, email: null };
    const day = row.alarm_key.slice('digest:'.length);
    return {
      ...base,
      email: renderOverdueDigest({ recipientName: recipient.name, day, reviews }, publicUrl),
    };
  }
}
