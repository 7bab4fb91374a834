import { generateSync } from 'otplib';
import request from 'supertest';

/** Helpers for HTTP-level web tests: a browser without JavaScript, through forms, cookies and redirects. */
export type Agent = ReturnType<typeof request.agent>;

/** What a person reads of a page: without its tags, attributes and scripts, white space collapsed. */
export const visibleText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
export const secretOf = (html: string) => /id="secret-key">([A-Z2-7 ]+)</.exec(html)?.[1].replace(/\s/g, '') ?? '';

const stepNow = () => Math.floor(Date.now() / 30_000);
const lastStep = new Map<string, number>();

/** A TOTP code for a 30-second step this secret has not used yet (the service refuses a code used twice). */
export async function freshCode(secret: string): Promise<string> {
  let step = Math.max(stepNow(), (lastStep.get(secret) ?? -1) + 1);
  while (step > stepNow() + 1) await new Promise((r) => setTimeout(r, 1000));
  step = Math.max(step, stepNow());
  lastStep.set(secret, step);
  return generateSync({ secret, epoch: step * 30 });
}

/** GET a page, then POST its form with its CSRF token. */
export async function submit(agent: Agent, page: string, action: string, fields: Record<string, string> = {}) {
  const form = await agent.get(page);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfOf(form.text), ...fields });
}

/**
 * Signs in through both steps; the first time, sets up two-factor with the secret key read from the
 * page (remembered in `secrets` by email). Answers the last response.
 */
export async function webSignIn(agent: Agent, email: string, password: string, secrets: Map<string, string>): Promise<request.Response> {
  const code = secrets.has(email) ? await freshCode(secrets.get(email)!) : null;
  const first = await submit(agent, '/sign-in', '/sign-in', { email, password });
  if (first.status !== 303) return first;
  if (first.headers.location === '/sign-in/set-up-two-factor') {
    const page = await agent.get('/sign-in/set-up-two-factor');
    const secret = secretOf(page.text);
    secrets.set(email, secret);
    return agent
      .post('/sign-in/set-up-two-factor')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: await freshCode(secret) });
  }
  const page = await agent.get('/sign-in/security-code');
  return agent
    .post('/sign-in/security-code')
    .type('form')
    .send({ _csrf: csrfOf(page.text), code });
}
