import { Module } from '@nestjs/common';
import { AuditModule } from '@switchboard/api-audit';
import { AutoQaController } from './autoqa.controller';
import { AutoQaJob } from './autoqa.job';
import { AutoQaService } from './autoqa.service';
import { CalibrationController } from './calibration.controller';
import { CalibrationService } from './calibration.service';
import { CoachingController } from './coaching.controller';
import { CoachingService } from './coaching.service';
import { DisputeService } from './dispute.service';
import { QaReportController } from './qa-report.controller';
import { QaReportService } from './qa-report.service';
import { QaSettingsController } from './qa-settings.controller';
import { QaSettingsService } from './qa-settings.service';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';
import { SamplingController } from './sampling.controller';
import { SamplingDrawService } from './sampling-draw.service';
import { SamplingJob } from './sampling.job';
import { SamplingPolicyService } from './sampling-policy.service';
import { ScorecardController } from './scorecard.controller';
import { ScorecardService } from './scorecard.service';

/** Quality assurance: scorecards (versioned), evaluations by leads, the agent's acknowledgement and disputes, sampling policies and their durable draws, AutoQA of resolved tickets, blind calibration sessions, coaching notes, QA reports. */
@Module({
  imports: [AuditModule],
  controllers: [ScorecardController, EvaluationController, SamplingController, AutoQaController, CalibrationController, CoachingController, QaReportController, QaSettingsController],
  providers: [ScorecardService, EvaluationService, DisputeService, SamplingPolicyService, SamplingDrawService, SamplingJob, AutoQaService, AutoQaJob, CalibrationService, CoachingService, QaReportService, QaSettingsService],
  exports: [SamplingJob, SamplingDrawService, AutoQaJob],
})
export class QaModule {}
