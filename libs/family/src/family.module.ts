import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dhr/audit';
import { FamilyContactEntity, FamilyMemberEntity } from './family.entities';
import { FamilyService } from './family.service';

/** Family members and advocates of a review, and the log of contacts with them. */
@Module({
  imports: [TypeOrmModule.forFeature([FamilyMemberEntity, FamilyContactEntity]), AuditModule],
  providers: [FamilyService],
  exports: [FamilyService],
})
export class FamilyModule {}
