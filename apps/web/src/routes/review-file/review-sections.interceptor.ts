import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import type { Actor } from '@dhr/identity';
import { reviewSubNavigation } from '../../presenters/review-sections';

/**
 * Gives every page's templates `reviewSubNavigation(reviewId, section)`: the review's
 * sub-navigation for the signed-in person. Bound here, once, so every page that shows a
 * review's heading (whoever's controller renders it) lists exactly what this person may open.
 */
@Injectable()
export class ReviewSectionsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const actor = http.getRequest<Request & { actor?: Actor }>().actor;
    if (actor)
      http.getResponse<Response>().locals.reviewSubNavigation = (reviewId: string, section: string) =>
        reviewSubNavigation(actor.role, reviewId, section);
    return next.handle();
  }
}
