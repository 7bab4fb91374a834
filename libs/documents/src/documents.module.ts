import { Module, OnModuleInit } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dhr/audit';
import { ReviewExtensions, ReviewsModule } from '@dhr/reviews';
import { IdentityModule } from '@dhr/identity';
import { NotificationsModule } from '@dhr/notifications';
import { AppConfig } from '@dhr/core';
import { DocumentStore, LocalDocumentStore } from './document-store';
import { PostgresDocumentStore } from './postgres-document-store';
import { DocumentUploadChecks } from './document-upload-checks';
import { DocumentEntity, DocumentVersionEntity } from './document.entities';
import { documentsConfig, DocumentsConfig } from './documents.config';
import { DocumentsService } from './documents.service';
import { DocumentsReviewExtension } from './documents-review.extension';
import { DocumentHistory } from './document-history';
import { PanelPapers } from './panel-papers';

/**
 * Documents of reviews. Also provides the multer options for `FileInterceptor`
 * (memory storage: multer's default without `dest`/`storage`; DOCUMENT_MAX_BYTES
 * per file, so a bigger one is a 413 before anything is stored).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([DocumentEntity, DocumentVersionEntity]),
    AuditModule,
    ReviewsModule,
    IdentityModule,
    NotificationsModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.DOCUMENT_MAX_BYTES, files: 1, fields: 10, fieldSize: 4096 } }),
    }),
  ],
  providers: [
    { provide: DocumentsConfig, inject: [AppConfig], useFactory: (config: AppConfig) => documentsConfig(config) },
    {
      provide: DocumentStore,
      inject: [DocumentsConfig, AppConfig],
      useFactory: (config: DocumentsConfig, app: AppConfig) =>
        config.store === 'postgres' ? new PostgresDocumentStore(app.DATABASE_URL) : new LocalDocumentStore(config.root),
    },
    DocumentsService,
    DocumentUploadChecks,
    DocumentsReviewExtension,
    DocumentHistory,
    PanelPapers,
  ],
  exports: [DocumentsService, DocumentHistory, PanelPapers, DocumentStore, DocumentUploadChecks, DocumentsConfig, MulterModule],
})
export class DocumentsModule implements OnModuleInit {
  constructor(
    private readonly extensions: ReviewExtensions,
    private readonly extension: DocumentsReviewExtension,
  ) {}

  onModuleInit(): void {
    this.extensions.register(this.extension);
  }
}
