import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A meeting as emails, .ics files and the day-before reminder need it. */
export interface MeetingFact {
  id: string;
  reviewId: string;
  number: number;
  status: 'scheduled' | 'cancelled';
  /** The iCalendar SEQUENCE: bumped by every change. */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  location: string;
  agenda: string | null;
  reminderAt: Date | null;
}

/** What notifications reads of meetings, answered by the meetings lib (which owns those tables). */
export interface MeetingFacts {
  forNotification(meetingId: string, manager: EntityManager, options?: { lock?: boolean }): Promise<MeetingFact | null>;
  attendeeIds(meetingId: string, manager: EntityManager): Promise<string[]>;
  withUpcomingReminders(now: Date, manager: EntityManager): Promise<string[]>;
}

/**
 * Where notifications finds the meetings lib's answers. The meetings lib depends on
 * notifications (it sends meeting emails), so it registers its read model here at start-up
 * rather than notifications importing it back.
 */
@Injectable()
export class MeetingFactsSource {
  private facts: MeetingFacts | null = null;

  provide(facts: MeetingFacts): void {
    this.facts = facts;
  }

  get(): MeetingFacts {
    if (!this.facts) throw new Error('no meeting facts registered: import MeetingsModule in every app that sends notifications');
    return this.facts;
  }

  /** At start-up: an app that sends notifications must also compose the meetings lib. */
  assertProvided(): void {
    this.get();
  }
}
