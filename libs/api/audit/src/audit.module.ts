import { Module } from '@nestjs/common';
import { AuditSearchService } from './audit-search.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({ controllers: [AuditController], providers: [AuditService, AuditSearchService], exports: [AuditService] })
export class AuditModule {}
