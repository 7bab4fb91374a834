export * from './chronology.module';
