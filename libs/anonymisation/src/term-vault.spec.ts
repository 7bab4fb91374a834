import { randomBytes, randomUUID } from 'node:crypto';
import { TermVault } from './term-vault';

describe('the term vault', () => {
  const vault = new TermVault(randomBytes(32));
  const reviewId = randomUUID();

  it('seals a list that opens only for its own review and key', () => {
    const sealed = vault.seal(reviewId, ['Jane Smith', 'Zoë']);
    expect(sealed.ciphertext.toString('utf8')).not.toContain('Jane');
    expect(vault.open(reviewId, sealed)).toEqual(['Jane Smith', 'Zoë']);
    expect(vault.open(randomUUID(), sealed)).toBeNull();
    expect(new TermVault(randomBytes(32)).open(reviewId, sealed)).toBeNull();
    const tampered = { ...sealed, ciphertext: Buffer.from(sealed.ciphertext.map((b, i) => (i === 0 ? b ^ 1 : b))) };
    expect(vault.open(reviewId, tampered)).toBeNull();
  });

  it('hashes a term the same for every spelling the check treats as equal, and differently per key', () => {
    expect(vault.hash('Zoë  Smith')).toBe(vault.hash(' zoe smith'));
    expect(vault.hash('Zoë Smith')).toMatch(/^[0-9a-f]{64}$/);
    expect(vault.hash('Zoë Smith')).not.toBe(vault.hash('Zoë Smyth'));
    expect(new TermVault(randomBytes(32)).hash('Zoë Smith')).not.toBe(vault.hash('Zoë Smith'));
  });
});
