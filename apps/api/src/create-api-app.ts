import { DynamicModule, INestApplication, Module, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, Clock, nestLogLevels, CoreModule, HttpExceptionFilter, migrate, validationException } from '@dhr/core';
import { ensureBootstrapAdmin, IdentityService } from '@dhr/identity';
import { ApiModule } from './api.module';

@Module({})
class ApiRootModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return { module: ApiRootModule, imports: [CoreModule.forRoot(config, clock), ApiModule] };
  }
}

/**
 * Migrates the database and builds the HTTP app, not yet listening. Shared by
 * `main.ts` and the e2e tests so both run exactly the same wiring.
 */
export async function createApiApp(config: AppConfig, options: { clock?: Clock; logger?: false } = {}): Promise<INestApplication> {
  await migrate(config.DATABASE_URL);
  const app = await NestFactory.create(ApiRootModule.forRoot(config, options.clock), {
    logger: options.logger === false ? false : nestLogLevels(config.LOG_LEVEL),
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationException }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('DHR engine')
      .setDescription('Domestic Homicide Review workflow engine, HTTP contract v1')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);

  await ensureBootstrapAdmin(config, app.get(IdentityService));
  return app;
}
