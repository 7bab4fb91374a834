import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReviewEntity } from '../review.entities';

/** What system work (alarms, emails) needs to know of a review, without a caller's access or the snapshot. */
export interface ReviewSummary {
  id: string;
  reference: string;
  partnershipId: string;
  chairUserId: string | null;
  stage: string;
  onHold: boolean;
}

/** The reviews lib's answer to other libs' questions about a review: read from its denormalised columns. */
@Injectable()
export class ReviewReadModel {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async summary(reviewId: string, manager: EntityManager = this.db.manager): Promise<ReviewSummary | null> {
    const row = await manager.getRepository(ReviewEntity).findOne({
      select: { id: true, reference: true, partnershipId: true, chairUserId: true, stage: true, onHold: true },
      where: { id: reviewId },
    });
    return row
      ? {
          id: row.id,
          reference: row.reference,
          partnershipId: row.partnershipId,
          chairUserId: row.chairUserId,
          stage: row.stage,
          onHold: row.onHold,
        }
      : null;
  }
}
