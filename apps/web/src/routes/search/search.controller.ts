import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@dhr/core';
import { Actor, CurrentActor } from '@dhr/identity';
import { MAX_TERMS_LENGTH, SearchService } from '@dhr/search';
import { PageRoles } from '../../auth/page-access';
import { formErrors } from '../../presenters/form-errors';
import { resultCount, searchResultRow } from '../../presenters/search-results.presenter';
import { pageNumber } from '../reviews/reviews.controller';

const PAGE_SIZE = 20;

/**
 * Search (GOV.UK search pattern). The form POSTs (with its CSRF token) and the results are
 * rendered in the answer, with no redirect: the terms may be a name and never go in a URL, so
 * they are in no address bar, history, referrer or access log. Pages of results are POSTs too.
 */
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @PageRoles('coordinator', 'csp_chair', 'independent_chair', 'agency_contact')
  form(@Res() res: Response): void {
    res.render('pages/search/search', { q: '', maxLength: MAX_TERMS_LENGTH });
  }

  @Post()
  @PageRoles('coordinator', 'csp_chair', 'independent_chair', 'agency_contact')
  async results(@CurrentActor() actor: Actor, @Body() body: { q?: unknown; page?: unknown }, @Res() res: Response): Promise<void> {
    const q = typeof body.q === 'string' ? body.q : '';
    const page = pageNumber(body.page);
    try {
      const found = await this.search.search(actor, { q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
      res.render('pages/search/search', {
        q,
        maxLength: MAX_TERMS_LENGTH,
        searched: true,
        count: resultCount(found.total),
        rows: found.items.map(searchResultRow),
        page,
        pages,
        previousPage: page > 1 ? Math.min(page - 1, pages) : null,
        nextPage: page < pages ? page + 1 : null,
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
      const message =
        q.trim() === '' ? 'Enter what you want to search for' : `Search terms must be ${MAX_TERMS_LENGTH} characters or fewer`;
      res.status(400).render('pages/search/search', { q, maxLength: MAX_TERMS_LENGTH, errors: formErrors({ q: message }) });
    }
  }
}
