export * from './clock.entity';
export * from './clocks.module';
export * from './clocks.service';
export * from './deadline.view';
export * from './outbox.writer';
export * from './rulebook.token';
