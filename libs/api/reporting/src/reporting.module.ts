import { Module } from '@nestjs/common';
import { AuditModule } from '@switchboard/api-audit';
import { TenancyModule } from '@switchboard/api-tenancy';
import { LiveReportService } from './live-report.service';
import { ReportExportService } from './report-export.service';
import { ReportScheduleJob } from './report-schedule.job';
import { ReportScheduleService } from './report-schedule.service';
import { ReportService } from './report.service';
import { ReportingController } from './reporting.controller';
import { SlaContractService } from './sla-contract.service';
import { SlaEvidenceController } from './sla-evidence.controller';
import { SlaEvidenceService } from './sla-evidence.service';
import { TicketFactProjector } from './ticket-fact.projector';

/** Client reporting: ticket facts projected from the event log, KPI reports, drill-down, transcripts, live tiles, SLA contracts and statements. */
@Module({
  imports: [AuditModule, TenancyModule],
  controllers: [ReportingController, SlaEvidenceController],
  providers: [TicketFactProjector, ReportService, SlaContractService, LiveReportService, ReportExportService, ReportScheduleService, ReportScheduleJob, SlaEvidenceService],
  exports: [TicketFactProjector],
})
export class ReportingModule {}
