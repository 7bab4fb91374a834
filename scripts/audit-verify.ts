// Recomputes the audit hash chains and reports the first broken entry:
//   node dist/scripts/audit-verify.js                     every chain
//   node dist/scripts/audit-verify.js --chain <id|system> one partnership's chain
// Reads the same environment as the app; exits 1 when a chain is broken, 2 when it could not check.
import { parseArgs } from 'node:util';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule, DatabaseModule, loadConfig } from '@dhr/core';
import { AuditModule, AuditVerifier, describeVerification } from '@dhr/audit';

@Module({})
class AuditVerifyModule {
  static forRoot(): DynamicModule {
    return { module: AuditVerifyModule, imports: [CoreModule.forRoot(loadConfig()), DatabaseModule, AuditModule] };
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { chain: { type: 'string' } } });
  const app = await NestFactory.createApplicationContext(AuditVerifyModule.forRoot(), { logger: ['error', 'warn'], abortOnError: false });
  try {
    const { message, exitCode } = describeVerification(await app.get(AuditVerifier).verify(values.chain));
    process.stdout.write(`${message}\n`);
    process.exitCode = exitCode;
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
