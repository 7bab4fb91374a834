import { ApiProperty } from '@nestjs/swagger';
import { AGENCY_KINDS, ROLES } from '@dhr/identity';

// What libs/identity (identity.views.ts, directory.ts, auth.service.ts) answers.

export class AccessToken {
  @ApiProperty({ description: 'send as `Authorization: Bearer <accessToken>`' }) accessToken: string;
  @ApiProperty({ type: 'integer', description: 'seconds until it expires' }) expiresIn: number;
}

export class Partnership {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'used in review references', example: 'CROY' }) code: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'emails are sent as this name (null: that of MAIL_FROM)' })
  senderName: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'emails are sent from this address (null: that of MAIL_FROM)' })
  senderEmail: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'who recipients should contact (null: the coordinators)' })
  contactName: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: "the contact's address, every email's Reply-To (null: the coordinators')" })
  contactEmail: string | null;
}

export class Agency {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partnershipId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: AGENCY_KINDS }) kind: string;
}

export class User {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'null for administrators' }) partnershipId: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'agency contacts only' }) agencyId: string | null;
}

export class Membership {
  @ApiProperty({ format: 'uuid' }) partnershipId: string;
  @ApiProperty({ type: 'string', nullable: true }) partnershipName: string | null;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) agencyId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) agencyName: string | null;
}

export class MembershipOfUser extends Membership {
  @ApiProperty({ description: 'the account’s home partnership (the one its user record names)' }) home: boolean;
}

/** GET/POST/DELETE /api/users/:id/memberships: every partnership the person is a member of. */
export class MembershipList {
  @ApiProperty({ type: [MembershipOfUser], description: 'home first, then by partnership name' }) items: MembershipOfUser[];
}

/** GET /api/me: who the caller is, with names. */
export class Me {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) partnershipId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) partnershipName: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) agencyId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) agencyName: string | null;
  @ApiProperty({ type: [Membership], description: 'one per partnership the person serves (administrators: none)' })
  memberships: Membership[];
}

export class PartnershipList {
  @ApiProperty({ type: [Partnership], description: 'administrators: every partnership; everyone else: their own' }) items: Partnership[];
}

export class AgencyList {
  @ApiProperty({ type: [Agency] }) items: Agency[];
}

export class DirectoryUser extends User {
  @ApiProperty({ type: 'string', nullable: true }) agencyName: string | null;
  @ApiProperty({ description: 'false once the account is deactivated (it can no longer sign in)' }) active: boolean;
}

export class UserList {
  @ApiProperty({ type: [DirectoryUser] }) items: DirectoryUser[];
}
