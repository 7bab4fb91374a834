export * from './search.module';
export * from './search.service';
export * from './search-terms';
export * from './review-search.query';
export { DocumentTextIndexer } from './document-text-indexer';
