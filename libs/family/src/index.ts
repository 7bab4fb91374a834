export * from './family.module';
