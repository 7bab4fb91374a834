import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReviewsModule } from '@dhr/reviews';
import { FamilyContactEntity, FamilyMemberEntity } from './family.entities';
import { FamilyService } from './family.service';

/** Family members and advocates of a review, and the log of contacts with them. */
@Module({
  imports: [TypeOrmModule.forFeature([FamilyMemberEntity, FamilyContactEntity]), ReviewsModule],
  providers: [FamilyService],
  exports: [FamilyService],
})
export class FamilyModule {}
