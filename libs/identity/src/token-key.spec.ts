import { KeyObject, randomBytes } from 'node:crypto';
import { JwtSecretRequestType, JwtService } from '@nestjs/jwt';
import { loadConfig } from '@dhr/core';
import { tokenJwtOptions } from './token-key';

describe('the bearer tokens’ key', () => {
  const secret = randomBytes(32).toString('hex');
  const options = tokenJwtOptions(loadConfig({ TOKEN_SECRET: secret }));

  it('is an HMAC KeyObject, made once', () => {
    const key = options.secretOrKeyProvider!(JwtSecretRequestType.VERIFY, 'token');
    expect(key).toBeInstanceOf(KeyObject);
    expect((key as KeyObject).type).toBe('secret');
    expect(options.secretOrKeyProvider!(JwtSecretRequestType.SIGN, {})).toBe(key);
  });

  it('signs and verifies as the secret itself does: tokens issued before still verify, others do not', async () => {
    const withKey = new JwtService(options);
    const withString = new JwtService({ secret });
    const issuedBefore = await withString.signAsync({ sub: 'a' }, { algorithm: 'HS256' });
    await expect(withKey.verifyAsync(issuedBefore, { algorithms: ['HS256'] })).resolves.toMatchObject({ sub: 'a' });
    const issuedNow = await withKey.signAsync({ sub: 'b' }, { algorithm: 'HS256' });
    await expect(withString.verifyAsync(issuedNow, { algorithms: ['HS256'] })).resolves.toMatchObject({ sub: 'b' });
    const forged = await new JwtService({ secret: randomBytes(32).toString('hex') }).signAsync({ sub: 'c' }, { algorithm: 'HS256' });
    await expect(withKey.verifyAsync(forged, { algorithms: ['HS256'] })).rejects.toThrow();
  });
});
