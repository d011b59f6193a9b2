import { Module } from '@nestjs/common';
import { AuditModule } from '@switchboard/api-audit';
import { ClientAdminService } from './client-admin.service';
import { ClientsController, InboxesController, WidgetController } from './tenancy.controller';
import { TenancyService } from './tenancy.service';

@Module({ imports: [AuditModule], controllers: [ClientsController, InboxesController, WidgetController], providers: [TenancyService, ClientAdminService], exports: [TenancyService] })
export class TenancyModule {}
