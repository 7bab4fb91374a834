import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

/** What to say about a field, given the class-validator constraint it failed (isIn, maxLength, …), or 'missing'. */
export type FieldWords = Record<string, (constraint: string) => string>;

/**
 * Checks a form's answers with the lib's own DTO (the rules the API applies), and words each
 * failure for a person: field → message, in the DTO's field order. The DTO's own messages are
 * for developers ("pseudonym must be longer than…"), so each field says it in GOV.UK words.
 */
export async function dtoProblems<T extends object>(
  dto: new () => T,
  answers: Record<string, unknown>,
  words: FieldWords,
): Promise<{ value: T; problems: Record<string, string> }> {
  const value = plainToInstance(dto, answers);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  const problems: Record<string, string> = {};
  for (const error of errors) {
    // A missing answer fails every rule of its field at once: say what is missing, not how long it may be.
    const constraint = error.value === undefined || error.value === '' ? 'missing' : (Object.keys(error.constraints ?? {})[0] ?? 'invalid');
    problems[error.property] = words[error.property]?.(constraint) ?? 'Check this answer';
  }
  return { value, problems };
}

/** A form's text answer: trimmed, and left out (undefined) when blank, so an optional field is not sent empty. */
export function answer(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  return text === '' ? undefined : text;
}
