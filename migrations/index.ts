import { IdentityAndReviews1795392000000 } from './1795392000000-identity-and-reviews';
import { ClocksAndOutbox1795392100000 } from './1795392100000-clocks-and-outbox';
import { Notifications1795392200000 } from './1795392200000-notifications';
import { AuditEntries1795392300000 } from './1795392300000-audit-entries';
import { ReviewAccessColumns1795392400000 } from './1795392400000-review-access-columns';
import { Documents1795392500000 } from './1795392500000-documents';
import { Chronology1795392600000 } from './1795392600000-chronology';
import { IdentifyingTerms1795392700000 } from './1795392700000-identifying-terms';
import { FamilyAndMeetings1795392800000 } from './1795392800000-family-and-meetings';
import { ActionPlan1795392900000 } from './1795392900000-action-plan';
import { DocumentBlobs1795393000000 } from './1795393000000-document-blobs';
import { TwoFactor1795393100000 } from './1795393100000-two-factor';
import { UserDeactivation1795393200000 } from './1795393200000-user-deactivation';
import { Invitations1795393300000 } from './1795393300000-invitations';
import { UserMemberships1795393500000 } from './1795393500000-user-memberships';
import { SessionsValidAfter1795393600000 } from './1795393600000-sessions-valid-after';
import { DeadlineExtensions1795393700000 } from './1795393700000-deadline-extensions';
import { OverdueDigest1795393800000 } from './1795393800000-overdue-digest';
import { PartnershipEmailSettings1795393900000 } from './1795393900000-partnership-email-settings';
import { OnBehalfOf1795394000000 } from './1795394000000-on-behalf-of';
import { PanelPapers1795394100000 } from './1795394100000-panel-papers';
import { NationalRecommendationRouting1795394200000 } from './1795394200000-national-recommendation-routing';
import { AlarmPathIndex1795394300000 } from './1795394300000-alarm-path-index';
import { IdempotencyKeys1795394500000 } from './1795394500000-idempotency-keys';
import { AuditSealing1795394600000 } from './1795394600000-audit-sealing';
import { DocumentSearchText1795395100000 } from './1795395100000-document-search-text';
import { OversightIndexes1795394900000 } from './1795394900000-oversight-indexes';
import { ReviewEventTypesIndex1795395300000 } from './1795395300000-review-event-types-index';
import { IdempotencyWrites1795395400000 } from './1795395400000-idempotency-writes';

/** Every migration, in order. A released migration is never edited: add a new one. */
export const ALL_MIGRATIONS = [
  IdentityAndReviews1795392000000,
  ClocksAndOutbox1795392100000,
  Notifications1795392200000,
  AuditEntries1795392300000,
  ReviewAccessColumns1795392400000,
  Documents1795392500000,
  Chronology1795392600000,
  IdentifyingTerms1795392700000,
  FamilyAndMeetings1795392800000,
  ActionPlan1795392900000,
  DocumentBlobs1795393000000,
  TwoFactor1795393100000,
  UserDeactivation1795393200000,
  Invitations1795393300000,
  UserMemberships1795393500000,
  SessionsValidAfter1795393600000,
  DeadlineExtensions1795393700000,
  OverdueDigest1795393800000,
  PartnershipEmailSettings1795393900000,
  OnBehalfOf1795394000000,
  PanelPapers1795394100000,
  NationalRecommendationRouting1795394200000,
  AlarmPathIndex1795394300000,
  IdempotencyKeys1795394500000,
  AuditSealing1795394600000,
  OversightIndexes1795394900000,
  DocumentSearchText1795395100000,
  ReviewEventTypesIndex1795395300000,
  IdempotencyWrites1795395400000,
];
