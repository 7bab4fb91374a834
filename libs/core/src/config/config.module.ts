import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '../time/clock';
import { AppConfig } from './app-config';

/** The validated AppConfig and the Clock, injectable everywhere. Tests pass their own clock. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [AppConfig, Clock],
    };
  }
}
