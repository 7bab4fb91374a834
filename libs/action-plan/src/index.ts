// What the apps use of the action-plan lib: the module, the services, DTOs and views. No ORM entities.
export * from './action-plan.module';
export { RECOMMENDATION_SCOPES } from './action-plan.entities';
export type { RecommendationScope } from './action-plan.entities';
export * from './action-plan.service';
export type { ActionPlanView, ActionView, RecommendationSummary } from './action-plan.view';
export * from './recommendation.dto';
export { londonToday } from './recommendation-routing';
export * from './recommendations.service';
export { ROUTING_STATUSES, ROUTING_STATUS_WORDS } from './recommendation-routing';
export type { RecommendationRouting, RoutingStatus } from './recommendation-routing';
