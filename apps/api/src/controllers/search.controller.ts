import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { SearchService } from '@dhr/search';
import { ApiErrors } from '../contract/error-body.response';
import { SearchRequestDto, SearchResults } from '../contract/search.response';

const SEARCHERS = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
const DESCRIPTION =
  'Reviews the caller may see whose reference, pseudonym, stage, chair or agency contains the terms, or a document ' +
  'they may read whose text matches (latest versions). Best first. Every search is audited (never the terms).';

/** Search. GET for the contract; POST so an integration can keep the terms out of URLs and logs. */
@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Roles(...SEARCHERS)
  @Get()
  @ApiOperation({ operationId: 'search', summary: 'Search reviews and the text of their documents', description: DESCRIPTION })
  @ApiQuery({ name: 'q', required: true, description: 'what to search for (1 to 200 characters)' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ type: SearchResults })
  @ApiErrors(400, 401, 403)
  get(@CurrentActor() actor: Actor, @Query('q') q: unknown, @Query('limit') limit: unknown, @Query('offset') offset: unknown) {
    return this.search.search(actor, { q, limit, offset });
  }

  @Roles(...SEARCHERS)
  @Post()
  @HttpCode(200)
  @ApiOperation({ operationId: 'searchByBody', summary: 'Search, with the terms in the body (kept out of URLs)', description: DESCRIPTION })
  @ApiBody({ type: SearchRequestDto })
  @ApiOkResponse({ type: SearchResults })
  @ApiErrors(400, 401, 403)
  post(@CurrentActor() actor: Actor, @Body() body: SearchRequestDto) {
    return this.search.search(actor, { q: body?.q, limit: body?.limit, offset: body?.offset });
  }
}
