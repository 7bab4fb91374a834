import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['short1!', 'too short'],
    ['aaaaaaaaaaaaaaaa', 'one character repeated'],
    ['abababababababab', 'too few different characters'],
    ['Password2024!', 'a common password dressed up'],
    ['qwertyqwerty', 'a common password repeated'],
    ['abcdefghijklmnop', 'an alphabet run'],
    ['sam.jones-Harbour-77', 'contains the email local part'],
  ])('refuses %s (%s)', (password) => {
    expect(passwordProblem(password, 'sam.jones@example.gov.uk')).not.toBeNull();
  });

  it.each(['Heron-Mosaic-Quill-58', 'correct-horse-battery-staple', 'a-long-enough-test-password'])('accepts %s', (password) => {
    expect(passwordProblem(password, 'sam.jones@example.gov.uk')).toBeNull();
  });
});
