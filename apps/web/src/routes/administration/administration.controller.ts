import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PageRoles } from '../../auth/page-access';

/** Administrators' landing page. The administration pages themselves are not built yet. */
@Controller('administration')
export class AdministrationController {
  @Get()
  @PageRoles('admin')
  administration(@Res() res: Response): void {
    res.render('pages/administration/administration');
  }
}
