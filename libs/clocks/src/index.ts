export * from './clocks.module';
export * from './clocks.service';
export * from './deadline.view';
export * from './rulebook.token';
export * from './alarm-plan';
export * from './time';
export * from './overdue-clocks';
