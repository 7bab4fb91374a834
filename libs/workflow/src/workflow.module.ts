import { Module } from '@nestjs/common';
import { dhrWorkflows } from './dhr-workflows';
import { WorkflowRegistry } from './workflow-registry';

@Module({
  providers: [{ provide: WorkflowRegistry, useFactory: dhrWorkflows }],
  exports: [WorkflowRegistry],
})
export class WorkflowModule {}
