import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('reviews/:id')
export class MeetingsController {}
