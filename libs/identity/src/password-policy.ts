import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * The minimum strength of a new password (users created through the API and
 * BOOTSTRAP_ADMIN_PASSWORD). Length matters most (NIST SP 800-63B): no rules on
 * character classes, but refuse what an attacker tries first — the most common
 * passwords, one character or a short pattern repeated, a keyboard or alphabet
 * run, and the user's own email name.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
const MIN_DISTINCT_CHARACTERS = 5;

/**
 * The most common passwords and password stems (lower case). A password that is
 * one of these, or one of these with digits or symbols around it
 * ('Password2024!'), or one of these repeated ('qwertyqwerty'), is refused.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'passwordpassword',
  'qwerty',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx',
  '1q2w3e4r',
  '1q2w3e4r5t6y',
  'qazwsx',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'administrator',
  'changeme',
  'default',
  'secret',
  'trustno1',
  'monkey',
  'dragon',
  'master',
  'shadow',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'batman',
  'starwars',
  'whatever',
  'freedom',
  'michael',
  'charlie',
  'liverpool',
  'chelsea',
  'arsenal',
  'summer',
  'winter',
  'computer',
  'internet',
  'abc123',
  'login',
  'hello',
  'access',
]);

/** Runs an attacker walks through: the alphabet, digits and keyboard rows, either way. */
const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn'];

/** Why a password is refused, as the `reason` of a 400 naming `password`; null when it is acceptable. */
export function passwordProblem(password: unknown, email?: unknown): string | null {
  if (typeof password !== 'string') return 'password must be a string';
  if ([...password].length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < MIN_DISTINCT_CHARACTERS) {
    return `password must not be one character or a few repeated (use at least ${MIN_DISTINCT_CHARACTERS} different characters)`;
  }
  const local = localPartOf(email);
  if (local !== null && local.length >= 3 && lower.includes(local)) return 'password must not contain the email address or its name part';
  if (isCommon(lower)) return 'password is too common: choose a longer phrase of unrelated words';
  if (isSequence(lower)) return 'password must not be a simple sequence such as abcdef… or 123456…';
  return null;
}

function localPartOf(email: unknown): string | null {
  if (typeof email !== 'string') return null;
  const at = email.lastIndexOf('@');
  return (at > 0 ? email.slice(0, at) : email).trim().toLowerCase() || null;
}

function isCommon(lower: string): boolean {
  const stem = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const unit = /^(.+?)\1+$/.exec(stem)?.[1];
  return COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(stem) || (unit !== undefined && COMMON_PASSWORDS.has(unit));
}

function isSequence(lower: string): boolean {
  const compact = lower.replace(/[\s_-]+/g, '');
  return SEQUENCES.some((run) => {
    const twice = run.repeat(Math.ceil(compact.length / run.length) + 1);
    const reversed = [...twice].reverse().join('');
    return twice.includes(compact) || reversed.includes(compact);
  });
}

/**
 * class-validator decorator applying passwordProblem, with the email read from
 * the same object's `emailProperty` (so the rule can see both fields).
 */
export function MeetsPasswordPolicy(emailProperty = 'email', options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    const emailOf = (args: ValidationArguments) => (args.object as Record<string, unknown>)[emailProperty];
    registerDecorator({
      name: 'meetsPasswordPolicy',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => passwordProblem(value, emailOf(args)) === null,
        defaultMessage: (args?: ValidationArguments) =>
          (args ? passwordProblem(args.value, emailOf(args)) : null) ?? 'password is not acceptable',
      },
    });
  };
}
