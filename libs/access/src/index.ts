export * from './agency-view';
export * from './review-access.policy';
