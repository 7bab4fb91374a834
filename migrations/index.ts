import { IdentityAndReviews1795392000000 } from './1795392000000-identity-and-reviews';
import { ClocksAndOutbox1795392100000 } from './1795392100000-clocks-and-outbox';
import { Notifications1795392200000 } from './1795392200000-notifications';
import { AuditEntries1795392300000 } from './1795392300000-audit-entries';
import { ReviewAccessColumns1795392400000 } from './1795392400000-review-access-columns';
import { Documents1795392500000 } from './1795392500000-documents';

/** Every migration, in order. A released migration is never edited: add a new one. */
export const ALL_MIGRATIONS = [
  IdentityAndReviews1795392000000,
  ClocksAndOutbox1795392100000,
  Notifications1795392200000,
  AuditEntries1795392300000,
  ReviewAccessColumns1795392400000,
  Documents1795392500000,
];
