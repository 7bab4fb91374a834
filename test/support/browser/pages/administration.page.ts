import type { Page } from 'playwright-core';
import type { Visit } from '../sign-in';

export interface Invitee {
  name: string;
  email: string;
  /** The role as the radios word it ("Coordinator", "CSP chair"); coordinators invite agency contacts only, and see no radios. */
  role?: string;
  /** The partnership by name (administrators inviting anyone but an agency contact). */
  partnership?: string;
  /** The agency as the select shows it (agency contacts). */
  agency?: string;
}

/**
 * Administration (/administration and its pages), as an administrator uses it from their landing
 * page and a coordinator from "Users": partnerships, agencies and invitations, each reached by
 * its links and buttons. `visit` is called on each page and state shown (axe, screenshots).
 */
export class AdministrationPages {
  constructor(
    readonly page: Page,
    private readonly visit: Visit = async () => undefined,
  ) {}

  readonly heading = () => this.page.getByRole('heading', { level: 1 });
  readonly panel = () => this.page.locator('.govuk-panel');
  private readonly menu = () => this.page.getByRole('navigation', { name: 'Menu' });

  /** The administrator's landing page, from the service navigation. */
  async home(): Promise<void> {
    await this.menu().getByRole('link', { name: 'Administration' }).click();
  }

  async addPartnership(name: string, code: string): Promise<void> {
    await this.home();
    await this.page.getByRole('link', { name: 'Partnerships', exact: true }).click();
    await this.visit(this.page, 'partnerships');
    await this.page.getByRole('button', { name: 'Add a partnership' }).click();
    await this.visit(this.page, 'add a partnership');
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByLabel('Code', { exact: true }).fill(code);
    await this.page.getByRole('button', { name: 'Add partnership' }).click();
    await this.page.waitForURL('**/administration/partnerships');
  }

  async addAgency(name: string, kind: string, partnership: string): Promise<void> {
    await this.home();
    await this.page.getByRole('link', { name: 'Agencies', exact: true }).click();
    await this.visit(this.page, 'agencies');
    await this.page.getByRole('button', { name: 'Add an agency' }).click();
    await this.visit(this.page, 'add an agency');
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByLabel(kind, { exact: true }).check();
    await this.page.getByLabel('Partnership', { exact: true }).selectOption({ label: partnership });
    await this.page.getByRole('button', { name: 'Add agency' }).click();
    await this.page.waitForURL('**/administration/agencies');
  }

  /** Users → Invite a user (or agency contact) → the form → "Invitation sent". */
  async invite(who: Invitee): Promise<void> {
    await this.menu()
      .getByRole('link', { name: /^(Administration|Users)$/ })
      .click();
    if (new URL(this.page.url()).pathname === '/administration') await this.page.getByRole('link', { name: 'Users', exact: true }).click();
    await this.visit(this.page, 'users');
    await this.page.getByRole('button', { name: 'Invite a user' }).click();
    await this.visit(this.page, 'invite');
    await this.page.getByLabel('Full name').fill(who.name);
    await this.page.getByLabel('Email address').fill(who.email);
    if (who.role) await this.page.getByLabel(who.role, { exact: true }).check();
    if (who.partnership) await this.page.getByLabel('Partnership', { exact: true }).selectOption({ label: who.partnership });
    if (who.agency) await this.page.getByLabel('Agency', { exact: true }).selectOption({ label: who.agency });
    await this.page.getByRole('button', { name: 'Send invitation' }).click();
    await this.panel().waitFor();
    await this.visit(this.page, 'invitation sent');
  }
}
