import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '@dhr/audit';
import { DocumentsModule } from '@dhr/documents';
import { JobHandlers, JobQueue, JobsModule, OutboxRelay } from '@dhr/jobs';
import { DocumentTextIndexer } from './document-text-indexer';
import { SearchService } from './search.service';

/**
 * Search across the reviews a caller may see and the text of the documents they may read.
 * A stored version's outbox row queues its indexing; the sweep queues a backfill of anything not indexed.
 */
@Module({
  imports: [AuditModule, DocumentsModule, JobsModule],
  providers: [SearchService, DocumentTextIndexer],
  exports: [SearchService],
})
export class SearchModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly handlers: JobHandlers,
    private readonly jobs: JobQueue,
    private readonly indexer: DocumentTextIndexer,
  ) {}

  onModuleInit(): void {
    this.relay.on('document.version-stored', ({ versionId }) => this.jobs.add({ name: 'index-document-text', data: { versionId } }));
    this.handlers.register('index-document-text', async ({ versionId }) => void (await this.indexer.index(versionId)));
    this.handlers.register('backfill-document-text', async () => void (await this.indexer.backfill()));
  }
}
