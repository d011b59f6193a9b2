import { Module } from '@nestjs/common';
import { AuditModule } from '@switchboard/api-audit';
import { DisputeService } from './dispute.service';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';
import { SamplingController } from './sampling.controller';
import { SamplingDrawService } from './sampling-draw.service';
import { SamplingJob } from './sampling.job';
import { SamplingPolicyService } from './sampling-policy.service';
import { ScorecardController } from './scorecard.controller';
import { ScorecardService } from './scorecard.service';

/** Quality assurance: scorecards (versioned), evaluations by leads, the agent's acknowledgement and disputes, sampling policies and their durable draws. */
@Module({
  imports: [AuditModule],
  controllers: [ScorecardController, EvaluationController, SamplingController],
  providers: [ScorecardService, EvaluationService, DisputeService, SamplingPolicyService, SamplingDrawService, SamplingJob],
  exports: [SamplingJob, SamplingDrawService],
})
export class QaModule {}
