import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

@ApiTags('action-plan')
@ApiBearerAuth()
@Controller('reviews/:id')
export class ActionPlanController {}
