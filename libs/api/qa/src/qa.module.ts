import { Module } from '@nestjs/common';
import { AuditModule } from '@switchboard/api-audit';
import { DisputeService } from './dispute.service';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';
import { ScorecardController } from './scorecard.controller';
import { ScorecardService } from './scorecard.service';

/** Quality assurance: scorecards (versioned), evaluations by leads, the agent's acknowledgement and disputes. */
@Module({
  imports: [AuditModule],
  controllers: [ScorecardController, EvaluationController],
  providers: [ScorecardService, EvaluationService, DisputeService],
})
export class QaModule {}
