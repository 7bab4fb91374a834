import type { EventForm } from './event-forms';

/** Record a notification (a new review): the same form machinery as the events, then "Check your answers". */
export const NOTIFICATION_FORM: EventForm = {
  task: 'Record a notification',
  title: 'Record a notification',
  recorded: 'Notification recorded',
  fields: [
    { kind: 'when', name: 'notifiedAt', label: 'When was the partnership notified?' },
    {
      kind: 'text',
      name: 'notifiedBy',
      label: 'Who notified the partnership?',
      hint: 'The organisation, for example, the police force',
      maxlength: 200,
    },
    { kind: 'date', name: 'deathDate', label: 'Date of death', hint: 'For example, 14 9 2026', as: 'date' },
    { kind: 'text', name: 'victimPseudonym', label: 'Victim’s pseudonym', hint: 'Do not use real names', maxlength: 100 },
    {
      kind: 'text',
      name: 'perpetratorPseudonym',
      label: 'Perpetrator’s pseudonym (optional)',
      hint: 'Do not use real names',
      optional: true,
      maxlength: 100,
    },
    { kind: 'text', name: 'policeForceArea', label: 'Police force area (optional)', optional: true, maxlength: 200 },
  ],
};
