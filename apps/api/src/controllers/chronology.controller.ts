import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

@ApiTags('chronology')
@ApiBearerAuth()
@Controller('reviews/:id')
export class ChronologyController {}
