import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PublicPage } from '../../auth/page-access';

/** Pages with the same words for everyone, signed in or not. */
@Controller()
@PublicPage()
export class StaticPagesController {
  @Get('accessibility')
  accessibility(@Res() res: Response): void {
    res.render('pages/accessibility');
  }

  @Get('privacy')
  privacy(@Res() res: Response): void {
    res.render('pages/privacy');
  }

  @Get('help')
  help(@Res() res: Response): void {
    res.render('pages/help');
  }
}
