import { plainToInstance } from 'class-transformer';
import { IsString, MinLength, validateSync } from 'class-validator';
import { toFieldErrors } from '../errors/validation-errors';
import { OptionalNotNull, OptionalNullable } from './presence';

class Patch {
  @OptionalNotNull() @IsString() @MinLength(1) location?: string;
  @OptionalNullable() @IsString() @MinLength(1) agenda?: string | null;
}

const problems = (body: object) => toFieldErrors(validateSync(plainToInstance(Patch, body)));

describe('what null means for an optional field', () => {
  it('lets either be left out, and validates either when given', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ location: 'Room 1', agenda: 'Terms' })).toEqual([]);
    expect([...new Set(problems({ location: 7, agenda: '' }).map((p) => p.field))]).toEqual(['location', 'agenda']);
  });

  it('refuses null where the field cannot be cleared, with that reason alone', () => {
    expect(problems({ location: null })).toEqual([{ field: 'location', reason: 'location must not be null (leave it out instead)' }]);
  });

  it('takes null where it clears the field', () => {
    expect(problems({ agenda: null })).toEqual([]);
  });
});
