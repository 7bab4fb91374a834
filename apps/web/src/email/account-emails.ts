import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@dhr/core';
import { IdentityDirectory, IssuedLink } from '@dhr/identity';
import {
  createMailTransport,
  emailSender,
  MailTransport,
  OutgoingMail,
  renderAccountLinkEmail,
  renderMembershipAddedEmail,
} from '@dhr/notifications';

/**
 * Sends invitation and forgotten-password emails straight through the app's mail transport
 * (SMTP, or the .eml outbox), while the request waits. Not through the notifications pipeline:
 * its rows belong to a review and to an existing user (review_id, recipient_user_id NOT NULL),
 * and its send-email job renders from stored facts — the link's token would have to be stored to
 * be sent later, and we keep only its hash. Sent here, the token lives in this request's memory
 * and the email only; it is never logged or queued. If the send fails, the person is told and
 * can send the invitation (or ask for the link) again. An email about a partnership goes out as
 * that partnership's sender, with its contact as Reply-To, as its review emails do.
 */
@Injectable()
export class AccountEmails implements OnModuleDestroy {
  private readonly transport: MailTransport;

  constructor(
    private readonly config: AppConfig,
    private readonly directory: IdentityDirectory,
  ) {
    this.transport = createMailTransport(config);
  }

  async send(kind: 'invitation' | 'password_reset', link: IssuedLink): Promise<void> {
    const email = renderAccountLinkEmail({
      kind,
      recipientName: link.name,
      url: link.url,
      expiresAt: link.expiresAt,
      serviceName: this.config.SERVICE_NAME,
    });
    await this.transport.send({
      to: link.email,
      ...email,
      ...(await this.senderOf(link.partnershipId)),
      messageId: `account-${randomUUID()}`,
    });
  }

  /** "You can now work in another partnership": no link token, the person signs in as usual. */
  async sendMembershipAdded(
    to: { email: string; name: string },
    partnership: { partnershipId: string; partnershipName: string },
    roleInWords: string,
  ): Promise<void> {
    const email = renderMembershipAddedEmail({
      recipientName: to.name,
      partnershipName: partnership.partnershipName,
      roleInWords,
      signInUrl: `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/sign-in`,
      serviceName: this.config.SERVICE_NAME,
    });
    await this.transport.send({
      to: to.email,
      ...email,
      ...(await this.senderOf(partnership.partnershipId)),
      messageId: `account-${randomUUID()}`,
    });
  }

  /** From and Reply-To of a partnership's emails; MAIL_FROM alone for an email about no partnership. */
  private async senderOf(partnershipId: string | null): Promise<Pick<OutgoingMail, 'from' | 'replyTo'>> {
    const facts = partnershipId ? await this.directory.partnershipEmailIdentity(partnershipId) : null;
    const { from, replyTo } = emailSender(this.config.MAIL_FROM, facts);
    return { from, replyTo };
  }

  async onModuleDestroy(): Promise<void> {
    await this.transport.close();
  }
}
