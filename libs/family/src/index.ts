// What the apps use of the family lib: the module, the service, its DTOs and views. No ORM entities.
export * from './family.module';
export * from './family.dto';
export { CONTACT_DIRECTIONS, CONTACT_METHODS, CONTACT_PREFERENCES, INVOLVEMENTS } from './family.entities';
export type { ContactDirection, ContactMethod, ContactPreference, Involvement } from './family.entities';
export * from './family.service';
export * from './family.view';
