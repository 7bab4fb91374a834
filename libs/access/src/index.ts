export * from './agency-view';
export * from './review-access.policy';
export * from './document-access.policy';
