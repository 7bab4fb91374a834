export * from './action-plan.module';
export * from './action-plan.entities';
export * from './action-plan.service';
export * from './action-plan.view';
export * from './recommendation.dto';
export * from './recommendations.service';
