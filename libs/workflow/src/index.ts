export * from './dhr-workflows';
export * from './workflow-registry';
export * from './workflow-version';
export * from './workflow.module';
