import type { EmailData, NotificationTemplate, RenderedEmail } from './email-data';
import { reviewUrl } from './review-link';
import { TEMPLATES } from './templates';

/**
 * Renders one notification email. Throws (rather than sending something misleading)
 * when the data a template needs is missing or invalid.
 */
export function renderEmail(template: NotificationTemplate, data: EmailData): RenderedEmail {
  if (!Object.hasOwn(TEMPLATES, template)) throw new Error(`Unknown email template: ${String(template)}`);
  if (!data.reference) throw new Error('reference is required');
  return TEMPLATES[template](data, reviewUrl(data.publicUrl, data.reviewId));
}
