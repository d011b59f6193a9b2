import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, pageRequestOf, Roles, type Principal } from '@switchboard/api-platform';
import type { CalibrationReviewView, CalibrationSessionSummary, CalibrationSessionView, Page } from '@switchboard/shared-contracts';
import { CalibrationService } from './calibration.service';
import { CreateCalibrationSessionDto, SaveCalibrationReviewDto } from './qa.dto';

/** Calibration sessions: leads and admins of the client; reviews by the session's reviewers, blind until it closes. */
@ApiTags('qa')
@ApiBearerAuth()
@Controller()
@Roles('team_lead', 'admin')
export class CalibrationController {
  constructor(private readonly calibration: CalibrationService) {}

  @Post('clients/:clientId/calibration-sessions')
  create(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: CreateCalibrationSessionDto): Promise<CalibrationSessionView> {
    return this.calibration.create(principal, clientId, body);
  }

  @Get('clients/:clientId/calibration-sessions')
  list(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<CalibrationSessionSummary>> {
    return this.calibration.list(principal, clientId, pageRequestOf(limit, after, ['string', 'string']));
  }

  @Get('calibration-sessions/:id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CalibrationSessionView> {
    return this.calibration.get(principal, id);
  }

  @Put('calibration-sessions/:id/reviews/:ticketId')
  save(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('ticketId') ticketId: string, @Body() body: SaveCalibrationReviewDto): Promise<CalibrationReviewView> {
    return this.calibration.saveReview(principal, id, ticketId, body);
  }

  @Post('calibration-sessions/:id/reviews/:ticketId/submit')
  @HttpCode(200)
  submit(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('ticketId') ticketId: string): Promise<CalibrationReviewView> {
    return this.calibration.submitReview(principal, id, ticketId);
  }

  @Post('calibration-sessions/:id/close')
  @HttpCode(200)
  close(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CalibrationSessionView> {
    return this.calibration.close(principal, id);
  }
}
