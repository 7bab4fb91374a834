import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppConfig, ConfigError, secretFromVar } from '@dhr/core';

/**
 * AES-256-GCM for two-factor secrets, under a key derived (HKDF-SHA256) from DOCUMENT_KEY:
 * one key to keep and rotate, yet a different key from the documents'. Stored as iv | tag | ciphertext.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    const encoded = secretFromVar(config.DOCUMENT_KEY, config.VAR_DIR, 'document-key', 'DOCUMENT_KEY');
    const master = Buffer.from(encoded, 'base64');
    if (master.length !== 32)
      throw new ConfigError('Invalid configuration:\n  DOCUMENT_KEY must be the base64 encoding of exactly 32 bytes');
    this.key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'dhr two-factor secrets v1', 32));
  }

  seal(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }
}
