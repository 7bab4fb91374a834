export * from './family.module';
export * from './family.dto';
export * from './family.entities';
export * from './family.service';
export * from './family.view';
