import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/api-platform';
import type { CallView } from '@switchboard/shared-contracts';
import { CallControlDto } from './call-control.dto';
import { VoiceService } from './voice.service';

/** What staff do to a phone call from the ticket workspace. A ticket the caller cannot see is 404. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('tickets/:ticketId/call')
@Roles('agent', 'team_lead', 'admin')
export class CallControlController {
  constructor(private readonly voice: VoiceService) {}

  /** Take the waiting call: the ticket becomes yours and the caller is connected to your softphone. Repeating it is safe. */
  @Post('answer')
  @HttpCode(200)
  answer(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string): Promise<CallView> {
    return this.voice.answer(principal, ticketId);
  }

  /** Hold, resume, hang up or transfer (team leads and admins) a live call. */
  @Post()
  @HttpCode(200)
  control(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string, @Body() body: CallControlDto): Promise<CallView> {
    return this.voice.control(principal, ticketId, body);
  }
}
