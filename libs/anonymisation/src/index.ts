export * from './anonymisation.module';
export * from './anonymisation-scanner';
export * from './extraction/document-text';
export * from './identifying-terms.dto';
export * from './identifying-terms.service';
export * from './term-matching';
export * from './draft-check.service';
