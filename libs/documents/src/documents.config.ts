import { AppConfig, ConfigError, secretFromVar } from '@dhr/core';

/** Settings of the document store, validated when the module starts. */
export class DocumentsConfig {
  constructor(
    readonly maxBytes: number,
    readonly key: Buffer,
    readonly root: string,
    readonly store: AppConfig['DOCUMENT_STORE'] = 'filesystem',
  ) {}
}

/** DOCUMENT_KEY: base64 of 32 bytes (AES-256); unset: generated once into VAR_DIR/document-key, with a warning. */
export function documentKey(config: AppConfig): Buffer {
  const encoded = secretFromVar(config.DOCUMENT_KEY, config.VAR_DIR, 'document-key', 'DOCUMENT_KEY');
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32 || key.toString('base64') !== encoded.replace(/\s/g, ''))
    throw new ConfigError('Invalid configuration:\n  DOCUMENT_KEY must be the base64 encoding of exactly 32 bytes');
  return key;
}

export function documentsConfig(config: AppConfig): DocumentsConfig {
  // A shared store with a key generated into one machine's VAR_DIR: the other machines could not open its documents.
  if (config.DOCUMENT_STORE === 'postgres' && !config.DOCUMENT_KEY)
    throw new ConfigError('Invalid configuration:\n  DOCUMENT_KEY must be set (the same on every machine) when DOCUMENT_STORE is postgres');
  return new DocumentsConfig(config.DOCUMENT_MAX_BYTES, documentKey(config), config.VAR_DIR, config.DOCUMENT_STORE);
}
