export * from './reporting.module';
export * from './facts-projected.event';
export * from './ticket-fact.projector';
export * from './report-export.service';
export * from './report-schedule.job';
export { ReportService } from './report.service';
export { SlaContractService } from './sla-contract.service';
