import { Module } from '@nestjs/common';
import { ClientsController, WidgetController } from './tenancy.controller';
import { TenancyService } from './tenancy.service';

@Module({ controllers: [ClientsController, WidgetController], providers: [TenancyService], exports: [TenancyService] })
export class TenancyModule {}
