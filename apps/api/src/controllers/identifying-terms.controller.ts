import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

@ApiTags('identifying-terms')
@ApiBearerAuth()
@Controller('reviews/:id')
export class IdentifyingTermsController {}
