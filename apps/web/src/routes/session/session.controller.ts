import { Controller, HttpCode, Post } from '@nestjs/common';

/**
 * "Stay signed in" in the timeout warning: any signed-in request restarts the idle clock (the
 * session middleware notes it), so this one has nothing else to do. A POST, so it carries the
 * CSRF token like every form; a session already over is sent to sign in by the guard.
 */
@Controller('session')
export class SessionController {
  @HttpCode(204)
  @Post('keep-alive')
  keepAlive(): void {}
}
