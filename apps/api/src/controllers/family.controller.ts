import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

@ApiTags('family')
@ApiBearerAuth()
@Controller('reviews/:id')
export class FamilyController {}
