import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { STAGES, Stage } from '@dhr/workflows/dhr/v1/dhr.types';

export class ListReviewsQuery {
  @ApiPropertyOptional({ enum: STAGES }) @IsOptional() @IsIn(STAGES) stage?: Stage;

  @ApiPropertyOptional({ description: 'only reviews with an open clock past its due time' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ enum: ['created', 'nextDue'], default: 'created', description: 'newest first, or the next open deadline first' })
  @IsOptional()
  @IsIn(['created', 'nextDue'])
  sort: 'created' | 'nextDue' = 'created';

  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page = 1;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit = 50;
}
